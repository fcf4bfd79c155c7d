"""The event's pages as a visitor finds them: home, the programme, the programme into a calendar."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from consultation.models import AgendaItem
from tests.browser.conftest import journeys, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db):
    call_command("loaddata", "consultation_2015", verbosity=0)


@journeys
def test_a_visitor_goes_from_home_to_the_programme_and_into_a_calendar(person, page, loaded, language):
    person.go(reverse("consultation:home"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("ul.organisers li")).to_have_count(16)
    screenshot(page, f"home-{language}")

    person.menu("Programme")

    expect(page.get_by_role("heading", level=1)).to_have_text(person.t("Programme"))
    expect(page.locator("#item-parallel .parallel-groups li")).to_have_count(7)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"programme-{language}")
    with page.expect_download() as download:
        person.press(person.link("Add to calendar (.ics)"))
    calendar = download.value.path().read_text()

    assert calendar.startswith("BEGIN:VCALENDAR")
    assert calendar.count("BEGIN:VEVENT") == AgendaItem.objects.filter(consultation__slug="riga-2015").count()


def test_the_language_switcher_keeps_the_page(person, page, loaded):
    person.go(reverse("consultation:programme", kwargs={"slug": "riga-2015"}))

    page.get_by_role("link", name="EN", exact=True).click()

    expect(page).to_have_url(re.compile(r"/en/riga-2015/programme/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Arrival, registration")).to_be_visible()
