"""The organisers' back office for the event, its programme and organisations."""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from .models import AgendaItem, Consultation, Organisation, Organiser

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
