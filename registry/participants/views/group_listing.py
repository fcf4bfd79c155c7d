"""Who takes part in a working group: only the people who agreed to be listed, and only their names."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from consultation.page_cache import cached_public_page
from workgroups.models import WorkingGroup

from ..selectors import participants_listed


@cached_public_page
def group_participants(request: HttpRequest, consultation, number: int) -> HttpResponse:
    group = get_object_or_404(
        WorkingGroup.objects.select_related("consultation"), consultation=consultation, number=number
    )
    return render(
        request,
        "participants/group_participants.html",
        {"consultation": consultation, "group": group, "listed": participants_listed(group=group)},
    )
