"""Reads for the 15:30 results screen: live figures, each group's report beside the offers, the overall picture.

Every function runs a fixed number of aggregate queries, whatever the number of participants, offers and
commitments. Labels stay lazy (choice labels, ``GroupLabel``) so one set of figures renders in Latvian and in
English side by side without asking the database twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext_lazy as _

from consultation.models import Consultation
from registry.offers.models import Offer, OfferKind, Region
from registry.offers.selectors import offers_by_regions
from registry.participants.models import Participant, Sector
from workgroups.models import GroupReport, ReportNeed, WorkingGroup

from .models import Commitment, ResultsScreen

OFFERS_PER_NEED = 3
COMMITMENTS_SHOWN = 6
# The charts' geometry, in SVG viewBox units: a label column, then the bars.
ROW_HEIGHT = 48
BAR_START = 250
BAR_LENGTH = 300


class GroupLabel:
    """A group's number and title, in whichever language is active when it is printed."""

    def __init__(self, group: WorkingGroup) -> None:
        self.group = group

    def __str__(self) -> str:
        return f"{self.group.number}. {self.group.title}"


@dataclass
class Figure:
    """One live figure: rows of a label and one number per series, drawn as bars and given as a table."""

    key: str
    title: object
    label_heading: object
    series: list[object]
    rows: list[tuple[object, list[int]]] = field(default_factory=list)

    @property
    def totals(self) -> list[int]:
        return [sum(values[index] for _label, values in self.rows) for index in range(len(self.series))]

    @property
    def largest(self) -> int:
        return max([value for _label, values in self.rows for value in values] or [0])

    @property
    def bars(self) -> list[dict]:
        """Geometry for the SVG chart (viewBox units): per row its label and each series' bar."""
        largest = self.largest or 1
        bar_height = (ROW_HEIGHT - 8) // len(self.series)
        return [
            {
                "label": label,
                "y": index * ROW_HEIGHT,
                "text_y": index * ROW_HEIGHT + ROW_HEIGHT // 2 + 6,
                "values": [
                    {
                        "value": value,
                        "length": round(BAR_LENGTH * value / largest),
                        "end": BAR_START + round(BAR_LENGTH * value / largest) + 8,
                        "y": index * ROW_HEIGHT + 4 + position * bar_height,
                        "text_y": index * ROW_HEIGHT + 4 + position * bar_height + bar_height - 4,
                        "height": bar_height - 2,
                        "series": position,
                    }
                    for position, value in enumerate(values)
                ],
            }
            for index, (label, values) in enumerate(self.rows)
        ]

    width = BAR_START + BAR_LENGTH + 50
    bar_start = BAR_START

    @property
    def height(self) -> int:
        return max(len(self.rows), 1) * ROW_HEIGHT


def _groups(consultation: Consultation) -> list[WorkingGroup]:
    return list(WorkingGroup.objects.filter(consultation=consultation).order_by("number"))


def participants_by_group(consultation: Consultation, groups: list[WorkingGroup]) -> Figure:
    active = Participant.objects.filter(consultation=consultation).active()
    counts = {
        row["group"]: row
        for row in active.values("group").annotate(
            registered=Count("*"),
            arrived=Count("checked_in_at"),  # arrived: a check-in time is set
        )
    }
    return Figure(
        key="participants-by-group",
        title=_("Participants by working group"),
        label_heading=_("Working group"),
        series=[_("registered"), _("arrived")],
        rows=[
            (GroupLabel(group), [counts.get(group.pk, {}).get(name, 0) for name in ("registered", "arrived")])
            for group in groups
        ],
    )


def participants_by_sector(consultation: Consultation) -> Figure:
    active = Participant.objects.filter(consultation=consultation).active()
    counts = {
        row["sector"]: row
        for row in active.values("sector").annotate(
            registered=Count("*"),
            arrived=Count("checked_in_at"),  # arrived: a check-in time is set
        )
    }
    return Figure(
        key="participants-by-sector",
        title=_("Participants by sector"),
        label_heading=_("Sector"),
        series=[_("registered"), _("arrived")],
        rows=[
            (label, [counts[value]["registered"], counts[value]["arrived"]])
            for value, label in Sector.choices
            if value in counts
        ],
    )


OfferCounts = dict[tuple[int, str, str], int]


def _offer_counts(consultation: Consultation) -> OfferCounts:
    """Approved offers per (area, kind, source): the one query behind the area and kind figures and the needs'
    matches (at most areas × kinds × 2 rows, whatever the number of offers)."""
    rows = (
        Offer.objects.public()
        .filter(consultation=consultation)
        .values("area", "kind", "source")
        .annotate(n=Count("*"))
        .values_list("area", "kind", "source", "n")
    )
    return {(area, kind, source): n for area, kind, source, n in rows}


def _by_source(counts: OfferCounts, *, area: int | None = None, kind: str | None = None) -> list[int]:
    """[resource-wall cards, questionnaire services] of one area or one kind."""
    wall = other = 0
    for (row_area, row_kind, source), n in counts.items():
        if (area is None or row_area == area) and (kind is None or row_kind == kind):
            if source == Offer.Source.WALL:
                wall += n
            else:
                other += n
    return [wall, other]


OFFER_SERIES = [_("resource-wall cards"), _("questionnaire services")]


def offers_by_area(groups: list[WorkingGroup], counts: OfferCounts) -> Figure:
    return Figure(
        key="offers-by-area",
        title=_("Offers by area"),
        label_heading=_("Area"),
        series=OFFER_SERIES,
        rows=[(GroupLabel(group), _by_source(counts, area=group.pk)) for group in groups],
    )


def offers_by_kind(counts: OfferCounts) -> Figure:
    kinds = {kind for _area, kind, _source in counts}
    return Figure(
        key="offers-by-kind",
        title=_("Offers by kind"),
        label_heading=_("Kind"),
        series=OFFER_SERIES,
        rows=[
            (label, _by_source(counts, kind=value)) for value, label in OfferKind.choices if value in kinds
        ],
    )


def offers_by_region(consultation: Consultation) -> Figure:
    """An offer can cover several regions, so it counts once in each (the rows add up to more than offers).

    One query grouped by source and the stored set of regions (``offers_by_regions``), split per region here.
    """
    counts: dict[str, list[int]] = {}
    for source, regions, n in offers_by_regions(consultation=consultation, by="source"):
        for region in regions:
            pair = counts.setdefault(region, [0, 0])
            pair[0 if source == Offer.Source.WALL else 1] += n
    return Figure(
        key="offers-by-region",
        title=_("Offers by region"),
        label_heading=_("Region"),
        series=OFFER_SERIES,
        rows=[(label, counts[value]) for value, label in Region.choices if value in counts],
    )


def commitments_by_group(consultation: Consultation, groups: list[WorkingGroup]) -> Figure:
    counts = {
        row["group"]: row
        for row in Commitment.objects.filter(consultation=consultation)
        .values("group")
        .annotate(
            approved=Count("id", filter=Q(status=Commitment.Status.APPROVED)),
            proposed=Count("id", filter=Q(status=Commitment.Status.PROPOSED)),
        )
    }
    return Figure(
        key="commitments-by-group",
        title=_("Commitments by working group"),
        label_heading=_("Working group"),
        series=[_("approved"), _("waiting for review")],
        rows=[
            (GroupLabel(group), [counts.get(group.pk, {}).get(name, 0) for name in ("approved", "proposed")])
            for group in groups
        ],
    )


def commitments_by_resource(consultation: Consultation) -> Figure:
    counts = dict(
        Commitment.objects.filter(consultation=consultation, status=Commitment.Status.APPROVED)
        .values("resource")
        .annotate(n=Count("id"))
        .values_list("resource", "n")
    )
    return Figure(
        key="commitments-by-resource",
        title=_("Commitments by kind of resource"),
        label_heading=_("Kind of resource"),
        series=[_("approved")],
        rows=[(label, [counts[value]]) for value, label in Commitment.Resource.choices if value in counts],
    )


def live_figures(
    *,
    consultation: Consultation,
    groups: list[WorkingGroup] | None = None,
    offer_counts: OfferCounts | None = None,
) -> list[Figure]:
    """Every live figure of the screen, in order: seven queries in all (fewer with ``groups``, ``offer_counts``)."""
    groups = _groups(consultation) if groups is None else groups
    offer_counts = _offer_counts(consultation) if offer_counts is None else offer_counts
    return [
        participants_by_group(consultation, groups),
        participants_by_sector(consultation),
        offers_by_area(groups, offer_counts),
        offers_by_kind(offer_counts),
        offers_by_region(consultation),
        commitments_by_group(consultation, groups),
        commitments_by_resource(consultation),
    ]


@dataclass
class NeedMatch:
    need: ReportNeed
    offer_count: int
    offers: list[Offer]

    @property
    def is_gap(self) -> bool:
        return self.offer_count == 0


def _top_offers(*, consultation: Consultation, areas: set[int]) -> dict[int, list[Offer]]:
    """The newest few approved offers of each area, in one query on any database.

    The k-th newest offer of an area is a subquery that reads k rows from the newest end of the index
    offer_public_area_newest; the union of one such column per position (a row per area) names the offers
    to show. (A window numbering every offer of the areas read thousands of rows to keep a few; a UNION of
    sliced reads, the plainer way, is not allowed by SQLite, the demo's database.)
    """
    if not areas:
        return {}
    public = Offer.objects.public().filter(consultation=consultation).order_by("-created_at", "-id")
    newest = public.filter(area=OuterRef("pk")).values("pk")
    groups = WorkingGroup.objects.filter(pk__in=areas).order_by()
    first, *others = (
        groups.annotate(offer=Subquery(newest[position : position + 1])).values("offer")
        for position in range(OFFERS_PER_NEED)
    )
    offers: dict[int, list[Offer]] = {}
    for offer in public.filter(pk__in=first.union(*others, all=True)).select_related("organisation"):
        offers.setdefault(offer.area_id, []).append(offer)
    return offers


def group_step(
    *, consultation: Consultation, group: WorkingGroup, offer_counts: OfferCounts | None = None
) -> dict:
    """One group's part of the session: its report, its needs beside the matching offers, its commitments."""
    report = (
        GroupReport.objects.filter(group=group)
        .prefetch_related(Prefetch("needs", ReportNeed.objects.select_related("area")))
        .order_by()
        .first()
    )
    needs = list(report.needs.all()) if report and report.is_presentable else []
    areas = {need.area_id for need in needs}
    counts = (_offer_counts(consultation) if offer_counts is None else offer_counts) if areas else {}
    top = _top_offers(consultation=consultation, areas=areas)
    matches = [
        NeedMatch(
            need=need,
            offer_count=sum(_by_source(counts, area=need.area_id)),
            offers=top.get(need.area_id, []),
        )
        for need in needs
    ]
    commitments = Commitment.objects.filter(group=group)
    figures = commitments.aggregate(
        approved=Count("id", filter=Q(status=Commitment.Status.APPROVED)),
        proposed=Count("id", filter=Q(status=Commitment.Status.PROPOSED)),
    )
    return {
        "group": group,
        "report": report if report and report.is_presentable else None,
        "report_status": report.get_status_display() if report else GroupReport.Status.DRAFT.label,
        "matches": matches,
        "gaps": [match for match in matches if match.is_gap],
        "commitments": list(
            commitments.filter(status=Commitment.Status.APPROVED)
            .select_related("organisation")
            .order_by(F("approved_at").desc(nulls_last=True), "-id")[:COMMITMENTS_SHOWN]
        ),
        "commitment_counts": figures,
    }


@dataclass
class GroupSummary:
    group: WorkingGroup
    status: str
    status_label: object
    needs: int = 0
    gaps: int = 0
    commitments: int = 0

    @property
    def label(self) -> GroupLabel:
        return GroupLabel(self.group)


def overview(*, consultation: Consultation, figures: list[Figure]) -> list[GroupSummary]:
    """The overall picture between groups: each group's report state, needs, gaps and commitments."""
    groups = {
        group.pk: group
        for group in WorkingGroup.objects.filter(consultation=consultation)
        .select_related("report")
        .annotate(
            approved=Count(
                "commitments", filter=Q(commitments__status=Commitment.Status.APPROVED), distinct=True
            )
        )
        .order_by("number")
    }
    by_area = next(figure for figure in figures if figure.key == "offers-by-area")
    area_has_offers = {label.group.pk: sum(values) > 0 for label, values in by_area.rows}
    needs = ReportNeed.objects.filter(
        report__group__consultation=consultation,
        report__status__in=[GroupReport.Status.SUBMITTED, GroupReport.Status.PUBLISHED],
    ).values_list("report__group_id", "area_id")
    summaries = {}
    for pk, group in groups.items():
        report = getattr(group, "report", None)
        status = report.status if report else GroupReport.Status.DRAFT
        summaries[pk] = GroupSummary(
            group=group,
            status=status,
            status_label=GroupReport.Status(status).label,
            commitments=group.approved,
        )
    for group_id, area_id in needs:
        summaries[group_id].needs += 1
        if not area_has_offers.get(area_id):
            summaries[group_id].gaps += 1
    return list(summaries.values())


def screen_state(*, consultation: Consultation) -> ResultsScreen:
    screen, _created = ResultsScreen.objects.get_or_create(consultation=consultation)
    return screen


def screen_content(*, consultation: Consultation, screen: ResultsScreen) -> dict:
    """Everything the screen shows at its current step."""
    groups = _groups(consultation)
    offer_counts = _offer_counts(consultation)
    figures = live_figures(consultation=consultation, groups=groups, offer_counts=offer_counts)
    group = next((group for group in groups if group.number == screen.step), None)
    totals = {
        "registered": figures[0].totals[0],
        "arrived": figures[0].totals[1],
        "offers": sum(figures[2].totals),
        "commitments": figures[5].totals[0],
    }
    content = {"screen": screen, "figures": figures, "totals": totals, "step_group": group}
    if group is not None:
        group.consultation = consultation
        content["step"] = group_step(consultation=consultation, group=group, offer_counts=offer_counts)
    else:
        content["summaries"] = overview(consultation=consultation, figures=figures)
    return content
