"""Reads: the commitment document's content, its annex of figures, and the follow-up summary."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from consultation.models import Consultation, Organisation
from registry.offers.models import Offer
from registry.participants.models import Participant, Sector
from workgroups.models import WorkingGroup

from .models import Commitment, DocumentSettings


@dataclass
class FigureTable:
    """One table of the annex: a title, two column headings and (label, number) rows."""

    key: str
    title: str
    label_heading: str
    value_heading: str
    rows: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(value for _label, value in self.rows)


@dataclass
class Chapter:
    group: WorkingGroup
    report: object | None
    commitments: list[Commitment]

    @property
    def anchor(self) -> str:
        return f"group-{self.group.number}"


def approved_commitments(*, consultation: Consultation):
    return (
        Commitment.objects.filter(consultation=consultation, status=Commitment.Status.APPROVED)
        .select_related("organisation", "group")
        .order_by("group__number", "position", "id")
    )


def _commitments_by_group(consultation: Consultation) -> FigureTable:
    groups = (
        WorkingGroup.objects.filter(consultation=consultation)
        .annotate(approved=Count("commitments", filter=Q(commitments__status=Commitment.Status.APPROVED)))
        .order_by("number")
    )
    return FigureTable(
        key="commitments-by-group",
        title=_("Commitments by working group"),
        label_heading=_("Working group"),
        value_heading=_("Commitments"),
        rows=[(f"{group.number}. {group.title}", group.approved) for group in groups],
    )


def _commitments_by_resource(consultation: Consultation) -> FigureTable:
    counts = dict(
        Commitment.objects.filter(consultation=consultation, status=Commitment.Status.APPROVED)
        .values_list("resource")
        .annotate(n=Count("id"))
        .values_list("resource", "n")
    )
    return FigureTable(
        key="commitments-by-resource",
        title=_("Commitments by kind of resource"),
        label_heading=_("Kind of resource"),
        value_heading=_("Commitments"),
        rows=[
            (str(label), counts[value]) for value, label in Commitment.Resource.choices if counts.get(value)
        ],
    )


def _organisations(consultation: Consultation) -> FigureTable:
    approved = Commitment.objects.filter(consultation=consultation, status=Commitment.Status.APPROVED)
    figures = approved.aggregate(
        total=Count("organisation", distinct=True),
        named=Count("organisation", distinct=True, filter=Q(may_publish_name=True)),
    )
    return FigureTable(
        key="organisations",
        title=_("Organisations that made commitments"),
        label_heading=_("Organisations"),
        value_heading=_("Number"),
        rows=[
            (_("all organisations with an approved commitment"), figures["total"]),
            (_("of them named in this document"), figures["named"]),
        ],
    )


def _participants_by_sector(consultation: Consultation) -> FigureTable:
    counts = dict(
        Participant.objects.filter(consultation=consultation)
        .active()
        .values_list("sector")
        .annotate(n=Count("id"))
        .values_list("sector", "n")
    )
    return FigureTable(
        key="participants-by-sector",
        title=_("Participants by sector"),
        label_heading=_("Sector"),
        value_heading=_("Participants"),
        rows=[(str(label), counts[value]) for value, label in Sector.choices if counts.get(value)],
    )


def _offers_by_area(consultation: Consultation) -> FigureTable:
    areas = (
        WorkingGroup.objects.filter(consultation=consultation)
        .annotate(approved=Count("offers", filter=Q(offers__status=Offer.Status.APPROVED)))
        .order_by("number")
    )
    return FigureTable(
        key="offers-by-area",
        title=_("Offers on the resource wall and in the questionnaire, by area"),
        label_heading=_("Area"),
        value_heading=_("Offers"),
        rows=[(f"{area.number}. {area.title}", area.approved) for area in areas],
    )


# Each source takes the consultation and returns a table, or None to leave it out.
FIGURE_SOURCES: list[Callable[[Consultation], FigureTable | None]] = [
    _commitments_by_group,
    _commitments_by_resource,
    _organisations,
    _participants_by_sector,
    _offers_by_area,
]


def annex_figures(*, consultation: Consultation) -> list[FigureTable]:
    """Every table of the document's annex, in order; one aggregate query per table."""
    tables = (source(consultation) for source in FIGURE_SOURCES)
    return [table for table in tables if table is not None]


# Latvian alphabetical order: č ģ ķ ļ ņ š ž are letters of their own after c g k l n s z; the long vowels
# ā ē ī ū sort with a e i u.
_LATVIAN_ORDER = str.maketrans({"č": "c~", "ģ": "g~", "ķ": "k~", "ļ": "l~", "ņ": "n~", "š": "s~", "ž": "z~"})


def _collation_key(name: str) -> tuple[str, str]:
    folded = unicodedata.normalize("NFC", name.casefold()).translate(_LATVIAN_ORDER)
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char)), name.casefold()


def introduction_points(*, consultation: Consultation) -> list[str]:
    """The introduction, one point per paragraph: the organisers' text, else the invitation's points."""
    settings = DocumentSettings.objects.filter(consultation=consultation).first()
    text = settings.introduction if settings and settings.introduction else ""
    if not text:
        return consultation.rationale_points
    return [point.strip() for point in text.split("\n\n") if point.strip()]


def document_content(*, consultation: Consultation) -> dict:
    """Everything the document shows, in a fixed number of queries whatever the number of commitments."""
    commitments = approved_commitments(consultation=consultation)
    groups = (
        WorkingGroup.objects.filter(consultation=consultation)
        .select_related("report")
        .prefetch_related(
            "grouplead_set__organisation",
            "report__needs__area",
            "report__actions",
            Prefetch("commitments", commitments, to_attr="approved"),
        )
        .order_by("number")
    )
    chapters = []
    signatories: dict[int, Organisation] = {}
    for group in groups:
        report = getattr(group, "report", None)
        chapters.append(
            Chapter(
                group=group,
                report=report if report and report.is_published else None,
                commitments=group.approved,
            )
        )
        for commitment in group.approved:
            if commitment.may_publish_name:
                signatories.setdefault(commitment.organisation_id, commitment.organisation)
    return {
        "consultation": consultation,
        "organisers": [o.organisation for o in consultation.organiser_set.select_related("organisation")],
        "introduction": introduction_points(consultation=consultation),
        "chapters": chapters,
        "signatories": sorted(
            signatories.values(), key=lambda organisation: _collation_key(organisation.name)
        ),
        "figures": annex_figures(consultation=consultation),
        "commitment_count": sum(len(chapter.commitments) for chapter in chapters),
    }


@dataclass
class ProgressRow:
    label: str
    done: int = 0
    in_progress: int = 0
    planned: int = 0
    dropped: int = 0

    @property
    def total(self) -> int:
        return self.done + self.in_progress + self.planned + self.dropped

    @property
    def open(self) -> int:
        return self.planned

    @property
    def done_percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress_summary(
    *, consultation: Consultation
) -> tuple[list[tuple[WorkingGroup, ProgressRow]], ProgressRow]:
    """How many approved commitments are done, in progress, open or dropped: per group and overall."""
    P = Commitment.Progress
    groups = (
        WorkingGroup.objects.filter(consultation=consultation)
        .annotate(
            **{
                progress: Count(
                    "commitments",
                    filter=Q(commitments__status=Commitment.Status.APPROVED, commitments__progress=progress),
                )
                for progress in (P.DONE, P.IN_PROGRESS, P.PLANNED, P.DROPPED)
            }
        )
        .order_by("number")
    )
    rows, overall = [], ProgressRow(label=_("All working groups"))
    for group in groups:
        row = ProgressRow(
            label=f"{group.number}. {group.title}",
            done=getattr(group, P.DONE),
            in_progress=getattr(group, P.IN_PROGRESS),
            planned=getattr(group, P.PLANNED),
            dropped=getattr(group, P.DROPPED),
        )
        rows.append((group, row))
        for name in ("done", "in_progress", "planned", "dropped"):
            setattr(overall, name, getattr(overall, name) + getattr(row, name))
    return rows, overall
