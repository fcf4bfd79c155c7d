"""Browser journeys of the 15:30 session: a leader's report through a lost connection, an organiser publishing
it, and the results screen following the presenter's phone while a card is posted from another phone."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from commitments.models import ResultsScreen
from consultation.models import Consultation
from consultation.services import organisers_group_sync
from registry.offers.models import Offer
from registry.offers.services import offer_approve
from tests.factories import GroupReportFactory, StaffFactory
from workgroups.models import GroupReport, ReportNeed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "riga-2015"
SAVED = re.compile(r"^Melnraksts saglabāts plkst\. \d\d:\d\d:\d\d\.$")
OFFLINE = (
    "Nav savienojuma: jūsu teksts glabājas šajā pārlūkā un tiks saglabāts, tiklīdz savienojums atjaunosies."
)


@pytest.fixture
def loaded(transactional_db, settings):
    call_command("loaddata", "consultation_2015", verbosity=0)
    settings.FORM_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    cache.clear()
    yield Consultation.objects.get(slug=SLUG)
    cache.clear()


@pytest.fixture
def new_context(browser, live_server):
    """Browser contexts (a laptop, a phone) that are closed however the test ends."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, locale="lv-LV", **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def _log_in(page, username: str) -> None:
    page.goto(reverse("admin:login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("correct horse battery staple")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")


def _workspace(number: int) -> str:
    return reverse("commitments:workspace", kwargs={"slug": SLUG, "number": number})


def test_a_leader_writes_through_a_lost_connection_and_submits_the_report(new_context, loaded):
    group = loaded.working_groups.get(number=1)
    group.leaders.add(StaffFactory(username="leader"))
    context = new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    _log_in(page, "leader")

    page.goto(_workspace(1))
    page.get_by_label("Galvenās atziņas (latviešu valodā)").fill("Trūkst tulku arābu valodā.")
    expect(page.locator("[data-autosave-status]")).to_have_text(SAVED)
    context.set_offline(True)
    page.get_by_label("Ierosinātie risinājumi (latviešu valodā)").fill("Tulku tīkls visos reģionos.")
    expect(page.locator("[data-autosave-status]")).to_have_text(OFFLINE)
    kept = page.evaluate("localStorage.getItem('report:riga-2015:1')")
    page.close()  # the laptop's lid closes while the Wi-Fi is gone
    context.set_offline(False)

    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(_workspace(1))
    expect(page.get_by_label("Ierosinātie risinājumi (latviešu valodā)")).to_have_value(
        "Tulku tīkls visos reģionos."
    )
    expect(page.locator("[data-autosave-status]")).to_have_text(SAVED)
    page.locator("#id_needs-0-area").select_option(label="3. Juridiskais atbalsts iegūstot statusu")
    page.locator("#id_needs-0-text_lv").fill("Juristi patvēruma lietās")
    page.locator("#id_actions-0-owner").fill("Patvērums “Drošā māja”")
    page.locator("#id_actions-0-action_lv").fill("Apmācīt brīvprātīgos tulkus")
    page.locator("#id_actions-0-deadline").fill("2015-12-01")
    page.get_by_role("button", name="Iesniegt plkst. 15.30 sesijai").click()

    expect(page.locator("[data-report-status]")).to_have_text("iesniegts")
    report = GroupReport.objects.get(group=group)
    assert "Tulku tīkls visos reģionos." in kept
    assert (report.findings_lv, report.solutions_lv, report.status) == (
        "Trūkst tulku arābu valodā.",
        "Tulku tīkls visos reģionos.",
        GroupReport.Status.SUBMITTED,
    )
    assert list(report.needs.values_list("area__number", "text_lv")) == [(3, "Juristi patvēruma lietās")]
    assert list(report.actions.values_list("owner", flat=True)) == ["Patvērums “Drošā māja”"]
    assert page.evaluate("localStorage.getItem('report:riga-2015:1')") is None


def test_an_organiser_publishes_a_submitted_report_that_the_group_page_then_shows(page, loaded):
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    group = loaded.working_groups.get(number=2)
    GroupReportFactory(
        group=group, status=GroupReport.Status.SUBMITTED, findings_lv="Darba devēji nezina noteikumus."
    )
    _log_in(page, "organiser")

    page.goto(_workspace(2))
    page.get_by_role("button", name="Publicēt ziņojumu").click()

    expect(page.locator("[data-report-status]")).to_have_text("publicēts")
    page.goto(group.get_absolute_url())
    expect(page.locator(".report-findings")).to_have_text("Darba devēji nezina noteikumus.")


def test_the_screen_follows_the_presenter_through_two_groups_and_shows_a_card_posted_meanwhile(
    new_context, loaded
):
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    groups = {group.number: group for group in loaded.working_groups.all()}
    GroupReportFactory(
        group=groups[1], status=GroupReport.Status.SUBMITTED, findings_lv="Pirmās grupas atziņa."
    )
    second = GroupReportFactory(
        group=groups[2], status=GroupReport.Status.SUBMITTED, findings_lv="Otrās atziņa."
    )
    ReportNeed.objects.create(report=second, area=groups[5], text_lv="Latviešu valodas kursi vakaros")
    ResultsScreen.objects.create(consultation=loaded, is_public=True)

    projector = new_context(viewport={"width": 1920, "height": 1080})
    remote = new_context(viewport={"width": 390, "height": 844})
    phone = new_context(viewport={"width": 390, "height": 844})
    screen = projector.new_page()
    presenter = remote.new_page()
    visitor = phone.new_page()
    for page in (screen, presenter, visitor):
        page.set_default_timeout(15_000)
    screen.goto(reverse("commitments:results_screen", kwargs={"slug": SLUG}))
    expect(screen.locator(".screen-step-title")).to_have_text("Kopaina")
    _log_in(presenter, "organiser")
    presenter.goto(reverse("commitments:results_remote", kwargs={"slug": SLUG}))

    presenter.get_by_role("button", name="Nākamā →").click()
    expect(presenter.locator("[data-current-step]")).to_have_text("1. Politikas iniciatīvas")
    expect(screen.locator(".screen-step-title")).to_have_text("1 Politikas iniciatīvas")
    expect(screen.locator(".screen-findings")).to_have_text("Pirmās grupas atziņa.")
    presenter.get_by_role("button", name="Nākamā →").click()
    expect(screen.locator(".screen-step-title")).to_have_text(re.compile(r"^2 Sociālā palīdzība"))
    expect(screen.locator(".need-gap .need-text")).to_have_text("Latviešu valodas kursi vakaros")

    visitor.goto(reverse("offers:wall_post", kwargs={"slug": SLUG}))
    visitor.get_by_label("Jūsu vārds vai organizācija").fill("Ilze")
    visitor.get_by_label("Jūsu e-pasts").fill("ilze@example.org")
    visitor.get_by_label("Ko jūs varat piedāvāt?").fill("Vadīšu latviešu valodas vakarus Cēsīs")
    visitor.get_by_label("Joma").select_option(value=str(groups[5].pk))
    visitor.get_by_label("Ieguldījuma veids").select_option("language")
    visitor.get_by_label("Vidzeme", exact=True).check()
    visitor.get_by_role("button", name="Sūtīt kartīti").click()
    expect(visitor.locator(".offer-status")).to_contain_text("gaida moderāciju")
    offer_approve(offers=Offer.objects.filter(status=Offer.Status.PENDING))

    expect(screen.locator(".need-met .need-offers li")).to_have_text("Vadīšu latviešu valodas vakarus Cēsīs")
    expect(screen.locator(".need-gap")).to_have_count(0)
    expect(screen.locator("[data-total=offers]")).to_have_text("1")
