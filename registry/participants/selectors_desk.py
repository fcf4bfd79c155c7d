"""Reads of the offline desk: the roster a device keeps, the places it knows of, when it must forget them."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from consultation.i18n import translated_names
from consultation.models import Consultation

from .models import Participant
from .places import Places
from .selectors import visible_groups

# Exactly what a desk device holds about a person: enough to find and check them in, nothing more
# (no e-mail, phone, needs or consents). tests/participants/test_desk_roster.py holds this list to account.
ROSTER_FIELDS = ("id", "name", "organisation", "group", "code", "checked_in")


def desk_participants(*, consultation: Consultation, user) -> QuerySet[Participant]:
    """The people this volunteer may check in: confirmed ones, in the groups within their reach."""
    return Participant.objects.visible_to(user).confirmed().filter(consultation=consultation)


def roster_row(participant: Participant) -> dict:
    return {
        "id": participant.pk,
        "name": participant.full_name,
        "organisation": participant.organisation_display,
        "group": participant.group.number,
        "code": participant.code,
        "checked_in": participant.checked_in_at is not None,
    }


def desk_roster(*, consultation: Consultation, user) -> list[dict]:
    """Every person the desk may check in, as roster rows; one query whatever their number."""
    participants = (
        desk_participants(consultation=consultation, user=user)
        .select_related("organisation", "group")
        .only(
            "first_name",
            "last_name",
            "organisation_name",
            *(f"organisation__{name}" for name in translated_names("name")),
            "group__number",
            "code",
            "checked_in_at",
        )
        .order_by("last_name", "first_name", "id")
    )
    return [roster_row(participant) for participant in participants]


def desk_places(*, consultation: Consultation, user) -> list[dict]:
    """The groups a walk-in may join, each with its free places as the server sees them now."""
    places = Places(consultation)
    event_free = None if places.capacity is None else max(places.capacity - sum(places.confirmed.values()), 0)
    rows = []
    for group in visible_groups(consultation=consultation, user=user):
        free = max(places.group_capacity.get(group.pk, 0) - places.confirmed[group.pk], 0)
        rows.append(
            {
                "id": group.pk,
                "number": group.number,
                "title": group.title,
                "free": free if event_free is None else min(free, event_free),
            }
        )
    return rows


def roster_clear_after(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """The end of today (the event day, in the site's time zone): the device forgets the roster then."""
    local = timezone.localtime(now or timezone.now())
    tomorrow = (local + datetime.timedelta(days=1)).date()
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min), local.tzinfo)
