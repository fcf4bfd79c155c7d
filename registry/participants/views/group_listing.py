"""Who takes part in a working group: only the people who agreed to be listed, and only their names."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from consultation.views import get_published_consultation
from workgroups.models import WorkingGroup

from ..selectors import participants_listed


def group_participants(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    consultation = get_published_consultation(slug)
    group = get_object_or_404(
        WorkingGroup.objects.select_related("consultation"), consultation=consultation, number=number
    )
    return render(
        request,
        "participants/group_participants.html",
        {"consultation": consultation, "group": group, "listed": participants_listed(group=group)},
    )
