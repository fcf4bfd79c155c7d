"""Writes of registration: register, change, cancel, promote from the waiting list, check in.

Each service that touches places runs inside ``places.places_lock`` (see ``places.py``).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultation.i18n import primary_language
from consultation.mail import mail_send
from consultation.models import Consultation, Organisation
from consultation.page_cache import content_changed
from workgroups.models import WorkingGroup

from .models import CANCELLATION_EMAIL, REGISTRATION_EMAIL, Participant, registration_code_new
from .places import (  # noqa: F401 - RegistrationBusy and RegistrationError are part of this module's answers
    Places,
    RegistrationBusy,
    RegistrationError,
    leave_waiting_list,
    place,
    places_lock,
    promote,
)

logger = logging.getLogger(__name__)

CODE_ATTEMPTS = 3


class RegistrationClosed(RegistrationError):
    pass


class AlreadyRegistered(RegistrationError):
    def __init__(self, participant: Participant) -> None:
        super().__init__(_("This e-mail address is already registered."))
        self.participant = participant


class GroupFull(RegistrationError):
    pass


@dataclass(frozen=True, kw_only=True)
class RegistrationData:
    first_name: str
    last_name: str
    email: str
    sector: str
    first_choice: WorkingGroup
    second_choice: WorkingGroup | None = None
    phone: str = ""
    organisation: Organisation | None = None
    organisation_name: str = ""
    position: str = ""
    needs_accessibility: str = ""
    needs_diet: str = ""
    needs_other: str = ""
    consent_data: bool = False
    consent_listing: bool = False
    language: str = dataclasses.field(default_factory=primary_language)


def _email_after_commit(participant: Participant, kind: str) -> None:
    """Tell the person after commit (a walk-in may have no address: then nothing is sent or marked)."""
    template = CANCELLATION_EMAIL if kind == "cancelled" else REGISTRATION_EMAIL
    mail_send(participant, template=template, context={"kind": kind})


# --- the services --------------------------------------------------------------------------------------


def registration_create(
    *,
    consultation: Consultation,
    data: RegistrationData,
    submission_token: uuid.UUID | None = None,
    walk_in: bool = False,
    walk_in_may_wait: bool = False,
) -> Participant:
    """Register a person; confirm them if a chosen group has room, else put them on the waiting list.

    A repeated submission (same ``submission_token``) returns the first one's participant. A walk-in is
    checked in at once and must fit: the desk is told when the group is full. A walk-in the desk took while
    offline (``walk_in_may_wait``) goes to the waiting list of a group that filled up meanwhile instead.
    """
    if not walk_in and not consultation.registration_is_open:
        raise RegistrationClosed(_("Registration is closed."))
    for attempt in range(CODE_ATTEMPTS):
        try:
            return _registration_create_once(consultation, data, submission_token, walk_in, walk_in_may_wait)
        except IntegrityError as error:
            # The unique indexes answer the rare cases, so the lock is held for as few statements as possible.
            if "participant_unique_submission" in str(error):  # the same form sent twice
                return Participant.objects.get(submission_token=submission_token)
            if "participant_unique_active_email" in str(error):
                raise AlreadyRegistered(
                    participant_find_by_email(consultation=consultation, email=data.email)
                ) from error
            # Two people drew the same random code (about 1 in 100 million): draw again.
            if "participant_unique_code" not in str(error) or attempt == CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _registration_create_once(
    consultation: Consultation,
    data: RegistrationData,
    submission_token: uuid.UUID | None,
    walk_in: bool,
    walk_in_may_wait: bool = False,
) -> Participant:
    email = data.email.strip()
    with places_lock(consultation):
        seats = Places(consultation)
        participant = Participant(
            consultation=consultation,
            code=registration_code_new(),
            email=email,
            first_choice=data.first_choice,
            second_choice=data.second_choice,
            submission_token=submission_token,
            is_walk_in=walk_in,
            checked_in_at=timezone.now() if walk_in else None,
            **{
                field: getattr(data, field)
                for field in (
                    "first_name",
                    "last_name",
                    "phone",
                    "organisation",
                    "organisation_name",
                    "sector",
                    "position",
                    "needs_accessibility",
                    "needs_diet",
                    "needs_other",
                    "consent_data",
                    "consent_listing",
                    "language",
                )
            },
        )
        choices = [group for group in (data.first_choice, data.second_choice) if group is not None]
        place(participant, seats, choices)
        if walk_in and not walk_in_may_wait and participant.status != Participant.Status.CONFIRMED:
            raise GroupFull(_("This group is full. Choose another group."))
        participant.save()
        _email_after_commit(participant, "registered")
    return participant


def registration_place(*, participant: Participant) -> None:
    """Give a new participant built elsewhere (an import) a confirmed place or a waiting-list position.

    Call it inside the transaction that saves the participant: the lock is held until that one ends.
    """
    with places_lock(participant.consultation):
        place(participant, Places(participant.consultation), [participant.group])


def registration_update(*, participant: Participant, data: RegistrationData) -> Participant:
    """Change a person's details and, with the same capacity rules, their group.

    Moving to a full group is refused for a confirmed person (they keep their place); a waiting person
    joins the end of the new group's waiting list.
    """
    with places_lock(participant.consultation):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status == Participant.Status.CANCELLED:
            raise RegistrationError(_("This registration is cancelled."))
        for field in (
            "first_name",
            "last_name",
            "phone",
            "organisation",
            "organisation_name",
            "sector",
            "position",
            "needs_accessibility",
            "needs_diet",
            "needs_other",
            "consent_listing",
        ):
            setattr(participant, field, getattr(data, field))
        participant.second_choice = data.second_choice
        moved = data.first_choice.pk != participant.group_id
        if moved:
            _group_move(participant, data.first_choice)
        participant.save()
        if moved:
            for promoted in promote(Places(participant.consultation)):
                _email_after_commit(promoted, "promoted")
            _email_after_commit(participant, "changed")
    return participant


def _group_move(participant: Participant, group: WorkingGroup) -> None:
    seats = Places(participant.consultation)
    if participant.status == Participant.Status.CONFIRMED:
        seats.free(participant.group_id)
        if not seats.has_room(group.pk):
            raise GroupFull(_("The group “%(group)s” is full; you keep your place.") % {"group": group.title})
    else:
        leave_waiting_list(participant, Participant.Status.CANCELLED)
    participant.first_choice = group
    place(participant, seats, [group])


def registration_move(*, participant: Participant, group: WorkingGroup) -> Participant:
    """Organisers move a person to another group (same rules as the person changing it themselves)."""
    with places_lock(participant.consultation):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.group_id == group.pk or participant.status == Participant.Status.CANCELLED:
            return participant
        _group_move(participant, group)
        participant.save()
        for promoted in promote(Places(participant.consultation)):
            _email_after_commit(promoted, "promoted")
        _email_after_commit(participant, "changed")
    return participant


def registration_cancel(*, participant: Participant) -> Participant:
    """Cancel a registration; the first person waiting for the freed place is confirmed and told."""
    with places_lock(participant.consultation):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status == Participant.Status.CANCELLED:
            return participant
        leave_waiting_list(participant, Participant.Status.CANCELLED)
        participant.status = Participant.Status.CANCELLED
        participant.save(update_fields=["status", "waiting_position", "updated_at"])
        if participant.email:
            _email_after_commit(participant, "cancelled")
        for promoted in promote(Places(participant.consultation)):
            _email_after_commit(promoted, "promoted")
    return participant


def registration_confirm(*, participant: Participant) -> Participant:
    """Organisers confirm a waiting person now, if their group and the event have room."""
    with places_lock(participant.consultation):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status != Participant.Status.WAITING:
            return participant
        seats = Places(participant.consultation)
        if not seats.has_room(participant.group_id):
            raise GroupFull(_("The group “%(group)s” is full.") % {"group": participant.group.title})
        leave_waiting_list(participant, Participant.Status.CONFIRMED)
        participant.save(update_fields=["status", "waiting_position", "updated_at"])
        _email_after_commit(participant, "promoted")
    return participant


def waiting_lists_promote(*, consultation: Consultation) -> list[Participant]:
    """Fill places freed by other means (a group's capacity raised): confirm who fits, in waiting order."""
    with places_lock(consultation):
        promoted = promote(Places(consultation))
        for participant in promoted:
            _email_after_commit(participant, "promoted")
    return promoted


def participant_check_in(*, participant: Participant, undo: bool = False) -> Participant:
    """Check a person in at the desk (or undo it); the audit trail records who did it and when."""
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        participant.checked_in_at = None if undo else timezone.now()
        participant._change_reason = _("desk: check-in undone") if undo else _("desk: checked in")
        participant.save(update_fields=["checked_in_at", "updated_at"])
    return participant


def participants_link_organisation(*, participants: QuerySet[Participant], organisation: Organisation) -> int:
    """Organisers merge what people typed into a known organisation; returns how many were linked."""
    # Group pages list participants' organisations; they are told here whatever the signals do.
    for consultation_id in set(participants.values_list("consultation_id", flat=True)):
        content_changed(consultation_id)
    count = 0
    for participant in participants:  # one by one, so the audit trail records each change
        participant.organisation, participant.organisation_name = organisation, ""
        participant._change_reason = _("linked to a known organisation")
        participant.save(update_fields=["organisation", "organisation_name", "updated_at"])
        count += 1
    return count


def participant_find_by_email(*, consultation: Consultation, email: str) -> Participant | None:
    """The active registration with this address (any letter case), through the unique index on lower(email)."""
    return (
        Participant.objects.active()
        .exclude(email="")
        .alias(email_lower=Lower("email"))
        .filter(consultation=consultation, email_lower=email.strip().lower())
        .order_by()
        .first()
    )


def participants_purge(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Keep personal data only as long as the privacy page says: needs for a month, the rest for a year.

    Returns (registrations whose needs were cleared, registrations deleted). Run daily
    (``manage.py personal_data_purge``).
    """
    now = now or timezone.now()
    needs_until = now - datetime.timedelta(days=settings.REGISTRATION_KEEP_NEEDS_DAYS)
    data_until = now - datetime.timedelta(days=settings.REGISTRATION_KEEP_DATA_DAYS)
    with transaction.atomic():
        deleted, _ = Participant.objects.filter(consultation__ends_at__lt=data_until).delete()
        cleared = (
            Participant.objects.filter(consultation__ends_at__lt=needs_until)
            .exclude(needs_accessibility="", needs_diet="", needs_other="")
            .update(needs_accessibility="", needs_diet="", needs_other="")
        )
    return cleared, deleted
