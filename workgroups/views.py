"""Public pages of the working groups."""

from __future__ import annotations

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from consultation.selectors import parallel_session_parts
from consultation.views import get_published_consultation

from .models import GroupReport, ReportNeed, WorkingGroup


def _groups(consultation):
    return (
        WorkingGroup.objects.filter(consultation=consultation)
        .select_related("consultation")
        .prefetch_related("grouplead_set__organisation")
    )


def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
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


def group_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    consultation = get_published_consultation(slug)
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
