"""The 15:30 session: the projector's results screen, the presenter's remote, and the exports.

The screen is public when the organisers say so; otherwise it takes a staff login or the secret link
(``?key=…``) for the projector's laptop. Its page asks ``results_live`` for the current step every few
seconds and swaps the content in; without JavaScript the page reloads itself (a ``<noscript>`` refresh).

The screen and its live part come from the page cache (``consultation/page_cache.py``): a page is stored
only once access was granted, under its full address (a ``?key=`` page answers that address alone), and
every change to the screen (its step, whether it is public, its secret) or to a figure bumps the
consultation's version, so the next view is rendered afresh and a screen made private stops being served at
once.
"""

from __future__ import annotations

import csv
import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from consultation.i18n import active_content_language, content_languages
from consultation.page_cache import cached_public_page
from consultation.roles import is_organiser
from consultation.spreadsheets import spreadsheet_safe
from consultation.views import get_published_consultation
from workgroups.models import GroupReport, WorkingGroup

from ..models import ResultsScreen
from ..pdf import pdf_from_fragment
from ..results import live_figures, screen_content, screen_state
from ..services import CommitmentError, results_screen_move, results_screen_set_public

REFRESH_SECONDS = 3
REPORTS_PDF_CACHE_SECONDS = 3600
NO_SCRIPT_REFRESH_SECONDS = 10


class _LoginNeeded(Exception):
    pass


def _screen_for(request: HttpRequest, consultation) -> ResultsScreen:
    """The consultation's screen, if this visitor may see it."""
    screen = screen_state(consultation=consultation)
    user = request.user
    allowed = (
        screen.is_public
        or (user.is_authenticated and user.is_active and user.is_staff)
        or constant_time_compare(request.GET.get("key", ""), screen.secret)
    )
    if not allowed:
        if not user.is_authenticated:
            raise _LoginNeeded
        raise PermissionDenied(
            _("The results screen is not public: open it with a staff login or its secret link.")
        )
    return screen


def _guarded(view):
    """A visitor who must log in first is sent to the login, and comes back to the same address."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginNeeded:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))

    return wrapper


def _languages(request: HttpRequest) -> list[str]:
    return content_languages() if request.GET.get("languages") == "both" else [active_content_language()]


def _kept_query(request: HttpRequest) -> dict[str, str]:
    """The screen's own query (languages, tables, secret key), carried into the live address and the links."""
    return {name: request.GET[name] for name in ("languages", "tables", "key") if request.GET.get(name)}


def _screen_query(request: HttpRequest) -> str:
    kept = _kept_query(request)
    return "?" + urlencode(kept) if kept else ""


def _screen_context(request, consultation, screen) -> dict:
    return {
        "consultation": consultation,
        "languages": _languages(request),
        "both": request.GET.get("languages") == "both",
        "show_tables": request.GET.get("tables") == "1",
        "query": _screen_query(request),
        **screen_content(consultation=consultation, screen=screen),
    }


@never_cache
@_guarded
@cached_public_page
def screen(request: HttpRequest, consultation) -> HttpResponse:
    state = _screen_for(request, consultation)
    context = _screen_context(request, consultation, state)
    slug = consultation.slug
    context.update(
        {
            "live_url": reverse("commitments:results_live", kwargs={"slug": slug}) + context["query"],
            "refresh_seconds": REFRESH_SECONDS,
            "no_script_refresh_seconds": NO_SCRIPT_REFRESH_SECONDS,
            "tables_url": "?" + urlencode({**_kept_query(request), "tables": "1"}),
            "csv_url": reverse("commitments:results_figures_csv", kwargs={"slug": slug}) + context["query"],
        }
    )
    return render(request, "commitments/results_screen.html", context)


@never_cache
@_guarded
@cached_public_page
def screen_live(request: HttpRequest, consultation) -> HttpResponse:
    """The screen's content alone, for the page's script to swap in.

    Every open screen asks every few seconds; a public one may be open on many phones, which then share the
    page cache's copy until the step or a figure changes.
    """
    state = _screen_for(request, consultation)
    return render(request, "commitments/_screen.html", _screen_context(request, consultation, state))


def _organiser_consultation(request: HttpRequest, slug: str):
    if not request.user.is_authenticated:
        raise _LoginNeeded
    if not is_organiser(request.user):
        raise PermissionDenied(_("Only the organisers drive the results screen."))
    return get_published_consultation(slug)


@never_cache
@_guarded
def remote(request: HttpRequest, slug: str) -> HttpResponse:
    """The presenter's phone: previous, next, a group's number, the overall picture; public or not."""
    consultation = _organiser_consultation(request, slug)
    if request.method == "POST":
        try:
            if "public" in request.POST:
                results_screen_set_public(consultation=consultation, is_public=request.POST["public"] == "1")
            else:
                number = request.POST.get("number", "")
                results_screen_move(
                    consultation=consultation,
                    move=request.POST.get("move", ""),
                    number=int(number) if number.isdigit() else None,
                )
        except CommitmentError as error:
            messages.error(request, str(error))
        return redirect("commitments:results_remote", slug=slug)
    state = screen_state(consultation=consultation)
    groups = list(WorkingGroup.objects.filter(consultation=consultation).order_by("number"))
    screen_url = reverse("commitments:results_screen", kwargs={"slug": slug})
    return render(
        request,
        "commitments/results_remote.html",
        {
            "consultation": consultation,
            "screen": state,
            "groups": groups,
            "current": next((group for group in groups if group.number == state.step), None),
            "screen_url": screen_url,
            "secret_url": request.build_absolute_uri(screen_url + "?" + urlencode({"key": state.secret})),
        },
    )


@_guarded
def figures_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every live figure as rows of figure, label, series and number."""
    consultation = get_published_consultation(slug)
    _screen_for(request, consultation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-results.csv"'
    response.write("\ufeff")  # spreadsheets read the file as UTF-8 only with the byte-order mark
    writer = csv.writer(response)
    writer.writerow([_("figure"), _("label"), _("series"), _("count")])
    for figure in live_figures(consultation=consultation):
        for label, values in figure.rows:
            for series, value in zip(figure.series, values, strict=True):
                writer.writerow(
                    [spreadsheet_safe(str(cell)) for cell in (figure.title, label, series)] + [value]
                )
    return response


def _reports(consultation, *, organiser: bool):
    """Every group with its report; the public sees published reports only, organisers every state."""
    reports = {
        report.group_id: report
        for report in GroupReport.objects.filter(group__consultation=consultation)
        .select_related("group")
        .prefetch_related("needs__area", "actions")
    }
    rows = []
    for group in WorkingGroup.objects.filter(consultation=consultation).order_by("number"):
        report = reports.get(group.pk)
        if report and not organiser and not report.is_published:
            report = None
        rows.append((group, report))
    return rows


def _reports_fragment(request, consultation, *, language: str) -> str:
    # Never normalised here (consultation/text.py): NFC of rendered markup can open a tag to typed text.
    with translation.override(language):
        return render_to_string(
            "commitments/_reports.html",
            {
                "consultation": consultation,
                "rows": _reports(consultation, organiser=is_organiser(request.user)),
                "show_status": is_organiser(request.user),
            },
        )


def reports_document(request: HttpRequest, slug: str) -> HttpResponse:
    """Every group's report in one document (organisers also see the ones not yet published)."""
    consultation = get_published_consultation(slug)
    return render(
        request,
        "commitments/reports.html",
        {
            "consultation": consultation,
            "content": _reports_fragment(request, consultation, language=active_content_language()),
            "languages": content_languages(),
        },
    )


def reports_pdf(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    """Every group's report as a PDF. The public's copy is built once per state of the published reports."""
    consultation = get_published_consultation(slug)
    if language not in content_languages():
        raise Http404
    organiser = is_organiser(request.user)
    published = GroupReport.objects.filter(
        group__consultation=consultation, status=GroupReport.Status.PUBLISHED
    )
    state = published.aggregate(changed=Max("updated_at"), count=Count("id"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    key = f"results-reports-pdf:{consultation.pk}:{language}:{state['count']}:{changed}"
    pdf = None if organiser else cache.get(key)
    if pdf is None:
        with translation.override(language):
            title = _("Working groups' reports") + " · " + str(consultation.title)
        fragment = _reports_fragment(request, consultation, language=language)
        pdf = pdf_from_fragment(fragment=fragment, language=language, title=title)
        if not organiser:
            cache.set(key, pdf, REPORTS_PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{consultation.slug}-reports-{language}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
