"""Browser journeys: Playwright's Python API driving Debian's Chromium against Django's live server.

One Chromium serves the whole run; every test gets a fresh context (cookies, storage) at the width and in the
language it asks for. Screenshots of key pages go to var/browser-artefacts/ (kept out of git).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTEFACTS = Path(settings.BASE_DIR) / "var" / "browser-artefacts"
AXE_JS = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
# expect() waits as long as an action may (the machine may run a test process per core and the database).
EXPECT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="session", autouse=True)
def expect_timeout() -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (see .ci/run).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def viewport() -> dict:
    """The window's size; a test parametrises it (``@pytest.mark.parametrize("viewport", [PHONE])``)."""
    return DESKTOP


@pytest.fixture
def language() -> str:
    return "lv"


@pytest.fixture
def how() -> str:
    """ "mouse" or "keyboard": how the person in a journey works the page (tests/browser/people.py)."""
    return "mouse"


# Each journey runs four ways: both languages, both widths, both by mouse and by keyboard alone.
VARIANTS = [
    pytest.param("lv", DESKTOP, "mouse", id="lv-desktop"),
    pytest.param("en", PHONE, "mouse", id="en-phone"),
    pytest.param("lv", PHONE, "keyboard", id="lv-phone-keyboard"),
    pytest.param("en", DESKTOP, "keyboard", id="en-desktop-keyboard"),
]
journeys = pytest.mark.parametrize(("language", "viewport", "how"), VARIANTS)
# Shorter journeys that repeat steps of a longer one run two ways, still covering both languages, both widths,
# mouse and keyboard: the suite stays within its time.
TWO_VARIANTS = [
    pytest.param("en", DESKTOP, "mouse", id="en-desktop"),
    pytest.param("lv", PHONE, "keyboard", id="lv-phone-keyboard"),
]
journeys_two_ways = pytest.mark.parametrize(("language", "viewport", "how"), TWO_VARIANTS)


def wait_for_live_server_queries(seconds: float = 10) -> None:
    """Wait until no other connection to the test database is running a query.

    A closed browser context stops its pages, but a request the live server had already taken (a desk's
    background sync, the results screen's poll) goes on in its thread; the database flush after the test
    would then wait for that request's row locks while the request waits for the flush's table locks.
    """
    from django.db import connection

    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture
def page(browser, live_server, viewport, language, settings) -> Iterator[object]:
    """A page of the live server; the test fails if the Content-Security-Policy blocked anything on it."""
    # Playwright fills a form faster than any person; the minimum fill time is tested with the test client.
    settings.FORM_MIN_FILL_SECONDS = 0
    cache.clear()
    locale = {"lv": "lv-LV", "en": "en-GB"}[language]
    context = browser.new_context(base_url=live_server.url, locale=locale, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(EXPECT_TIMEOUT_MS)
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()
    wait_for_live_server_queries()
    assert blocked == [], "the Content-Security-Policy blocked part of a page"
    cache.clear()


@pytest.fixture
def live_consultation_2015(transactional_db, settings, live_server):
    """The 2015 consultation loaded, and private links in mail pointing at the live server."""
    from django.core.management import call_command

    from consultation.models import Consultation

    call_command("loaddata", "consultation_2015", verbosity=0)
    settings.SITE_URL = live_server.url
    return Consultation.objects.get(slug="riga-2015")


@pytest.fixture
def log_in(live_server):
    """Give a browser page a session of a user (the admin's login form has a journey of its own)."""

    def log_in(page, user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )

    return log_in


@pytest.fixture
def person(page, how, language):
    from tests.browser.people import Person

    return Person(page, how=how, language=language)


@pytest.fixture
def other_person(browser, live_server, viewport, language, how, log_in):
    """Another person in their own browser window (an organiser, say), working the same way as ``person``."""
    from tests.browser.people import Person

    contexts = []

    def other_person(user=None):
        locale = {"lv": "lv-LV", "en": "en-GB"}[language]
        context = browser.new_context(base_url=live_server.url, locale=locale, viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(EXPECT_TIMEOUT_MS)
        if user is not None:
            log_in(page, user)
        return Person(page, how=how, language=language)

    yield other_person
    for context in contexts:
        context.close()
    wait_for_live_server_queries()


def screenshot(page, name: str) -> Path:
    """Save the whole page as a test artefact, named for the page, its language and the window's width."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    path = ARTEFACTS / f"{name}-{width}.png"
    page.screenshot(path=path, full_page=True)
    return path


def axe_violations(page) -> list[dict]:
    """Run axe-core (served from the project, never a CDN) on the page as it is now; its violations."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Served from the page's own origin (the CSP allows only 'self' scripts, never inline ones).
        page.route(
            "**/__tests__/axe.min.js",
            lambda route: route.fulfill(path=str(AXE_JS), content_type="application/javascript"),
        )
        page.add_script_tag(url="/__tests__/axe.min.js")
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5), count: v.nodes.length,
            }));
        }"""
    )
