"""Organisers import offers collected on paper (CSV/XLSX) with a preview, all or nothing; and export them."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from registry.offers.models import Offer
from tests.factories import UserFactory

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

HEADER = "id,consultation,author_name,contact_email,area,kind,description,regions,target_groups,cost\n"
CSV_FORMAT, XLSX_FORMAT = "0", "1"


@pytest.fixture
def organiser_client(client):
    client.force_login(UserFactory(username="organiser", is_staff=True, is_superuser=True))
    return client


def _row(consultation, group, **changes) -> str:
    values = {
        "id": "",
        "consultation": consultation.slug,
        "author_name": "Anna no papīra",
        "contact_email": "anna@example.org",
        "area": str(group.number),
        "kind": "goods",
        "description": "Bērnu apģērbi",
        "regions": "riga; latgale",
        "target_groups": "children",
        "cost": "free",
        **changes,
    }
    return ",".join(values.values()) + "\n"


def _import(client, content: bytes, *, name="offers.csv", format=CSV_FORMAT):
    return client.post(
        reverse("admin:offers_offer_import"),
        {"format": format, "import_file": SimpleUploadedFile(name, content), "resource": "0"},
    )


def _confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(reverse("admin:offers_offer_process_import"), form.initial)


def test_import_previews_then_imports_offers_waiting_for_moderation(organiser_client, consultation, area):
    content = (HEADER + _row(consultation, area) + _row(consultation, area, author_name="Otrs")).encode()

    preview = _import(organiser_client, content)
    assert Offer.objects.count() == 0
    _confirm(organiser_client, preview)

    offers = Offer.objects.order_by("author_name")
    assert [(o.author_name, o.status, o.source, o.regions) for o in offers] == [
        ("Anna no papīra", Offer.Status.PENDING, Offer.Source.IMPORT, ["riga", "latgale"]),
        ("Otrs", Offer.Status.PENDING, Offer.Source.IMPORT, ["riga", "latgale"]),
    ]


def test_import_with_a_broken_row_imports_nothing_and_names_the_row(organiser_client, consultation, area):
    content = (
        HEADER
        + _row(consultation, area)
        + _row(consultation, area, kind="spaceship", regions="atlantis")
        + _row(consultation, area, area="99")
    ).encode()

    preview = _import(organiser_client, content)

    result = preview.context["result"]
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2, 3]
    assert "confirm_form" not in preview.context
    assert Offer.objects.count() == 0
    page = preview.content.decode()
    assert "spaceship" in page and "atlantis" in page


def test_import_reads_xlsx(organiser_client, consultation, area):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(_row(consultation, area).strip().split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = _import(organiser_client, buffer.getvalue(), name="offers.xlsx", format=XLSX_FORMAT)
    _confirm(organiser_client, preview)

    assert Offer.objects.get().description == "Bērnu apģērbi"


def test_export_follows_the_changelist_filters(organiser_client, consultation, area):
    OfferFactory(consultation=consultation, area=area, author_name="Apstiprināts")
    OfferFactory(consultation=consultation, area=area, author_name="Gaida", status=Offer.Status.PENDING)

    response = organiser_client.post(
        reverse("admin:offers_offer_export") + "?status__exact=pending",
        {
            "format": CSV_FORMAT,
            "resource": "0",
            **{f"offerresource_{name}": "on" for name in ["id", "author_name"]},
        },
    )

    text = response.content.decode("utf-8-sig")
    assert "Gaida" in text
    assert "Apstiprināts" not in text
