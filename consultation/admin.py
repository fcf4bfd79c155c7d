"""The organisers' back office for the event, its programme and organisations."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from import_export.formats.base_formats import CSV, XLSX

from .models import AgendaItem, Consultation, Organisation, Organiser

admin.site.site_header = _("Consultation platform: organisers")
admin.site.site_title = _("Consultation platform")
admin.site.index_title = _("Back office")


class SafeChangeList(ChangeList):
    """A changelist whose address can name any filter value: a bad one is "incorrect lookup", never a 500.

    Django checks a lookup's type when the filter is built, but a value like ``?created_at__year=99999`` only
    fails when the SQL is compiled (while counting), and a NUL character only in PostgreSQL. Both are found
    here, so the admin answers as for any other wrong filter (the list again, with ``?e=1``).
    """

    def get_queryset(self, request, exclude_parameters=None):
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            raise IncorrectLookupParameters("NUL character in the address")
        queryset = super().get_queryset(request, exclude_parameters)
        try:
            str(queryset.query)  # compiles the SQL now
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        return queryset


class SafeLookupsMixin:
    """Every ModelAdmin of the project starts with this mixin (tests/consultation/test_admin_input.py checks)."""

    def get_changelist(self, request, **kwargs):
        return SafeChangeList


class SpreadsheetAdmin(SafeLookupsMixin, ImportExportModelAdmin):
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


class OrganiserInline(admin.TabularInline):
    model = Organiser
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Consultation)
class ConsultationAdmin(SafeLookupsMixin, admin.ModelAdmin):
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
class AgendaItemAdmin(SafeLookupsMixin, admin.ModelAdmin):
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
