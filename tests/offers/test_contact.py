"""Contact without exposure: a visitor writes to an offer's author through the site."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from registry.offers.models import Offer

from .factories import OfferFactory, human_fields

pytestmark = pytest.mark.django_db


def _message(**changes) -> dict:
    return {
        "name": "Pēteris",
        "email": "peteris@example.org",
        "message": "Vai varat palīdzēt rīt?",
        **human_fields(),
        **changes,
    }


def _contact(client, offer, data):
    return client.post(
        reverse("offers:offer_contact", kwargs={"slug": offer.consultation.slug, "pk": offer.pk}), data
    )


def test_offer_contact_forwards_the_message_to_the_author(
    client, consultation, area, django_capture_on_commit_callbacks
):
    offer = OfferFactory(consultation=consultation, area=area, contact_email="author@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = _contact(client, offer, _message())

    assert response.url == offer.get_absolute_url()
    assert (mail.outbox[0].to, mail.outbox[0].reply_to) == (["author@example.org"], ["peteris@example.org"])
    assert "Vai varat palīdzēt rīt?" in mail.outbox[0].body


def test_offer_contact_page_never_shows_the_authors_address(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, contact_email="author@example.org")

    response = client.get(offer.get_absolute_url())

    assert "author@example.org" not in response.content.decode()
    assert offer.contact_phone not in response.content.decode()


def test_offer_contact_to_an_unapproved_offer_is_not_found(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    response = _contact(client, offer, _message())

    assert response.status_code == 404
    assert mail.outbox == []


def test_offer_contact_with_a_bad_address_sends_nothing(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)

    response = _contact(client, offer, _message(email="nobody"))

    assert "email" in response.context["form"].errors
    assert mail.outbox == []


def test_offer_contact_with_honeypot_sends_nothing(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)

    response = _contact(client, offer, _message(website="http://spam"))

    assert response.context["form"].non_field_errors()
    assert mail.outbox == []


def test_offer_contact_is_rate_limited(
    client, consultation, area, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "contact": "5/3600"}
    offer = OfferFactory(consultation=consultation, area=area)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            _contact(client, offer, _message())

        response = _contact(client, offer, _message())

    assert response.status_code == 429
    assert len(mail.outbox) == 5


def test_offer_contact_without_an_author_address_says_so_and_sends_nothing(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, contact_email="", source=Offer.Source.IMPORT)

    page = client.get(offer.get_absolute_url())
    response = _contact(client, offer, _message())

    contact_url = reverse("offers:offer_contact", kwargs={"slug": consultation.slug, "pk": offer.pk})
    assert contact_url not in page.content.decode()
    assert response.url == offer.get_absolute_url()
    assert mail.outbox == []
