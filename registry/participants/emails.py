"""The registration e-mail: status, group, code with its QR code, the programme (iCalendar), the private link."""

from __future__ import annotations

import io
from email.mime.image import MIMEImage

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from consultation.calendar import programme_calendar

from .links import participant_private_url
from .models import Participant
from .selectors import registration_desk_item

QR_CONTENT_ID = "registration-code"


def registration_qr_png(*, code: str) -> bytes:
    """The code as a QR code (error correction M, so a crumpled printout still scans)."""
    buffer = io.BytesIO()
    segno.make_qr(code, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def registration_email_build(*, participant: Participant, kind: str) -> EmailMultiAlternatives:
    """The message in the participant's language; ``kind`` says why it is sent (registered, promoted, ...)."""
    consultation = participant.consultation
    with translation.override(participant.language):
        context = {
            "participant": participant,
            "consultation": consultation,
            "kind": kind,
            "private_url": settings.SITE_URL.rstrip("/") + participant_private_url(participant=participant),
            "qr_content_id": QR_CONTENT_ID,
            "desk": registration_desk_item(consultation=consultation),
        }
        subject = " ".join(render_to_string("participants/emails/registration_subject.txt", context).split())
        text = render_to_string("participants/emails/registration_body.txt", context)
        html = render_to_string("participants/emails/registration_body.html", context)
        calendar = programme_calendar(consultation=consultation, group=participant.group)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[participant.email])
    message.attach_alternative(html, "text/html")
    image = MIMEImage(registration_qr_png(code=participant.code), "png")
    image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
    image.add_header("Content-Disposition", "inline", filename=f"{participant.code}.png")
    message.attach(image)
    message.attach(f"{consultation.slug}.ics", calendar, "text/calendar")
    return message
