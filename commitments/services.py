"""Writes of the commitment workflow: record, curate, follow up, publish editions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consultation.mail import mail_send
from consultation.models import Consultation, Organisation
from workgroups.models import WorkingGroup

from .models import Commitment, Edition, ProgressNote, ResultsScreen
from .pdf import document_fragment
from .tasks import build_edition_pdfs

AUTHOR_FIELDS = [
    "group",
    "contact_name",
    "contact_email",
    "contact_phone",
    "resource",
    "starts_on",
    "ends_on",
    "may_publish_name",
]


class CommitmentError(Exception):
    """A workflow rule was broken; the message is translated and meant for the person who tried."""


def _apply_author_data(commitment: Commitment, data: dict[str, Any], language: str) -> None:
    for name in AUTHOR_FIELDS:
        setattr(commitment, name, data[name])
    commitment.organisation = data.get("organisation")
    commitment.proposed_organisation_name = "" if commitment.organisation else data["new_organisation_name"]
    # The author's text is the truth: a translation of an earlier version would now be stale, so it goes.
    commitment.text_lv = data["text"] if language == "lv" else ""
    commitment.text_en = data["text"] if language == "en" else ""
    commitment.language = language


def _tell_author(commitment: Commitment) -> None:
    mail_send(commitment, template="commitments/email/status")


def commitment_create(
    *,
    consultation: Consultation,
    data: dict[str, Any],
    language: str,
    recorded_by=None,
) -> Commitment:
    """Record a proposed commitment; its author gets their private link by e-mail after commit."""
    if data["group"].consultation_id != consultation.pk:
        raise CommitmentError(_("This working group belongs to another consultation."))
    commitment = Commitment(consultation=consultation, recorded_by=recorded_by)
    _apply_author_data(commitment, data, language)
    with transaction.atomic():
        commitment._change_reason = _("recorded")
        commitment.save()
        mail_send(commitment, template="commitments/email/link")
    return commitment


def _locked(commitment: Commitment) -> Commitment:
    return Commitment.objects.select_for_update().get(pk=commitment.pk)


def commitment_update_by_author(*, commitment: Commitment, data: dict[str, Any], language: str) -> Commitment:
    """The author changes a commitment not yet approved; a returned one goes back into the queue."""
    with transaction.atomic():
        current = _locked(commitment)
        if not current.is_editable_by_author:
            raise CommitmentError(
                _("This commitment is %(status)s and can no longer be changed through the link.")
                % {"status": current.get_status_display()}
            )
        if data["group"].consultation_id != current.consultation_id:
            raise CommitmentError(_("This working group belongs to another consultation."))
        _apply_author_data(current, data, language)
        current.status = Commitment.Status.PROPOSED
        current._change_reason = _("changed by the author")
        current.save()
    return current


def commitment_withdraw(*, commitment: Commitment) -> Commitment:
    with transaction.atomic():
        current = _locked(commitment)
        if not current.is_editable_by_author:
            raise CommitmentError(
                _("This commitment is %(status)s and can no longer be withdrawn through the link.")
                % {"status": current.get_status_display()}
            )
        current.status = Commitment.Status.WITHDRAWN
        current._change_reason = _("withdrawn by the author")
        current.save(update_fields=["status", "updated_at"])
    return current


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, counter = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return slug


def commitment_approve(*, commitment: Commitment) -> Commitment:
    """Approve: create the organisation if it is new, and put the commitment last in its group."""
    with transaction.atomic():
        current = _locked(commitment)
        if current.status not in (Commitment.Status.PROPOSED, Commitment.Status.RETURNED):
            raise CommitmentError(
                _("Only a proposed or returned commitment can be approved; this one is %(status)s.")
                % {"status": current.get_status_display()}
            )
        if current.organisation is None:
            name = current.proposed_organisation_name
            existing = Organisation.objects.filter(name_lv__iexact=name).first()
            current.organisation = existing or Organisation.objects.create(
                slug=_unique_slug(name),
                name_lv=name,
                kind=Organisation.Kind.OTHER,
                # An organisation that asked not to be named is not offered in public lists either.
                is_listed=current.may_publish_name,
            )
        last = Commitment.objects.filter(group=current.group, status=Commitment.Status.APPROVED).aggregate(
            last=Max("position")
        )["last"]
        current.position = (last or 0) + 1
        current.status = Commitment.Status.APPROVED
        current.approved_at = timezone.now()
        current._change_reason = _("review: approved")
        current.save()
        _tell_author(current)
    return current


def commitment_return(*, commitment: Commitment, note: str) -> Commitment:
    """Send a commitment back to its author with a note saying what to change."""
    if not note.strip():
        raise CommitmentError(_("Write a note telling the author what to change."))
    with transaction.atomic():
        current = _locked(commitment)
        if current.status not in (Commitment.Status.PROPOSED, Commitment.Status.RETURNED):
            raise CommitmentError(
                _("Only a proposed commitment can be returned; this one is %(status)s.")
                % {"status": current.get_status_display()}
            )
        current.status = Commitment.Status.RETURNED
        current.review_note = note.strip()
        current._change_reason = _("review: returned to the author")
        current.save(update_fields=["status", "review_note", "updated_at"])
        _tell_author(current)
    return current


def commitment_reject(*, commitment: Commitment, note: str = "") -> Commitment:
    with transaction.atomic():
        current = _locked(commitment)
        if current.status == Commitment.Status.WITHDRAWN:
            raise CommitmentError(_("A withdrawn commitment cannot be rejected."))
        current.status = Commitment.Status.REJECTED
        current.review_note = note.strip() or current.review_note
        current._change_reason = _("review: rejected")
        current.save(update_fields=["status", "review_note", "updated_at"])
        _tell_author(current)
    return current


def commitment_progress_record(
    *,
    commitment: Commitment,
    progress: str,
    text: str,
    noted_on: datetime.date | None = None,
    author: str = ProgressNote.Author.ORGANISERS,
) -> ProgressNote:
    """Record how an approved commitment is going: its new status and a dated note."""
    with transaction.atomic():
        current = _locked(commitment)
        if current.status != Commitment.Status.APPROVED:
            raise CommitmentError(_("Progress can be reported only on an approved commitment."))
        current.progress = progress
        current._change_reason = _("progress reported")
        current.save(update_fields=["progress", "updated_at"])
        return ProgressNote.objects.create(
            commitment=current,
            progress=progress,
            text=text,
            noted_on=noted_on or timezone.localdate(),
            author=author,
        )


def edition_publish(*, consultation: Consultation, user=None) -> Edition:
    """Freeze the document as it is now as the next edition; its PDFs are built after commit, off the request."""
    with transaction.atomic():
        Consultation.objects.select_for_update().get(pk=consultation.pk)
        approved = Commitment.objects.filter(consultation=consultation, status=Commitment.Status.APPROVED)
        count = approved.count()
        if count == 0:
            raise CommitmentError(
                _("There are no approved commitments yet: approve at least one before publishing an edition.")
            )
        last = consultation.editions.aggregate(last=Max("number"))["last"] or 0
        edition = Edition.objects.create(
            consultation=consultation,
            number=last + 1,
            published_at=timezone.now(),
            published_by=user,
            commitment_count=count,
            content_lv="",
            content_en="",
        )
        edition.content_lv = document_fragment(consultation=consultation, language="lv", edition=edition)
        edition.content_en = document_fragment(consultation=consultation, language="en", edition=edition)
        edition.save(update_fields=["content_lv", "content_en"])
        # robust: a queue that fails after the commit is logged, never an error page for a published edition
        # (`manage.py build_edition_pdfs` builds what is missing).
        transaction.on_commit(lambda: build_edition_pdfs.enqueue(edition.pk), robust=True)
    return edition


# --- the results screen -------------------------------------------------------------------------------------

SCREEN_MOVES = ("next", "previous", "overview", "group")


def results_screen_move(*, consultation: Consultation, move: str, number: int | None = None) -> ResultsScreen:
    """Step the results screen: to the next or previous group, the overall picture, or group ``number``.

    The steps run overview, group 1, group 2, … and wrap around, so "next" after the last group comes back
    to the overall picture.
    """
    if move not in SCREEN_MOVES:
        raise CommitmentError(_("Unknown step."))
    numbers = list(
        WorkingGroup.objects.filter(consultation=consultation)
        .order_by("number")
        .values_list("number", flat=True)
    )
    steps = [ResultsScreen.OVERVIEW, *numbers]
    with transaction.atomic():
        ResultsScreen.objects.get_or_create(consultation=consultation)
        screen = ResultsScreen.objects.select_for_update().get(consultation=consultation)
        if move == "group":
            if number not in numbers:
                raise CommitmentError(_("There is no working group with that number."))
            screen.step = number
        elif move == "overview":
            screen.step = ResultsScreen.OVERVIEW
        else:
            index = steps.index(screen.step) if screen.step in steps else 0
            screen.step = steps[(index + (1 if move == "next" else -1)) % len(steps)]
        screen.save(update_fields=["step", "updated_at"])
    return screen


def results_screen_set_public(*, consultation: Consultation, is_public: bool) -> ResultsScreen:
    with transaction.atomic():
        ResultsScreen.objects.get_or_create(consultation=consultation)
        screen = ResultsScreen.objects.select_for_update().get(consultation=consultation)
        screen.is_public = is_public
        screen.save(update_fields=["is_public", "updated_at"])
    return screen
