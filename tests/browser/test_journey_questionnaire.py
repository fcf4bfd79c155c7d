"""An NGO answers the questionnaire with two services, then keeps them current through its private link."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from registry.offers.models import Offer, QuestionnaireResponse
from tests.browser.conftest import journeys_two_ways, screenshot
from tests.browser.people import Person
from workgroups.models import WorkingGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "riga-2015"


@pytest.fixture
def loaded(live_consultation_2015):
    return live_consultation_2015


def _service(person, page, index: int, *, area, description: str) -> None:
    service = page.locator("fieldset.questionnaire-service").nth(index)
    person.choose(page.locator(f"#id_services-{index}-area"), person.name_of(area))
    person.choose(page.locator(f"#id_services-{index}-kind"), person.t("a service"))
    person.fill(page.locator(f"#id_services-{index}-description"), description)
    person.tick(service.get_by_label("Latgale", exact=True))


@journeys_two_ways
def test_an_ngo_answers_the_questionnaire_then_changes_it_through_the_private_link(
    person, page, loaded, mailoutbox, language
):
    areas = {group.number: group for group in WorkingGroup.objects.filter(consultation__slug=SLUG)}
    person.go(reverse("offers:questionnaire", kwargs={"slug": SLUG}))
    person.fill(page.locator("#id_organisation_name"), "Biedrība “Atbalsts”")
    person.fill(page.locator("#id_contact_name"), "Anna")
    person.fill(page.locator("#id_contact_email"), "anna@example.org")
    _service(person, page, 0, area=areas[4], description="Psihologa konsultācijas")
    person.press(person.button("Add another service"))
    expect(page.locator("fieldset.questionnaire-service")).to_have_count(2)
    _service(person, page, 1, area=areas[6], description="Telpas nodarbībām")
    screenshot(page, f"questionnaire-{language}")
    person.press(person.button("Save the answers"))

    expect(page).to_have_url(re.compile(r"/questionnaire/edit/"))
    response = QuestionnaireResponse.objects.get()
    assert sorted(response.services.values_list("description", flat=True)) == [
        "Psihologa konsultācijas",
        "Telpas nodarbībām",
    ]

    (message,) = [message for message in mailoutbox if message.to == ["anna@example.org"]]
    page.goto(re.search(r"https?://[^/\s]+(/\w\w/riga-2015/questionnaire/edit/\S+/)", message.body).group(1))
    person.fill(page.locator("#id_services-0-description"), "Psihologa konsultācijas ģimenēm")
    person.press(person.button("Save the answers"))

    expect(page.locator(".alert-success")).to_have_text(
        person.t("Your answers are saved. Changed services wait for approval again.")
    )
    assert sorted(Offer.objects.values_list("description", flat=True)) == [
        "Psihologa konsultācijas ģimenēm",
        "Telpas nodarbībām",
    ]


def test_adding_a_service_keeps_the_time_the_form_was_first_shown(page, loaded, settings):
    """The minimum fill time counts from the questionnaire's first showing: a person who took their time over
    the first service, pressed "Add another service" and filled in the second one quickly is not a bot."""
    settings.FORM_MIN_FILL_SECONDS = 3.0
    areas = {group.number: group for group in WorkingGroup.objects.filter(consultation__slug=SLUG)}
    person = Person(page, how="mouse", language="lv")
    with time_machine.travel(timezone.now(), tick=True) as clock:
        person.go(reverse("offers:questionnaire", kwargs={"slug": SLUG}))
        person.fill(page.locator("#id_organisation_name"), "Biedrība “Atbalsts”")
        person.fill(page.locator("#id_contact_name"), "Anna")
        person.fill(page.locator("#id_contact_email"), "anna@example.org")
        _service(person, page, 0, area=areas[4], description="Psihologa konsultācijas")
        clock.shift(settings.FORM_MIN_FILL_SECONDS + 1)  # the first service took her a while
        person.press(person.button("Add another service"))
        expect(page.locator("fieldset.questionnaire-service")).to_have_count(2)
        _service(person, page, 1, area=areas[6], description="Telpas nodarbībām")  # the second, at once
        person.press(person.button("Save the answers"))

        expect(page).to_have_url(re.compile(r"/questionnaire/edit/"))
    assert sorted(QuestionnaireResponse.objects.get().services.values_list("description", flat=True)) == [
        "Psihologa konsultācijas",
        "Telpas nodarbībām",
    ]
