"""What the desks did, for organisers: every synchronised action and its outcome (conflicts included). Read-only."""

from __future__ import annotations

from django.contrib import admin

from ..models import DeskAction


@admin.register(DeskAction)
class DeskActionAdmin(admin.ModelAdmin):
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
