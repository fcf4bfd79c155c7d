from __future__ import annotations

import pytest
from django.urls import reverse

from registry.participants.models import Participant
from tests.factories import WorkingGroupFactory
from tests.participants.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _url(group) -> str:
    return reverse(
        "participants:group_participants", kwargs={"slug": group.consultation.slug, "number": group.number}
    )


def test_group_listing_shows_only_confirmed_people_who_agreed(client):
    group = WorkingGroupFactory()
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name="Ilze",
        last_name="Ozola",
        consent_listing=True,
    )
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name="Slēpts",
        last_name="Cilvēks",
        consent_listing=False,
    )
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name="Gaida",
        last_name="Rindā",
        consent_listing=True,
        status=Participant.Status.WAITING,
        waiting_position=1,
    )

    html = client.get(_url(group)).content.decode()

    assert "Ilze Ozola" in html
    assert "Slēpts" not in html and "Gaida" not in html


def test_group_listing_never_shows_contact_details(client):
    group = WorkingGroupFactory()
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        consent_listing=True,
        email="private.person@example.org",
        phone="+371 20000000",
    )

    html = client.get(_url(group)).content.decode()

    assert "private.person" not in html and "20000000" not in html


def test_group_listing_with_nobody_listed_says_so(client):
    group = WorkingGroupFactory()

    response = client.get(_url(group))

    assert response.status_code == 200
    assert response.context["listed"] == []


@pytest.mark.parametrize("count", [1, 20])
def test_group_listing_queries_do_not_grow(client, django_assert_max_num_queries, count):
    group = WorkingGroupFactory()
    ParticipantFactory.create_batch(count, consultation=group.consultation, group=group, consent_listing=True)

    with django_assert_max_num_queries(3):
        response = client.get(_url(group))

    assert len(response.context["listed"]) == count


def test_group_page_links_to_who_is_taking_part(client):
    group = WorkingGroupFactory()

    html = client.get(group.get_absolute_url()).content.decode()

    assert f'href="{_url(group)}"' in html
