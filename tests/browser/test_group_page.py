"""From a working group's page to a registration in that group, in Chromium."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from registry.participants.models import Participant
from tests.factories import ConsultationFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_from_a_group_page_preselects_that_group(page, transactional_db, settings):
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright fills a form faster than any person
    consultation = ConsultationFactory(slug="riga")
    WorkingGroupFactory(consultation=consultation, number=1)
    group = WorkingGroupFactory(consultation=consultation, number=4, capacity=10)
    page.goto(reverse("workgroups:detail", kwargs={"slug": "riga", "number": 4}))
    expect(page.locator(".group-places")).to_have_text("10 no 10 brīvas")

    page.get_by_role("link", name="Reģistrēties šai darba grupai").click()
    expect(page.get_by_label("Darba grupa (pirmā izvēle)")).to_have_value(str(group.pk))
    page.get_by_label("Vārds").first.fill("Anna")
    page.get_by_label("Uzvārds").fill("Bērziņa")
    page.get_by_label("E-pasts").fill("anna@example.org")
    page.get_by_label("Sektors").select_option("ngo")
    page.get_by_label("Piekrītu, ka organizatori apstrādā manus personas datus").check()
    page.get_by_role("button", name="Reģistrēties").click()

    page.wait_for_url("**/riga/register/done/")
    assert Participant.objects.get().group == group


def test_on_a_phone_the_places_left_come_before_the_submit_button(browser, live_server, transactional_db):
    consultation = ConsultationFactory(slug="riga")
    WorkingGroupFactory(consultation=consultation, number=1)
    context = browser.new_context(
        base_url=live_server.url, locale="lv-LV", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        page.goto(reverse("participants:register", kwargs={"slug": "riga"}))
        places = page.locator(".registration-places")
        expect(places).to_be_visible()

        submit = page.get_by_role("button", name="Reģistrēties")
        assert places.bounding_box()["y"] < submit.bounding_box()["y"]
    finally:
        context.close()
