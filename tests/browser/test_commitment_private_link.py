"""The commitment author's private link, driven by Chromium: every POST a real browser sends must pass CSRF.

Chromium sends ``Origin: null`` with a form POST from a page whose referrer policy is ``no-referrer``, and
Django's CSRF check refuses it; the test client sends no Origin at all, so only a real browser shows this.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from commitments.models import Commitment
from consultation.links import private_path
from tests.commitments.factories_commitments import ApprovedCommitmentFactory, CommitmentFactory
from tests.factories import ConsultationFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def group(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright fills a form faster than any person
    return WorkingGroupFactory(consultation=ConsultationFactory(), number=1)


def test_the_author_changes_a_commitment_through_the_private_link(page, group):
    commitment = CommitmentFactory(consultation=group.consultation, group=group)
    page.goto(private_path(commitment, language="lv"))

    page.get_by_label("Ko jūsu organizācija apņemas darīt").fill("Apņemamies vadīt trīs seminārus ģimenēm.")
    page.get_by_role("button", name="Saglabāt izmaiņas").click()

    expect(page.locator(".alert")).to_have_text("Izmaiņas saglabātas. Organizatori apņemšanos izskatīs.")
    commitment.refresh_from_db()
    assert commitment.text_lv == "Apņemamies vadīt trīs seminārus ģimenēm."


def test_the_author_withdraws_a_commitment_through_the_private_link(page, group):
    commitment = CommitmentFactory(consultation=group.consultation, group=group)
    page.goto(private_path(commitment, language="lv"))

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Atsaukt apņemšanos").click()

    expect(page.locator(".commitment-status")).to_have_text("atsaucis autors")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.WITHDRAWN


def test_the_author_reports_progress_on_an_approved_commitment(page, group):
    commitment = ApprovedCommitmentFactory(consultation=group.consultation, group=group)
    page.goto(private_path(commitment, language="lv"))

    page.get_by_label("Izpilde").select_option("in_progress")
    page.get_by_label("Kas ir paveikts").fill("Pirmais seminārs notika 5. novembrī.")
    page.get_by_label("Datums").fill("2015-11-05")
    page.get_by_role("button", name="Saglabāt izpildes piezīmi").click()

    expect(page.locator(".progress-notes li")).to_have_count(1)
    note = commitment.progress_notes.get()
    assert (note.text, note.noted_on) == ("Pirmais seminārs notika 5. novembrī.", datetime.date(2015, 11, 5))


def test_the_author_stops_a_forwarded_link_and_opens_the_new_one(
    page, group, live_server, settings, mailoutbox
):
    settings.SITE_URL = live_server.url
    commitment = CommitmentFactory(consultation=group.consultation, group=group)
    old = private_path(commitment, language="lv")
    page.goto(old)

    page.get_by_role("button", name="Apturēt šo saiti un sūtīt man jaunu").click()

    expect(page.locator(".alert")).to_have_text(
        "Šī saite vairs nedarbojas. Esam nosūtījuši jaunu privāto saiti uz jūsu e-pasta adresi."
    )
    page.goto(old)
    expect(page.locator("h1")).to_have_text("Šī saite nedarbojas")
    (message,) = mailoutbox
    new = next(line for line in message.body.splitlines() if line.startswith(live_server.url))
    page.goto(new)
    expect(page.get_by_role("button", name="Atsaukt apņemšanos")).to_be_visible()


def test_an_expired_link_offers_a_fresh_one_by_e_mail(page, group, live_server, settings, mailoutbox):
    settings.SITE_URL = live_server.url
    group.consultation.private_link_days = 1
    group.consultation.save()
    commitment = CommitmentFactory(
        consultation=group.consultation, group=group, contact_email="anna@example.org"
    )
    expired = private_path(commitment, language="lv", issued_at=timezone.now() - datetime.timedelta(days=2))
    page.goto(expired)
    expect(page.locator("h1")).to_have_text("Šīs saites derīguma laiks ir beidzies")

    page.get_by_label("E-pasts").fill("anna@example.org")
    page.get_by_role("button", name="Sūtiet man jaunu saiti").click()

    expect(page.locator(".alert")).to_have_text(
        "Ja šī adrese mums ir zināma, esam uz to nosūtījuši jaunu privāto saiti. Pārbaudiet savu e-pastu."
    )
    (message,) = mailoutbox
    page.goto(next(line for line in message.body.splitlines() if line.startswith(live_server.url)))
    expect(page.get_by_role("button", name="Atsaukt apņemšanos")).to_be_visible()
