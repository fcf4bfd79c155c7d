"""Reads of participants: the desk (search by name, organisation or code; counts per group), public lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from consultation.i18n import translated_names
from consultation.models import AgendaItem, Consultation
from consultation.roles import reaches_every_group
from consultation.search_text import relevance, search_terms, stem
from workgroups.models import WorkingGroup

from .models import CODE_ALPHABET, CODE_LENGTH, Participant

SEARCH_LIMIT = 25


def _normalise_code(query: str) -> str:
    return query.replace("-", "").replace(" ", "").upper()


def looks_like_code(query: str) -> bool:
    code = _normalise_code(query)
    return len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code)


def _organisation_name_contains(word: str) -> Q:
    condition = Q()
    for name in translated_names("name"):
        condition |= Q(**{f"organisation__{name}__icontains": word})
    return condition


def desk_search(*, consultation: Consultation, user, query: str) -> list[Participant]:
    """Who matches every word of ``query`` (name or organisation), or exactly the code; one query."""
    if not query:
        return []
    participants = (
        Participant.objects.visible_to(user)
        .active()
        .filter(consultation=consultation)
        .select_related("group", "organisation")
        .order_by("last_name", "first_name", "id")
    )
    if looks_like_code(query):
        by_code = participants.filter(code=_normalise_code(query))
        matches = list(by_code[:1])
        if matches:
            return matches
    words = search_terms(query, limit=5)
    condition = Q()
    for word, term in zip(words, map(stem, words), strict=True):
        condition &= (
            Q(search_text__contains=f" {term}")  # any case, diacritics or ending: "berzina" finds "Bērziņa"
            | _organisation_name_contains(word)  # an organisation renamed since the person registered
            | Q(code__iexact=word)
        )
    found = participants.filter(condition).annotate(search_rank=relevance(query, "search_text"))
    return list(found.order_by("-search_rank", "last_name", "first_name", "id")[:SEARCH_LIMIT])


def groups_managed(*, user) -> QuerySet[WorkingGroup]:
    """Every group for organisers and the desk; for a working-group leader, the groups they lead."""
    groups = WorkingGroup.objects.order_by("consultation", "number")
    return groups if reaches_every_group(user) else groups.filter(leaders=user)


def visible_groups(*, consultation: Consultation, user) -> QuerySet[WorkingGroup]:
    return groups_managed(user=user).filter(consultation=consultation)


@dataclass(frozen=True)
class GroupCount:
    group: WorkingGroup
    expected: int
    arrived: int
    walk_ins: int
    waiting: int


def desk_counts(*, consultation: Consultation, user) -> list[GroupCount]:
    """Per group: confirmed online (expected), checked in (arrived), walk-ins, waiting; one query."""
    groups = visible_groups(consultation=consultation, user=user).annotate(
        expected=Count(
            "participants", filter=Q(participants__status="confirmed", participants__is_walk_in=False)
        ),
        arrived=Count(
            "participants",
            filter=Q(participants__status="confirmed", participants__checked_in_at__isnull=False),
        ),
        walk_ins=Count(
            "participants", filter=Q(participants__status="confirmed", participants__is_walk_in=True)
        ),
        waiting=Count("participants", filter=Q(participants__status="waiting")),
    )
    return [
        GroupCount(group, group.expected, group.arrived, group.walk_ins, group.waiting) for group in groups
    ]


def participants_listed(*, group: WorkingGroup) -> list[tuple[str, str]]:
    """Names (and organisations) of a group's confirmed participants who agreed to be listed; one query.

    Only what a person agreed to show: never e-mail or phone.
    """
    rows = (
        Participant.objects.confirmed()
        .filter(group=group, consent_listing=True)
        .select_related("organisation")
        .order_by("last_name", "first_name", "id")
    )
    return [(participant.full_name, participant.organisation_display) for participant in rows]


def desk_totals(counts: list[GroupCount]) -> dict[str, int]:
    return {
        name: sum(getattr(row, name) for row in counts)
        for name in ("expected", "arrived", "walk_ins", "waiting")
    }


def group_places_left(*, group: WorkingGroup) -> int:
    """How many confirmed places ``group`` still has (0 when full: new registrations join its waiting list)."""
    return max(group.capacity - Participant.objects.confirmed().filter(group=group).count(), 0)


def registration_desk_item(*, consultation: Consultation) -> AgendaItem | None:
    """The programme's registration slot (its clock times open and close the desk), if it has one."""
    return consultation.registration_desk()
