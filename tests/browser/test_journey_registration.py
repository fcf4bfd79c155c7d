"""A participant registers, reads the mail, and uses the private link: change the group, cancel.

Also the waiting list: a full group puts the next person on it, a cancellation gives them the place.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from consultation.links import private_path
from registry.participants.models import Participant
from tests.browser.conftest import journeys, journeys_two_ways, screenshot
from tests.participants.factories import ParticipantFactory
from workgroups.models import WorkingGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "riga-2015"


@pytest.fixture
def groups(transactional_db, settings, live_server):
    call_command("loaddata", "consultation_2015", verbosity=0)
    settings.SITE_URL = live_server.url  # the mail's links point at the server the browser uses
    return {group.number: group for group in WorkingGroup.objects.filter(consultation__slug=SLUG)}


def _register(person, page, *, first_name: str, email: str, group) -> None:
    address = reverse("participants:register", kwargs={"slug": SLUG})
    # another visitor opened the form first: this browser gets the page cache's copy, with its own tokens
    assert Client().get(person.url(address)).status_code == 200
    person.go(address)
    person.fill(page.locator("#id_first_name"), first_name)
    person.fill(page.locator("#id_last_name"), "Bērziņa")
    person.fill(page.locator("#id_email"), email)
    person.choose(page.locator("#id_sector"), person.t("NGO"))
    person.choose(page.locator("#id_first_choice"), person.name_of(group))
    person.tick(page.locator("#id_consent_data"))
    person.press(person.button("Register"))
    expect(page.get_by_role("heading", level=1)).to_have_text(person.t("Thank you!"))


def _private_link(mailoutbox, email: str) -> str:
    """The private link of the confirmation: the first message sent to ``email``."""
    first = next(message for message in mailoutbox if message.to == [email])
    return re.search(r"https?://[^/\s]+(/\w\w/riga-2015/registration/\S+/)", first.body).group(1)


@journeys
def test_register_read_the_mail_change_group_and_cancel(person, page, groups, mailoutbox, language):
    _register(person, page, first_name="Anna", email="anna@example.org", group=groups[3])
    screenshot(page, f"registration-done-{language}")

    page.goto(_private_link(mailoutbox, "anna@example.org"))
    state = page.locator(".registration-state")
    expect(state).to_have_text(
        person.t("Your place is confirmed in working group %(number)s. %(title)s.")
        % {"number": 3, "title": groups[3].title_en if language == "en" else groups[3].title_lv}
    )
    person.choose(page.locator("#id_first_choice"), person.name_of(groups[4]))
    person.press(person.button("Save changes"))

    expect(page.locator(".alert-success")).to_have_text(person.t("Your changes are saved."))
    assert Participant.objects.get().group.number == 4
    screenshot(page, f"registration-private-{language}")
    person.accept_dialogs()
    person.press(person.button("Cancel my registration"))

    expect(state).to_have_text(person.t("This registration is cancelled."))
    assert Participant.objects.get().status == Participant.Status.CANCELLED


@journeys_two_ways
def test_a_full_group_puts_the_next_person_on_the_waiting_list_and_a_cancellation_promotes_them(
    person, page, groups, mailoutbox, language
):
    WorkingGroup.objects.filter(pk=groups[2].pk).update(capacity=1)
    _register(person, page, first_name="Pirmā", email="first@example.org", group=groups[2])
    _register(person, page, first_name="Otrā", email="second@example.org", group=groups[2])
    page.goto(_private_link(mailoutbox, "second@example.org"))
    title = groups[2].title_en if language == "en" else groups[2].title_lv
    expect(page.locator(".registration-state")).to_have_text(
        person.t("You are number %(position)s on the waiting list of working group %(number)s. %(title)s.")
        % {"position": 1, "number": 2, "title": title}
    )

    page.goto(_private_link(mailoutbox, "first@example.org"))
    person.accept_dialogs()
    person.press(person.button("Cancel my registration"))
    expect(page.locator(".registration-state")).to_have_text(person.t("This registration is cancelled."))
    page.goto(_private_link(mailoutbox, "second@example.org"))

    expect(page.locator(".registration-state")).to_have_text(
        person.t("Your place is confirmed in working group %(number)s. %(title)s.")
        % {"number": 2, "title": title}
    )


def test_cancelling_without_javascript_asks_on_a_page_first(browser, live_server, groups, mailoutbox):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="lv-LV")
    page = context.new_page()
    participant = ParticipantFactory(consultation=groups[1].consultation, group=groups[1])

    page.goto(private_path(participant, language="lv"))
    page.get_by_role("button", name="Atcelt manu reģistrāciju").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Atcelt jūsu reģistrāciju?")
    participant.refresh_from_db()
    assert participant.status == Participant.Status.CONFIRMED
    page.get_by_role("button", name="Jā, atcelt manu reģistrāciju").click()
    expect(page.locator(".registration-state")).to_have_text("Šī reģistrācija ir atcelta.")
    context.close()
