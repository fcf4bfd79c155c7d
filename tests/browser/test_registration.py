from __future__ import annotations

import pytest
from django.urls import reverse

from registry.participants.models import Participant
from tests.factories import ConsultationFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fill_time(settings):
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright fills a form faster than any person


@pytest.fixture
def group(transactional_db):
    return WorkingGroupFactory(
        consultation=ConsultationFactory(slug="riga"), number=3, title_lv="Juridiskais atbalsts"
    )


def test_register_with_missing_consent_keeps_what_was_typed(page, group):
    page.goto(reverse("participants:register", kwargs={"slug": "riga"}))

    page.get_by_label("Vārds").first.fill("Anna")
    page.get_by_label("E-pasts").fill("anna@example.org")
    page.get_by_role("button", name="Reģistrēties").click()

    assert "nepieciešama jūsu piekrišana" in page.locator("main").inner_text()
    assert page.get_by_label("Vārds").first.input_value() == "Anna"
    assert Participant.objects.count() == 0
