"""Commitments: an organisation records one, changes it through its private link, the organisers approve it
and publish an edition, the public downloads both PDFs, the organisation reports its progress."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from commitments.models import Commitment, Edition
from consultation.i18n import content_languages, language_name
from consultation.models import Organisation
from consultation.services import organisers_group_sync
from tests.browser.conftest import journeys, journeys_two_ways, screenshot
from tests.factories import StaffFactory
from workgroups.models import WorkingGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "riga-2015"


@pytest.fixture
def organiser(transactional_db, settings, live_server, tmp_path):
    call_command("loaddata", "consultation_2015", verbosity=0)
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    return organiser


def _record(person, page) -> None:
    organisation = Organisation.objects.get(name_lv="Latvijas Pilsoniskā alianse")
    group = WorkingGroup.objects.get(consultation__slug=SLUG, number=2)
    person.go(reverse("commitments:document", kwargs={"slug": SLUG}))
    person.press(person.link("Record a commitment").first)
    person.choose(page.locator("#id_organisation"), person.name_of(organisation))
    person.choose(page.locator("#id_group"), person.name_of(group))
    person.fill(page.locator("#id_text"), "Apņemamies rīkot divas apmācības ģimenēm.")
    person.choose(page.locator("#id_resource"), person.t("expertise and advice"))
    person.fill_date(page.locator("#id_starts_on"), "2015-11-15")
    person.fill(page.locator("#id_contact_name"), "Anna Bērziņa")
    person.fill(page.locator("#id_contact_email"), "anna@example.org")
    person.press(person.button("Send the commitment"))
    expect(page.locator(".commitment-status")).to_have_text(person.t("proposed", "commitment status"))


@journeys
def test_a_commitment_is_recorded_approved_published_and_followed_up(
    person, page, other_person, organiser, mailoutbox, language
):
    _record(person, page)
    (message,) = [message for message in mailoutbox if message.to == ["anna@example.org"]]
    private_link = re.search(r"https?://[^/\s]+(/\w\w/riga-2015/commitments/link/\S+/)", message.body).group(
        1
    )
    page.goto(private_link)
    person.fill(page.locator("#id_text"), "Apņemamies rīkot trīs apmācības ģimenēm.")
    person.press(person.button("Save the changes"))
    expect(page.locator(".alert-success")).to_have_text(
        person.t("Your changes are saved. The organisers will review the commitment.")
    )

    staff = other_person(organiser)
    staff.go(reverse("admin:commitments_commitment_changelist"))
    staff.tick(staff.page.locator("input.action-select").first)
    staff.choose(staff.page.locator("select[name=action]"), staff.t("Approve the selected commitments"))
    staff.press(staff.page.locator(".actions button[type=submit]"))
    expect(staff.page.locator(".messagelist")).to_be_visible()
    assert Commitment.objects.get().status == Commitment.Status.APPROVED
    staff.go(reverse("commitments:draft", kwargs={"slug": SLUG}))
    staff.accept_dialogs()
    staff.press(staff.button("Publish as a new edition"))
    # The two PDFs are built before the redirect when tasks run in process, as in the tests.
    expect(staff.page).to_have_url(re.compile(r"/commitments/editions/1/$"), timeout=60_000)
    assert Edition.objects.get().commitment_count == 1

    person.go(reverse("commitments:document", kwargs={"slug": SLUG}))
    expect(page.locator(".commitment-text")).to_have_text("Apņemamies rīkot trīs apmācības ģimenēm.")
    screenshot(page, f"commitments-{language}")
    for code in content_languages():
        with translation.override(person.language):
            name = person.t("PDF, %(language)s edition") % {"language": language_name(code)}
        pdf = page.request.get(page.get_by_role("link", name=name).get_attribute("href"))
        assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
        assert pdf.body().startswith(b"%PDF")

    page.goto(private_link)
    person.choose(page.locator("#id_progress"), person.t("in progress"))
    person.fill(page.locator("#id_text"), "Pirmā apmācība notika.")
    person.press(person.button("Save the progress note"))
    expect(page.locator(".alert-success")).to_have_text(person.t("Thank you: your progress note is saved."))
    expect(page.locator(".progress-notes li")).to_have_count(1)
    assert Commitment.objects.get().progress == Commitment.Progress.IN_PROGRESS


@journeys_two_ways
def test_the_author_withdraws_a_commitment_after_saying_yes(person, page, organiser, language):
    _record(person, page)
    person.accept_dialogs()

    person.press(person.button("Withdraw the commitment"))

    expect(page.locator(".alert-success")).to_have_text(person.t("Your commitment is withdrawn."))
    assert Commitment.objects.get().status == Commitment.Status.WITHDRAWN
