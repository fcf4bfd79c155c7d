"""Offer model: the stored search text and the set-of-choices field."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from registry.offers.models import Offer, Region

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def test_offer_search_text_is_filled_on_save(consultation, area):
    offer = OfferFactory(
        consultation=consultation,
        area=area,
        author_name="Ērika",
        show_author_name=True,
        description="Bēgļu ģimenēm",
    )

    assert offer.search_text.startswith(" erika beglu gimenem ")


def test_offer_search_text_leaves_out_a_name_not_chosen_to_be_shown(consultation, area):
    offer = OfferFactory(
        consultation=consultation, area=area, author_name="Ērika", description="Bēgļu ģimenēm"
    )

    assert offer.search_text == " beglu gimenem "


def test_offer_search_text_follows_a_partial_update(consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)
    offer.description = "Jauns teksts ar šķēršļiem"

    offer.save(update_fields=["description"])

    offer.refresh_from_db()
    assert "skerslie" in offer.search_text


def test_offer_regions_round_trip_in_the_choices_order(consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, regions=[Region.ONLINE, Region.RIGA])

    offer.refresh_from_db()

    assert offer.regions == [Region.RIGA, Region.ONLINE]
    assert offer.region_labels == ["Rīga", "tiešsaistē"]


def test_offer_regions_reject_an_unknown_code(consultation, area):
    offer = OfferFactory.build(consultation=consultation, area=area, regions=["atlantis"])

    with pytest.raises(ValidationError) as error:
        offer.full_clean()

    assert "regions" in error.value.message_dict


def test_offer_public_is_only_approved(consultation, area):
    approved = OfferFactory(consultation=consultation, area=area)
    for status in ["pending", "rejected", "withdrawn", "unavailable"]:
        OfferFactory(consultation=consultation, area=area, status=status)

    assert list(Offer.objects.public()) == [approved]
