"""Browser journeys of the resource wall and the questionnaire, in Latvian, without any account."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db, settings):
    call_command("loaddata", "consultation_2015", verbosity=0)
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    cache.clear()
    yield
    cache.clear()


def test_choosing_a_region_waits_for_the_show_button(page, loaded):
    page.goto(reverse("offers:wall", kwargs={"slug": "riga-2015"}))

    page.get_by_label("Reģions").select_option("latgale")
    expect(page).to_have_url(re.compile(r"/wall/$"))
    page.get_by_role("button", name="Rādīt").click()

    expect(page).to_have_url(re.compile(r"/wall/\?.*region=latgale"))
    expect(page.get_by_label("Reģions")).to_have_value("latgale")


def test_the_card_form_counts_the_characters_left(page, loaded):
    page.goto(reverse("offers:wall_post", kwargs={"slug": "riga-2015"}))

    page.get_by_label("Ko jūs varat piedāvāt?").fill("Tulkoju")

    assert page.locator(".offers-counter").inner_text() == "Atlikušas rakstzīmes: 493"
