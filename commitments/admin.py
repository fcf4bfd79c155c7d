"""The organisers' back office for commitments: the curation queue, follow-up, editions and exports."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources
from simple_history.admin import SimpleHistoryAdmin

from consultation.admin import (
    LabelledListEditableMixin,
    LabelledTabularInline,
    SafeLookupsMixin,
    SpreadsheetExportAdmin,
    revoke_private_link,
)
from consultation.i18n import content_languages, primary_name, translated_names
from consultation.links import private_path
from consultation.models import Consultation
from consultation.roles import is_organiser

from .models import Commitment, DocumentSettings, Edition, EditionTranslation, ProgressNote, ResultsScreen
from .personal_data import person_anonymise, person_export, person_records
from .services import (
    CommitmentError,
    commitment_approve,
    commitment_reject,
    commitment_return,
)


class CommitmentResource(resources.ModelResource):
    """The organisers' export: everything, contact details included (the admin is not public)."""

    group = fields.Field(attribute="group__number", column_name="group")
    organisation = fields.Field(attribute="organisation_name", column_name="organisation")
    # Not named "resource": the export form's resource selector has that name, and a field of the same
    # name overwrote it (a 500 on every commitments export).
    resource_kind = fields.Field(attribute="resource", column_name="resource")

    class Meta:
        model = Commitment
        fields = [
            "id",
            "group",
            "organisation",
            *translated_names("text"),
            "resource_kind",
            "starts_on",
            "ends_on",
            "may_publish_name",
            "status",
            "progress",
            "contact_name",
            "contact_email",
            "contact_phone",
            "created_at",
            "approved_at",
        ]
        export_order = fields


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("The person's e-mail address"), max_length=254)
    confirm = forms.BooleanField(
        label=_("Yes, remove this person's name and contact details everywhere; this cannot be undone."),
        required=False,
    )


class ProgressNoteInline(LabelledTabularInline):
    model = ProgressNote
    extra = 0
    fields = ["noted_on", "progress", "text", "author"]


class NeedsOrganisation(admin.SimpleListFilter):
    title = _("organisation")
    parameter_name = "organisation_state"

    def lookups(self, request, model_admin):
        return [("new", _("new, not in the list yet")), ("known", _("known"))]

    def queryset(self, request, queryset):
        if self.value() == "new":
            return queryset.filter(organisation__isnull=True)
        if self.value() == "known":
            return queryset.filter(organisation__isnull=False)
        return queryset


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin, LabelledListEditableMixin, SpreadsheetExportAdmin):
    resource_classes = [CommitmentResource]
    list_display = ["short_text", "organisation_label", "group", "resource", "status", "position", "progress"]
    list_display_links = ["short_text"]
    list_editable = ["position"]
    list_filter = ["status", "progress", "consultation", "group", "resource", NeedsOrganisation]
    search_fields = [
        *translated_names("text"),
        *(f"organisation__{name}" for name in translated_names("name")),
        "proposed_organisation_name",
        "contact_name",
    ]
    list_select_related = ["organisation", "group"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["status", "created_at", "updated_at", "approved_at", "recorded_by", "private_link"]
    inlines = [ProgressNoteInline]
    actions = ["approve_selected", "reject_selected", revoke_private_link]
    change_form_template = "admin/commitments/commitment/change_form.html"
    change_list_template = "admin/commitments/commitment/change_list.html"
    fieldsets = [
        (None, {"fields": ["consultation", "group", "organisation", "proposed_organisation_name"]}),
        (
            _("Commitment"),
            {"fields": [*translated_names("text"), "resource", "starts_on", "ends_on", "may_publish_name"]},
        ),
        (
            _("Contact (never published)"),
            {"fields": ["contact_name", "contact_email", "contact_phone", "private_link"]},
        ),
        (_("Review"), {"fields": ["status", "review_note", "position", "progress"]}),
        (_("Record"), {"fields": ["recorded_by", "created_at", "updated_at", "approved_at"]}),
    ]

    @admin.display(description=_("commitment"))
    def short_text(self, obj: Commitment) -> str:
        return Truncator(obj.text).chars(60)

    @admin.display(description=_("organisation"), ordering=f"organisation__{primary_name('name')}")
    def organisation_label(self, obj: Commitment) -> str:
        if obj.organisation_id:
            return getattr(obj.organisation, primary_name("name"))
        return format_html("{} <em>({})</em>", obj.proposed_organisation_name, _("new"))

    @admin.display(description=_("private link"))
    def private_link(self, obj: Commitment) -> str:
        if not obj.pk:
            return "—"
        url = private_path(obj, language=obj.language)
        return format_html('<a href="{}">{}</a>', url, _("open the author's page"))

    def _run(self, request, queryset, service, done_message):
        done = 0
        for commitment in queryset:
            try:
                service(commitment=commitment)
                done += 1
            except CommitmentError as error:
                self.message_user(request, f"{commitment}: {error}", messages.WARNING)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Approve the selected commitments"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._run(request, queryset, commitment_approve, _("%(count)s commitments approved."))

    @admin.action(description=_("Reject the selected commitments"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._run(request, queryset, commitment_reject, _("%(count)s commitments rejected."))

    def get_urls(self):
        personal = path(
            "personal-data/",
            self.admin_site.admin_view(self.personal_data_view),
            name="commitments_personal_data",
        )
        return [personal, *super().get_urls()]

    def personal_data_view(self, request):
        """Organisers: everything held about one person as one file, or that person anonymised everywhere."""
        if not is_organiser(request.user):
            raise PermissionDenied
        form = PersonalDataForm(request.POST or None)
        records = None
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            records = person_records(email=email)
            if "_export" in request.POST and records.found:
                response = HttpResponse(
                    person_export(email=email), content_type="application/json; charset=utf-8"
                )
                response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
                return response
            if "_anonymise" in request.POST and records.found:
                if not form.cleaned_data["confirm"]:
                    form.add_error("confirm", _("Tick this box to anonymise the person everywhere."))
                else:
                    count = person_anonymise(email=email)
                    self.message_user(
                        request,
                        ngettext("Anonymised: %(count)d record.", "Anonymised: %(count)d records.", count)
                        % {"count": count},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personal data of one person"),
            "form": form,
            "records": records,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/commitments/personal_data.html", context)

    def changelist_view(self, request, extra_context=None):
        """Links from the queue to each consultation's draft document, where editions are published."""
        extra_context = {**(extra_context or {}), "consultations": Consultation.objects.published()}
        return super().changelist_view(request, extra_context=extra_context)

    def save_related(self, request, form, formsets, change):
        """A progress note added here also sets the commitment's progress, as one through the private link does."""
        super().save_related(request, form, formsets, change)
        latest = form.instance.progress_notes.order_by("-noted_on", "-id").first()
        if latest is not None and any(formset.new_objects for formset in formsets):
            Commitment.objects.filter(pk=form.instance.pk).update(progress=latest.progress)

    def response_change(self, request, obj):
        """The review buttons on the change form: approve, return with the note, reject."""
        for button, service in (
            ("_approve", commitment_approve),
            ("_return", commitment_return),
            ("_reject", commitment_reject),
        ):
            if button in request.POST:
                try:
                    if service is commitment_approve:
                        service(commitment=obj)
                    else:
                        service(commitment=obj, note=obj.review_note)
                except CommitmentError as error:
                    self.message_user(request, str(error), messages.ERROR)
                    return HttpResponseRedirect(request.path)
                self.message_user(
                    request,
                    _("Done: the commitment is now %(status)s.")
                    % {"status": Commitment.objects.get(pk=obj.pk).get_status_display()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:commitments_commitment_changelist") + "?status__exact=proposed"
                )
        return super().response_change(request, obj)


class EditionTranslationInline(admin.TabularInline):
    """Each language of an edition and its PDF, read-only like the edition."""

    model = EditionTranslation
    fields = ["language", "pdf"]
    readonly_fields = ["language", "pdf"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Edition)
class EditionAdmin(SafeLookupsMixin, SimpleHistoryAdmin):
    list_display = ["consultation", "number", "published_at", "published_by", "commitment_count", "has_pdfs"]
    list_filter = ["consultation"]
    readonly_fields = ["consultation", "number", "published_at", "published_by", "commitment_count"]
    inlines = [EditionTranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("PDFs built"), boolean=True)
    def has_pdfs(self, obj: Edition) -> bool:
        return all(obj.pdf_for(language) for language in content_languages())

    def has_add_permission(self, request) -> bool:
        return False  # editions are published from the draft page, never typed in

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a published edition is frozen

    def has_delete_permission(self, request, obj=None) -> bool:
        # Never: a deleted edition's number would be given again and its address would change content.
        return False


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["consultation"]


@admin.register(ResultsScreen)
class ResultsScreenAdmin(SafeLookupsMixin, admin.ModelAdmin):
    """Whether the 15:30 screen is public, its secret link, and the way to the remote and the exports."""

    list_display = ["consultation", "is_public", "step", "updated_at"]
    fields = ["consultation", "is_public", "step", "secret", "links"]
    readonly_fields = ["links"]
    actions = ["renew_secrets"]

    @admin.display(description=_("Screen, remote and exports"))
    def links(self, obj: ResultsScreen) -> str:
        if not obj.pk:
            return "—"
        slug = obj.consultation.slug
        screen = reverse("commitments:results_screen", kwargs={"slug": slug})
        return format_html(
            '<a href="{}">{}</a> · <a href="{}?key={}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a> · '
            '<a href="{}">{}</a>',
            screen,
            _("the screen"),
            screen,
            obj.secret,
            _("its secret link"),
            reverse("commitments:results_remote", kwargs={"slug": slug}),
            _("the remote"),
            reverse("commitments:results_figures_csv", kwargs={"slug": slug}),
            _("figures as CSV"),
            reverse("commitments:results_reports", kwargs={"slug": slug}),
            _("all groups' reports (web and PDF)"),
        )

    @admin.action(description=_("Give the selected screens a new secret link (the old one stops working)"))
    def renew_secrets(self, request, queryset):
        for screen in queryset:
            screen.renew_secret()
            screen.save(update_fields=["secret", "updated_at"])
        self.message_user(request, _("New secret links are set."), messages.SUCCESS)
