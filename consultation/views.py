"""Public pages of the event: home, programme (HTML and iCalendar), and a health check."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .calendar import programme_calendar
from .models import Consultation
from .selectors import agenda_tree


def get_published_consultation(slug: str) -> Consultation:
    return get_object_or_404(Consultation.objects.published(), slug=slug)


def _working_groups(consultation: Consultation):
    # Through the reverse relation: the event knows it has groups without importing the app above it.
    return consultation.working_groups.select_related("consultation").prefetch_related(
        "grouplead_set__organisation"
    )


def _render_home(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    organisers = consultation.organiser_set.select_related("organisation")
    return render(
        request,
        "consultation/home.html",
        {"consultation": consultation, "organisers": organisers, "groups": _working_groups(consultation)},
    )


def home(request: HttpRequest) -> HttpResponse:
    consultation = Consultation.objects.current()
    if consultation is None:
        return render(request, "consultation/no_consultation.html", status=404)
    return _render_home(request, consultation)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_home(request, get_published_consultation(slug))


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    return render(
        request,
        "consultation/programme.html",
        {
            "consultation": consultation,
            "agenda": agenda_tree(consultation=consultation),
            "groups": _working_groups(consultation),
        },
    )


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    response = HttpResponse(
        programme_calendar(consultation=consultation), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-programme.ics"'
    return response


logger = logging.getLogger(__name__)


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and supervisors: 200 "ok" when the database and the shared cache answer, else 503."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("health check: the database does not answer")
        problems.append("database")
    try:
        cache.get("health-check")
    except Exception:  # every cache backend raises its own errors (redis.ConnectionError, DatabaseError ...)
        logger.exception("health check: the cache does not answer")
        problems.append("cache")
    if problems:
        return HttpResponse(
            "unavailable: " + ", ".join(problems),
            content_type="text/plain",
            status=503,
            headers={"Retry-After": "5"},
        )
    return HttpResponse("ok", content_type="text/plain", headers={"Cache-Control": "no-store"})
