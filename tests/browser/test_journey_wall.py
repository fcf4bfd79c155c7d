"""The resource wall: a card from a phone, approved in the moderation queue, found, its author contacted,
and the author's private link (status, withdraw)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from consultation.services import organisers_group_sync
from registry.offers.models import Offer
from tests.browser.conftest import journeys, journeys_two_ways, screenshot
from tests.factories import StaffFactory
from workgroups.models import WorkingGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "riga-2015"


@pytest.fixture
def loaded(live_consultation_2015):
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    return organiser


def _manage_link(mailoutbox, email: str) -> str:
    first = next(message for message in mailoutbox if message.to == [email])
    return re.search(r"https?://[^/\s]+(/\w\w/riga-2015/offers/manage/\S+/)", first.body).group(1)


@journeys
def test_a_card_is_posted_approved_found_and_its_author_contacted(
    person, page, other_person, loaded, mailoutbox, language
):
    area = WorkingGroup.objects.get(consultation__slug=SLUG, number=5)
    person.go(reverse("offers:wall_post", kwargs={"slug": SLUG}))
    person.fill(page.locator("#id_author_name"), "Ilze")
    person.tick(page.locator("#id_show_author_name"))  # she chooses to be named on the card
    person.fill(page.locator("#id_contact_email"), "ilze@example.org")
    person.fill(page.locator("#id_description"), "Palīdzēšu bēgļiem ar latviešu valodu")
    person.choose(page.locator("#id_area"), person.name_of(area))
    person.choose(page.locator("#id_kind"), person.t("language or interpreting"))
    person.tick(page.get_by_label(person.t("Rīga"), exact=True))
    screenshot(page, f"wall-card-form-{language}")
    person.press(person.button("Send the card"))
    expect(page.locator(".offer-status")).to_have_text(person.t("waiting for moderation"))

    organiser = other_person(loaded)
    organiser.go(reverse("admin:offers_pendingoffer_changelist"))
    organiser.fill(
        organiser.page.get_by_role("textbox", name=organiser.t("Note to the author (optional)")), "Paldies!"
    )
    organiser.press(organiser.button("Approve"))
    expect(organiser.page.locator(".messagelist")).to_be_visible()
    assert Offer.objects.get().status == Offer.Status.APPROVED

    person.go(reverse("offers:wall", kwargs={"slug": SLUG}))
    person.choose(page.locator("#id_region"), person.t("Rīga"))
    expect(page).to_have_url(re.compile(r"/wall/$"))  # choosing does not reload the page (WCAG 3.2.2)
    person.fill(page.locator("#id_q"), "begli")
    person.press(person.button("Show"))
    cards = page.locator(".offer-card")
    expect(cards).to_have_count(1)
    expect(cards.locator(".offer-description")).to_have_text("Palīdzēšu bēgļiem ar latviešu valodu")
    screenshot(page, f"wall-{language}")
    assert "ilze@example.org" not in page.content()

    person.press(cards.get_by_role("link", name=re.compile("^" + re.escape(person.t("Details and contact")))))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{person.t('language or interpreting').capitalize()}: Ilze"
    )
    person.fill(page.locator("#id_name"), "Jānis")
    person.fill(page.locator("#id_email"), "janis@example.org")
    person.fill(page.locator("#id_message"), "Labdien! Vai varam sarunāt laiku?")
    person.press(person.button("Send the message"))

    expect(page.locator(".alert-success")).to_have_text(
        person.t("Your message was sent. The author will reply to your e-mail.")
    )
    (forwarded,) = [message for message in mailoutbox if "Vai varam sarunāt laiku?" in message.body]
    assert (forwarded.to, forwarded.reply_to) == (["ilze@example.org"], ["janis@example.org"])


@journeys_two_ways
def test_the_cards_private_link_shows_its_status_and_withdraws_it(person, page, loaded, mailoutbox, language):
    person.go(reverse("offers:wall_post", kwargs={"slug": SLUG}))
    person.fill(page.locator("#id_author_name"), "Ilze")
    person.fill(page.locator("#id_contact_email"), "ilze@example.org")
    person.fill(page.locator("#id_description"), "Bērnu grāmatas")
    person.choose(page.locator("#id_kind"), person.t("goods"))
    person.choose(
        page.locator("#id_area"), person.name_of(WorkingGroup.objects.get(consultation__slug=SLUG, number=7))
    )
    person.tick(page.get_by_label(person.t("Rīga"), exact=True))
    person.press(person.button("Send the card"))
    expect(page.locator(".offer-status")).to_have_text(person.t("waiting for moderation"))

    page.goto(_manage_link(mailoutbox, "ilze@example.org"))
    person.accept_dialogs()
    person.press(person.button("Withdraw my offer"))

    expect(page.locator(".offer-status")).to_have_text(person.t("withdrawn by the author"))
    assert Offer.objects.get().status == Offer.Status.WITHDRAWN
