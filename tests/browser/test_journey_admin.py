"""The organisers' back office: import organisations with a preview, then export them."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from consultation.models import Organisation
from consultation.services import organisers_group_sync
from tests.browser.conftest import journeys_two_ways
from tests.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMPORT = "slug,name_lv,name_en,short_name,kind,website\nbiedriba-gaisma,Biedrība “Gaisma”,Light,,ngo,\n"


@pytest.fixture
def organiser(transactional_db, page, log_in):
    call_command("loaddata", "consultation_2015", verbosity=0)
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(organisers_group_sync())
    log_in(page, organiser)
    return organiser


@journeys_two_ways
def test_an_organiser_imports_organisations_after_a_preview_and_exports_them(
    person, page, organiser, tmp_path
):
    upload = tmp_path / "organisations.csv"
    upload.write_text(IMPORT, encoding="utf-8")
    person.go(reverse("admin:consultation_organisation_changelist"))
    person.press(page.locator(".object-tools").get_by_role("link", name=person.t("Import")))
    # A file is chosen in the system's own dialog, which no page can drive; the rest is the keyboard's.
    page.locator("input[type=file]").set_input_files(upload)
    person.choose(page.locator("select[name=format]"), "csv")
    person.press(page.locator("input[type=submit]"))

    preview = page.locator("table.import-preview")
    expect(preview.locator("tbody tr")).to_have_count(1)
    expect(preview.locator("tbody tr td").filter(has_text="Biedrība “Gaisma”")).to_have_count(1)
    assert not Organisation.objects.filter(slug="biedriba-gaisma").exists()
    person.press(page.locator("input[name=confirm]"))
    expect(page.locator(".messagelist")).to_be_visible()
    assert Organisation.objects.get(slug="biedriba-gaisma").name_en == "Light"

    person.press(page.locator(".object-tools").get_by_role("link", name=person.t("Export")))
    person.choose(page.locator("select[name=format]"), "csv")
    with page.expect_download() as download:
        person.press(page.locator("input[type=submit]"))
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))

    imported = next(row for row in rows if row["slug"] == "biedriba-gaisma")
    assert len(rows) == Organisation.objects.count()
    assert (imported["name_lv"], imported["name_en"]) == ("Biedrība “Gaisma”", "Light")
