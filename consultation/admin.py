"""The organisers' back office for the event, its programme and organisations."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import resources
from import_export.admin import ExportMixin, ImportExportModelAdmin

from .models import AgendaItem, Consultation, Organisation, Organiser
from .organisations import OrganisationMergeRefused, organisation_merge
from .spreadsheets import SafeCSV, SpreadsheetReadError, TypedXLSX

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


class GroupScopedAdminMixin:
    """For admins that narrow their records to a group leader's groups in get_queryset.

    Someone with no right to the model gets 403 on a record's history, as on its other pages, rather than
    the "does not exist" redirect that a record outside a leader's groups gives.
    """

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # The audit trail's view falls back to the last historical version of a record it cannot see.
        if self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)


class SpreadsheetExportMixin:
    """Export as CSV or XLSX under the one rule of consultation/spreadsheets.py (XLSX cells keep their types),
    for those with the model's view permission (IMPORT_EXPORT_EXPORT_PERMISSION_CODE)."""

    formats = [SafeCSV, TypedXLSX]

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(
            request, queryset, force_native_type=file_format.is_binary(), **kwargs
        )
        export_data = file_format.export_data(data)
        # An export copies personal data out of the platform: the admin's log says who took what, when.
        LogEntry.objects.create(
            user_id=request.user.pk,
            content_type_id=ContentType.objects.get_for_model(self.model).pk,
            object_repr=str(self.opts.verbose_name_plural)[:200],
            action_flag=CHANGE,
            change_message=ngettext(
                "Exported %(count)d row as %(format)s.", "Exported %(count)d rows as %(format)s.", len(data)
            )
            % {"count": len(data), "format": file_format.get_title().upper()},
        )
        if not file_format.is_binary():
            export_data = export_data.encode("utf-8")
        return export_data


class SpreadsheetExportAdmin(SafeLookupsMixin, SpreadsheetExportMixin, ExportMixin, admin.ModelAdmin):
    """Export only."""


class SpreadsheetAdmin(SafeLookupsMixin, SpreadsheetExportMixin, ImportExportModelAdmin):
    """Import and export as CSV or XLSX; imports are previewed and all-or-nothing.

    Export needs the model's view permission; import, which adds rows and changes existing ones, needs both
    its add and its change permission (not the admin's looser has_change_permission of group leaders).
    """

    from_encoding = None  # SafeCSV reads the bytes itself: UTF-8 or Windows-1257

    def add_data_read_fail_error_to_form(self, form, error) -> None:
        if isinstance(error, SpreadsheetReadError):
            message = str(error)
        else:
            message = _("This file could not be read in the chosen format. Check the format and try again.")
        form.add_error("import_file", message)

    def has_import_permission(self, request) -> bool:
        opts = self.opts
        return super().has_import_permission(request) and request.user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        )


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
    list_display = ["name_lv", "name_en", "short_name", "kind", "website", "is_listed"]
    list_filter = ["kind", "is_listed", "organised_consultations"]
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
class AgendaItemAdmin(SafeLookupsMixin, LabelledListEditableMixin, admin.ModelAdmin):
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


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(Group)
class StaffGroupAdmin(SafeLookupsMixin, GroupAdmin):
    """Django's group admin (the roles), with a changelist that no filter value in its address can break."""


@admin.register(User)
class StaffUserAdmin(SafeLookupsMixin, UserAdmin):
    """Organisers create and manage staff accounts and give them a role; only a superuser makes superusers.

    A superuser's account is out of an organiser's sight (so its password cannot be changed by one), and the
    superuser flag and single permissions are read-only to them: roles come from the three groups.
    """

    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active", "roles"]
    list_filter = ["is_staff", "is_active", "groups"]

    @admin.display(description=_("roles"))
    def roles(self, user) -> str:
        return ", ".join(group.name for group in user.groups.all())

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("groups")
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "user_permissions":
            kwargs["queryset"] = Permission.objects.select_related("content_type")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The admin's own log, read-only: changes made in the admin, imports and exports (who, when, what)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "change_message"]
    list_filter = ["action_flag", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    list_select_related = ["user", "content_type"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
