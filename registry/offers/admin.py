"""Back office for offers: the moderation queue, one-click decisions, import/export, merging organisations."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from simple_history.admin import SimpleHistoryAdmin

from consultation.admin import SafeLookupsMixin, SpreadsheetAdmin, revoke_private_link
from consultation.i18n import translated_names
from consultation.models import Consultation, Organisation
from consultation.search_text import SearchTextAdminMixin
from workgroups.models import WorkingGroup

from .choice_set import SEPARATOR
from .models import Offer, PendingOffer, QuestionnaireResponse, Region, TargetGroup
from .services import offer_approve, offer_mark_unavailable, offer_reject

# --- import and export ----------------------------------------------------------------------------------


class ChoiceSetWidget(widgets.Widget):
    """Codes separated by semicolons in a spreadsheet cell: ``riga; kurzeme``."""

    def clean(self, value, row=None, **kwargs) -> list[str]:
        if value is None:
            return []
        return [code.strip() for code in str(value).replace(SEPARATOR, ";").split(";") if code.strip()]

    def render(self, value, obj=None, **kwargs) -> str:
        return ";".join(value or [])


class AreaWidget(widgets.Widget):
    """The working group's number within the row's consultation."""

    def clean(self, value, row=None, **kwargs) -> WorkingGroup | None:
        if value in (None, ""):
            return None
        try:
            number = int(float(value))
        except (TypeError, ValueError):
            raise ValueError(_("The area must be a working group's number, e.g. 3.")) from None
        group = WorkingGroup.objects.filter(
            consultation__slug=(row or {}).get("consultation"), number=number
        ).first()
        if group is None:
            raise ValueError(
                _("This consultation has no working group number %(number)s.") % {"number": number}
            )
        return group

    def render(self, value, obj=None, **kwargs) -> str:
        return str(value.number) if value else ""


class OfferResource(resources.ModelResource):
    consultation = fields.Field(
        attribute="consultation",
        column_name="consultation",
        widget=widgets.ForeignKeyWidget(Consultation, field="slug"),
    )
    area = fields.Field(attribute="area", column_name="area", widget=AreaWidget())
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=widgets.ForeignKeyWidget(Organisation, field="slug"),
    )
    regions = fields.Field(attribute="regions", column_name="regions", widget=ChoiceSetWidget())
    target_groups = fields.Field(
        attribute="target_groups", column_name="target_groups", widget=ChoiceSetWidget()
    )
    languages = fields.Field(attribute="languages", column_name="languages", widget=ChoiceSetWidget())

    class Meta:
        model = Offer
        fields = [
            "id",
            "consultation",
            "status",
            "author_name",
            "organisation",
            "contact_email",
            "contact_phone",
            "area",
            "kind",
            "description",
            "regions",
            "target_groups",
            "languages",
            "capacity",
            "cost",
            "available_from",
            "available_until",
            "period",
        ]
        export_order = fields
        import_id_fields = ["id"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def import_instance(self, instance: Offer, row, **kwargs) -> None:
        """Rows collected on paper come in as imports waiting for moderation, dated by today."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict({})
        if not instance.pk:
            instance.source = Offer.Source.IMPORT
        if not instance.status:
            instance.status = Offer.Status.PENDING
        if not instance.period and instance.consultation_id:
            instance.period = instance.consultation.period()
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance: Offer, row, **kwargs) -> None:
        instance._change_reason = _("import")


# --- moderation -----------------------------------------------------------------------------------------


class ChoiceSetFilter(admin.SimpleListFilter):
    vocabulary: type = Region

    def lookups(self, request, model_admin):
        return self.vocabulary.choices

    def queryset(self, request, queryset):
        if self.value() in self.vocabulary.values:
            return queryset.filter(
                **{f"{self.parameter_name}__contains": f"{SEPARATOR}{self.value()}{SEPARATOR}"}
            )
        return queryset


class RegionFilter(ChoiceSetFilter):
    title = _("region")
    parameter_name = "regions"
    vocabulary = Region


class TargetGroupFilter(ChoiceSetFilter):
    title = _("target group")
    parameter_name = "target_groups"
    vocabulary = TargetGroup


@admin.action(description=_("Approve the selected offers (publish them)"), permissions=["change"])
def approve_offers(modeladmin, request, queryset):
    count = offer_approve(offers=queryset.select_related("consultation", "response"))
    modeladmin.message_user(request, ngettext("%d offer approved.", "%d offers approved.", count) % count)


@admin.action(description=_("Reject the selected offers"), permissions=["change"])
def reject_offers(modeladmin, request, queryset):
    count = offer_reject(offers=queryset.select_related("consultation"))
    modeladmin.message_user(request, ngettext("%d offer rejected.", "%d offers rejected.", count) % count)


@admin.action(description=_("Mark the selected offers as no longer available"), permissions=["change"])
def mark_unavailable(modeladmin, request, queryset):
    count = offer_mark_unavailable(offers=queryset)
    modeladmin.message_user(
        request, ngettext("%d offer marked unavailable.", "%d offers marked unavailable.", count) % count
    )


@admin.register(Offer)
class OfferAdmin(SearchTextAdminMixin, SimpleHistoryAdmin, SpreadsheetAdmin):
    resource_classes = [OfferResource]
    change_form_template = "offers/offer_admin_change_form.html"
    change_list_template = "offers/offer_admin_change_list.html"
    list_display = [
        "short_description",
        "author_name",
        "area",
        "kind",
        "status",
        "source",
        "period",
        "created_at",
    ]
    list_filter = [
        "status",
        "source",
        "consultation",
        "area",
        "kind",
        RegionFilter,
        TargetGroupFilter,
        "period",
    ]
    search_fields = [
        "author_name",
        "description",
        "contact_email",
        *(f"organisation__{name}" for name in translated_names("name")),
    ]
    list_select_related = ["area", "organisation", "consultation"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["response"]
    date_hierarchy = "created_at"
    actions = [approve_offers, reject_offers, mark_unavailable, revoke_private_link]
    readonly_fields = ["source", "moderated_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["consultation", "status", "moderation_note", "source", "response"]}),
        (_("Who"), {"fields": ["author_name", "organisation", "contact_email", "contact_phone"]}),
        (
            _("What"),
            {
                "fields": [
                    "area",
                    "kind",
                    "description",
                    "regions",
                    "target_groups",
                    "languages",
                    "capacity",
                    "cost",
                ]
            },
        ),
        (_("When"), {"fields": ["available_from", "available_until", "period"]}),
        (_("History"), {"fields": ["moderated_at", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("offer"), ordering="description")
    def short_description(self, offer: Offer) -> str:
        return offer.description[:80]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            kwargs["queryset"] = WorkingGroup.objects.select_related("consultation")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def response_change(self, request: HttpRequest, obj: Offer) -> HttpResponse:
        """'Save and approve' / 'Save and reject' on the change form: one click, with the note just typed."""
        decisions = {"_approve": offer_approve, "_reject": offer_reject}
        for button, decide in decisions.items():
            if button in request.POST:
                decide(offers=[obj], note=obj.moderation_note)
                self.message_user(
                    request, _("Decision saved; the author was told by e-mail."), messages.SUCCESS
                )
                return HttpResponseRedirect(self._queue_url())
        return super().response_change(request, obj)

    def _queue_url(self) -> str:
        return reverse("admin:offers_pendingoffer_changelist")


@admin.register(PendingOffer)
class PendingOfferAdmin(SearchTextAdminMixin, SafeLookupsMixin, admin.ModelAdmin):
    """The moderation queue: offers waiting for a decision, oldest first."""

    list_display = ["short_description", "author_name", "area", "kind", "source", "created_at", "decision"]
    list_filter = ["source", "consultation", "area", "kind"]
    search_fields = ["author_name", "description"]
    list_select_related = ["area", "consultation"]
    actions = [approve_offers, reject_offers]
    ordering = ["created_at", "id"]
    list_display_links = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=Offer.Status.PENDING)

    @admin.display(description=_("offer"))
    def short_description(self, offer: Offer):
        url = reverse("admin:offers_offer_change", args=[offer.pk])
        return format_html('<a href="{}">{}</a>', url, offer.description[:120])

    @admin.display(description=_("decision"))
    def decision(self, offer: Offer):
        """A note field and two buttons that post the queue's own form (with its CSRF token) to one offer's URL."""
        return format_html(
            '<input type="text" name="note-{pk}" maxlength="1000" size="24" placeholder="{placeholder}" '
            'aria-label="{placeholder}"> '
            '<button type="submit" class="button" formaction="{approve}">{approve_label}</button> '
            '<button type="submit" class="button" formaction="{reject}">{reject_label}</button>',
            pk=offer.pk,
            placeholder=_("Note to the author (optional)"),
            approve=reverse("admin:offers_pendingoffer_decide", args=[offer.pk, "approve"]),
            reject=reverse("admin:offers_pendingoffer_decide", args=[offer.pk, "reject"]),
            approve_label=_("Approve"),
            reject_label=_("Reject"),
        )

    def get_urls(self):
        decide = path(
            "<int:pk>/decide/<str:decision>/",
            self.admin_site.admin_view(self.decide_view),
            name="offers_pendingoffer_decide",
        )
        return [decide, *super().get_urls()]

    def decide_view(self, request: HttpRequest, pk: int, decision: str) -> HttpResponse:
        """One click in the queue: approve or reject one offer, with the note typed on its row."""
        decide = {"approve": offer_approve, "reject": offer_reject}.get(decision)
        if request.method != "POST" or decide is None or not self.has_change_permission(request):
            return redirect("admin:offers_pendingoffer_changelist")
        offer = self.get_queryset(request).select_related("consultation").filter(pk=pk).first()
        if offer is None:
            self.message_user(request, _("This offer was already decided."), messages.WARNING)
        else:
            note = request.POST.get(f"note-{pk}", "").strip()[:1000]
            decide(offers=[offer], note=note)
            self.message_user(request, _("Decision saved; the author was told by e-mail."), messages.SUCCESS)
        return redirect("admin:offers_pendingoffer_changelist")

    def has_add_permission(self, request):
        return False


class ServiceInline(admin.StackedInline):
    model = Offer
    fk_name = "response"
    extra = 0
    fields = [
        "status",
        "area",
        "kind",
        "description",
        "regions",
        "target_groups",
        "languages",
        "capacity",
        "cost",
    ]
    show_change_link = True


@admin.register(QuestionnaireResponse)
class QuestionnaireResponseAdmin(SafeLookupsMixin, SimpleHistoryAdmin):
    list_display = [
        "organisation_name",
        "organisation",
        "contact_name",
        "contact_email",
        "created_at",
        "updated_at",
    ]
    list_filter = ["consultation"]
    search_fields = [
        "organisation_name",
        "contact_name",
        "contact_email",
        *(f"organisation__{name}" for name in translated_names("name")),
    ]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    inlines = [ServiceInline]
    actions = [revoke_private_link]
