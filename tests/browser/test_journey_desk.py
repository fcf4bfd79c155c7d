"""The registration desk at 9:00: find by name and by code, check in and undo (the focus stays on the row),
register a walk-in, print a group's attendance sheet and badges."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from consultation.services import organisers_group_sync
from registry.participants.models import Participant
from tests.browser.conftest import journeys, screenshot
from tests.factories import StaffFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import WorkingGroup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "riga-2015"


@pytest.fixture
def desk(transactional_db, page, log_in):
    call_command("loaddata", "consultation_2015", verbosity=0)
    group = WorkingGroup.objects.get(consultation__slug=SLUG, number=3)
    ParticipantFactory(consultation=group.consultation, group=group, first_name="Ilze", last_name="Ozola")
    ParticipantFactory(consultation=group.consultation, group=group, first_name="Jānis", last_name="Kalns")
    staff = StaffFactory(username="desk")
    staff.groups.add(organisers_group_sync())
    log_in(page, staff)
    return group


@journeys
def test_the_desk_finds_checks_in_undoes_registers_a_walk_in_and_prints(person, page, desk, language):
    ilze = Participant.objects.get(last_name="Ozola")
    person.go(reverse("participants:desk", kwargs={"slug": SLUG}))
    person.fill(page.locator("#desk-q"), "ozo")
    rows = page.locator(".desk-row")
    expect(rows).to_have_count(1)
    expect(rows.locator(".desk-name")).to_have_text("Ilze Ozola")

    person.press(rows.get_by_role("button", name=person.t("Check in"), exact=True))
    undo = page.locator(".desk-row.is-in").get_by_role("button", name=person.t("Undo"))
    expect(undo).to_be_focused()  # the list is redrawn; the focus stays on the same person's row
    expect(page.locator("#desk-counts tr[data-group='3'] .desk-arrived")).to_have_text("1")
    screenshot(page, f"desk-{language}")
    person.press(undo)
    expect(
        page.locator(".desk-row").get_by_role("button", name=person.t("Check in"), exact=True)
    ).to_be_focused()
    # The desk shows a change at once and sends it from its queue (it works offline too): wait until sent.
    expect(page.locator(".desk-pending")).to_have_text(person.t("Every action has been sent."))
    ilze.refresh_from_db()
    assert ilze.checked_in_at is None

    person.fill(page.locator("#desk-q"), ilze.code)
    expect(rows.locator(".desk-name")).to_have_text("Ilze Ozola")

    person.fill(page.locator("#id_first_name"), "Pēteris")
    person.fill(page.locator("#id_last_name"), "Liepa")
    person.choose(page.locator("#id_sector"), person.t("resident"))
    person.choose(page.locator("#id_first_choice"), person.name_of(desk))
    person.tick(page.locator("#id_consent_data"))
    person.press(person.button("Register and check in"))
    # Queued on the device, then sent: the desk says so with the code the server gave.
    sent = person.t("Walk-in sent: %%(name)s, group %%(group)s, code %%(code)s.").replace("%%", "%")
    pattern = re.escape(sent % {"name": "Pēteris Liepa", "group": 3, "code": "CODE"}).replace("CODE", "(.+)")
    notice = page.locator(".desk-notices li").filter(has_text=re.compile(f"^{pattern}$"))
    expect(notice).to_have_count(1)
    walk_in = Participant.objects.get(last_name="Liepa")
    expect(notice).to_have_text(sent % {"name": "Pēteris Liepa", "group": 3, "code": walk_in.code_display})
    assert walk_in.checked_in_at is not None

    for name in ("sheet", "badges"):
        link = page.locator("#desk-counts tr[data-group='3']").get_by_role(
            "link", name=re.compile("^" + re.escape(person.t(name)))
        )
        pdf = page.request.get(link.get_attribute("href"))
        assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
        assert pdf.body().startswith(b"%PDF")
