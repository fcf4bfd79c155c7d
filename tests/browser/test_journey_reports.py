"""The 15:30 session worked as people do it, in both languages, at both widths, by mouse and by keyboard alone:
a group leader writes and submits the group's report in the workspace, an organiser publishes it and moves
the results screen to that group from the presenter's remote."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from commitments.models import ResultsScreen
from consultation.models import Consultation
from consultation.services import organisers_group_sync
from tests.browser.conftest import journeys_two_ways, screenshot
from tests.factories import StaffFactory
from workgroups.models import GroupReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SLUG = "riga-2015"


@pytest.fixture
def loaded(transactional_db) -> Consultation:
    call_command("loaddata", "consultation_2015", verbosity=0)
    return Consultation.objects.get(slug=SLUG)


def _status(language: str, status: GroupReport.Status) -> str:
    with translation.override(language):
        return str(status.label)


@journeys_two_ways
def test_a_leader_submits_the_report_an_organiser_publishes_it_and_puts_it_on_the_screen(
    person, page, other_person, loaded, log_in, language
):
    group = loaded.working_groups.get(number=1)
    leader = StaffFactory(username="leader")
    group.leaders.add(leader)
    areas = {area.number: area for area in loaded.working_groups.all()}
    ResultsScreen.objects.create(consultation=loaded, is_public=True)
    log_in(page, leader)

    person.go(reverse("commitments:workspace", kwargs={"slug": SLUG, "number": 1}))
    person.fill(page.locator("#id_report-findings_lv"), "Trūkst tulku arābu valodā.")
    person.fill(page.locator("#id_report-solutions_lv"), "Tulku tīkls visos reģionos.")
    person.choose(page.locator("#id_needs-0-area"), person.name_of(areas[3]))
    person.fill(page.locator("#id_needs-0-text_lv"), "Juristi patvēruma lietās")
    person.fill(page.locator("#id_actions-0-owner"), "Patvērums “Drošā māja”")
    person.fill(page.locator("#id_actions-0-action_lv"), "Apmācīt brīvprātīgos tulkus")
    person.fill_date(page.locator("#id_actions-0-deadline"), "2015-12-01")
    screenshot(page, f"workspace-{language}")
    person.press(person.button("Submit for the 15:30 session"))

    expect(page.locator("[data-report-status]")).to_have_text(_status(language, GroupReport.Status.SUBMITTED))
    organiser_user = StaffFactory(username="organiser")
    organiser_user.groups.add(organisers_group_sync())
    organiser = other_person(organiser_user)
    organiser.go(reverse("commitments:workspace", kwargs={"slug": SLUG, "number": 1}))
    organiser.press(organiser.button("Publish the report"))
    expect(organiser.page.locator("[data-report-status]")).to_have_text(
        _status(language, GroupReport.Status.PUBLISHED)
    )

    organiser.go(reverse("commitments:results_remote", kwargs={"slug": SLUG}))
    organiser.press(
        organiser.page.get_by_role("button", name=re.compile("^" + re.escape(organiser.t("Next"))))
    )
    expect(organiser.page.locator("[data-current-step]")).to_have_text(organiser.name_of(group))
    assert GroupReport.objects.get(group=group).status == GroupReport.Status.PUBLISHED
