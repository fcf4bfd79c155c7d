"""Public pages of the event: home, programme (HTML and iCalendar), fresh private links, a health check."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .calendar import programme_calendar
from .forms import PrivateLinkRequestForm
from .links import Linkable, LinkExpired, LinkInvalid, link_problem_page, linkable_kinds, private_object
from .models import Consultation
from .page_cache import CURRENT, cached_page, cached_public_page
from .protection import Refused, admit, protected_form
from .selectors import agenda_flat
from .services import private_link_replace, private_links_send


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
    def render_home(consultation: Consultation | None) -> HttpResponse:
        if consultation is None:
            return render(request, "consultation/no_consultation.html", status=404)
        return _render_home(request, consultation)

    return cached_page(request, name=CURRENT, load=Consultation.objects.current, render=render_home)


@cached_public_page
def detail(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    return _render_home(request, consultation)


@cached_public_page
def programme(request: HttpRequest, consultation) -> HttpResponse:
    return render(
        request,
        "consultation/programme.html",
        {
            "consultation": consultation,
            "agenda": agenda_flat(consultation=consultation),
            "groups": _working_groups(consultation),
        },
    )


@cached_public_page
def programme_ics(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    response = HttpResponse(
        programme_calendar(consultation=consultation), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-programme.ics"'
    return response


def _linkable(kind: str) -> type[Linkable]:
    model = linkable_kinds().get(kind)
    if model is None:
        raise Http404
    return model


@require_http_methods(["GET", "POST"])
@protected_form
def private_link_request(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Ask for a fresh private link by e-mail; the answer never says whether the address is known."""
    consultation = get_published_consultation(slug)
    model = _linkable(kind)
    form = PrivateLinkRequestForm(request.POST or None)
    context = {"consultation": consultation, "form": form, "kind": kind, "purpose": model.link_purpose}
    if request.method == "POST" and form.is_valid():
        try:
            with admit(request, form, rate="link-request"):
                private_links_send(model=model, consultation=consultation, email=form.cleaned_data["email"])
        except Refused as refusal:
            return refusal.respond(render(request, "consultation/private_link_request.html", context))
        messages.success(
            request,
            _("If this address is known here, we have sent a fresh private link to it. Check your e-mail."),
        )
        return redirect("consultation:private_link_request", slug=consultation.slug, kind=kind)
    return render(request, "consultation/private_link_request.html", context)


@require_POST
def private_link_revoke(request: HttpRequest, slug: str, kind: str, token: str) -> HttpResponse:
    """The person stops the link they used (e.g. forwarded by mistake); a fresh one goes to their address."""
    consultation = get_published_consultation(slug)
    model = _linkable(kind)
    try:
        obj = private_object(model, token, consultation=consultation)
    except (LinkInvalid, LinkExpired) as problem:
        return link_problem_page(request, problem, consultation=consultation, model=model)
    private_link_replace(obj=obj)
    messages.success(
        request, _("That link no longer works. We have sent a new private link to your e-mail address.")
    )
    return redirect("consultation:private_link_request", slug=consultation.slug, kind=kind)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico; the icon is a static file (hashed in production), so say where it is."""
    return redirect(static("favicon.svg"))


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
