"""The commitment author's private link, driven by Chromium: every POST a real browser sends must pass CSRF.

Chromium sends ``Origin: null`` with a form POST from a page whose referrer policy is ``no-referrer``, and
Django's CSRF check refuses it; the test client sends no Origin at all, so only a real browser shows this.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from commitments.links import commitment_private_url
from commitments.models import Commitment
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
    page.goto(commitment_private_url(commitment))

    page.get_by_label("Ko jūsu organizācija apņemas darīt").fill("Apņemamies vadīt trīs seminārus ģimenēm.")
    page.get_by_role("button", name="Saglabāt izmaiņas").click()

    expect(page.locator(".alert")).to_have_text("Izmaiņas saglabātas. Organizatori apņemšanos izskatīs.")
    commitment.refresh_from_db()
    assert commitment.text_lv == "Apņemamies vadīt trīs seminārus ģimenēm."


def test_the_author_withdraws_a_commitment_through_the_private_link(page, group):
    commitment = CommitmentFactory(consultation=group.consultation, group=group)
    page.goto(commitment_private_url(commitment))

    page.get_by_role("button", name="Atsaukt apņemšanos").click()

    expect(page.locator(".commitment-status")).to_have_text("atsaucis autors")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.WITHDRAWN


def test_the_author_reports_progress_on_an_approved_commitment(page, group):
    commitment = ApprovedCommitmentFactory(consultation=group.consultation, group=group)
    page.goto(commitment_private_url(commitment))

    page.get_by_label("Izpilde").select_option("in_progress")
    page.get_by_label("Kas ir paveikts").fill("Pirmais seminārs notika 5. novembrī.")
    page.get_by_label("Datums").fill("2015-11-05")
    page.get_by_role("button", name="Saglabāt izpildes piezīmi").click()

    expect(page.locator(".progress-notes li")).to_have_count(1)
    note = commitment.progress_notes.get()
    assert (note.text, note.noted_on) == ("Pirmais seminārs notika 5. novembrī.", datetime.date(2015, 11, 5))
