"""The organisers' daily tools as they fit a screen: the moderation queue on a laptop, the filters' selects."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from consultation.models import Consultation
from consultation.services import organisers_group_sync
from registry.offers.models import Offer
from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.factories import StaffFactory
from tests.offers.factories import OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def consultation(transactional_db) -> Consultation:
    call_command("loaddata", "consultation_2015", verbosity=0)
    return Consultation.objects.get(slug="riga-2015")


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("viewport", [LAPTOP])
def test_the_moderation_queue_fits_a_laptop(page, consultation, log_in, language):
    group = consultation.working_groups.order_by("number").last()
    for author in ("Ilze Ozola", "Biedrība “Patvērums ‘Drošā māja’” un partneri"):
        OfferFactory(
            consultation=consultation,
            area=group,
            status=Offer.Status.PENDING,
            author_name=author,
            description="Palīdzēšu bēgļu ģimenēm ar latviešu valodas nodarbībām divas reizes nedēļā " * 2,
        )
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    log_in(page, organiser)

    page.goto(reverse("admin:offers_pendingoffer_changelist").replace("/lv/", f"/{language}/", 1))

    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    for control in rows.locator("input[type=text], button").all():
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"], f"{control} is off-screen: {box}"
    # A description reads as a line of text, not a column of ten-character scraps.
    description = rows.first.locator("td.field-short_description, th.field-short_description")
    assert description.bounding_box()["width"] >= 200
    screenshot(page, f"moderation-queue-{language}")


# Each option of each select against the room its box gives the text (its width less the padding, which holds
# the arrow), measured in the select's own font; an option wider than that passes only where the select wraps
# its text (a customisable select, appearance: base-select), shown whole when chosen: no sideways overflow.
OPTIONS_THAT_DO_NOT_FIT_JS = """form => [...form.querySelectorAll("select")].flatMap(select => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const chosen = select.selectedIndex;
  const clipped = [...select.options].filter((option, index) => {
    if (context.measureText(option.text).width <= room) return false;
    if (style.appearance !== "base-select") return true;
    select.selectedIndex = index;
    return select.scrollWidth > select.clientWidth;
  });
  select.selectedIndex = chosen;
  return clipped.map(option => `${select.name}: ${option.text} (${Math.floor(room)} px)`);
})"""


@pytest.mark.parametrize("language", ["lv", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("page_name", ["offers:wall", "offers:directory"])
def test_filter_selects_show_their_whole_text(page, consultation, language, page_name):
    page.goto(reverse(page_name, kwargs={"slug": consultation.slug}).replace("/lv/", f"/{language}/", 1))

    filters = page.locator("form.offers-filters")
    expect(filters.locator("select")).to_have_count(4)
    assert filters.evaluate(OPTIONS_THAT_DO_NOT_FIT_JS) == []
    screenshot(page, f"{page_name.split(':')[1]}-filters-{language}")


@pytest.mark.parametrize("viewport", [PHONE])
@pytest.mark.parametrize("page_name", ["participants:desk", "commitments:workspace"])
def test_staff_pages_do_not_scroll_sideways_on_a_phone(page, consultation, log_in, page_name):
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    log_in(page, organiser)
    kwargs = {"slug": consultation.slug, **({"number": 1} if page_name == "commitments:workspace" else {})}

    page.goto(reverse(page_name, kwargs=kwargs))

    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
