"""axe-core on every public page, the staff pages and every form's error state, in Latvian and English.

The rule: no serious or critical violation anywhere. axe-core is the npm package vendored under
tests/browser/vendor/ and injected from there, so the test browser never fetches it from a CDN.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.scenario import scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "riga-2015"
BLOCKING = {"serious", "critical"}


def _public_pages(data) -> dict[str, str]:
    slug = {"slug": SLUG}
    return {
        "home": reverse("consultation:home"),
        "programme": reverse("consultation:programme", kwargs=slug),
        "groups": reverse("workgroups:list", kwargs=slug),
        "group": reverse("workgroups:detail", kwargs={"slug": SLUG, "number": 3}),
        "group participants": reverse("participants:group_participants", kwargs={"slug": SLUG, "number": 3}),
        "register": reverse("participants:register", kwargs=slug),
        "registration link": reverse(
            "consultation:private_link_request", kwargs={"slug": SLUG, "kind": "participant"}
        ),
        "privacy": reverse("participants:privacy", kwargs=slug),
        "wall": reverse("offers:wall", kwargs=slug),
        "wall filtered": reverse("offers:wall", kwargs=slug) + "?region=latgale&q=valod",
        "wall new card": reverse("offers:wall_post", kwargs=slug),
        "wall print": reverse("offers:wall_print", kwargs=slug),
        "offer": reverse("offers:offer_detail", kwargs={"slug": SLUG, "pk": data.offer.pk}),
        "questionnaire": reverse("offers:questionnaire", kwargs=slug),
        "directory": reverse("offers:directory", kwargs=slug),
        "directory organisation": reverse(
            "offers:directory_detail", kwargs={"slug": SLUG, "organisation": data.organisation.slug}
        ),
        "coverage": reverse("offers:coverage", kwargs=slug),
        "open data": reverse("offers:opendata", kwargs=slug),
        "commitments": reverse("commitments:document", kwargs=slug),
        "edition": reverse("commitments:edition", kwargs={"slug": SLUG, "number": 1}),
        "new commitment": reverse("commitments:new", kwargs=slug),
        "progress": reverse("commitments:progress", kwargs=slug),
        "registration private link": data.participant_url,
        "card private link": data.offer_manage_url,
        "questionnaire private link": data.questionnaire_url,
        "commitment private link": data.commitment_url,
        "approved commitment private link": data.approved_commitment_url,
    }


def _staff_pages(data) -> dict[str, str]:
    slug = {"slug": SLUG}
    return {
        "desk": reverse("participants:desk", kwargs=slug),
        "draft": reverse("commitments:draft", kwargs=slug),
        "workspace": reverse("commitments:workspace", kwargs={"slug": SLUG, "number": 1}),
        "admin index": reverse("admin:index"),
        "admin participants": reverse("admin:participants_participant_changelist"),
        "admin moderation queue": reverse("admin:offers_pendingoffer_changelist"),
        "admin consultation": reverse("admin:consultation_consultation_change", args=[data.consultation.pk]),
        "admin working groups": reverse("admin:workgroups_workinggroup_changelist"),
        "admin commitments": reverse("admin:commitments_commitment_changelist"),
    }


# Each form sent empty (or nearly): the page that comes back shows its errors.
FORMS = {
    "register": ("public:register", "form.registration-form"),
    "registration link": ("public:registration link", "form.link-request-form"),
    "wall new card": ("public:wall new card", "form.offers-form"),
    "offer contact": ("public:offer", "form.offers-form"),
    "questionnaire": ("public:questionnaire", "form.offers-form"),
    "new commitment": ("public:new commitment", "form.commitment-form"),
    "registration change": ("public:registration private link", "form.registration-form"),
    "questionnaire change": ("public:questionnaire private link", "form.offers-form"),
    "commitment change": ("public:commitment private link", "form.commitment-form"),
    "progress report": ("public:approved commitment private link", "form.progress-form"),
    "walk-in": ("staff:desk", "form.desk-walk-in"),
}


def _clear_and_submit(page, form_selector: str) -> None:
    form = page.locator(form_selector).first
    for field in form.locator("input[type=text]:visible, input[type=email]:visible, textarea:visible").all():
        field.fill("")
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state()


def _sweep(page, pages: dict[str, str], language: str) -> tuple[dict[str, list], Counter]:
    found, totals = {}, Counter()
    for name, path in pages.items():
        url = path.replace("/lv/", f"/{language}/", 1)
        response = page.goto(url)
        assert response.status == 200, f"{name}: {url} answered {response.status}"
        violations = axe_violations(page)
        totals.update({v["impact"]: v["count"] for v in violations})
        blocking = [
            f"{v['id']} ×{v['count']}: {', '.join(v['nodes'])}" for v in violations if v["impact"] in BLOCKING
        ]
        if blocking:
            found[name] = blocking
    return found, totals


@pytest.fixture
def data(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with translation.override("lv"):
        return scenario()


@pytest.mark.parametrize("language", ["lv", "en"])
def test_public_pages_have_no_serious_or_critical_violations(page, data, language):
    found, totals = _sweep(page, _public_pages(data), language)

    print(f"axe public pages ({language}): {dict(totals)}")
    assert found == {}


@pytest.mark.parametrize("language", ["lv", "en"])
def test_staff_pages_have_no_serious_or_critical_violations(page, data, language, log_in):
    log_in(page, data.organiser)

    found, totals = _sweep(page, _staff_pages(data), language)

    print(f"axe staff pages ({language}): {dict(totals)}")
    assert found == {}


@pytest.mark.parametrize("language", ["lv", "en"])
def test_every_forms_error_state_has_no_serious_or_critical_violations(page, data, language, log_in):
    log_in(page, data.organiser)
    pages = {"public:" + k: v for k, v in _public_pages(data).items()}
    pages.update({"staff:" + k: v for k, v in _staff_pages(data).items()})
    found, totals = {}, Counter()
    for name, (page_name, form_selector) in FORMS.items():
        page.goto(pages[page_name].replace("/lv/", f"/{language}/", 1))
        _clear_and_submit(page, form_selector)
        expect_error_summary(page, language)
        violations = axe_violations(page)
        totals.update({v["impact"]: v["count"] for v in violations})
        blocking = [
            f"{v['id']} ×{v['count']}: {', '.join(v['nodes'])}" for v in violations if v["impact"] in BLOCKING
        ]
        if blocking:
            found[name] = blocking

    print(f"axe form errors ({language}): {dict(totals)}")
    assert found == {}


def expect_error_summary(page, language: str) -> None:
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile("^" + {"lv": "Kļūda: ", "en": "Error: "}[language]))


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640}])
def test_no_public_page_scrolls_sideways_at_320_px(page, data, language):
    wide = {}
    for name, path in _public_pages(data).items():
        page.goto(path.replace("/lv/", f"/{language}/", 1))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[name] = width

    assert wide == {}


@pytest.mark.parametrize("language", ["lv", "en"])
def test_at_200_percent_text_the_menu_folds_behind_its_button(page, data, language):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    page.goto(f"/{language}/")

    expect(page.locator(".navbar-toggler")).to_be_visible()
    expect(page.locator("#main-nav")).to_be_hidden()
    page.locator(".navbar-toggler").click()
    menu_right = page.locator("#main-nav").evaluate("el => el.getBoundingClientRect().right")
    assert menu_right <= page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
