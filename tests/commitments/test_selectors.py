from __future__ import annotations

import pytest
from django.utils import translation

from commitments import selectors
from commitments.models import Commitment
from commitments.selectors import FigureTable, annex_figures, document_content, introduction_points
from tests.commitments.factories_commitments import (
    ApprovedCommitmentFactory,
    CommitmentFactory,
    DocumentSettingsFactory,
)
from tests.factories import OrganisationFactory, WorkingGroupFactory
from workgroups.models import GroupReport

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
    def offers_by_area(consultation):
        return FigureTable(
            key="offers-by-area",
            title="Offers",
            label_heading="Area",
            value_heading="Offers",
            rows=[("Housing", 4)],
        )

    monkeypatch.setattr(
        selectors, "FIGURE_SOURCES", [*selectors.FIGURE_SOURCES, offers_by_area, lambda c: None]
    )

    tables = annex_figures(consultation=consultation)

    assert [table.key for table in tables] == [
        "commitments-by-group",
        "commitments-by-resource",
        "organisations",
        "offers-by-area",
    ]


def test_annex_has_no_invented_registry_figures(consultation):
    keys = [table.key for table in annex_figures(consultation=consultation)]

    assert keys == ["commitments-by-group", "commitments-by-resource", "organisations"]


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


def test_document_content_shows_only_a_published_group_report(consultation, group):
    GroupReport.objects.create(group=group, findings_lv="Melnraksts.", is_published=False)

    chapter = document_content(consultation=consultation)["chapters"][0]

    assert chapter.report is None


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
