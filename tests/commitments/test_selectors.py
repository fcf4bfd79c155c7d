from __future__ import annotations

import pytest
from django.utils import translation

from commitments import selectors
from commitments.models import Commitment
from commitments.pdf import document_fragment
from commitments.selectors import FigureTable, annex_figures, document_content, introduction_points
from registry.offers.models import Offer
from registry.participants.models import Participant, Sector
from tests.commitments.factories_commitments import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    DocumentSettingsFactory,
)
from tests.factories import OrganisationFactory, WorkingGroupFactory
from tests.offers.factories import OfferFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupReport, ReportAction, ReportNeed

pytestmark = pytest.mark.django_db


def _table(tables, key):
    return next(table for table in tables if table.key == key)


def test_annex_counts_approved_commitments_by_group(consultation, group):
    second = WorkingGroupFactory(consultation=consultation, number=2)
    ApprovedCommitmentFactory.create_batch(2, consultation=consultation, group=group)
    ApprovedCommitmentFactory(consultation=consultation, group=second)
    CommitmentFactory(consultation=consultation, group=second)  # proposed: not counted

    table = _table(annex_figures(consultation=consultation), "commitments-by-group")

    assert [value for _label, value in table.rows] == [2, 1]
    assert table.total == 3


def test_annex_counts_approved_commitments_by_kind_of_resource(consultation, group):
    ApprovedCommitmentFactory.create_batch(2, consultation=consultation, group=group, resource="money")
    ApprovedCommitmentFactory(consultation=consultation, group=group, resource="time")

    with translation.override("en"):
        table = _table(annex_figures(consultation=consultation), "commitments-by-resource")

    assert table.rows == [("people's time and volunteering", 1), ("funding", 2)]


def test_annex_counts_organisations_and_those_named(consultation, group):
    organisation = OrganisationFactory()
    ApprovedCommitmentFactory.create_batch(
        2, consultation=consultation, group=group, organisation=organisation
    )
    ApprovedCommitmentFactory(consultation=consultation, group=group, may_publish_name=False)

    table = _table(annex_figures(consultation=consultation), "organisations")

    assert [value for _label, value in table.rows] == [2, 1]


def test_annex_extension_point_adds_tables_from_other_apps(consultation, monkeypatch):
    def housing(consultation):
        return FigureTable(
            key="housing", title="Housing", label_heading="Area", value_heading="Offers", rows=[]
        )

    monkeypatch.setattr(selectors, "FIGURE_SOURCES", [*selectors.FIGURE_SOURCES, housing, lambda c: None])

    tables = annex_figures(consultation=consultation)

    assert [table.key for table in tables][-1] == "housing"


def test_annex_lists_its_tables_in_order(consultation):
    keys = [table.key for table in annex_figures(consultation=consultation)]

    assert keys == [
        "commitments-by-group",
        "commitments-by-resource",
        "organisations",
        "participants-by-sector",
        "offers-by-area",
    ]


def test_annex_counts_registered_participants_by_sector_leaving_out_cancellations(consultation, group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group, sector=Sector.NGO)
    ParticipantFactory(
        consultation=consultation,
        group=group,
        sector=Sector.RESIDENT,
        status=Participant.Status.WAITING,
        waiting_position=1,
    )
    ParticipantFactory(
        consultation=consultation, group=group, sector=Sector.MEDIA, status=Participant.Status.CANCELLED
    )

    with translation.override("en"):
        table = _table(annex_figures(consultation=consultation), "participants-by-sector")

    assert table.rows == [("NGO", 2), ("resident", 1)]


def test_annex_counts_only_approved_offers_by_area(consultation, group):
    OfferFactory.create_batch(3, consultation=consultation, area=group)
    OfferFactory(consultation=consultation, area=group, status=Offer.Status.PENDING)

    table = _table(annex_figures(consultation=consultation), "offers-by-area")

    assert table.rows == [(f"{group.number}. {group.title_lv}", 3)]


def test_introduction_defaults_to_the_invitations_points(consultation):
    assert introduction_points(consultation=consultation) == ["Pirmais.", "Otrais."]


def test_introduction_uses_the_organisers_text_in_the_active_language(consultation):
    DocumentSettingsFactory(consultation=consultation)

    with translation.override("en"):
        points = introduction_points(consultation=consultation)

    assert points == ["First.", "Second.", "Third."]


def test_document_content_keeps_the_organisers_order_within_a_group(consultation, group):
    later = ApprovedCommitmentFactory(consultation=consultation, group=group, position=2)
    earlier = ApprovedCommitmentFactory(consultation=consultation, group=group, position=1)

    chapter = document_content(consultation=consultation)["chapters"][0]

    assert chapter.commitments == [earlier, later]


@pytest.mark.parametrize(
    "status", [GroupReport.Status.DRAFT, GroupReport.Status.SUBMITTED, GroupReport.Status.RETURNED]
)
def test_document_content_shows_only_a_published_group_report(consultation, group, status):
    GroupReport.objects.create(group=group, findings_lv="Melnraksts.", status=status)

    chapter = document_content(consultation=consultation)["chapters"][0]

    assert chapter.report is None


def test_document_chapter_shows_the_published_reports_needs_resources_and_actions(consultation, group):
    report = GroupReport.objects.create(
        group=group, status=GroupReport.Status.PUBLISHED, resources_lv="Telpas Cēsīs.", participant_count=18
    )
    ReportNeed.objects.create(report=report, area=group, text_lv="Tulki")
    ReportAction.objects.create(report=report, owner="Patvērums", action_lv="Apmācības")

    fragment = document_fragment(consultation=consultation, language="lv")

    assert '<ul class="chapter-needs"><li>Tulki (joma 1)</li></ul>' in fragment
    assert "<p>Telpas Cēsīs.</p>" in fragment
    assert "<tr><td>Patvērums</td><td>Apmācības</td><td>—</td></tr>" in fragment
    assert "Grupā piedalījās 18 cilvēki." in fragment


def test_document_content_lists_each_named_signatory_once_alphabetically(consultation, group):
    zeta, alfa = OrganisationFactory(name_lv="Žubīte"), OrganisationFactory(name_lv="Ābele")
    OrganisationFactory(name_lv="Bērzs")  # makes no commitment: not a signatory
    ApprovedCommitmentFactory.create_batch(2, consultation=consultation, group=group, organisation=zeta)
    ApprovedCommitmentFactory(consultation=consultation, group=group, organisation=alfa)
    ApprovedCommitmentFactory(consultation=consultation, group=group, may_publish_name=False)

    signatories = document_content(consultation=consultation)["signatories"]

    assert [organisation.name_lv for organisation in signatories] == ["Ābele", "Žubīte"]


def test_document_content_sorts_signatories_by_letter_not_by_code_point(consultation, group):
    for name in ["Čiekurs", "Bērzs", "Ābele", "Cīrulis"]:
        ApprovedCommitmentFactory(
            consultation=consultation, group=group, organisation=OrganisationFactory(name_lv=name)
        )

    signatories = document_content(consultation=consultation)["signatories"]

    assert [organisation.name_lv for organisation in signatories] == ["Ābele", "Bērzs", "Cīrulis", "Čiekurs"]


def test_commitment_text_falls_back_to_the_language_it_was_written_in(consultation, group):
    commitment = CommitmentFactory(
        consultation=consultation, group=group, text_lv="", text_en="Only English."
    )

    with translation.override("lv"):
        assert commitment.text == "Only English."


def test_commitment_clean_refuses_a_group_of_another_consultation(consultation):
    commitment = CommitmentFactory.build(consultation=consultation, group=WorkingGroupFactory())

    with pytest.raises(Exception, match="citai konsultācijai"):
        commitment.clean()

    assert Commitment.objects.count() == 0
