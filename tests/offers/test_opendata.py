"""Open data: approved offers only, as CSV and JSON, without personal contact data, with a licence."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from registry.offers.models import Offer, Region

from .factories import OfferFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _csv(client, consultation) -> tuple[str, list[dict]]:
    response = client.get(reverse("offers:opendata_csv", kwargs={"slug": consultation.slug}))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return text, list(csv.DictReader(io.StringIO(text)))


def _json(client, consultation) -> tuple[str, dict]:
    response = client.get(reverse("offers:opendata_json", kwargs={"slug": consultation.slug}))
    return response.content.decode(), json.loads(response.content)


def test_opendata_csv_has_approved_offers_only(client, consultation, area):
    shown = OfferFactory(consultation=consultation, area=area, regions=[Region.RIGA, Region.ONLINE])
    OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    _text, rows = _csv(client, consultation)

    assert [(int(row["id"]), row["regions"]) for row in rows] == [(shown.pk, "riga;online")]


def test_opendata_csv_has_no_contact_data(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area)

    text, _rows = _csv(client, consultation)

    assert service.contact_email not in text
    assert service.contact_phone not in text
    assert service.response.contact_name not in text


def test_opendata_csv_neutralises_spreadsheet_formulas(client, consultation, area):
    OfferFactory(
        consultation=consultation, area=area, author_name='=HYPERLINK("http://x")', show_author_name=True
    )

    _text, rows = _csv(client, consultation)

    assert rows[0]["author"].startswith("'=")


def test_opendata_json_has_approved_offers_and_the_licence(client, consultation, area):
    shown = OfferFactory(consultation=consultation, area=area)
    OfferFactory(consultation=consultation, area=area, status=Offer.Status.REJECTED)

    text, document = _json(client, consultation)

    assert [offer["id"] for offer in document["offers"]] == [shown.pk]
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert shown.contact_email not in text
    assert "@" not in text


@pytest.mark.parametrize("offer_count", [1, 20])
def test_opendata_json_query_count_does_not_grow(
    client, consultation, area, django_assert_max_num_queries, offer_count
):
    OfferFactory.create_batch(offer_count, consultation=consultation, area=area)

    with django_assert_max_num_queries(2):
        _text, document = _json(client, consultation)

    assert len(document["offers"]) == offer_count


def test_opendata_page_states_the_licence(client, consultation):
    response = client.get(reverse("offers:opendata", kwargs={"slug": consultation.slug}))

    assert 'rel="license"' in response.content.decode()
    assert response.context["licence"]["name"].startswith("Creative Commons Attribution 4.0")
