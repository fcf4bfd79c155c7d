"""The desk with the network switched off: Chromium with its service worker, Playwright's offline mode."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from consultation.roles import DESK_GROUP
from registry.participants.forms import WalkInForm
from registry.participants.models import DeskAction, Participant
from registry.participants.views import desk_app
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, wait_for_live_server_queries
from tests.factories import ConsultationFactory, OrganisationFactory, StaffFactory, WorkingGroupFactory
from tests.participants.factories import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = "/lv/riga/desk/"


@pytest.fixture
def group(transactional_db):
    return WorkingGroupFactory(consultation=ConsultationFactory(slug="riga"), number=3, capacity=10)


@pytest.fixture
def people(group):
    consultation = group.consultation
    return {
        "ilze": ParticipantFactory(
            consultation=consultation, group=group, first_name="Ilze", last_name="Ozola"
        ),
        "janis": ParticipantFactory(
            consultation=consultation, group=group, first_name="Jānis", last_name="Kalns", code="K7MR4P"
        ),
        "liga": ParticipantFactory(
            consultation=consultation,
            group=group,
            first_name="Līga",
            last_name="Bērziņa",
            organisation=OrganisationFactory(name_lv="Patvērums “Drošā māja”"),
        ),
        "peteris": ParticipantFactory(
            consultation=consultation, group=group, first_name="Pēteris", last_name="Zariņš"
        ),
    }


@pytest.fixture
def volunteer(transactional_db):
    user = StaffFactory(username="volunteer")
    user.groups.add(Group.objects.get_or_create(name=DESK_GROUP)[0])
    return user


@pytest.fixture
def new_desk(browser, live_server, volunteer) -> Iterator[object]:
    """Opens a desk: its own browser context (a device), logged in, service workers allowed."""
    contexts = []

    def open_desk():
        context = browser.new_context(base_url=live_server.url, locale="lv-LV", service_workers="allow")
        contexts.append(context)
        client = Client()
        client.force_login(volunteer)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(DESK)
        # Ready for the network to go: the worker controls the page and the roster is on the device.
        _wait_until(page, "() => navigator.serviceWorker.controller !== null")
        expect(page.locator(".desk-version")).to_have_text(re.compile(r"^Galda versija [0-9a-f]{12}$"))
        return page

    yield open_desk
    for context in contexts:
        context.close()
    wait_for_live_server_queries()


def _roster_loaded(page, count: int) -> None:
    expect(page.locator(".desk-refreshed")).to_have_text(
        re.compile(rf"^Dalībnieku saraksts atjaunināts \d\d:\d\d \({count} cilvēki\)\.$")
    )


def _find_and_check_in(page, query: str, name: str) -> None:
    search = page.get_by_label("Vārds, organizācija vai kods")
    search.fill(query)
    row = page.locator(".desk-row", has_text=name)
    expect(row).to_have_count(1)
    row.get_by_role("button", name="Atzīmēt ierašanos").click()
    expect(row.locator(".desk-unsent")).to_have_text("vēl nav nosūtīts")


def test_desk_works_offline_and_sends_each_action_once(new_desk, people, group):
    page = new_desk()
    _roster_loaded(page, 4)

    page.context.set_offline(True)
    expect(page.locator(".desk-network")).to_have_text(re.compile("^Bezsaistē"))
    page.reload()  # the page itself comes from the device now
    _roster_loaded(page, 4)
    _find_and_check_in(page, "ilze ozola", "Ilze Ozola")
    _find_and_check_in(page, "k7m-r4p", "Jānis Kalns")
    _find_and_check_in(page, "drosa maja", "Līga Bērziņa")
    page.locator(".desk-walk-in").get_by_label("Vārds").first.fill("Laura")
    page.get_by_label("Uzvārds").fill("Kļaviņa")
    page.get_by_label("Sektors").select_option("resident")
    page.get_by_label("Darba grupa (pirmā izvēle)").select_option(str(group.pk))
    page.get_by_label("Persona piekrīt savu datu apstrādei.").check()
    page.get_by_role("button", name="Reģistrēt un atzīmēt ierašanos").click()
    expect(page.locator(".desk-pending")).to_have_text("Darbības, kas gaida nosūtīšanu: 4")
    assert Participant.objects.filter(checked_in_at__isnull=False).count() == 0
    assert DeskAction.objects.count() == 0

    page.context.set_offline(False)

    expect(page.locator(".desk-pending")).to_have_text("Visas darbības ir nosūtītas.")
    _roster_loaded(page, 5)
    expect(page.locator(".desk-notices")).to_contain_text(
        "Reģistrācija uz vietas nosūtīta: Laura Kļaviņa, 3. grupa"
    )
    checked_in = Participant.objects.filter(checked_in_at__isnull=False).order_by("last_name")
    assert [p.full_name for p in checked_in] == ["Līga Bērziņa", "Jānis Kalns", "Laura Kļaviņa", "Ilze Ozola"]
    walk_in = Participant.objects.get(last_name="Kļaviņa")
    assert (walk_in.is_walk_in, walk_in.email, walk_in.status) == (True, "", Participant.Status.CONFIRMED)
    assert sorted(DeskAction.objects.values_list("kind", "outcome")) == [
        ("check_in", "applied"),
        ("check_in", "applied"),
        ("check_in", "applied"),
        ("walk_in", "applied"),
    ]
    assert people["peteris"].__class__.objects.get(pk=people["peteris"].pk).checked_in_at is None


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_a_failed_walk_in_shows_the_forms_error_summary(new_desk, people, group, offline):
    page = new_desk()
    _roster_loaded(page, 4)
    page.context.set_offline(offline)
    title = page.title()
    form = page.locator(".desk-walk-in")
    form.get_by_label("Vārds").first.fill("Laura")
    page.get_by_label("E-pasts").fill("laura@")

    page.get_by_role("button", name="Reģistrēt un atzīmēt ierašanos").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Kļūda: " + title)
    with translation.override("lv"):  # what the server's form says to the same entries
        server = WalkInForm(
            {"first_name": "Laura", "email": "laura@", "sector": "other"}, consultation=group.consultation
        )
        expected = [
            (f"{server[name].label}: {error}", f"#id_{name}")
            for name, errors in server.errors.items()
            for error in errors
        ]
    assert len(expected) == 4
    links = summary.get_by_role("link")
    expect(links).to_have_text([text for text, _ in expected])
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        href for _, href in expected
    ]
    expect(page.get_by_label("Uzvārds")).to_have_attribute("aria-invalid", "true")
    assert Participant.objects.filter(last_name="Kļaviņa").count() == 0

    page.get_by_label("Uzvārds").fill("Kļaviņa")
    page.get_by_label("E-pasts").fill("")
    page.get_by_label("Darba grupa (pirmā izvēle)").select_option(str(group.pk))
    page.get_by_label("Persona piekrīt savu datu apstrādei.").check()
    page.get_by_role("button", name="Reģistrēt un atzīmēt ierašanos").click()

    expect(page.locator(".desk-notices")).to_contain_text("Laura Kļaviņa, 3. grupa")
    expect(summary).to_have_count(0)
    expect(page.locator(".desk-walk-in .is-invalid")).to_have_count(0)
    expect(page).to_have_title(title)


def test_two_desks_checking_in_the_same_person_count_once(new_desk, people):
    first, second = new_desk(), new_desk()
    for page in (first, second):
        _roster_loaded(page, 4)
        page.context.set_offline(True)
        _find_and_check_in(page, "peteris zarins", "Pēteris Zariņš")

    first.context.set_offline(False)
    expect(first.locator(".desk-pending")).to_have_text("Visas darbības ir nosūtītas.")
    second.context.set_offline(False)

    expect(second.locator(".desk-pending")).to_have_text("Visas darbības ir nosūtītas.")
    expect(second.locator(".desk-notices")).to_contain_text(
        re.compile(
            r"Pēteris Zariņš ierašanās jau bija atzīmēta \d\d:\d\d pie cita galda: ieskaitīta vienreiz\."
        )
    )
    assert Participant.objects.filter(checked_in_at__isnull=False).count() == 1
    assert sorted(DeskAction.objects.values_list("outcome", flat=True)) == ["already", "applied"]
    expect(second.locator(".desk-arrived-total")).to_have_text("1")


def test_walk_in_into_a_group_that_filled_up_offline_goes_to_its_waiting_list(new_desk, people, group):
    page = new_desk()
    _roster_loaded(page, 4)
    page.context.set_offline(True)
    group.capacity = 4  # meanwhile online registrations filled the group
    group.save()

    page.locator(".desk-walk-in").get_by_label("Vārds").first.fill("Laura")
    page.get_by_label("Uzvārds").fill("Kļaviņa")
    page.get_by_label("Sektors").select_option("resident")
    page.get_by_label("Darba grupa (pirmā izvēle)").select_option(str(group.pk))
    page.get_by_label("Persona piekrīt savu datu apstrādei.").check()
    page.get_by_role("button", name="Reģistrēt un atzīmēt ierašanos").click()
    page.context.set_offline(False)

    expect(page.locator(".desk-notices")).to_contain_text(
        "3. grupa piepildījās, pirms šī reģistrācija uz vietas sasniedza serveri: "
        "Laura Kļaviņa ir tās gaidīšanas sarakstā ar nr. 1."
    )
    walk_in = Participant.objects.get(last_name="Kļaviņa")
    assert (walk_in.status, walk_in.waiting_position) == (Participant.Status.WAITING, 1)


def test_device_keeps_only_the_roster_fields(new_desk, people):
    page = new_desk()
    _roster_loaded(page, 4)

    keys = page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("desk:/lv/riga/desk/");
            open.onsuccess = () => {
                const all = open.result.transaction("roster").objectStore("roster").getAll();
                all.onsuccess = () => resolve(all.result.map((row) => Object.keys(row).sort()));
            };
        })"""
    )

    assert keys == [["checked_in", "code", "group", "id", "name", "organisation"]] * 4


def test_logout_clears_the_device(new_desk, people):
    page = new_desk()
    _roster_loaded(page, 4)

    page.get_by_role("button", name="Atslēgties").click()

    page.wait_for_url(re.compile(r"/lv/admin/login/"))
    assert page.evaluate("indexedDB.databases().then((dbs) => dbs.map((db) => db.name))") == []
    assert page.evaluate("caches.keys()") == []


def test_service_worker_updates_when_the_app_changes(new_desk, people, tmp_path, settings, monkeypatch):
    extra = tmp_path / "desk-extra.css"
    extra.write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(tmp_path)]
    monkeypatch.setattr(desk_app, "DESK_ASSETS", [*desk_app.DESK_ASSETS, "desk-extra.css"])
    finders.get_finder.cache_clear()
    desk_app.desk_app_version.cache_clear()
    page = new_desk()
    before = page.locator(".desk-version").inner_text()

    extra.write_text("body { color: navy; }")  # a deploy changes a file the desk caches
    desk_app.desk_app_version.cache_clear()
    page.evaluate("navigator.serviceWorker.getRegistration().then((registration) => registration.update())")

    new_version = desk_app.desk_app_version()
    expect(page.locator(".desk-version")).to_have_text(f"Galda versija {new_version}")
    assert before != f"Galda versija {new_version}"
    expect(page.locator(".desk-notices")).to_contain_text(
        "Šajā ierīcē ir jauna galda versija: pārlādējiet lapu, lai to lietotu."
    )
    # The new worker drops the old version's cache when it takes over.
    _wait_until(page, f"async () => (await caches.keys()).join() === 'desk-{new_version}'")
    desk_app.desk_app_version.cache_clear()
    finders.get_finder.cache_clear()


def test_desk_page_without_javascript_still_checks_in(browser, live_server, volunteer, people):
    context = browser.new_context(base_url=live_server.url, locale="lv-LV", java_script_enabled=False)
    client = Client()
    client.force_login(volunteer)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(DESK + "?q=ozola")

    page.locator(".desk-row", has_text="Ilze Ozola").get_by_role("button", name="Atzīmēt ierašanos").click()

    expect(page.locator(".alert-success")).to_have_text("Ierašanās atzīmēta: Ilze Ozola.")
    expect(page.locator(".desk-app")).to_be_hidden()
    assert Participant.objects.get(pk=people["ilze"].pk).checked_in_at is not None
    context.close()


def test_desk_role_is_needed_for_the_page(browser, live_server, people):
    page = browser.new_page(base_url=live_server.url, locale="lv-LV")

    page.goto(reverse("participants:desk", kwargs={"slug": "riga"}))

    expect(page).to_have_url(re.compile(r"/lv/admin/login/\?next=/lv/riga/desk/"))
    page.close()


def _qr_video(path, text: str) -> None:
    """A few frames of a camera looking at a printed QR code, as the Y4M file Chromium's fake camera plays."""
    import io

    import segno
    from PIL import Image

    width, height = 640, 480
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=10, border=4)
    code = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    frame = Image.new("L", (width, height), 255)
    frame.paste(code, ((width - code.width) // 2, (height - code.height) // 2))
    chroma = bytes([128]) * (width // 2 * height // 2)
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(5):
            video.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def test_scanning_the_confirmation_qr_code_finds_the_person_offline(
    browser, live_server, volunteer, people, tmp_path
):

    video = tmp_path / "qr.y4m"
    _qr_video(video, people["janis"].code)
    camera = [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    # A browser of its own: the fake camera is a launch option.
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + camera
    )
    try:
        context = camera_browser.new_context(
            base_url=live_server.url, locale="lv-LV", service_workers="allow", permissions=["camera"]
        )
        client = Client()
        client.force_login(volunteer)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(DESK)
        _roster_loaded(page, 4)
        context.set_offline(True)

        page.get_by_role("button", name="Skenēt QR").click()

        expect(page.get_by_label("Vārds, organizācija vai kods")).to_have_value("K7M-R4P")
        expect(page.locator(".desk-row")).to_have_text(re.compile(r"^Jānis Kalns"))
        expect(page.locator(".desk-scan")).to_be_hidden()
    finally:
        camera_browser.close()


def test_the_roster_leaves_the_device_at_the_end_of_the_event_day(new_desk, people):
    page = new_desk()
    _roster_loaded(page, 4)
    page.clock.install()
    page.reload()
    _roster_loaded(page, 4)
    page.context.set_offline(True)

    page.clock.fast_forward("25:00:00")  # past midnight, when the next check runs

    expect(page.locator(".desk-notices")).to_contain_text(
        "Pasākuma diena ir beigusies: dalībnieku saraksts ir izdzēsts no šīs ierīces."
    )
    expect(page.locator(".desk-refreshed")).to_have_text("Dalībnieku saraksta šajā ierīcē vēl nav.")
    rows = page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("desk:/lv/riga/desk/");
            open.onsuccess = () => {
                const all = open.result.transaction("roster").objectStore("roster").getAll();
                all.onsuccess = () => resolve(all.result.length);
            };
        })"""
    )
    assert rows == 0


def _wait_until(page, predicate: str, *, attempts: int = 150) -> None:
    """Poll ``predicate`` in the page until it is true (Playwright's wait_for_function compiles its predicate
    with eval, which the site's Content-Security-Policy rightly forbids; evaluate() is not affected)."""
    for _ in range(attempts):
        if page.evaluate(predicate):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true in the page: {predicate}")
