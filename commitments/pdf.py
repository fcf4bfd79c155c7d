"""The commitment document as HTML and as PDF, both from the same templates.

The document body (``_document.html``) is rendered once per language; the web page embeds it and the PDF
wraps it in ``document_print.html``. WeasyPrint reads only our own static files (stylesheet and the fonts
shipped in static/fonts/), never the network or the system's fonts.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from consultation.i18n import content_languages
from consultation.models import Consultation

from .models import Edition, EditionTranslation
from .selectors import document_content

BASE_URL = "https://document.invalid/"


def document_fragment(*, consultation: Consultation, language: str, edition: Edition | None = None) -> str:
    """The document's body in ``language``: what an edition freezes and the web page shows."""
    with translation.override(language):
        context = document_content(consultation=consultation)
        context.update({"edition": edition, "language": language})
        return render_to_string("commitments/_document.html", context)


def _static_path(url_path: str) -> Path | None:
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not url_path.startswith(prefix):
        return None
    relative = url_path.removeprefix(prefix)
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    if found:
        return Path(found)
    candidate = Path(settings.STATIC_ROOT) / relative
    return (
        candidate
        if candidate.is_file() and Path(settings.STATIC_ROOT) in candidate.resolve().parents
        else None
    )


class StaticFilesFetcher(URLFetcher):
    """Serve the document's stylesheet and fonts from the static files; refuse everything else."""

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = _static_path(parts.path) if url.startswith(BASE_URL) else None
        if path is None:
            raise ValueError(f"The document may load only its own static files, not {url}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})


def pdf_from_fragment(*, fragment: str, language: str, title: str) -> bytes:
    with translation.override(language):
        html = render_to_string(
            "commitments/document_print.html", {"content": fragment, "language": language, "title": title}
        )
    # Never normalise the markup (consultation.text): text was composed when it was validated.
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf()


def _title(consultation: Consultation, language: str) -> str:
    with translation.override(language):
        return str(consultation.title)


def render_pdf(*, edition: Edition, language: str) -> bytes:
    """The PDF of an edition in ``language``, from its frozen content."""
    fragment = edition.translations.get(language=language).content
    return pdf_from_fragment(
        fragment=fragment, language=language, title=_title(edition.consultation, language)
    )


def render_draft_pdf(*, consultation: Consultation, language: str) -> bytes:
    """The PDF of the document as it is now, for organisers to check before publishing."""
    fragment = document_fragment(consultation=consultation, language=language)
    return pdf_from_fragment(fragment=fragment, language=language, title=_title(consultation, language))


def edition_pdfs_build(*, edition: Edition, force: bool = False) -> Edition:
    """Render the PDF of each language an edition was published in, once; a built file is kept unless ``force``.

    A language configured after the edition was published has no content in it, so no PDF either.
    """
    for edition_translation in edition.translations.filter(language__in=content_languages()):
        if edition_translation.pdf and not force:
            continue
        language = edition_translation.language
        pdf = pdf_from_fragment(
            fragment=edition_translation.content,
            language=language,
            title=_title(edition.consultation, language),
        )
        edition_translation.pdf.save(
            f"{edition.consultation.slug}-edition-{edition.number}-{language}.pdf",
            ContentFile(pdf),
            save=False,
        )
        EditionTranslation.objects.filter(pk=edition_translation.pk).update(pdf=edition_translation.pdf.name)
    return edition
