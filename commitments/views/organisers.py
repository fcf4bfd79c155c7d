"""Organisers' pages outside the admin: the draft document, its PDF, and publishing an edition."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.confirmation import confirmation_page, is_confirmed
from consultation.i18n import active_content_language, content_languages
from consultation.views import get_published_consultation

from ..models import Commitment
from ..pdf import document_fragment, render_draft_pdf
from ..services import CommitmentError, edition_publish

PUBLISH_PERMISSION = "commitments.add_edition"


@permission_required(PUBLISH_PERMISSION)
def draft(request: HttpRequest, slug: str) -> HttpResponse:
    """The document as it would be published now, with the button that publishes it."""
    consultation = get_published_consultation(slug)
    counts = {
        status: Commitment.objects.filter(consultation=consultation, status=status).count()
        for status in (Commitment.Status.APPROVED, Commitment.Status.PROPOSED)
    }
    return render(
        request,
        "commitments/draft.html",
        {
            "consultation": consultation,
            "content": document_fragment(consultation=consultation, language=active_content_language()),
            "approved_count": counts[Commitment.Status.APPROVED],
            "proposed_count": counts[Commitment.Status.PROPOSED],
            "last_edition": consultation.editions.order_by("-number").first(),
        },
    )


@permission_required(PUBLISH_PERMISSION)
def draft_pdf(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    if language not in content_languages():
        raise Http404
    response = HttpResponse(
        render_draft_pdf(consultation=consultation, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{consultation.slug}-draft-{language}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@permission_required(PUBLISH_PERMISSION)
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    if not is_confirmed(request):
        return confirmation_page(
            request,
            question=_("Publish a new edition?"),
            explanation=_(
                "A published edition can never be changed or deleted: its number and address always show "
                "this content."
            ),
            confirm_label=_("Yes, publish the edition"),
            back_url=reverse("commitments:draft", kwargs={"slug": slug}),
            consultation=consultation,
        )
    try:
        edition = edition_publish(consultation=consultation, user=request.user)
    except CommitmentError as error:
        messages.error(request, str(error))
        return redirect("commitments:draft", slug=slug)
    messages.success(
        request,
        _("Edition %(number)s is published. Its PDFs are being built and will be downloadable shortly.")
        % {"number": edition.number},
    )
    return redirect("commitments:edition", slug=slug, number=edition.number)
