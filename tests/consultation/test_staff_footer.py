"""The site's footer: staff pages for signed-in staff, and the page cache never mixes their pages with others'."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from consultation.models import Consultation
from consultation.roles import DESK_GROUP
from consultation.services import organisers_group_sync, roles_group_sync
from tests.factories import ConsultationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _footer_links(client: Client, consultation: Consultation) -> list[str]:
    page = client.get(reverse("consultation:programme", kwargs={"slug": consultation.slug})).content.decode()
    (footer,) = re.findall(r"<footer.*?</footer>", page, flags=re.S)
    return re.findall(r'href="([^"]+)"', footer)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def consultation() -> Consultation:
    return ConsultationFactory(slug="riga")


@pytest.fixture
def organiser():
    user = StaffFactory(username="organiser")
    user.groups.add(organisers_group_sync())
    return user


@pytest.fixture
def volunteer():
    roles_group_sync()
    user = StaffFactory(username="volunteer")
    user.groups.add(Group.objects.get(name=DESK_GROUP))
    return user


def test_an_organiser_finds_the_desk_the_draft_and_the_admin_in_the_footer(consultation, organiser):
    links = _footer_links(_signed_in(organiser), consultation)

    assert links == [
        reverse("participants:desk", kwargs={"slug": "riga"}),
        reverse("commitments:draft", kwargs={"slug": "riga"}),
        reverse("admin:index"),
    ]


def test_a_desk_volunteer_finds_the_desk_and_the_admin_but_not_the_draft(consultation, volunteer):
    links = _footer_links(_signed_in(volunteer), consultation)

    assert links == [reverse("participants:desk", kwargs={"slug": "riga"}), reverse("admin:index")]


def test_a_visitor_finds_only_the_organisers_login(client, consultation):
    assert _footer_links(client, consultation) == [reverse("admin:index")]


def test_a_visitor_after_an_organiser_is_not_served_the_organisers_footer(client, consultation, organiser):
    _footer_links(_signed_in(organiser), consultation)

    assert _footer_links(client, consultation) == [reverse("admin:index")]


def test_an_organiser_after_a_visitor_is_not_served_the_cached_page(client, consultation, organiser):
    _footer_links(client, consultation)
    # A change that does not move the content version: a visitor's next view still comes from the cache.
    Consultation.objects.filter(pk=consultation.pk).update(title_lv="Cits nosaukums")
    assert (
        "Cits nosaukums"
        not in client.get(reverse("consultation:programme", kwargs={"slug": "riga"})).content.decode()
    )

    links = _footer_links(_signed_in(organiser), consultation)

    assert links == [
        reverse("participants:desk", kwargs={"slug": "riga"}),
        reverse("commitments:draft", kwargs={"slug": "riga"}),
        reverse("admin:index"),
    ]
