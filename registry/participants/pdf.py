"""Printable PDFs of a working group (WeasyPrint): the attendance sheet and name badges."""

from __future__ import annotations

from collections.abc import Iterable

import segno
from django.template.loader import render_to_string
from weasyprint import HTML

from workgroups.models import WorkingGroup

from .models import Participant


def attendance_sheet_pdf(*, group: WorkingGroup) -> bytes:
    """A4: the group's confirmed participants by last name, with an empty signature column."""
    participants = (
        Participant.objects.confirmed()
        .filter(group=group)
        .select_related("organisation")
        .order_by("last_name", "first_name", "id")
    )
    html = render_to_string(
        "participants/participant_attendance_pdf.html",
        {"group": group, "consultation": group.consultation, "participants": participants},
    )
    return HTML(string=html).write_pdf()


def badges_pdf(*, participants: Iterable[Participant]) -> bytes:
    """Name badges, eight to an A4 page (2 × 4, 90 × 67.5 mm).

    Each carries the event's name, the person's name and organisation, their group (number and title) and a
    QR code of their registration code, which the desk scans as it scans the confirmation e-mail's.
    """
    badges = [
        (participant, segno.make_qr(participant.code, error="m").png_data_uri(scale=6, border=2))
        for participant in participants
    ]
    consultation = badges[0][0].consultation if badges else None
    html = render_to_string(
        "participants/participant_badges_pdf.html", {"badges": badges, "consultation": consultation}
    )
    return HTML(string=html).write_pdf()
