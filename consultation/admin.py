"""The organisers' back office for the event, its programme and organisations."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from .models import AgendaItem, Consultation, Organisation, Organiser
from .organisations import OrganisationMergeRefused, organisation_merge

admin.site.site_header = _("Consultation platform: organisers")
admin.site.site_title = _("Consultation platform")
admin.site.index_title = _("Back office")


class LabelledListEditableMixin:
    """Name each input of a list-editable column for its column and row, so a screen reader can tell them apart."""

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)

        class LabelledChangelistForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.widget.attrs["aria-label"] = f"{field.label}: {self.instance}"

        return LabelledChangelistForm


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline names its inputs in column headings only: give each input its column and row."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = (
            str(form.instance) if form.instance.pk else _("new row %(number)s") % {"number": (index or 0) + 1}
        )
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", f"{field.label}: {row}")


class LabelledTabularInline(admin.TabularInline):
    formset = LabelledInlineFormSet


@admin.action(
    description=_("Revoke the private link (the person can ask for a new one)"), permissions=["change"]
)
def revoke_private_link(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset) -> None:
    """For every admin of a ``Linkable`` model: links sent before stop working at once."""
    count = 0
    for obj in queryset:
        obj.link_revoke()
        count += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d private link revoked; it no longer works.",
            "%(count)d private links revoked; they no longer work.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class SpreadsheetAdmin(ImportExportModelAdmin):
    """Import and export as CSV or XLSX; imports are previewed and all-or-nothing."""

    formats = [CSV, XLSX]


class OrganisationResource(resources.ModelResource):
    class Meta:
        model = Organisation
        import_id_fields = ["slug"]
        fields = ["slug", "name_lv", "name_en", "short_name", "kind", "website"]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


@admin.register(Organisation)
class OrganisationAdmin(SpreadsheetAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name_lv", "name_en", "short_name", "kind", "website"]
    list_filter = ["kind", "organised_consultations"]
    search_fields = ["name_lv", "name_en", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["merge_selected"]

    @admin.action(
        description=_("Merge the selected organisations into one"), permissions=["change", "delete"]
    )
    def merge_selected(self, request: HttpRequest, queryset):
        organisations = list(queryset.order_by("name_lv"))
        if len(organisations) < 2:
            self.message_user(request, _("Select at least two organisations to merge."), messages.WARNING)
            return None
        keep = next((o for o in organisations if str(o.pk) == request.POST.get("keep")), None)
        if "apply" in request.POST and keep is not None:
            try:
                merged = organisation_merge(keep=keep, duplicates=organisations)
            except OrganisationMergeRefused as refusal:
                for problem in refusal.problems:
                    self.message_user(request, problem, messages.ERROR)
                self.message_user(request, _("Nothing was merged."), messages.ERROR)
                return None
            self.message_user(
                request,
                ngettext(
                    "%(count)d organisation merged into %(name)s.",
                    "%(count)d organisations merged into %(name)s.",
                    merged,
                )
                % {"count": merged, "name": keep},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/consultation/organisation/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge organisations"),
                "organisations": organisations,
                "opts": self.model._meta,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )


class OrganiserInline(LabelledTabularInline):
    model = Organiser
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ["title_lv", "starts_at", "venue_name", "is_published", "is_current"]
    list_filter = ["is_published", "is_current"]
    search_fields = ["title_lv", "title_en", "venue_name"]
    date_hierarchy = "starts_at"
    inlines = [OrganiserInline]
    fieldsets = [
        (None, {"fields": ["slug", "title_lv", "title_en", "is_published", "is_current"]}),
        (
            _("When and where"),
            {"fields": ["starts_at", "ends_at", "venue_name", "venue_address", "city_lv", "city_en"]},
        ),
        (_("About"), {"fields": ["audience_lv", "audience_en", "rationale_lv", "rationale_en"]}),
        (
            _("Registration and questionnaire"),
            {
                "fields": [
                    "capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                    "questionnaire_opens_at",
                    "questionnaire_closes_at",
                    "private_link_days",
                ]
            },
        ),
    ]


@admin.register(AgendaItem)
class AgendaItemAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    list_display = [
        "title_lv",
        "consultation",
        "parent",
        "position",
        "kind",
        "starts_at",
        "duration_minutes",
        "speaker_name",
        "to_be_confirmed",
    ]
    list_filter = ["consultation", "kind", "to_be_confirmed"]
    list_editable = ["position"]
    search_fields = ["title_lv", "title_en", "speaker_name"]
    list_select_related = ["consultation", "parent", "speaker_organisation"]
    autocomplete_fields = ["speaker_organisation", "parent"]
    ordering = ["consultation", "starts_at", "position"]
