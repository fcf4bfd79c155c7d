"""Working groups in the back office, with spreadsheet import and export."""

from __future__ import annotations

from django.contrib import admin
from import_export import fields, resources, widgets

from consultation.admin import SafeLookupsMixin, SpreadsheetAdmin
from consultation.models import Consultation, Organisation
from consultation.roles import is_organiser

from .models import GroupLead, GroupReport, WorkingGroup


class WorkingGroupResource(resources.ModelResource):
    consultation = fields.Field(
        attribute="consultation",
        column_name="consultation",
        widget=widgets.ForeignKeyWidget(Consultation, field="slug"),
    )
    lead_organisations = fields.Field(
        attribute="lead_organisations",
        column_name="lead_organisations",
        widget=widgets.ManyToManyWidget(Organisation, field="slug", separator=";"),
    )

    class Meta:
        model = WorkingGroup
        import_id_fields = ["consultation", "number"]
        fields = [
            "consultation",
            "number",
            "title_lv",
            "title_en",
            "goal_lv",
            "goal_en",
            "lead_organisations",
            "moderator",
            "room",
            "capacity",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class GroupLeadInline(admin.TabularInline):
    model = GroupLead
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(SpreadsheetAdmin):
    resource_classes = [WorkingGroupResource]
    list_display = ["number", "title_lv", "consultation", "moderator", "room", "capacity"]
    list_display_links = ["number", "title_lv"]
    list_filter = ["consultation", ("lead_organisations", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title_lv", "title_en", "moderator", "lead_organisations__name_lv"]
    list_select_related = ["consultation"]
    inlines = [GroupLeadInline]
    filter_horizontal = ["leaders"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if is_organiser(request.user) else queryset.filter(leaders=request.user)

    def get_readonly_fields(self, request, obj=None):
        # A group leader edits the group's practical details, not who leads it or where it belongs.
        if is_organiser(request.user):
            return []
        return ["consultation", "number", "leaders"]

    def has_import_permission(self, request):
        return is_organiser(request.user) and super().has_import_permission(request)


@admin.register(GroupReport)
class GroupReportAdmin(SafeLookupsMixin, admin.ModelAdmin):
    list_display = ["group", "is_published", "updated_at", "updated_by"]
    list_filter = ["is_published", "group__consultation"]
    search_fields = ["group__title_lv", "findings_lv", "solutions_lv"]
    list_select_related = ["group", "updated_by"]
    readonly_fields = ["updated_at", "updated_by"]
    autocomplete_fields = ["group"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if is_organiser(request.user) else queryset.filter(group__leaders=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group" and not is_organiser(request.user):
            kwargs["queryset"] = WorkingGroup.objects.filter(leaders=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
