"""Background work: an edition's PDFs, and the private link e-mailed to a commitment's author."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .links import commitment_private_url
from .models import Commitment, Edition
from .pdf import edition_pdfs_build


@task()
def build_edition_pdfs(edition_id: int) -> None:
    """Build the Latvian and English PDFs of a just-published edition (once; reruns keep the files)."""
    edition = Edition.objects.select_related("consultation").get(pk=edition_id)
    edition_pdfs_build(edition=edition)


@task()
def send_commitment_status(commitment_id: int, base_url: str = "") -> None:
    """Tell the author that the organisers approved, returned or rejected their commitment, in their language."""
    commitment = Commitment.objects.select_related("consultation", "group").get(pk=commitment_id)
    with translation.override(commitment.language):
        context = {
            "commitment": commitment,
            "consultation": commitment.consultation,
            "url": base_url + commitment_private_url(commitment),
        }
        subject = render_to_string("commitments/email/status_subject.txt", context).strip()
        body = render_to_string("commitments/email/status_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [commitment.contact_email])


@task()
def send_commitment_link(commitment_id: int, language: str = "lv", base_url: str = "") -> None:
    """E-mail the author the private link to change, withdraw or report on their commitment."""
    commitment = Commitment.objects.select_related("consultation", "group").get(pk=commitment_id)
    with translation.override(language):
        context = {
            "commitment": commitment,
            "consultation": commitment.consultation,
            "url": base_url + commitment_private_url(commitment),
        }
        subject = render_to_string("commitments/email/link_subject.txt", context).strip()
        body = render_to_string("commitments/email/link_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [commitment.contact_email])
