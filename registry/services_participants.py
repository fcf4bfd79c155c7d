"""Writes of registration: register, change, cancel, promote from the waiting list, check in.

Every decision about places is taken while holding the consultation's row lock (FOR NO KEY UPDATE, which
does not block other tables' foreign-key checks), so concurrent registrations never overbook: the event's
total capacity spans all its groups, so the lock is per consultation, not per group. The lock wait is bounded
by ``REGISTRATION_LOCK_TIMEOUT_MS``; on timeout the caller gets ``RegistrationBusy`` ("please try again").
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultation.models import Consultation, Organisation
from workgroups.models import WorkingGroup

from .models import Participant, registration_code_new
from .tasks import registration_email_enqueue

logger = logging.getLogger(__name__)

# Tests switch these to show the race the lock prevents; nothing else touches them.
USE_LOCK = True
RACE_WINDOW_SECONDS = 0.0

CODE_ATTEMPTS = 3


class RegistrationError(Exception):
    """A rule said no; ``str(error)`` is a translated message for the person."""


class RegistrationClosed(RegistrationError):
    pass


class RegistrationBusy(RegistrationError):
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
    language: str = "lv"


# --- the lock and the counting -------------------------------------------------------------------------


@contextmanager
def _places_lock(consultation: Consultation) -> Iterator[None]:
    """Open a transaction holding the consultation's lock, waiting at most the configured lock timeout.

    Reads that decide about places must run in statements *after* this one: in READ COMMITTED each statement
    sees what was committed before it started, so only a later statement sees the previous holder's rows.
    """
    try:
        with transaction.atomic():
            if USE_LOCK:
                table = Consultation._meta.db_table
                with connection.cursor() as cursor:
                    if connection.vendor == "postgresql":
                        timeout = int(settings.REGISTRATION_LOCK_TIMEOUT_MS)
                        cursor.execute(
                            f"SET LOCAL lock_timeout = {timeout}; "
                            f"SELECT 1 FROM {table} WHERE id = %s FOR NO KEY UPDATE",
                            [consultation.pk],
                        )
                    else:  # SQLite (the demo) takes the database's write lock instead
                        cursor.execute(f"UPDATE {table} SET id = id WHERE id = %s", [consultation.pk])
            yield
    except DatabaseError as error:
        if getattr(getattr(error, "__cause__", None), "pgcode", None) == "55P03":  # lock_not_available
            raise RegistrationBusy(
                _("Many people are registering right now. Please try again in a moment.")
            ) from error
        raise


# One round trip under the lock: the event's capacity, and per group its capacity, confirmed count and the
# end of its waiting list. Plain SQL because this runs while everyone else waits for the lock; each subquery
# reads an index (the confirmed count touches at most the group's capacity in rows, the waiting list's end
# is the last entry of its unique index), so the time under the lock does not grow with the waiting lists.
_PLACES_SQL = f"""
SELECT g.id, g.capacity, c.capacity,
       (SELECT count(*) FROM {Participant._meta.db_table} p WHERE p.group_id = g.id AND p.status = 'confirmed'),
       (SELECT coalesce(max(p.waiting_position), 0) FROM {Participant._meta.db_table} p
         WHERE p.group_id = g.id AND p.status = 'waiting')
FROM {WorkingGroup._meta.db_table} g
JOIN {Consultation._meta.db_table} c ON c.id = g.consultation_id
WHERE g.consultation_id = %s
"""


class _Places:
    """Capacities, confirmed counts and waiting-list ends per group, read in one query under the lock."""

    def __init__(self, consultation: Consultation) -> None:
        self.consultation = consultation
        self.capacity: int | None = None
        self.group_capacity: dict[int, int] = {}
        self.confirmed: Counter[int] = Counter()
        self.last_waiting: dict[int, int] = {}
        with connection.cursor() as cursor:
            cursor.execute(_PLACES_SQL, [consultation.pk])
            for pk, capacity, event_capacity, confirmed, last_waiting in cursor.fetchall():
                self.capacity = event_capacity
                self.group_capacity[pk] = capacity
                self.confirmed[pk] = confirmed
                self.last_waiting[pk] = last_waiting

    def has_room(self, group_id: int) -> bool:
        if self.capacity is not None and sum(self.confirmed.values()) >= self.capacity:
            return False
        return self.confirmed[group_id] < self.group_capacity[group_id]

    def take(self, group_id: int) -> None:
        self.confirmed[group_id] += 1

    def free(self, group_id: int) -> None:
        self.confirmed[group_id] -= 1

    def next_waiting_position(self, group_id: int) -> int:
        self.last_waiting[group_id] += 1
        return self.last_waiting[group_id]


_SHIFT = 1_000_000_000  # above any waiting-list position; lets two set-based updates renumber a list


def _close_gap(group_id: int, position: int) -> None:
    """Move everyone behind ``position`` one place up, in two statements whatever the list's length.

    The unique index on (group, position) is checked row by row, so the rows first move out of the way
    (far above any position) and then come back one place lower.
    """
    behind = Participant.objects.waiting().filter(group_id=group_id)
    behind.filter(waiting_position__gt=position).update(waiting_position=F("waiting_position") + _SHIFT - 1)
    behind.filter(waiting_position__gt=_SHIFT).update(waiting_position=F("waiting_position") - _SHIFT)


def _leave_waiting_list(participant: Participant, status: str) -> None:
    """Take a waiting person off their group's list, giving them ``status``; the people behind move up."""
    if participant.status == Participant.Status.WAITING:
        rows = Participant.objects.filter(pk=participant.pk)
        position = rows.values_list("waiting_position", flat=True).get()
        rows.update(status=status, waiting_position=None)
        _close_gap(participant.group_id, position)
    participant.status, participant.waiting_position = status, None


def _promote(places: _Places) -> list[Participant]:
    """Confirm waiting people, front of the list first, while their group and the event have room.

    Reads only as many waiting people per group as it has free places, however long the lists are.
    """
    total_free = None if places.capacity is None else max(places.capacity - sum(places.confirmed.values()), 0)
    candidates: list[Participant] = []
    for group_id, capacity in places.group_capacity.items():
        free = capacity - places.confirmed[group_id]
        if total_free is not None:
            free = min(free, total_free)
        if free > 0:
            candidates += (
                Participant.objects.waiting().filter(group_id=group_id).order_by("waiting_position")[:free]
            )
    promoted = []
    for candidate in sorted(candidates, key=lambda p: (p.waiting_position, p.created_at, p.pk)):
        if not places.has_room(candidate.group_id):
            continue
        _leave_waiting_list(candidate, Participant.Status.CONFIRMED)
        candidate.save(update_fields=["status", "waiting_position", "updated_at"])
        places.take(candidate.group_id)
        promoted.append(candidate)
    return promoted


def _place(participant: Participant, places: _Places, choices: list[WorkingGroup]) -> None:
    """Confirm in the first choice that has room, else put on the first choice's waiting list."""
    for group in choices:
        if places.has_room(group.pk):
            participant.group = group
            participant.status = Participant.Status.CONFIRMED
            participant.waiting_position = None
            places.take(group.pk)
            return
    participant.group = choices[0]
    participant.status = Participant.Status.WAITING
    participant.waiting_position = places.next_waiting_position(choices[0].pk)


def _email_after_commit(participant: Participant, kind: str) -> None:
    transaction.on_commit(lambda: registration_email_enqueue(participant_id=participant.pk, kind=kind))


# --- the services --------------------------------------------------------------------------------------


def registration_create(
    *,
    consultation: Consultation,
    data: RegistrationData,
    submission_token: uuid.UUID | None = None,
    walk_in: bool = False,
) -> Participant:
    """Register a person; confirm them if a chosen group has room, else put them on the waiting list.

    A repeated submission (same ``submission_token``) returns the first one's participant. A walk-in is
    checked in at once and must fit: the desk is told when the group is full.
    """
    if not walk_in and not consultation.registration_is_open:
        raise RegistrationClosed(_("Registration is closed."))
    for attempt in range(CODE_ATTEMPTS):
        try:
            return _registration_create_once(consultation, data, submission_token, walk_in)
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
    consultation: Consultation, data: RegistrationData, submission_token: uuid.UUID | None, walk_in: bool
) -> Participant:
    email = data.email.strip()
    with _places_lock(consultation):
        places = _Places(consultation)
        if RACE_WINDOW_SECONDS:
            time.sleep(RACE_WINDOW_SECONDS)
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
        _place(participant, places, choices)
        if walk_in and participant.status != Participant.Status.CONFIRMED:
            raise GroupFull(_("This group is full. Choose another group."))
        participant.save()
        _email_after_commit(participant, "registered")
    return participant


def registration_place(*, participant: Participant) -> None:
    """Give a new participant built elsewhere (an import) a confirmed place or a waiting-list position.

    Call it inside the transaction that saves the participant: the lock is held until that one ends.
    """
    with _places_lock(participant.consultation):
        _place(participant, _Places(participant.consultation), [participant.group])


def registration_update(*, participant: Participant, data: RegistrationData) -> Participant:
    """Change a person's details and, with the same capacity rules, their group.

    Moving to a full group is refused for a confirmed person (they keep their place); a waiting person
    joins the end of the new group's waiting list.
    """
    with _places_lock(participant.consultation):
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
            for promoted in _promote(_Places(participant.consultation)):
                _email_after_commit(promoted, "promoted")
            _email_after_commit(participant, "changed")
    return participant


def _group_move(participant: Participant, group: WorkingGroup) -> None:
    places = _Places(participant.consultation)
    if participant.status == Participant.Status.CONFIRMED:
        places.free(participant.group_id)
        if not places.has_room(group.pk):
            raise GroupFull(_("The group “%(group)s” is full; you keep your place.") % {"group": group.title})
    else:
        _leave_waiting_list(participant, Participant.Status.CANCELLED)
    participant.first_choice = group
    _place(participant, places, [group])


def registration_move(*, participant: Participant, group: WorkingGroup) -> Participant:
    """Organisers move a person to another group (same rules as the person changing it themselves)."""
    with _places_lock(participant.consultation):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.group_id == group.pk or participant.status == Participant.Status.CANCELLED:
            return participant
        _group_move(participant, group)
        participant.save()
        for promoted in _promote(_Places(participant.consultation)):
            _email_after_commit(promoted, "promoted")
        _email_after_commit(participant, "changed")
    return participant


def registration_cancel(*, participant: Participant) -> Participant:
    """Cancel a registration; the first person waiting for the freed place is confirmed and told."""
    with _places_lock(participant.consultation):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status == Participant.Status.CANCELLED:
            return participant
        _leave_waiting_list(participant, Participant.Status.CANCELLED)
        participant.status = Participant.Status.CANCELLED
        participant.save(update_fields=["status", "waiting_position", "updated_at"])
        for promoted in _promote(_Places(participant.consultation)):
            _email_after_commit(promoted, "promoted")
    return participant


def registration_confirm(*, participant: Participant) -> Participant:
    """Organisers confirm a waiting person now, if their group and the event have room."""
    with _places_lock(participant.consultation):
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if participant.status != Participant.Status.WAITING:
            return participant
        places = _Places(participant.consultation)
        if not places.has_room(participant.group_id):
            raise GroupFull(_("The group “%(group)s” is full.") % {"group": participant.group.title})
        _leave_waiting_list(participant, Participant.Status.CONFIRMED)
        participant.save(update_fields=["status", "waiting_position", "updated_at"])
        _email_after_commit(participant, "promoted")
    return participant


def waiting_lists_promote(*, consultation: Consultation) -> list[Participant]:
    """Fill places freed by other means (a group's capacity raised): confirm who fits, in waiting order."""
    with _places_lock(consultation):
        promoted = _promote(_Places(consultation))
        for participant in promoted:
            _email_after_commit(participant, "promoted")
    return promoted


def participant_check_in(*, participant: Participant, undo: bool = False) -> Participant:
    Participant.objects.filter(pk=participant.pk).update(
        checked_in_at=None if undo else timezone.now(), updated_at=timezone.now()
    )
    participant.refresh_from_db(fields=["checked_in_at", "updated_at"])
    return participant


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


def registration_link_send(*, consultation: Consultation, email: str) -> None:
    """Send the private link to an address if it is registered; say nothing either way."""
    participant = participant_find_by_email(consultation=consultation, email=email) if email.strip() else None
    if participant is not None:
        _email_after_commit(participant, "link")
