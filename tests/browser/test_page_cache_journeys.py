"""Pages from the page cache in a real browser: a compressed stored page, an organisation chosen from the long
list, and a results screen that stops being served the moment the organisers make it private."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from commitments.models import ResultsScreen
from commitments.services import results_screen_set_public
from consultation.models import Organisation
from registry.offers.models import QuestionnaireResponse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "riga-2015"


@pytest.fixture
def loaded(live_consultation_2015):
    return live_consultation_2015


def test_a_stored_page_comes_compressed_and_reads_as_the_page(page, loaded):
    document = reverse("commitments:document", kwargs={"slug": SLUG})
    page.goto(document)
    heading = page.locator("h1").first.inner_text()

    again = page.goto(document)  # from the page cache

    assert again.headers.get("content-encoding") == "gzip"
    expect(page.locator("h1").first).to_have_text(heading)


@pytest.mark.parametrize("language", ["en"])
def test_an_ngo_chooses_its_organisation_from_the_list_in_english(page, loaded, language):
    organisation = Organisation.objects.listed().order_by("name_lv").first()
    area = loaded.working_groups.get(number=4)
    with translation.override("en"):
        page.goto(reverse("offers:questionnaire", kwargs={"slug": SLUG}))
    organisations = page.get_by_label("Your organisation, if it is in this list")

    organisations.select_option(label=organisation.name_en or organisation.name_lv)
    page.locator("#id_contact_name").fill("Anna")
    page.locator("#id_contact_email").fill("anna@example.org")
    page.locator("#id_services-0-area").select_option(value=str(area.pk))
    page.locator("#id_services-0-kind").select_option("service")
    page.locator("#id_services-0-description").fill("Psihologa konsultācijas")
    page.locator("fieldset.questionnaire-service").first.get_by_label("Latgale", exact=True).check()
    page.get_by_role("button", name="Save the answers").click()

    expect(page).to_have_url(re.compile(r"/questionnaire/edit/"))
    assert QuestionnaireResponse.objects.get().organisation == organisation


def test_an_open_screen_goes_to_the_login_once_the_organisers_make_it_private(page, loaded):
    ResultsScreen.objects.create(consultation=loaded, is_public=True)
    screen = reverse("commitments:results_screen", kwargs={"slug": SLUG})
    page.goto(screen)
    page.reload()  # the second view from the page cache
    expect(page.locator(".screen-step-title")).to_have_text("Kopaina")

    results_screen_set_public(consultation=loaded, is_public=False)
    page.reload()

    expect(page).to_have_url(re.compile(r"/admin/login/\?next=" + re.escape(screen)))
