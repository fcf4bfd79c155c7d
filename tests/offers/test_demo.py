"""The demo command fills the wall with sample offers."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from registry.offers.models import Offer, QuestionnaireResponse

pytestmark = pytest.mark.django_db


def test_offers_demo_adds_approved_samples_and_one_for_the_queue(consultation_2015):
    call_command("offers_demo", consultation="riga-2015", stdout=None)

    statuses = sorted(Offer.objects.values_list("status", flat=True))
    assert statuses == [Offer.Status.APPROVED] * 7 + [Offer.Status.PENDING]


def test_offers_demo_run_twice_adds_the_samples_once(consultation_2015):
    call_command("offers_demo", consultation="riga-2015", stdout=None)

    call_command("offers_demo", consultation="riga-2015", stdout=None)

    assert (Offer.objects.count(), QuestionnaireResponse.objects.count()) == (8, 1)
