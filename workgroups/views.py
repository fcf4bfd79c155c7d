"""Public pages of the working groups."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from consultation.page_cache import cached_public_page
from consultation.selectors import parallel_session_parts

from .models import GroupReport, ReportNeed, WorkingGroup


def _groups(consultation):
    # through the relation: every group's consultation is this one, without a join or a query
    return consultation.working_groups.with_leads()


@cached_public_page
def group_list(request: HttpRequest, consultation) -> HttpResponse:
    return render(
        request,
        "workgroups/group_list.html",
        {
            "consultation": consultation,
            "groups": _groups(consultation),
            "session_parts": parallel_session_parts(consultation=consultation),
        },
    )


def _published_report(group: WorkingGroup) -> GroupReport | None:
    """The group's report if it is published, with its needs (and their areas) and actions: two queries."""
    report = getattr(group, "report", None)
    if report is None or not report.is_published:
        return None
    prefetch_related_objects(
        [report], Prefetch("needs", ReportNeed.objects.select_related("area")), "actions"
    )
    return report


@cached_public_page
def group_detail(request: HttpRequest, consultation, number: int) -> HttpResponse:
    group = get_object_or_404(_groups(consultation).select_related("report"), number=number)
    return render(
        request,
        "workgroups/group_detail.html",
        {
            "consultation": consultation,
            "group": group,
            "report": _published_report(group),
            "session_parts": parallel_session_parts(consultation=consultation),
        },
    )
