"""Admin for participants: filters, search, actions through the services, import and export.

Group leaders (staff accounts in ``WorkingGroup.leaders``) see and act on their own groups' participants only.
Status and group change only through actions, which take the places lock like every other change.
"""

from __future__ import annotations

import hashlib
import hmac

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from simple_history.admin import SimpleHistoryAdmin

from consultation.admin import GroupScopedAdminMixin, SafeLookupsMixin, SpreadsheetAdmin, revoke_private_link
from consultation.i18n import translated_names
from consultation.mail import mail_send
from consultation.models import Consultation, Organisation
from consultation.roles import is_organiser
from consultation.search_text import SearchTextAdminMixin
from workgroups.models import WorkingGroup

from .models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    REGISTRATION_EMAIL,
    DeskAction,
    Participant,
    registration_code_new,
)
from .pdf import badges_pdf
from .selectors import groups_managed
from .services import (
    RegistrationError,
    participants_link_organisation,
    registration_cancel,
    registration_confirm,
    registration_move,
    registration_place,
    waiting_lists_promote,
)


class GroupNumberWidget(widgets.ForeignKeyWidget):
    """A group by its number within the row's consultation."""

    def __init__(self) -> None:
        super().__init__(WorkingGroup, field="number")

    def get_queryset(self, value, row, *args, **kwargs):
        return WorkingGroup.objects.filter(consultation__slug=row.get("consultation"))

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (WorkingGroup.DoesNotExist, ValueError) as error:
            raise ValueError(
                _("No working group %(number)s in this consultation.") % {"number": value}
            ) from error


class ParticipantResource(resources.ModelResource):
    consultation = fields.Field(
        attribute="consultation",
        column_name="consultation",
        widget=widgets.ForeignKeyWidget(Consultation, "slug"),
    )
    group = fields.Field(attribute="group", column_name="group", widget=GroupNumberWidget())
    organisation = fields.Field(attribute="organisation_name", column_name="organisation")
    code = fields.Field(attribute="code", column_name="code", readonly=True)
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    waiting_position = fields.Field(
        attribute="waiting_position", column_name="waiting_position", readonly=True
    )
    checked_in_at = fields.Field(
        attribute="checked_in_at", column_name="checked_in_at", readonly=True, widget=widgets.DateTimeWidget()
    )
    is_walk_in = fields.Field(attribute="is_walk_in", column_name="is_walk_in", readonly=True)
    created_at = fields.Field(
        attribute="created_at", column_name="created_at", readonly=True, widget=widgets.DateTimeWidget()
    )

    class Meta:
        model = Participant
        fields = [
            "consultation",
            "code",
            "first_name",
            "last_name",
            "email",
            "phone",
            "organisation",
            "sector",
            "position",
            "group",
            "status",
            "waiting_position",
            "needs_accessibility",
            "needs_diet",
            "needs_other",
            "consent_data",
            "consent_listing",
            "language",
            "is_walk_in",
            "checked_in_at",
            "created_at",
        ]
        export_order = fields
        clean_model_instances = True

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)  # one bad row: nothing is imported
        return super().import_data(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        return None  # an import adds people; changes go through the admin or the private link

    def dehydrate_organisation(self, participant: Participant) -> str:
        return participant.organisation_display

    def after_init_instance(self, instance, new, row, **kwargs):
        # The preview (a dry run) and the import itself give each row the same code: what the preview shows
        # is what is stored.
        instance.code = imported_code(
            consultation_slug=row.get("consultation") or "", email=row.get("email") or ""
        )

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.group_id:
            instance.first_choice_id = instance.group_id
        typed = " ".join((instance.organisation_name or "").split())
        known = typed and Organisation.objects.named(typed).first()
        instance.organisation, instance.organisation_name = (known, "") if known else (None, typed)
        if not instance.email:
            raise ValidationError({"email": _("Every imported person needs an e-mail address.")})

    def before_save_instance(self, instance, row, **kwargs):
        registration_place(participant=instance)
        instance._change_reason = _("import")

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run"):
            mail_send(instance, template=REGISTRATION_EMAIL, context={"kind": "registered"})


def imported_code(*, consultation_slug: str, email: str) -> str:
    """A registration code derived (with the secret key) from the row, the first one not yet taken."""
    for attempt in range(100):
        digest = hmac.new(
            settings.SECRET_KEY.encode(),
            f"import:{consultation_slug}:{email.strip().lower()}:{attempt}".encode(),
            hashlib.sha256,
        ).digest()
        code = "".join(CODE_ALPHABET[byte % len(CODE_ALPHABET)] for byte in digest[:CODE_LENGTH])
        if not Participant.objects.filter(consultation__slug=consultation_slug, code=code).exists():
            return code
    return registration_code_new()


def _group_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=WorkingGroup.objects.select_related("consultation"),
        required=False,
        label=_("to group"),
        help_text=_("For “move to group”."),
    )


def _organisation_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        required=False,
        label=_("to organisation"),
        help_text=_("For “link to a known organisation”."),
    )


class ParticipantActionForm(ActionForm):
    group = _group_field()
    organisation = _organisation_field()


class GroupChoiceForm(forms.Form):
    group = _group_field()


class OrganisationChoiceForm(forms.Form):
    organisation = _organisation_field()


class TypedOrganisationFilter(admin.SimpleListFilter):
    """People who typed an organisation the organisers have not yet linked to a known one."""

    title = _("organisation to merge")
    parameter_name = "typed_organisation"

    def lookups(self, request, model_admin):
        return [("yes", _("typed, not linked yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(organisation__isnull=True).exclude(organisation_name="")
        return queryset


class CheckedInFilter(admin.SimpleListFilter):
    title = _("checked in")
    parameter_name = "checked_in"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(checked_in_at__isnull=self.value() == "no")
        return queryset


@admin.register(Participant)
class ParticipantAdmin(SearchTextAdminMixin, GroupScopedAdminMixin, SimpleHistoryAdmin, SpreadsheetAdmin):
    resource_classes = [ParticipantResource]
    action_form = ParticipantActionForm
    list_display = [
        "last_name",
        "first_name",
        "code",
        "organisation_column",
        "group",
        "status",
        "waiting_position",
        "checked_in_at",
        "is_walk_in",
        "email_status",
    ]
    list_display_links = ["last_name", "first_name"]
    list_filter = [
        "consultation",
        "group",
        "status",
        "sector",
        CheckedInFilter,
        "is_walk_in",
        "email_status",
        TypedOrganisationFilter,
    ]
    search_fields = [
        "first_name",
        "last_name",
        "email",
        "code",
        "organisation_name",
        *(f"organisation__{name}" for name in translated_names("name")),
    ]
    list_select_related = ["group", "organisation"]
    autocomplete_fields = ["organisation"]
    readonly_fields = [
        "consultation",
        "code",
        "group",
        "first_choice",
        "status",
        "waiting_position",
        "is_walk_in",
        "checked_in_at",
        "email_status",
        "email_attempts",
        "email_sent_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "consultation",
                    "code",
                    "group",
                    "status",
                    "waiting_position",
                    "first_choice",
                    "second_choice",
                ]
            },
        ),
        (
            _("Person"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "email",
                    "phone",
                    "organisation",
                    "organisation_name",
                    "sector",
                    "position",
                ]
            },
        ),
        (_("Needs"), {"fields": ["needs_accessibility", "needs_diet", "needs_other"]}),
        (_("Consent and language"), {"fields": ["consent_data", "consent_listing", "language"]}),
        (_("At the event"), {"fields": ["is_walk_in", "checked_in_at"]}),
        (
            _("E-mail"),
            {"fields": ["email_status", "email_attempts", "email_sent_at", "created_at", "updated_at"]},
        ),
    ]
    actions = [
        "confirm_from_waiting_list",
        "fill_free_places",
        "move_to_group",
        "link_organisation",
        "cancel",
        "resend_email",
        revoke_private_link,
        "print_badges",
    ]

    @admin.display(description=_("organisation"), ordering="organisation_name")
    def organisation_column(self, participant: Participant) -> str:
        return participant.organisation_display

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request) -> bool:
        return False  # people join through the form, the desk or an import, which all respect capacity

    # A working-group leader (a staff account in WorkingGroup.leaders) needs no model permission to see and
    # look after their own groups' participants; get_queryset() keeps everyone else's out of sight.
    def _leads_a_group(self, request) -> bool:
        if not hasattr(request, "_leads_a_group"):
            user = request.user
            request._leads_a_group = user.is_active and user.is_staff and user.led_working_groups.exists()
        return request._leads_a_group

    def _leads(self, request, participant: Participant | None) -> bool:
        if not self._leads_a_group(request):
            return False
        return participant is None or participant.group.leaders.filter(pk=request.user.pk).exists()

    def has_module_permission(self, request) -> bool:
        return super().has_module_permission(request) or self._leads_a_group(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) or self._leads(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) or self._leads(request, obj)

    def has_import_permission(self, request) -> bool:
        # An import may fill any group: organisers only (a group leader may change participants, not import).
        return is_organiser(request.user) and super().has_import_permission(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "second_choice":
            kwargs["queryset"] = groups_managed(user=request.user).select_related("consultation")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _each(self, request, queryset, service, done_message) -> None:
        done = 0
        for participant in queryset.select_related("consultation", "group"):
            try:
                service(participant=participant)
                done += 1
            except RegistrationError as error:
                self.message_user(request, f"{participant}: {error}", messages.WARNING)
        self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    def has_organise_permission(self, request) -> bool:
        """Actions across every group of a consultation are the organisers' alone, not a group leader's."""
        return is_organiser(request.user)

    @admin.action(description=_("Confirm from the waiting list"), permissions=["change"])
    def confirm_from_waiting_list(self, request, queryset):
        self._each(request, queryset.waiting(), registration_confirm, _("Confirmed: %(count)d."))

    @admin.action(
        description=_("Fill free places from the waiting lists (after raising a capacity)"),
        permissions=["organise"],
    )
    def fill_free_places(self, request, queryset):
        promoted = []
        for consultation in Consultation.objects.filter(pk__in=queryset.values("consultation")):
            promoted += waiting_lists_promote(consultation=consultation)
        self.message_user(request, _("Confirmed: %(count)d.") % {"count": len(promoted)}, messages.SUCCESS)

    @admin.action(description=_("Move to group (choose it below)"), permissions=["change"])
    def move_to_group(self, request, queryset):
        form = GroupChoiceForm(request.POST)
        group = form.cleaned_data.get("group") if form.is_valid() else None
        if group is None or not groups_managed(user=request.user).filter(pk=group.pk).exists():
            self.message_user(request, _("Choose the group to move the people to."), messages.ERROR)
            return
        self._each(
            request,
            queryset.filter(consultation=group.consultation),
            lambda participant: registration_move(participant=participant, group=group),
            _("Moved: %(count)d."),
        )

    @admin.action(description=_("Link to a known organisation (choose it below)"), permissions=["change"])
    def link_organisation(self, request, queryset):
        form = OrganisationChoiceForm(request.POST)
        organisation = form.cleaned_data.get("organisation") if form.is_valid() else None
        if organisation is None:
            self.message_user(request, _("Choose the organisation to link the people to."), messages.ERROR)
            return
        count = participants_link_organisation(participants=queryset, organisation=organisation)
        self.message_user(request, _("Linked: %(count)d.") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Cancel the registration"), permissions=["change"])
    def cancel(self, request, queryset):
        self._each(request, queryset.active(), registration_cancel, _("Cancelled: %(count)d."))

    @admin.action(description=_("Send the registration e-mail again"), permissions=["change"])
    def resend_email(self, request, queryset):
        count = 0
        for participant in queryset.active().exclude(email=""):
            mail_send(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued.", "%(count)d e-mails queued.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Print name badges (PDF)"), permissions=["view"])
    def print_badges(self, request, queryset):
        participants = (
            queryset.active()
            .select_related("organisation", "group", "consultation")
            .order_by("last_name", "first_name")
        )
        response = HttpResponse(badges_pdf(participants=participants), content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="badges.pdf"'
        return response


# What the desks did, for organisers: every synchronised action and its outcome (conflicts included).
@admin.register(DeskAction)
class DeskActionAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["received_at", "happened_at", "kind", "outcome", "participant", "user", "message"]
    list_filter = ["consultation", "kind", "outcome"]
    list_select_related = ["participant", "user"]
    search_fields = ["participant__last_name", "participant__first_name", "participant__code"]
    date_hierarchy = "received_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
