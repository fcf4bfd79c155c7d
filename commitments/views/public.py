"""Public pages: the published document and its editions, the form, follow-up figures and open data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from consultation.i18n import active_content_language, content_languages, translated_names
from consultation.links import private_path
from consultation.models import Consultation
from consultation.page_cache import cached_public_page
from consultation.protection import Refused, admit, protected_form
from consultation.spreadsheets import csv_text
from consultation.views import get_published_consultation

from ..forms import PublicCommitmentForm
from ..models import Commitment, Edition
from ..selectors import progress_summary
from ..services import CommitmentError, commitment_create


@cached_public_page
def document(request: HttpRequest, consultation) -> HttpResponse:
    """The latest published edition, in the visitor's language, and the list of earlier ones."""
    editions = list(Edition.objects.filter(consultation=consultation))
    latest = (
        Edition.objects.filter(consultation=consultation)
        .prefetch_related("translations")
        .order_by("-number")
        .first()
    )
    return render(
        request,
        "commitments/document.html",
        {"consultation": consultation, "edition": latest, "editions": editions, "is_latest": True},
    )


@cached_public_page
def edition_detail(request: HttpRequest, consultation, number: int) -> HttpResponse:
    edition = get_object_or_404(
        Edition.objects.prefetch_related("translations"), consultation=consultation, number=number
    )
    editions = list(Edition.objects.filter(consultation=consultation))
    return render(
        request,
        "commitments/document.html",
        {
            "consultation": consultation,
            "edition": edition,
            "editions": editions,
            "is_latest": edition.number == editions[0].number,
        },
    )


PDF_CACHE_SECONDS = 300


def edition_pdf(request: HttpRequest, slug: str, number: int, language: str) -> HttpResponse:
    """The edition's PDF, served as the file it was built into once.

    A published edition's file never changes, so its name is kept in the cache: a repeated download opens the
    file without touching the database, as cheap as serving a static file through Django can be.
    """
    if language not in content_languages():
        raise Http404
    key = f"commitments:edition-pdf:{slug}:{number}:{language}"
    name = cache.get(key)
    if name is None:
        consultation = get_published_consultation(slug)
        edition = get_object_or_404(Edition, consultation=consultation, number=number)
        field = edition.pdf_for(language)
        if field is None:
            raise Http404  # a language configured after this edition was published
        if not field:
            response = render(
                request,
                "commitments/pdf_pending.html",
                {"consultation": consultation, "edition": edition},
                status=503,
            )
            response["Retry-After"] = "30"
            return response
        name = field.name
        cache.set(key, name, PDF_CACHE_SECONDS)
    filename = f"{slug}-commitments-{number}-{language}.pdf"
    response = FileResponse(
        default_storage.open(name, "rb"), content_type="application/pdf", filename=filename
    )
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@protected_form
@cached_public_page  # the form is shared; each visitor's tokens are filled in (consultation/page_cache.py)
def commitment_new(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The public form: an organisation records a commitment, then lands on its private page."""
    number = request.GET.get("group", "")
    initial = (
        {"group": consultation.working_groups.filter(number=number).first()}
        if number.isascii() and number.isdigit()
        else {}
    )
    form = PublicCommitmentForm(request.POST or None, consultation=consultation, initial=initial)
    context = {"consultation": consultation, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            with admit(request, form, rate="commitment"):
                commitment = commitment_create(
                    consultation=consultation,
                    data=form.cleaned_data,
                    language=active_content_language(),
                )
        except Refused as refusal:
            return refusal.respond(render(request, "commitments/commitment_form.html", context))
        except CommitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you! Your commitment is saved and waits for the organisers' review. "
                    "Keep this page's address: it is your private link (we also sent it by e-mail)."
                ),
            )
            return redirect(private_path(commitment, language=commitment.language))
    return render(request, "commitments/commitment_form.html", context)


@cached_public_page
def progress(request: HttpRequest, consultation) -> HttpResponse:
    """The consultation's accountability: how many commitments are done, in progress and open."""
    rows, overall = progress_summary(consultation=consultation)
    return render(
        request, "commitments/progress.html", {"consultation": consultation, "rows": rows, "overall": overall}
    )


OPEN_DATA_FIELDS = [
    "id",
    "group_number",
    "group",
    "organisation",
    *(f"commitment_{language}" for language in content_languages()),
    "resource",
    "starts_on",
    "ends_on",
    "progress",
    "approved_at",
]


TEXT_COLUMNS = list(zip(content_languages(), translated_names("text"), strict=True))


def _open_data_rows(consultation) -> list[dict]:
    """Approved commitments without personal data; an organisation that asked not to be named stays unnamed."""
    commitments = (
        Commitment.objects.filter(consultation=consultation, status=Commitment.Status.APPROVED)
        .select_related("organisation", "group")
        .order_by("group__number", "position", "id")
    )
    return [
        {
            "id": c.pk,
            "group_number": c.group.number,
            "group": c.group.title,
            "organisation": c.organisation.name if c.may_publish_name and c.organisation_id else "",
            **{f"commitment_{language}": getattr(c, name) for language, name in TEXT_COLUMNS},
            "resource": c.resource,
            "starts_on": c.starts_on.isoformat(),
            "ends_on": c.ends_on.isoformat() if c.ends_on else "",
            "progress": c.progress,
            "approved_at": c.approved_at.isoformat() if c.approved_at else "",
        }
        for c in commitments
    ]


def open_data_csv(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    rows = ([row[key] for key in OPEN_DATA_FIELDS] for row in _open_data_rows(consultation))
    response = HttpResponse(csv_text(OPEN_DATA_FIELDS, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-commitments.csv"'
    return response


def open_data_json(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    payload = {
        "consultation": consultation.slug,
        "language": get_language(),
        "licence": "CC BY 4.0",
        "commitments": _open_data_rows(consultation),
    }
    return HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
