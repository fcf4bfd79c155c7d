"""Every kind of private link, opened and used in Chromium: its own POSTs, stopping it, and a fresh one.

The commitment's page has its own journeys in test_commitment_private_link.py.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from consultation.links import private_path
from registry.offers.models import Offer
from registry.participants.models import Participant
from tests.factories import ConsultationFactory, WorkingGroupFactory
from tests.offers.factories import OfferFactory, ServiceFactory
from tests.participants.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STOPPED = "Šī saite vairs nedarbojas. Esam nosūtījuši jaunu privāto saiti uz jūsu e-pasta adresi."
SENT = "Ja šī adrese mums ir zināma, esam uz to nosūtījuši jaunu privāto saiti. Pārbaudiet savu e-pastu."


@pytest.fixture
def group(transactional_db, settings, live_server):
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright fills a form faster than any person
    settings.SITE_URL = live_server.url
    cache.clear()
    yield WorkingGroupFactory(consultation=ConsultationFactory(), number=1, capacity=5)
    cache.clear()


def _link_in(message, live_server) -> str:
    return next(line for line in message.body.splitlines() if line.startswith(live_server.url))


KINDS = {
    "participant": lambda group: ParticipantFactory(consultation=group.consultation, group=group),
    "offer": lambda group: OfferFactory(consultation=group.consultation, area=group),
    "questionnaire": lambda group: ServiceFactory(consultation=group.consultation, area=group).response,
}
PAGE_HEADINGS = {
    "participant": "Jūsu reģistrācija",
    "offer": "Jūsu piedāvājums",
    "questionnaire": "Pakalpojumu elektroniskā anketa",
}


def test_a_participant_changes_their_details_through_the_private_link(page, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group, phone="")
    page.goto(private_path(participant, language="lv"))

    page.get_by_label("Tālrunis").fill("+371 20000000")
    page.get_by_role("button", name="Saglabāt izmaiņas").click()

    expect(page.locator(".alert")).to_have_text("Jūsu izmaiņas ir saglabātas.")
    assert Participant.objects.get(pk=participant.pk).phone == "+371 20000000"


def test_a_participant_cancels_through_the_private_link(page, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    page.goto(private_path(participant, language="lv"))

    page.once("dialog", lambda dialog: dialog.accept())  # the irreversible button asks first
    page.get_by_role("button", name="Atcelt manu reģistrāciju").click()

    expect(page.locator(".registration-state")).to_have_text("Šī reģistrācija ir atcelta.")


def test_an_author_withdraws_a_card_through_the_private_link(page, group):
    offer = OfferFactory(consultation=group.consultation, area=group)
    page.goto(private_path(offer, language="lv"))

    page.once("dialog", lambda dialog: dialog.accept())  # the irreversible button asks first
    page.get_by_role("button", name="Atsaukt manu piedāvājumu").click()

    expect(page.locator(".offer-status")).to_have_text("atsaucis autors")
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.WITHDRAWN


def test_an_organisation_changes_its_answers_through_the_private_link(page, group):
    service = ServiceFactory(consultation=group.consultation, area=group)
    page.goto(private_path(service.response, language="lv"))

    page.get_by_label("Kontaktpersonas e-pasts").fill("jauna@example.org")
    page.get_by_role("button", name="Saglabāt atbildes").click()

    expect(page.locator(".alert")).to_have_text(
        "Jūsu atbildes saglabātas. Mainītie pakalpojumi atkal gaida apstiprinājumu."
    )
    assert Offer.objects.get(pk=service.pk).contact_email == "jauna@example.org"


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_owner_stops_a_forwarded_link_and_opens_the_new_one(page, group, live_server, mailoutbox, kind):
    obj = KINDS[kind](group)
    old = private_path(obj, language="lv")
    page.goto(old)

    page.get_by_role("button", name="Apturēt šo saiti un sūtīt man jaunu").click()

    expect(page.locator(".alert")).to_have_text(STOPPED)
    page.goto(old)
    expect(page.locator("h1")).to_have_text("Šī saite nedarbojas")
    (message,) = mailoutbox
    page.goto(_link_in(message, live_server))
    expect(page.locator("h1")).to_have_text(PAGE_HEADINGS[kind])


@pytest.mark.parametrize("kind", list(KINDS))
def test_an_expired_link_sends_a_fresh_one_to_the_address_on_file(page, group, live_server, mailoutbox, kind):
    group.consultation.private_link_days = 1
    group.consultation.save()
    obj = KINDS[kind](group)
    page.goto(private_path(obj, language="lv", issued_at=timezone.now() - datetime.timedelta(days=2)))
    expect(page.locator("h1")).to_have_text("Šīs saites derīguma laiks ir beidzies")

    page.get_by_label("E-pasts").fill(obj.mail_address.upper())
    page.get_by_role("button", name="Sūtiet man jaunu saiti").click()

    expect(page.locator(".alert")).to_have_text(SENT)
    (message,) = mailoutbox
    assert message.to == [obj.mail_address]
    page.goto(_link_in(message, live_server))
    expect(page.locator("h1")).to_have_text(PAGE_HEADINGS[kind])


def test_an_expired_link_in_english_answers_in_english(page, group):
    group.consultation.private_link_days = 1
    group.consultation.save()
    participant = ParticipantFactory(consultation=group.consultation, group=group, language="en")

    page.goto(private_path(participant, language="en", issued_at=timezone.now() - datetime.timedelta(days=2)))

    expect(page.locator("h1")).to_have_text("This link has expired")
