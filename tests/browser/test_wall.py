"""Browser journeys of the resource wall and the questionnaire, in Latvian, without any account."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from registry.offers.models import Offer, OfferKind, Period, QuestionnaireResponse
from registry.offers.services import offer_approve
from workgroups.models import WorkingGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db, settings):
    call_command("loaddata", "consultation_2015", verbosity=0)
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    cache.clear()
    yield
    cache.clear()


def test_a_card_posted_from_a_phone_appears_on_the_wall_after_approval(page, loaded):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("offers:wall_post", kwargs={"slug": "riga-2015"}))

    page.get_by_label("Jūsu vārds vai organizācija").fill("Ilze")
    page.get_by_label("Jūsu e-pasts").fill("ilze@example.org")
    page.get_by_label("Ko jūs varat piedāvāt?").fill("Palīdzēšu bēgļiem ar latviešu valodu")
    page.get_by_label("Joma").select_option(index=5)
    page.get_by_label("Ieguldījuma veids").select_option("language")
    page.get_by_label("Rīga", exact=True).check()
    page.get_by_role("button", name="Sūtīt kartīti").click()

    assert "gaida moderāciju" in page.locator(".offer-status").inner_text()
    offer_approve(offers=Offer.objects.all())
    page.goto(reverse("offers:wall", kwargs={"slug": "riga-2015"}))
    page.get_by_label("Meklēt").fill("begli")
    page.get_by_role("button", name="Rādīt").click()
    cards = page.locator(".offer-card")
    assert cards.count() == 1
    assert "Palīdzēšu bēgļiem" in cards.first.inner_text()
    assert "ilze@example.org" not in page.content()


def test_an_organisation_answers_the_questionnaire_with_two_services(page, loaded):
    page.goto(reverse("offers:questionnaire", kwargs={"slug": "riga-2015"}))

    page.get_by_label("Vai tās nosaukums, ja tās nav sarakstā").fill("Biedrība “Atbalsts”")
    page.get_by_role("textbox", name="Kontaktpersona*", exact=True).fill("Anna")
    page.get_by_label("Kontaktpersonas e-pasts").fill("anna@example.org")
    page.get_by_role("button", name="Pievienot vēl vienu pakalpojumu").click()
    services = page.locator("fieldset.questionnaire-service")
    assert services.count() == 2
    for index, text in enumerate(["Psihologa konsultācijas", "Telpas nodarbībām"]):
        service = services.nth(index)
        service.get_by_label("Joma").select_option(index=index + 1)
        service.get_by_label("Ieguldījuma veids").select_option("service")
        service.get_by_label("Pakalpojuma apraksts").fill(text)
        service.get_by_label("Latgale").check()
    page.get_by_role("button", name="Saglabāt atbildes").click()

    page.wait_for_url("**/questionnaire/edit/**")
    assert "Paldies!" in page.locator("main").inner_text()
    response = QuestionnaireResponse.objects.get()
    assert sorted(response.services.values_list("description", flat=True)) == [
        "Psihologa konsultācijas",
        "Telpas nodarbībām",
    ]


def test_choosing_a_region_filters_the_wall_at_once(page, loaded):
    page.goto(reverse("offers:wall", kwargs={"slug": "riga-2015"}))

    page.get_by_label("Reģions").select_option("latgale")

    page.wait_for_url("**/wall/?*region=latgale*")
    assert page.get_by_label("Reģions").input_value() == "latgale"


def test_the_card_form_counts_the_characters_left(page, loaded):
    page.goto(reverse("offers:wall_post", kwargs={"slug": "riga-2015"}))

    page.get_by_label("Ko jūs varat piedāvāt?").fill("Tulkoju")

    assert page.locator(".offers-counter").inner_text() == "Atlikušas rakstzīmes: 493"


def test_an_organiser_approves_a_card_from_the_queue_in_one_click(page, loaded):
    get_user_model().objects.create_superuser("organiser", "o@example.org", "a long password 123")
    consultation_area = WorkingGroup.objects.get(consultation__slug="riga-2015", number=7)
    offer = Offer.objects.create(
        consultation=consultation_area.consultation,
        area=consultation_area,
        kind=OfferKind.GOODS,
        regions=["riga"],
        author_name="Ilze",
        contact_email="ilze@example.org",
        description="Bērnu grāmatas",
        period=Period.BEFORE,
    )
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "organiser")
    page.fill("#id_password", "a long password 123")
    page.locator("input[type=submit]").click()
    page.goto(reverse("admin:offers_pendingoffer_changelist"))

    page.fill(f"input[name='note-{offer.pk}']", "Paldies!")
    page.get_by_role("button", name="Apstiprināt").click()

    page.wait_for_url("**/offers/pendingoffer/")
    offer.refresh_from_db()
    assert (offer.status, offer.moderation_note) == (Offer.Status.APPROVED, "Paldies!")
