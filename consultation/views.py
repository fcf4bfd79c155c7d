"""Public pages of the event: home, programme (HTML and iCalendar), and a health check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static

from .calendar import programme_calendar
from .models import Consultation
from .selectors import agenda_tree


def get_published_consultation(slug: str) -> Consultation:
    return get_object_or_404(Consultation.objects.published(), slug=slug)


def _working_groups(consultation: Consultation):
    # Through the reverse relation: the event knows it has groups without importing the app above it.
    return consultation.working_groups.with_leads()


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


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico; the icon is a static file (hashed in production), so say where it is."""
    return redirect(static("favicon.svg"))


def health(request: HttpRequest) -> HttpResponse:
    """A trivial view for load balancers, and the baseline the benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")
