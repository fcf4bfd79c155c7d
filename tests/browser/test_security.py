"""Back-office journeys of the roles and personal data, in Chromium."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from consultation.roles import GROUP_LEADERS_GROUP, ORGANISERS_GROUP
from registry.participants.models import Participant
from tests.factories import ConsultationFactory, StaffFactory, WorkingGroupFactory
from tests.participants.factories import ParticipantFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def organiser_page(page, live_server, transactional_db):
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
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
    return page


def test_organiser_anonymises_a_person_everywhere(organiser_page):
    page = organiser_page
    group = WorkingGroupFactory(consultation=ConsultationFactory(slug="riga"), number=1)
    ParticipantFactory(
        consultation=group.consultation, group=group, first_name="Inese", email="inese@example.org"
    )

    page.goto(reverse("admin:commitments_personal_data"))
    page.get_by_label("Personas e-pasta adrese").fill("inese@example.org")
    page.get_by_role("button", name="Meklēt").click()
    expect(page.get_by_text("Reģistrācijas: 1")).to_be_visible()
    page.get_by_label("Jā, dzēst šīs personas vārdu un kontaktinformāciju visur; to nevar atsaukt.").check()
    page.get_by_role("button", name="Anonimizēt visur").click()

    expect(page.locator(".messagelist")).to_have_text("Anonimizēts 1 ieraksts.")
    assert Participant.objects.filter(email="inese@example.org").count() == 0


def test_organiser_makes_a_group_leader_account(organiser_page):
    page = organiser_page

    page.goto(reverse("admin:auth_user_add"))
    page.locator("#id_username").fill("inese")
    page.locator("#id_password1").fill("a long pass phrase 2015")
    page.locator("#id_password2").fill("a long pass phrase 2015")
    page.locator("input[name=_continue]").click()
    expect(page.locator("#id_is_staff")).to_be_visible()
    expect(page.locator("#id_is_superuser")).to_have_count(0)  # read-only to an organiser
    page.locator("#id_is_staff").check()
    page.locator("#id_groups_from").select_option(label=GROUP_LEADERS_GROUP)
    page.locator("#id_groups_add").click()
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist")).to_be_visible()
    user = get_user_model().objects.get(username="inese")
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_LEADERS_GROUP]
