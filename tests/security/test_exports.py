"""Every admin export and open-data CSV read back with a real CSV parser and openpyxl: one escaping rule,
typed XLSX cells, empties empty, moments in the site's time zone, a UTF-8 byte-order mark."""

from __future__ import annotations

import csv
import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from commitments.models import Commitment
from consultation.models import Organisation
from registry.offers.models import Offer
from registry.participants.models import Participant
from tests.commitments.factories_commitments import CommitmentFactory
from tests.factories import ConsultationFactory, OrganisationFactory, WorkingGroupFactory
from tests.offers.factories import OfferFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import WorkingGroup

FORMULAE = ["==1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
PHONE = "+371 29999999"
RIGA = zoneinfo.ZoneInfo("Europe/Riga")
MOMENT = datetime.datetime(2015, 10, 26, 7, 30, tzinfo=datetime.UTC)  # 9:30 in Rīga


@pytest.fixture
def planted(db):
    """A record of every exported model whose typed text starts like a formula."""
    consultation = ConsultationFactory(slug="riga")
    group = WorkingGroupFactory(consultation=consultation, number=1, moderator=FORMULAE[0], room="")
    organisation = OrganisationFactory(slug="org", name_lv=FORMULAE[1], name_en="", short_name=FORMULAE[3])
    ParticipantFactory(
        consultation=consultation, group=group, first_name=FORMULAE[2], last_name=FORMULAE[3], phone=PHONE
    )
    OfferFactory(
        consultation=consultation,
        area=group,
        description=FORMULAE[0],
        author_name=FORMULAE[4],
        contact_phone=PHONE,
        organisation=None,
    )
    commitment = CommitmentFactory(
        consultation=consultation,
        group=group,
        organisation=organisation,
        text_lv=FORMULAE[5],
        text_en="",
        contact_phone=PHONE,
        ends_on=None,
    )
    Commitment.objects.filter(pk=commitment.pk).update(created_at=MOMENT)
    Participant.objects.update(created_at=MOMENT)
    return consultation


EXPORTS = [Organisation, WorkingGroup, Participant, Offer, Commitment]


def _export(client, model, file_format: int) -> bytes:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_export")
    form = client.get(url).context["form"]
    fields = {
        name: "on" for name, field in form.fields.items() if getattr(field, "resource_index", None) == 0
    }
    response = client.post(url, {"format": str(file_format), "resource": "0", **fields})
    assert response.status_code == 200, response.content[:500]
    return response.content


def _csv_rows(content: bytes) -> list[dict]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def _xlsx_rows(content: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("model", EXPORTS, ids=[model._meta.model_name for model in EXPORTS])
def test_csv_export_never_holds_a_formula(client, roles, planted, model):
    client.force_login(roles.organiser)

    rows = _csv_rows(_export(client, model, 0))

    cells = [value for row in rows for value in row.values()]
    assert cells
    assert [value for value in cells if value.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    assert "None" not in cells


@pytest.mark.parametrize("model", EXPORTS, ids=[model._meta.model_name for model in EXPORTS])
def test_xlsx_export_keeps_text_as_text(client, roles, planted, model):
    client.force_login(roles.organiser)

    rows = _xlsx_rows(_export(client, model, 1))

    cells = [cell for row in rows for cell in row.values()]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert [cell.coordinate for cell in cells if cell.value == "None"] == []
    assert [cell.value for cell in cells if isinstance(cell.value, str) and cell.value.startswith("'")] == []


def test_csv_escapes_each_formula_start_once(client, roles, planted):
    client.force_login(roles.organiser)

    (offer,) = _csv_rows(_export(client, Offer, 0))
    (commitment,) = _csv_rows(_export(client, Commitment, 0))

    assert (offer["description"], offer["author_name"], offer["contact_phone"]) == (
        "'==1+1",
        "'\t=1",
        "'" + PHONE,
    )
    assert commitment["text_lv"] == "'\r=1"
    assert (commitment["text_en"], commitment["ends_on"]) == ("", "")


def test_xlsx_phone_and_text_cells_are_typed_without_apostrophes(client, roles, planted):
    client.force_login(roles.organiser)

    (offer,) = _xlsx_rows(_export(client, Offer, 1))
    (participant,) = _xlsx_rows(_export(client, Participant, 1))

    assert (offer["contact_phone"].value, offer["contact_phone"].data_type) == (PHONE, "s")
    assert (offer["description"].value, offer["description"].data_type) == ("==1+1", "s")
    assert (participant["first_name"].value, participant["last_name"].value) == ("-2+3", "@SUM(A1)")


def test_xlsx_empty_values_are_empty_cells(client, roles, planted):
    client.force_login(roles.organiser)

    (commitment,) = _xlsx_rows(_export(client, Commitment, 1))

    assert (commitment["text_en"].value, commitment["ends_on"].value, commitment["approved_at"].value) == (
        None,
        None,
        None,
    )


def test_xlsx_moments_are_in_the_consultations_time_zone(client, roles, planted):
    client.force_login(roles.organiser)

    (commitment,) = _xlsx_rows(_export(client, Commitment, 1))
    (participant,) = _xlsx_rows(_export(client, Participant, 1))

    assert commitment["created_at"].value == datetime.datetime(2015, 10, 26, 9, 30)
    assert participant["created_at"].value == datetime.datetime(2015, 10, 26, 9, 30)
    assert commitment["starts_on"].value == datetime.datetime(2015, 11, 1)  # a date cell


def test_csv_moments_are_in_the_consultations_time_zone(client, roles, planted):
    client.force_login(roles.organiser)

    (participant,) = _csv_rows(_export(client, Participant, 0))

    assert participant["created_at"].startswith("2015-10-26 09:30")


def test_commitments_export_works_in_both_formats(client, roles, planted):
    client.force_login(roles.organiser)

    (csv_row,) = _csv_rows(_export(client, Commitment, 0))
    (xlsx_row,) = _xlsx_rows(_export(client, Commitment, 1))

    assert (csv_row["resource"], xlsx_row["resource"].value) == ("time", "time")


@pytest.mark.parametrize("name", ["offers:opendata_csv", "commitments:open_data_csv"])
def test_open_data_csv_follows_the_one_rule(client, planted, name):
    Offer.objects.update(status=Offer.Status.APPROVED)
    Commitment.objects.update(status=Commitment.Status.APPROVED, approved_at=timezone.now(), position=1)

    response = client.get(reverse(name, kwargs={"slug": planted.slug}))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = _csv_rows(content)

    cells = [value for row in rows for value in row.values()]
    assert len(rows) == 1
    assert [value for value in cells if value.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    assert "None" not in cells
