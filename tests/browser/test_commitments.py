from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import Commitment, Edition
from consultation.models import Consultation, Organisation
from consultation.services import organisers_group_sync
from tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db, settings, tmp_path):
    call_command("loaddata", "consultation_2015", verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright fills a form faster than any person


def test_an_organisation_records_a_commitment_and_gets_its_private_page(page, loaded):
    page.goto(reverse("commitments:document", kwargs={"slug": "riga-2015"}))
    page.get_by_role("link", name="Ierakstīt apņemšanos").first.click()

    page.get_by_label("Organizācija", exact=True).select_option(label="Latvijas Pilsoniskā alianse")
    page.get_by_label("Darba grupa").select_option(index=2)
    page.get_by_label("Ko jūsu organizācija apņemas darīt").fill("Apņemamies rīkot divas apmācības ģimenēm.")
    page.get_by_label("Resursa veids").select_option("expertise")
    page.get_by_label("Kad: no (vai datums)").fill("2015-11-15")
    page.locator("#id_contact_name").fill("Anna Bērziņa")
    page.locator("#id_contact_email").fill("anna@example.org")
    page.get_by_role("button", name="Nosūtīt apņemšanos").click()

    page.wait_for_url("**/commitments/link/**")
    assert page.locator(".commitment-status").inner_text() == "iesniegta"
    assert page.get_by_role("button", name="Atsaukt apņemšanos").is_visible()
    commitment = Commitment.objects.get()
    assert (commitment.organisation.name_lv, commitment.group.number) == ("Latvijas Pilsoniskā alianse", 2)


def test_an_organiser_publishes_an_edition_that_the_public_reads_with_its_pdf(page, loaded):
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    consultation = Consultation.objects.get(slug="riga-2015")
    Commitment.objects.create(
        consultation=consultation,
        group=consultation.working_groups.get(number=1),
        organisation=Organisation.objects.order_by("pk").first(),
        contact_name="Anna",
        contact_email="anna@example.org",
        text_lv="Apņemamies uzturēt brīvprātīgo tīklu.",
        resource=Commitment.Resource.TIME,
        starts_on=datetime.date(2015, 11, 1),
        status=Commitment.Status.APPROVED,
    )
    page.goto(reverse("admin:login"))
    page.locator("#id_username").fill("organiser")
    page.locator("#id_password").fill("correct horse battery staple")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")

    page.goto(reverse("commitments:draft", kwargs={"slug": "riga-2015"}))
    assert "Apņemamies uzturēt brīvprātīgo tīklu." in page.locator("main").inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publicēt kā jaunu izdevumu").click()

    page.wait_for_url("**/commitments/editions/1/")
    assert "Apņemamies uzturēt brīvprātīgo tīklu." in page.locator(".commitment-document").inner_text()
    pdf_url = page.get_by_role("link", name="PDF, latviešu izdevums").get_attribute("href")
    pdf = page.request.get(pdf_url)
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body().startswith(b"%PDF")
    assert Edition.objects.get().pdf_lv.name.endswith("-lv.pdf")
