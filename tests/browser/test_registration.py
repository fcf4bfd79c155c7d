from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from consultation.services import organisers_group_sync
from registry.participants.models import Participant
from tests.factories import ConsultationFactory, StaffFactory, WorkingGroupFactory
from tests.participants.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def group(transactional_db):
    return WorkingGroupFactory(
        consultation=ConsultationFactory(slug="riga"), number=3, title_lv="Juridiskais atbalsts"
    )


def test_register_then_cancel_through_the_private_link(page, group, mailoutbox, settings):
    settings.SITE_URL = "http://testserver"
    page.goto(reverse("participants:register", kwargs={"slug": "riga"}))

    page.get_by_label("Vārds").first.fill("Anna")
    page.get_by_label("Uzvārds").fill("Bērziņa")
    page.get_by_label("E-pasts").fill("anna@example.org")
    page.get_by_label("Sektors").select_option("ngo")
    page.get_by_label("Darba grupa (pirmā izvēle)").select_option(str(group.pk))
    page.get_by_label("Piekrītu, ka organizatori apstrādā manus personas datus").check()
    page.get_by_role("button", name="Reģistrēties").click()

    page.wait_for_url("**/riga/register/done/")
    assert "Paldies!" in page.locator("h1").inner_text()
    (message,) = mailoutbox
    link = re.search(r"http://testserver(/lv/riga/registration/\S+/)", message.body).group(1)

    page.goto(link)
    assert "apstiprināta 3. darba grupā" in page.locator(".registration-state").inner_text()
    page.get_by_role("button", name="Atcelt manu reģistrāciju").click()

    assert "Šī reģistrācija ir atcelta" in page.locator(".registration-state").inner_text()
    assert Participant.objects.get().status == "cancelled"


def test_register_with_missing_consent_keeps_what_was_typed(page, group):
    page.goto(reverse("participants:register", kwargs={"slug": "riga"}))

    page.get_by_label("Vārds").first.fill("Anna")
    page.get_by_label("E-pasts").fill("anna@example.org")
    page.get_by_role("button", name="Reģistrēties").click()

    assert "nepieciešama jūsu piekrišana" in page.locator("main").inner_text()
    assert page.get_by_label("Vārds").first.input_value() == "Anna"
    assert Participant.objects.count() == 0


def test_desk_finds_as_you_type_and_checks_in(page, group, live_server):
    ParticipantFactory(consultation=group.consultation, group=group, first_name="Ilze", last_name="Ozola")
    ParticipantFactory(consultation=group.consultation, group=group, first_name="Jānis", last_name="Kalns")
    organiser = StaffFactory()
    organiser.groups.add(organisers_group_sync())
    client = Client()
    client.force_login(organiser)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(reverse("participants:desk", kwargs={"slug": "riga"}))

    page.get_by_label("Vārds, organizācija vai kods").press_sequentially("ozo")
    page.locator(".desk-row").filter(has_text="Ilze Ozola").wait_for()
    assert page.locator(".desk-row").count() == 1
    page.get_by_role("button", name="Atzīmēt ierašanos", exact=True).click()

    page.locator(".desk-row.is-in").wait_for()
    page.locator("#desk-counts .desk-arrived", has_text="1").wait_for()
    assert Participant.objects.get(last_name="Ozola").checked_in_at is not None

    page.get_by_role("button", name="Atsaukt").click()

    page.get_by_role("button", name="Atzīmēt ierašanos", exact=True).wait_for()
    assert Participant.objects.get(last_name="Ozola").checked_in_at is None
