"""Finding participants at the desk and in the admin, whatever the case, diacritics or word endings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.services import organisers_group_sync
from tests.factories import OrganisationFactory, StaffFactory

from .factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client):
    organiser = StaffFactory()
    organiser.groups.add(organisers_group_sync())
    client.force_login(organiser)
    return client


# (what is typed at the desk, the participant it finds: first name, last name, organisation)
DESK = [
    ("berzina", ("Ilze", "Bērziņa", "")),
    ("ILZE BĒRZIŅA", ("Ilze", "Bērziņa", "")),
    ("bērz", ("Ilze", "Bērziņa", "")),
    ("kļaviņš", ("Pēteris", "Kļaviņš", "")),
    ("saulgriežu", ("Anna", "Ozola", "Biedrība “Saulgrieži”")),
]


@pytest.mark.parametrize(("query", "person"), DESK)
def test_desk_search_ignores_case_diacritics_and_endings(organiser_client, group, query, person):
    first_name, last_name, organisation = person
    match = ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name=first_name,
        last_name=last_name,
        organisation_name=organisation,
    )
    ParticipantFactory(consultation=group.consultation, group=group, first_name="Jānis", last_name="Ozols")

    url = reverse("participants:desk_results", kwargs={"slug": group.consultation.slug})
    response = organiser_client.get(url, {"q": query})

    assert response.context["results"] == [match]


def test_desk_search_finds_a_known_organisations_english_name(organiser_client, group):
    organisation = OrganisationFactory(name_lv="Latvijas Sarkanais Krusts", name_en="Latvian Red Cross")
    match = ParticipantFactory(consultation=group.consultation, group=group, organisation=organisation)
    ParticipantFactory(consultation=group.consultation, group=group)

    url = reverse("participants:desk_results", kwargs={"slug": group.consultation.slug})
    response = organiser_client.get(url, {"q": "red cross"})

    assert response.context["results"] == [match]


def test_participant_admin_search_ignores_diacritics_and_endings(organiser_client, group):
    match = ParticipantFactory(consultation=group.consultation, group=group, last_name="Bērziņa")
    ParticipantFactory(consultation=group.consultation, group=group, last_name="Ozola")

    response = organiser_client.get(reverse("admin:participants_participant_changelist"), {"q": "berzinai"})

    assert [participant.pk for participant in response.context["cl"].result_list] == [match.pk]


def test_participant_admin_search_still_finds_an_address(organiser_client, group):
    match = ParticipantFactory(consultation=group.consultation, group=group, email="ilze@example.lv")
    ParticipantFactory(consultation=group.consultation, group=group)

    response = organiser_client.get(
        reverse("admin:participants_participant_changelist"), {"q": "ilze@example.lv"}
    )

    assert [participant.pk for participant in response.context["cl"].result_list] == [match.pk]
