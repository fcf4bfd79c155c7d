"""Places: the consultation's lock, the count of places, and waiting lists kept numbered 1..n.

Every decision about places is taken while holding the consultation's row lock (FOR NO KEY UPDATE, which
does not block other tables' foreign-key checks), so concurrent registrations never overbook: the event's
total capacity spans all its groups, so the lock is per consultation, not per group. The lock wait is bounded
by ``REGISTRATION_LOCK_TIMEOUT_MS``; on timeout the caller gets ``RegistrationBusy`` ("please try again").
The services in ``services.py`` are the only callers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from consultation.models import Consultation
from workgroups.models import WorkingGroup

from .models import Participant


class RegistrationError(Exception):
    """A rule said no; ``str(error)`` is a translated message for the person."""


class RegistrationBusy(RegistrationError):
    pass


@contextmanager
def places_lock(consultation: Consultation) -> Iterator[None]:
    """Open a transaction holding the consultation's lock, waiting at most the configured lock timeout.

    Reads that decide about places must run in statements *after* this one: in READ COMMITTED each statement
    sees what was committed before it started, so only a later statement sees the previous holder's rows.
    """
    try:
        with transaction.atomic():
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


class Places:
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


def close_gap(group_id: int, position: int) -> None:
    """Move everyone behind ``position`` one place up, in two statements whatever the list's length.

    The unique index on (group, position) is checked row by row, so the rows first move out of the way
    (far above any position) and then come back one place lower.
    """
    behind = Participant.objects.waiting().filter(group_id=group_id)
    behind.filter(waiting_position__gt=position).update(waiting_position=F("waiting_position") + _SHIFT - 1)
    behind.filter(waiting_position__gt=_SHIFT).update(waiting_position=F("waiting_position") - _SHIFT)


def leave_waiting_list(participant: Participant, status: str) -> None:
    """Take a waiting person off their group's list, giving them ``status``; the people behind move up."""
    if participant.status == Participant.Status.WAITING:
        rows = Participant.objects.filter(pk=participant.pk)
        position = rows.values_list("waiting_position", flat=True).get()
        rows.update(status=status, waiting_position=None)
        close_gap(participant.group_id, position)
    participant.status, participant.waiting_position = status, None


def promote(places: Places) -> list[Participant]:
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
        leave_waiting_list(candidate, Participant.Status.CONFIRMED)
        candidate.save(update_fields=["status", "waiting_position", "updated_at"])
        places.take(candidate.group_id)
        promoted.append(candidate)
    return promoted


def place(participant: Participant, places: Places, choices: list[WorkingGroup]) -> None:
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
