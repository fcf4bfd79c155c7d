"""Posting a card to the resource wall, and the author's private link to withdraw it."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from consultation.links import private_token
from consultation.protection import form_started_token
from registry.offers.models import Offer, OfferKind, Period, Region

from .factories import OfferFactory, human_fields

pytestmark = pytest.mark.django_db


def _card(group, **changes) -> dict:
    data = {
        "author_name": "Biedrība “Palīgs”",
        "contact_email": "paligs@example.org",
        "contact_phone": "",
        "description": "Varam nodrošināt tulkus arābu valodā.",
        "area": group.pk,
        "kind": OfferKind.LANGUAGE,
        "regions": [Region.RIGA, Region.ONLINE],
        "available_from": "",
        "available_until": "",
        **human_fields(),
    }
    data.update(changes)
    return data


def _post(client, consultation, data):
    return client.post(reverse("offers:wall_post", kwargs={"slug": consultation.slug}), data)


def test_wall_post_saves_a_card_waiting_for_moderation(client, consultation, area):
    response = _post(client, consultation, _card(area))

    offer = Offer.objects.get()
    assert (offer.status, offer.source, offer.regions) == (
        Offer.Status.PENDING,
        Offer.Source.WALL,
        [Region.RIGA, Region.ONLINE],
    )
    assert client.get(response.url).context["offer"] == offer


def test_wall_post_records_the_period_of_the_event(client, consultation, area):
    with time_machine.travel(consultation.starts_at + datetime.timedelta(hours=1)):
        _post(client, consultation, _card(area))

    assert Offer.objects.get().period == Period.DURING


def test_wall_post_emails_the_author_a_private_link(
    client, consultation, area, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, consultation, _card(area))

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["paligs@example.org"]
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert client.get(link).context["offer"] == Offer.objects.get()


def test_wall_post_does_not_appear_on_the_wall_before_approval(client, consultation, area):
    _post(client, consultation, _card(area, description="Gaidu apstiprinājumu"))

    response = client.get(reverse("offers:wall", kwargs={"slug": consultation.slug}))

    assert "Gaidu apstiprinājumu" not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", ""),
        ("description", "x" * 501),
        ("author_name", "x" * 201),
        ("contact_email", "not-an-address"),
        ("contact_email", ""),
        ("kind", "spaceship"),
        ("area", "999999"),
        ("regions", ["atlantis"]),
        ("regions", []),
        ("available_from", "31.31.2015"),
    ],
)
def test_wall_post_rejects_bad_input_with_a_message(client, consultation, area, field, value):
    response = _post(client, consultation, _card(area, **{field: value}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Offer.objects.count() == 0


def test_wall_post_keeps_what_was_typed_after_an_error(client, consultation, area):
    response = _post(client, consultation, _card(area, contact_email="wrong"))

    assert "Varam nodrošināt tulkus arābu valodā." in response.content.decode()


def test_wall_post_rejects_an_end_before_the_start(client, consultation, area):
    response = _post(
        client, consultation, _card(area, available_from="2015-11-01", available_until="2015-10-01")
    )

    assert "available_until" in response.context["form"].errors
    assert Offer.objects.count() == 0


def test_wall_post_area_of_another_consultation_is_refused(client, consultation, area):
    foreign = OfferFactory().area

    response = _post(client, consultation, _card(area, area=foreign.pk))

    assert "area" in response.context["form"].errors


def test_wall_post_with_honeypot_filled_saves_nothing(client, consultation, area):
    response = _post(client, consultation, _card(area, website="http://spam.example"))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Offer.objects.count() == 0


def test_wall_post_sent_faster_than_a_person_saves_nothing(client, consultation, area):
    response = _post(client, consultation, _card(area, form_started=form_started_token(seconds_ago=0.5)))

    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == ["too_fast"]
    assert Offer.objects.count() == 0


def test_offer_manage_withdraw_takes_the_offer_off_the_wall(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)
    token = private_token(offer)

    response = client.post(
        reverse("offers:offer_withdraw", kwargs={"slug": consultation.slug, "token": token}),
        {"confirmed": "yes"},
    )

    offer.refresh_from_db()
    assert offer.status == Offer.Status.WITHDRAWN
    assert response.status_code == 302
    assert client.get(offer.get_absolute_url()).status_code == 404


def test_offer_manage_with_a_forged_token_is_not_found(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)
    token = private_token(offer)[:-2] + "xx"

    response = client.post(
        reverse("offers:offer_withdraw", kwargs={"slug": consultation.slug, "token": token})
    )

    offer.refresh_from_db()
    assert response.status_code == 404
    assert offer.status == Offer.Status.APPROVED


def test_offer_manage_link_expires_after_the_consultations_limit(client, consultation, area):
    consultation.private_link_days = 7
    consultation.save()
    offer = OfferFactory(consultation=consultation, area=area)
    token = private_token(offer)
    url = reverse("offers:offer_manage", kwargs={"slug": consultation.slug, "token": token})

    with time_machine.travel(datetime.timedelta(days=8)):
        response = client.get(url)

    assert response.status_code == 410
    assert response.context["expired"] is True


def test_offer_manage_link_without_limit_works_until_180_days_after_the_event(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)
    url = reverse("offers:offer_manage", kwargs={"slug": consultation.slug, "token": private_token(offer)})

    with time_machine.travel(consultation.ends_at + datetime.timedelta(days=179)):
        response = client.get(url)

    assert response.context["offer"] == offer


def test_offer_manage_link_of_another_consultation_is_not_found(client, consultation, area):
    other = OfferFactory()
    url = reverse("offers:offer_manage", kwargs={"slug": consultation.slug, "token": private_token(other)})

    assert client.get(url).status_code == 404


def test_offer_manage_withdraw_unconfirmed_asks_first_and_changes_nothing(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)
    url = reverse(
        "offers:offer_withdraw",
        kwargs={"slug": consultation.slug, "token": private_token(offer)},
    )

    response = client.post(url)

    offer.refresh_from_db()
    assert offer.status == Offer.Status.APPROVED
    assert response.context["question"] == "Atsaukt jūsu piedāvājumu?"
    assert response.context["action"] == url
