from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Working groups")

    def ready(self) -> None:
        from consultation import page_cache
        from consultation.organisations import organisation_reference

        from .models import GroupLead, GroupReport, ReportAction, ReportNeed, WorkingGroup

        organisation_reference("workgroups.GroupLead", "organisation")
        page_cache.watch(WorkingGroup)
        page_cache.watch(GroupLead, consultation=lambda lead: lead.group.consultation_id)
        page_cache.watch(GroupReport, consultation=lambda report: report.group.consultation_id)
        # a report's needs and actions are rows of their own (group pages, the results screen)
        page_cache.watch(ReportNeed, consultation=lambda need: need.report.group.consultation_id)
        page_cache.watch(ReportAction, consultation=lambda action: action.report.group.consultation_id)
