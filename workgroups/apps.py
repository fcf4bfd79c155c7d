from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        from consultation import page_cache
        from consultation.organisations import organisation_reference

        from .models import GroupLead, GroupReport, WorkingGroup

        organisation_reference("workgroups.GroupLead", "organisation")
        page_cache.watch(WorkingGroup)
        page_cache.watch(GroupLead, consultation=lambda lead: lead.group.consultation_id)
        page_cache.watch(GroupReport, consultation=lambda report: report.group.consultation_id)
