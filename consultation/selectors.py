"""Reads of the event: the programme as a tree with every item's clock times worked out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .models import AgendaItem, Consultation


@dataclass
class AgendaNode:
    item: AgendaItem
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    depth: int
    children: list[AgendaNode] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def _schedule(nodes: list[AgendaNode], start: datetime.datetime | None) -> None:
    """Give sub-items without clock times consecutive slots from their parent's start, by their durations.

    An item keeps the length the programme states, even where it runs past its session's end: the web page
    says "30 min", so the calendar file must not quietly make it 25.
    """
    cursor = start
    for node in nodes:
        if node.starts_at is None and cursor is not None:
            node.starts_at = cursor
        if node.ends_at is None and node.starts_at is not None and node.item.duration_minutes:
            node.ends_at = node.starts_at + datetime.timedelta(minutes=node.item.duration_minutes)
        _schedule(node.children, node.starts_at)
        cursor = node.ends_at or cursor


def agenda_tree(*, consultation: Consultation) -> list[AgendaNode]:
    """The consultation's programme as nested nodes, in one query."""
    items = list(
        AgendaItem.objects.filter(consultation=consultation)
        .select_related("speaker_organisation")
        .order_by("position", "id")
    )
    nodes = {
        item.pk: AgendaNode(item=item, starts_at=item.starts_at, ends_at=item.ends_at, depth=0)
        for item in items
    }
    roots: list[AgendaNode] = []
    for item in items:
        node = nodes[item.pk]
        parent = nodes.get(item.parent_id)
        (parent.children if parent else roots).append(node)
    for root in roots:
        for node in root.walk():
            node.depth = 0 if node is root else _depth(node.item, nodes)
    roots.sort(
        key=lambda node: (
            node.starts_at is None,
            node.starts_at or consultation.starts_at,
            node.item.position,
        )
    )
    _schedule(roots, None)
    return roots


def _depth(item: AgendaItem, nodes: dict[int, AgendaNode]) -> int:
    depth, parent_id = 0, item.parent_id
    while parent_id is not None:
        depth, parent_id = depth + 1, nodes[parent_id].item.parent_id
    return depth


def agenda_flat(*, consultation: Consultation) -> list[AgendaNode]:
    """Every item of the programme in reading order."""
    return [node for root in agenda_tree(consultation=consultation) for node in root.walk()]


def parallel_session_parts(*, consultation: Consultation) -> list[AgendaNode]:
    """The parts every working group's session follows (introduction, getting to know each other, work)."""
    for root in agenda_tree(consultation=consultation):
        if root.item.kind == AgendaItem.Kind.PARALLEL:
            return root.children
    return []
