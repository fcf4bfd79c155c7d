"""consultation/organisations.py: one merge over the references every app lists, refusing what cannot move."""

from __future__ import annotations

import pytest
from django.contrib import messages
from django.urls import reverse

from commitments.models import Commitment
from consultation import organisations
from consultation.models import AgendaItem, Consultation, Organisation, Organiser
from consultation.organisations import (
    OrganisationMergeRefused,
    check_organisation_references,
    organisation_merge,
    organisation_references_missing,
)
from registry.offers.models import Offer
from registry.participants.models import Participant
from tests.commitments.factories_commitments import CommitmentFactory
from tests.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    GroupLeadFactory,
    OrganisationFactory,
    OrganiserFactory,
    StaffFactory,
    WorkingGroupFactory,
)
from tests.offers.factories import OfferFactory, ServiceFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupLead

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    return OrganisationFactory(name_lv="LAPAS"), OrganisationFactory(name_lv="Lapas")


def test_every_foreign_key_to_an_organisation_is_listed_for_the_merge():
    assert organisation_references_missing() == []


def test_an_unlisted_foreign_key_fails_the_system_check(monkeypatch):
    listed = dict(organisations._references)
    del listed[("commitments.commitment", "organisation")]
    monkeypatch.setattr(organisations, "_references", listed)

    assert [error.id for error in check_organisation_references()] == ["consultation.E001"]
    assert organisation_references_missing() == ["commitments.commitment.organisation"]


def test_merge_moves_every_reference_to_the_kept_organisation(pair):
    keep, duplicate = pair
    consultation = ConsultationFactory()
    group = WorkingGroupFactory(consultation=consultation)
    organiser = OrganiserFactory(consultation=consultation, organisation=duplicate)
    talk = AgendaItemFactory(consultation=consultation, speaker_organisation=duplicate)
    lead = GroupLeadFactory(group=group, organisation=duplicate)
    commitment = CommitmentFactory(consultation=consultation, group=group, organisation=duplicate)
    participant = ParticipantFactory(consultation=consultation, group=group, organisation=duplicate)
    offer = OfferFactory(consultation=consultation, area=group, organisation=duplicate)
    service = ServiceFactory(consultation=consultation, area=group, organisation=duplicate)
    service.response.organisation = duplicate
    service.response.save()

    merged = organisation_merge(keep=keep, duplicates=[keep, duplicate])

    assert merged == 1
    assert [
        Organiser.objects.get(pk=organiser.pk).organisation,
        AgendaItem.objects.get(pk=talk.pk).speaker_organisation,
        GroupLead.objects.get(pk=lead.pk).organisation,
        Commitment.objects.get(pk=commitment.pk).organisation,
        Participant.objects.get(pk=participant.pk).organisation,
        Offer.objects.get(pk=offer.pk).organisation,
        Offer.objects.get(pk=service.pk).response.organisation,
    ] == [keep] * 7
    assert list(Organisation.objects.all()) == [keep]


def test_merge_refreshes_the_search_text_of_the_offers_that_now_show_the_kept_name(pair):
    keep, duplicate = pair
    keep.name_lv = "Biedrība Gaišā Māja"
    keep.save()
    offer = OfferFactory(organisation=duplicate)

    organisation_merge(keep=keep, duplicates=[duplicate])

    assert Offer.objects.filter(pk=offer.pk, search_text__contains="gaisa maja").exists() is True


def test_merge_refuses_two_organisers_of_one_consultation_and_changes_nothing(pair):
    keep, duplicate = pair
    consultation = ConsultationFactory(title_lv="Rīga 2015")
    OrganiserFactory(consultation=consultation, organisation=keep)
    OrganiserFactory(consultation=consultation, organisation=duplicate)
    commitment = CommitmentFactory(organisation=duplicate)

    with pytest.raises(OrganisationMergeRefused) as refusal:
        organisation_merge(keep=keep, duplicates=[duplicate])

    assert refusal.value.problems == [
        "„LAPAS” un „Lapas” abas ir norādītas kā organizators šeit: „Rīga 2015”, bet drīkst būt tikai viena. "
        "Noņemiet vienu no tām tur un apvienojiet vēlreiz."
    ]
    assert Commitment.objects.get(pk=commitment.pk).organisation == duplicate
    assert Organisation.objects.count() == 2


def test_merge_refuses_two_leaders_of_one_group(pair):
    keep, duplicate = pair
    group = WorkingGroupFactory()
    GroupLeadFactory(group=group, organisation=keep)
    GroupLeadFactory(group=group, organisation=duplicate)

    with pytest.raises(OrganisationMergeRefused):
        organisation_merge(keep=keep, duplicates=[duplicate])

    assert GroupLead.objects.filter(organisation=duplicate).count() == 1


def test_merge_invalidates_the_cached_pages_of_every_consultation(pair, django_capture_on_commit_callbacks):
    keep, duplicate = pair
    first, second = ConsultationFactory(), ConsultationFactory()

    with django_capture_on_commit_callbacks(execute=True):
        organisation_merge(keep=keep, duplicates=[duplicate])

    versions = Consultation.objects.order_by("pk").values_list("content_version", flat=True)
    assert [
        version > before
        for version, before in zip(versions, [first.content_version, second.content_version], strict=True)
    ] == [True, True]


def _merge_in_admin(client, organisations_to_merge, keep):
    client.force_login(StaffFactory(is_superuser=True))
    return client.post(
        reverse("admin:consultation_organisation_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [organisation.pk for organisation in organisations_to_merge],
            "keep": keep.pk,
            "apply": "1",
        },
        follow=True,
    )


def test_admin_merge_action_merges_into_the_chosen_organisation(client, pair):
    keep, duplicate = pair
    commitment = CommitmentFactory(organisation=duplicate)

    response = _merge_in_admin(client, pair, keep)

    assert [str(m) for m in response.context["messages"]] == ["1 organizācija apvienota ar LAPAS."]
    assert Commitment.objects.get(pk=commitment.pk).organisation == keep


def test_admin_merge_action_shows_what_blocks_the_merge(client, pair):
    keep, duplicate = pair
    consultation = ConsultationFactory()
    OrganiserFactory(consultation=consultation, organisation=keep)
    OrganiserFactory(consultation=consultation, organisation=duplicate)

    response = _merge_in_admin(client, pair, keep)

    levels = [m.level for m in response.context["messages"]]
    assert levels == [messages.ERROR, messages.ERROR]
    assert Organisation.objects.count() == 2


def test_admin_merge_action_asks_which_one_to_keep_first(client, pair):
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post(
        reverse("admin:consultation_organisation_changelist"),
        {"action": "merge_selected", "_selected_action": [o.pk for o in pair]},
    )

    assert response.templates[0].name == "admin/consultation/organisation/merge.html"
    assert response.context["organisations"] == sorted(pair, key=lambda o: o.name_lv)
