"""The registration desk (staff): search as you type, check in and undo, walk-ins, live counts, PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from simple_history.utils import update_change_reason

from consultation.forms import organisation_options
from consultation.models import Consultation
from consultation.views import get_published_consultation
from workgroups.models import WorkingGroup

from ..desk_access import desk_required
from ..forms import WalkInForm
from ..models import Participant
from ..pdf import attendance_sheet_pdf, badges_pdf
from ..selectors import desk_counts as counts_select
from ..selectors import desk_search, desk_totals, looks_like_code, visible_groups
from ..services import RegistrationError, participant_check_in, registration_create


def _query(request: HttpRequest) -> str:
    """The search box's text, without characters no name or code contains (NUL would upset the database)."""
    return request.GET.get("q", "").replace("\x00", "").strip()[:100]


def _search(request: HttpRequest, consultation: Consultation) -> dict:
    query = _query(request)
    results = desk_search(consultation=consultation, user=request.user, query=query)
    not_found = ""
    if query and not results and looks_like_code(query):
        not_found = _("No registration has the code %(code)s. Check the letters, or search by name.") % {
            "code": query.upper()
        }
    return {"consultation": consultation, "query": query, "results": results, "not_found": not_found}


def _walk_in_form(request: HttpRequest, consultation: Consultation, data=None) -> WalkInForm:
    """A walk-in goes only into a group the person at the desk looks after."""
    groups = visible_groups(consultation=consultation, user=request.user)
    return WalkInForm(data, consultation=consultation, groups=groups)


def _desk_context(request: HttpRequest, consultation: Consultation, walk_in_form=None) -> dict:
    counts = counts_select(consultation=consultation, user=request.user)
    return {
        **_search(request, consultation),
        "counts": counts,
        "totals": desk_totals(counts),
        "walk_in_form": walk_in_form or _walk_in_form(request, consultation),
        "organisation_options": organisation_options(),
    }


@desk_required
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    return render(request, "participants/desk.html", _desk_context(request, consultation))


@desk_required
def desk_results(request: HttpRequest, slug: str) -> HttpResponse:
    """Only the results list, for search as you type."""
    consultation = get_published_consultation(slug)
    return render(request, "participants/desk_results.html", _search(request, consultation))


@desk_required
def desk_counts(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    counts = counts_select(consultation=consultation, user=request.user)
    return render(
        request,
        "participants/desk_counts.html",
        {"consultation": consultation, "counts": counts, "totals": desk_totals(counts)},
    )


def _back_to_desk(consultation: Consultation, query: str) -> HttpResponse:
    url = reverse("participants:desk", kwargs={"slug": consultation.slug})
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


@desk_required
@require_POST
def desk_check_in(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = get_published_consultation(slug)
    participant = get_object_or_404(
        Participant.objects.visible_to(request.user).active(), consultation=consultation, pk=pk
    )
    undo = request.POST.get("undo") == "1"
    participant_check_in(participant=participant, undo=undo)
    message = _("Check-in undone: %(name)s.") if undo else _("Checked in: %(name)s.")
    messages.success(request, message % {"name": participant.full_name})
    return _back_to_desk(consultation, request.POST.get("q", "").replace("\x00", "")[:100])


@desk_required
@require_POST
def desk_walk_in(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    form = _walk_in_form(request, consultation, data=request.POST)
    if form.is_valid():
        try:
            participant = registration_create(
                consultation=consultation,
                data=form.registration_data(email=form.cleaned_data["email"]),
                walk_in=True,
            )
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            update_change_reason(participant, _("desk: walk-in"))
            messages.success(
                request,
                _("Registered and checked in: %(name)s, group %(group)s, code %(code)s.")
                % {
                    "name": participant.full_name,
                    "group": participant.group.number,
                    "code": participant.code_display,
                },
            )
            return _back_to_desk(consultation, participant.code)
    return render(request, "participants/desk.html", _desk_context(request, consultation, form), status=400)


def _group_for_staff(request: HttpRequest, slug: str, number: int) -> WorkingGroup:
    consultation = get_published_consultation(slug)
    return get_object_or_404(visible_groups(consultation=consultation, user=request.user), number=number)


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@desk_required
def attendance_sheet(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    group = _group_for_staff(request, slug, number)
    return _pdf_response(attendance_sheet_pdf(group=group), f"{slug}-group-{number}-attendance.pdf")


@desk_required
def badges(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    group = _group_for_staff(request, slug, number)
    participants = (
        Participant.objects.confirmed()
        .filter(group=group)
        .select_related("organisation", "group", "consultation")
    )
    return _pdf_response(badges_pdf(participants=participants), f"{slug}-group-{number}-badges.pdf")
