"""The author's private page, reached through the signed link: change, withdraw, report progress."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.confirmation import confirmation_page, is_confirmed
from consultation.i18n import active_content_language
from consultation.links import LinkExpired, LinkInvalid, link_problem_page, private_object
from consultation.views import get_published_consultation

from ..forms import CommitmentForm, ProgressForm
from ..models import Commitment, ProgressNote
from ..services import (
    CommitmentError,
    commitment_progress_record,
    commitment_update_by_author,
    commitment_withdraw,
)


def _commitment_for_link(view):
    """Call ``view(request, consultation, commitment, token)`` for the commitment the link names, or answer
    a bad or expired link with the one page that offers a fresh link."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, token: str) -> HttpResponse:
        consultation = get_published_consultation(slug)
        try:
            commitment = private_object(
                Commitment,
                token,
                consultation=consultation,
                queryset=Commitment.objects.select_related("group", "organisation", "consultation"),
            )
        except (LinkInvalid, LinkExpired) as problem:
            return link_problem_page(request, problem, consultation=consultation, model=Commitment)
        return view(request, consultation, commitment, token)

    return wrapped


def _page(request, consultation, commitment, token, *, form=None, progress_form=None, status=200):
    if form is None and commitment.is_editable_by_author:
        form = CommitmentForm(initial=CommitmentForm.initial_from(commitment), consultation=consultation)
    if progress_form is None and commitment.is_followed_up:
        progress_form = ProgressForm(initial={"progress": commitment.progress})
    return render(
        request,
        "commitments/private.html",
        {
            "consultation": consultation,
            "commitment": commitment,
            "token": token,
            "kind": "commitment",
            "form": form,
            "progress_form": progress_form,
            "notes": commitment.progress_notes.all(),
        },
        status=status,
    )


@_commitment_for_link
def private(request: HttpRequest, consultation, commitment: Commitment, token: str) -> HttpResponse:
    if request.method != "POST":
        return _page(request, consultation, commitment, token)
    if not commitment.is_editable_by_author:
        messages.error(
            request,
            _("This commitment is %(status)s, so it can no longer be changed through this link.")
            % {"status": commitment.get_status_display()},
        )
        return redirect(request.path)
    form = CommitmentForm(request.POST, consultation=consultation)
    if form.is_valid():
        try:
            commitment_update_by_author(
                commitment=commitment, data=form.cleaned_data, language=active_content_language()
            )
        except CommitmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your changes are saved. The organisers will review the commitment."))
        return redirect(request.path)
    return _page(request, consultation, commitment, token, form=form, status=400)


@require_POST
@_commitment_for_link
def private_withdraw(request: HttpRequest, consultation, commitment: Commitment, token: str) -> HttpResponse:
    if not is_confirmed(request):
        return confirmation_page(
            request,
            question=_("Withdraw the commitment?"),
            explanation=_("It will not be published; this cannot be undone."),
            confirm_label=_("Yes, withdraw the commitment"),
            back_url=reverse("commitments:private", kwargs={"slug": consultation.slug, "token": token}),
            consultation=consultation,
        )
    try:
        commitment_withdraw(commitment=commitment)
    except CommitmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your commitment is withdrawn."))
    return redirect("commitments:private", slug=consultation.slug, token=token)


@require_POST
@_commitment_for_link
def private_progress(request: HttpRequest, consultation, commitment: Commitment, token: str) -> HttpResponse:
    form = ProgressForm(request.POST)
    if not form.is_valid():
        return _page(request, consultation, commitment, token, progress_form=form, status=400)
    try:
        commitment_progress_record(
            commitment=commitment,
            progress=form.cleaned_data["progress"],
            text=form.cleaned_data["text"],
            noted_on=form.cleaned_data["noted_on"],
            author=ProgressNote.Author.ORGANISATION,
        )
    except CommitmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: your progress note is saved."))
    return redirect("commitments:private", slug=consultation.slug, token=token)
