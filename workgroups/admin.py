"""Working groups in the back office, with spreadsheet import and export."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources, widgets
from simple_history.admin import SimpleHistoryAdmin

from consultation.admin import (
    GroupScopedAdminMixin,
    LabelledTabularInline,
    SafeLookupsMixin,
    SpreadsheetAdmin,
)
from consultation.i18n import primary_name, translated_names
from consultation.models import Consultation, Organisation
from consultation.roles import is_organiser

from .models import GroupLead, GroupReport, ReportAction, ReportNeed, WorkingGroup
from .services import ReportError, group_report_publish


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
            *translated_names("title"),
            *translated_names("goal"),
            "lead_organisations",
            "moderator",
            "room",
            "capacity",
        ]
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class GroupLeadInline(LabelledTabularInline):
    model = GroupLead
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(GroupScopedAdminMixin, SpreadsheetAdmin):
    resource_classes = [WorkingGroupResource]
    list_display = ["number", primary_name("title"), "consultation", "moderator", "room", "capacity"]
    list_display_links = ["number", primary_name("title")]
    list_filter = ["consultation", ("lead_organisations", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        *translated_names("title"),
        "moderator",
        *(f"lead_organisations__{name}" for name in translated_names("name")),
    ]
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


class _ReportRowsInline(admin.TabularInline):
    """A published report's rows are frozen for its leaders, like the report itself."""

    extra = 0

    def _frozen(self, request, obj) -> bool:
        return obj is not None and obj.is_published and not is_organiser(request.user)

    def has_add_permission(self, request, obj=None):
        return not self._frozen(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(request, obj) and super().has_delete_permission(request, obj)


class ReportNeedInline(_ReportRowsInline):
    model = ReportNeed
    fields = ["position", "area", *translated_names("text")]


class ReportActionInline(_ReportRowsInline):
    model = ReportAction
    fields = ["position", "owner", *translated_names("action"), "deadline"]


@admin.register(GroupReport)
class GroupReportAdmin(SafeLookupsMixin, GroupScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["group", "status", "version", "participant_count", "updated_at", "updated_by"]
    list_filter = ["status", "group__consultation"]
    search_fields = [
        *(f"group__{name}" for name in translated_names("title")),
        *translated_names("findings"),
        *translated_names("solutions"),
    ]
    list_select_related = ["group", "updated_by"]
    readonly_fields = ["status", "version", "submitted_at", "published_at", "updated_at", "updated_by"]
    autocomplete_fields = ["group"]
    inlines = [ReportNeedInline, ReportActionInline]
    actions = ["publish_reports"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if is_organiser(request.user) else queryset.filter(group__leaders=request.user)

    def get_readonly_fields(self, request, obj=None):
        # Leaders change a published report only after the organisers return it (through the workspace).
        if obj is not None and obj.is_published and not is_organiser(request.user):
            return [field.name for field in obj._meta.fields]
        return self.readonly_fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not is_organiser(request.user):
            actions.pop("publish_reports", None)
        return actions

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group" and not is_organiser(request.user):
            kwargs["queryset"] = WorkingGroup.objects.filter(leaders=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # An edit here is a new version too: a leader's page built on the old one is then told, not overwritten.
        obj.updated_by = request.user
        obj.version += 1
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected submitted reports"))
    def publish_reports(self, request, queryset):
        published = 0
        for report in queryset.select_related("group"):
            try:
                group_report_publish(report=report, user=request.user, version=report.version)
            except ReportError as error:
                self.message_user(request, f"{report}: {error}", messages.WARNING)
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d report published.", "%(count)d reports published.", published)
                % {"count": published},
                messages.SUCCESS,
            )
