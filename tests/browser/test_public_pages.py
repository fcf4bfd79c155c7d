from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db):
    call_command("loaddata", "consultation_2015", verbosity=0)


def test_home_page_shows_the_event_in_latvian(page, loaded):
    page.goto(reverse("consultation:home"))

    assert page.locator("html").get_attribute("lang") == "lv"
    assert "Kalēju iela 3" in page.locator("main").inner_text()
    assert page.locator("ul.organisers li").count() == 16


def test_language_switcher_opens_the_english_programme(page, loaded):
    page.goto(reverse("consultation:programme", kwargs={"slug": "riga-2015"}))

    page.get_by_role("link", name="EN", exact=True).click()

    page.wait_for_url("**/en/riga-2015/programme/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#item-parallel .parallel-groups li").count() == 7
    assert page.get_by_text("Arrival, registration").is_visible()
