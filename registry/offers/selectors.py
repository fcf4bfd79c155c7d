"""Reads of offers for the public pages: every one starts from ``Offer.objects.public()``."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from consultation.i18n import primary_name
from consultation.models import Consultation, Organisation
from consultation.search_text import matching, relevance
from workgroups.models import WorkingGroup

from .choice_set import choice_set_pattern
from .models import Offer, OfferKind, Region

WALL_PAGE_SIZE = 24
PRINT_LIMIT = 200
DIRECTORY_OFFERS_SHOWN = 5
ORGANISATION_OFFERS_LIMIT = 200


def areas_of(*, consultation: Consultation) -> list[WorkingGroup]:
    return list(WorkingGroup.objects.filter(consultation=consultation).order_by("number"))


def _filtered(queryset: QuerySet[Offer], filters: dict) -> QuerySet[Offer]:
    """Apply the wall's filters: area (working-group number), kind, region, target group, words."""
    if filters.get("area"):
        queryset = queryset.filter(area__number=filters["area"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("region"):
        queryset = queryset.filter(regions__contains=choice_set_pattern(filters["region"]))
    if filters.get("target_group"):
        queryset = queryset.filter(target_groups__contains=choice_set_pattern(filters["target_group"]))
    return matching(queryset, filters.get("q", ""), "search_text")


def _card_rows(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    """What a card shows: the offer with its area and organisation, never its contact data."""
    return queryset.select_related("area", "organisation").defer(
        "contact_email", "contact_phone", "moderation_note", "search_text"
    )


class SearchPaginator(Paginator):
    """Pages of searched offers, each read as its keys first, then its rows.

    A search ranks every match before it can cut a page; sorted with their joined organisation and area,
    thousands of wide rows were carried through the sort (10.7 ms for 2,973 matches of "bērni" at 10,000
    offers). Sorting the keys alone and reading the page's rows by key afterwards moves only 24 of them.
    """

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = _card_rows(Offer.objects.public()).in_bulk(keys)
        # an offer withdrawn between the two reads is left out, as the next view would
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


def public_offers(
    *, consultation: Consultation, filters: dict | None = None, by_relevance: bool = False
) -> QuerySet[Offer]:
    """Approved offers of a consultation, newest first, with what a card shows (never contact data).

    With ``by_relevance`` and words to search, the offers that contain the words as written come first.
    """
    queryset = _card_rows(Offer.objects.public().filter(consultation=consultation)).order_by(
        "-created_at", "-id"
    )
    queryset = _filtered(queryset, filters or {})
    query = (filters or {}).get("q", "")
    if by_relevance and query:
        # already filtered by matching() above: only the rank is added, not the same conditions again
        queryset = queryset.annotate(search_rank=relevance(query, "search_text")).order_by(
            "-search_rank", "-created_at", "-id"
        )
    return queryset


def directory_organisations(
    *,
    consultation: Consultation,
    filters: dict | None = None,
    offers_per_organisation: int = DIRECTORY_OFFERS_SHOWN,
) -> QuerySet[Organisation]:
    """Organisations with a matching approved offer, with how many they have, and the newest few prefetched."""
    offers = public_offers(consultation=consultation, filters=filters)
    matching = offers.filter(organisation=OuterRef("pk")).order_by().values("organisation")
    count = matching.annotate(count=Count("pk")).values("count")[:1]
    return (
        Organisation.objects.filter(Exists(matching))
        .annotate(public_offer_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))
        .prefetch_related(
            Prefetch("offers", queryset=offers[:offers_per_organisation], to_attr="public_offers")
        )
        .order_by(primary_name("name"), "id")
    )


@dataclass
class CoverageRow:
    area: WorkingGroup
    cells: list[tuple[str, int]]  # (column code, count)
    total: int


@dataclass
class Coverage:
    columns: list[tuple[str, str]]
    rows: list[CoverageRow]
    column_totals: list[tuple[str, int]]


def offers_by_regions(*, consultation: Consultation, by: str) -> list[tuple[object, list[str], int]]:
    """Approved offers counted per (``by``'s value, stored set of regions): a set is one of the few
    combinations people choose, so one grouped read (from the index offer_public_tally alone) replaces a test
    per region of every offer. An offer in two regions is counted once here; split the sets to count per
    region."""
    return list(
        Offer.objects.public()
        .filter(consultation=consultation)
        .order_by()
        .values(by, "regions")
        .annotate(n=Count("*"))
        .values_list(by, "regions", "n")
    )


def coverage_by_region(*, consultation: Consultation, areas: list[WorkingGroup] | None = None) -> Coverage:
    """Approved offers counted per area × region, in one query (an offer in two regions counts in both)."""
    cells: dict[tuple[int, str], int] = {}
    totals: dict[int, int] = {}
    for area_id, regions, n in offers_by_regions(consultation=consultation, by="area"):
        totals[area_id] = totals.get(area_id, 0) + n
        for region in regions:
            cells[(area_id, region)] = cells.get((area_id, region), 0) + n
    return _coverage(
        areas if areas is not None else areas_of(consultation=consultation),
        Region.choices,
        lambda area_id, code: cells.get((area_id, code), 0),
        lambda area_id: totals.get(area_id, 0),
    )


def coverage_by_kind(*, consultation: Consultation, areas: list[WorkingGroup] | None = None) -> Coverage:
    """Approved offers counted per area × kind of contribution, in one query."""
    counts: dict[tuple[int, str], int] = {}
    for row in (
        Offer.objects.public()
        .filter(consultation=consultation)
        .order_by()
        .values("area_id", "kind")
        .annotate(count=Count("*"))
    ):
        counts[(row["area_id"], row["kind"])] = row["count"]
    return _coverage(
        areas if areas is not None else areas_of(consultation=consultation),
        OfferKind.choices,
        lambda area_id, code: counts.get((area_id, code), 0),
        lambda area_id: sum(count for (area, _kind), count in counts.items() if area == area_id),
    )


def _coverage(areas, columns, cell, total) -> Coverage:
    rows = [
        CoverageRow(
            area=area, cells=[(code, cell(area.pk, code)) for code, _label in columns], total=total(area.pk)
        )
        for area in areas
    ]
    column_totals = [
        (code, sum(row.cells[index][1] for row in rows)) for index, (code, _label) in enumerate(columns)
    ]
    return Coverage(columns=list(columns), rows=rows, column_totals=column_totals)
