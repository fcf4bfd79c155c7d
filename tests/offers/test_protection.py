"""The resource wall at a crowded venue: counted per browser and per address, fair to everyone behind one address."""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from consultation.protection import BROWSER_COOKIE
from registry.offers.models import Offer, OfferKind, Region

from .factories import human_fields

pytestmark = pytest.mark.django_db

VENUE = "203.0.113.10"


def _card(group, author: str) -> dict:
    return {
        "author_name": author,
        "contact_email": "someone@example.org",
        "contact_phone": "",
        "description": "Varam palīdzēt ar tulkošanu.",
        "area": group.pk,
        "kind": OfferKind.LANGUAGE,
        "regions": [Region.RIGA],
        "available_from": "",
        "available_until": "",
        **human_fields(),
    }


def _phone(consultation) -> Client:
    """A phone on the venue's Wi-Fi that has opened the wall's form (and so holds its browser cookie)."""
    phone = Client(REMOTE_ADDR=VENUE)
    phone.get(reverse("offers:wall_post", kwargs={"slug": consultation.slug}))
    return phone


def _post(phone: Client, consultation, data: dict) -> int:
    return phone.post(reverse("offers:wall_post", kwargs={"slug": consultation.slug}), data).status_code


@time_machine.travel("2026-10-26 10:00:05", tick=False)
def test_venue_150_people_behind_one_address_post_while_one_abuser_is_stopped(consultation, area, settings):
    settings.RATE_LIMIT_VENUE_ADDRESSES = [VENUE]
    abuser = _phone(consultation)
    abuser_statuses = [_post(abuser, consultation, _card(area, "Junk")) for _ in range(40)]

    people_statuses = [_post(_phone(consultation), consultation, _card(area, f"P{n}")) for n in range(150)]

    assert (abuser_statuses.count(302), abuser_statuses.count(429)) == (10, 30)
    assert people_statuses == [302] * 150
    assert Offer.objects.filter(author_name="Junk").count() == 10
    assert Offer.objects.exclude(author_name="Junk").count() == 150


@time_machine.travel("2026-10-26 10:00:05", tick=False)
def test_venue_without_the_venue_setting_one_address_budget_stops_the_crowd(consultation, area, settings):
    settings.RATE_LIMIT_VENUE_ADDRESSES = []

    statuses = [_post(_phone(consultation), consultation, _card(area, f"P{n}")) for n in range(12)]

    assert statuses == [302] * 10 + [429] * 2


def test_wall_form_gives_each_browser_a_signed_cookie(client, consultation):
    response = client.get(reverse("offers:wall_post", kwargs={"slug": consultation.slug}))

    cookie = response.cookies[BROWSER_COOKIE]
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")


def test_wall_form_keeps_the_browser_cookie_it_gave(client, consultation):
    url = reverse("offers:wall_post", kwargs={"slug": consultation.slug})
    client.get(url)

    response = client.get(url)

    assert BROWSER_COOKIE not in response.cookies


@time_machine.travel("2026-10-26 10:00:05", tick=False)
def test_wall_invalid_submissions_are_not_counted(client, consultation, area, settings):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "wall": "2/60"}
    for _ in range(20):
        _post(client, consultation, {**_card(area, "X"), "description": ""})

    statuses = [_post(client, consultation, _card(area, f"P{n}")) for n in range(3)]

    assert statuses == [302, 302, 429]


@time_machine.travel("2026-10-26 10:00:05", tick=False)
def test_wall_refused_card_is_kept_in_the_form_and_the_page_says_so(client, consultation, area, settings):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "wall": "0/60"}
    card = {**_card(area, "Anna"), "description": "Mums ir brīvas telpas semināriem."}

    response = client.post(reverse("offers:wall_post", kwargs={"slug": consultation.slug}), card)

    page = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (429, "55")
    assert "Šoreiz nekas netika saglabāts; ierakstītais joprojām ir veidlapā zemāk." in page
    assert response.context["form"]["description"].value() == "Mums ir brīvas telpas semināriem."
    assert Offer.objects.count() == 0


def test_wall_one_form_token_is_taken_for_one_card_only(client, consultation, area):
    card = _card(area, "Anna")

    statuses = [_post(client, consultation, card) for _ in range(3)]

    assert statuses == [302, 200, 200]
    assert Offer.objects.count() == 1
