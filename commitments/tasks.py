"""Background work: an edition's PDFs (e-mail goes through consultation.mail)."""

from __future__ import annotations

from django_tasks import task

from .models import Edition
from .pdf import edition_pdfs_build


@task()
def build_edition_pdfs(edition_id: int) -> None:
    """Build a just-published edition's PDF in each language (once; reruns keep the files)."""
    edition = Edition.objects.select_related("consultation").get(pk=edition_id)
    edition_pdfs_build(edition=edition)
