"""No input gives a 500: malformed queries and forms get a page with a message, a 404 or a 429."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import OfferFactory, human_fields

pytestmark = pytest.mark.django_db

ODD = ["", "x" * 5000, "<script>", "%00", "' OR 1=1 --", "9" * 40, "-1", "ā\u0000b", "[]"]


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize("page_name", ["offers:wall", "offers:directory", "offers:wall_print"])
def test_public_lists_survive_odd_query_strings(client, consultation, area, page_name, value):
    OfferFactory(consultation=consultation, area=area)
    params = {name: value for name in ["q", "area", "kind", "region", "target_group", "page"]}

    response = client.get(reverse(page_name, kwargs={"slug": consultation.slug}), params)

    assert response.status_code == 200


@pytest.mark.parametrize("value", ODD)
def test_questionnaire_survives_odd_management_data(client, consultation, area, value):
    data = {
        "services-TOTAL_FORMS": value,
        "services-INITIAL_FORMS": value,
        "services-0-id": value,
        "services-0-area": value,
        "services-0-regions": value,
        "organisation_name": value,
        "known_organisation": value,
        **human_fields(),
    }

    for extra in ({}, {"add_service": "1"}):
        response = client.post(
            reverse("offers:questionnaire", kwargs={"slug": consultation.slug}), data | extra
        )
        assert response.status_code == 200


@pytest.mark.parametrize("token", ["x", "a:b:c", "." * 300, "eyJ9:1:abc"])
def test_private_links_with_odd_tokens_are_not_found(client, consultation, token):
    for name in ["offers:offer_manage", "offers:questionnaire_edit"]:
        response = client.get(reverse(name, kwargs={"slug": consultation.slug, "token": token}))
        assert response.status_code == 404


def test_wall_post_with_a_missing_timestamp_asks_to_send_again(client, consultation, area):
    response = client.post(
        reverse("offers:wall_post", kwargs={"slug": consultation.slug}),
        {"author_name": "Ilze", "description": "Palīdzēšu", "website": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
