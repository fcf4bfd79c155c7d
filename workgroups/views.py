"""Public pages of the working groups."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from consultation.selectors import parallel_session_parts
from consultation.views import get_published_consultation

from .models import WorkingGroup


def _groups(consultation):
    return WorkingGroup.objects.with_leads().filter(consultation=consultation)


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


def group_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    consultation = get_published_consultation(slug)
    group = get_object_or_404(_groups(consultation), number=number)
    return render(
        request,
        "workgroups/group_detail.html",
        {
            "consultation": consultation,
            "group": group,
            "session_parts": parallel_session_parts(consultation=consultation),
        },
    )
