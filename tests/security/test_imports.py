"""Imports read what Latvian-locale spreadsheet programs write (semicolons, Windows-1257) or refuse a file
with a clear message; the preview shows exactly what will be stored."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from consultation.models import Organisation
from registry.participants.models import Participant

IMPORT = "admin:participants_participant_import"
HEADER = [
    "consultation",
    "first_name",
    "last_name",
    "email",
    "organisation",
    "sector",
    "group",
    "consent_data",
]


def _rows(world) -> list[list[str]]:
    slug = world.consultation.slug
    return [
        [slug, "Ilze", "Bērziņa", "ilze@example.org", "Jauna biedrība, Rīga", "ngo", "1", "1"],
        [slug, "Jānis", "Kalniņš", "janis@example.org", "", "resident", "2", "1"],
    ]


def _file(text: str, encoding: str, name: str = "people.csv") -> io.BytesIO:
    upload = io.BytesIO(text.encode(encoding))
    upload.name = name
    return upload


def _csv(world, delimiter: str) -> str:
    lines = [HEADER, *_rows(world)]
    return "\r\n".join(
        delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in line) for line in lines
    )


def _preview(client, upload):
    return client.post(reverse(IMPORT), {"import_file": upload, "format": "0", "resource": "0"})


def _confirm(client, preview):
    form = preview.context["confirm_form"]
    return client.post(reverse("admin:participants_participant_process_import"), form.initial)


def _stored() -> list[tuple[str, str, str, int]]:
    return list(
        Participant.objects.filter(email__in=["ilze@example.org", "janis@example.org"])
        .order_by("email")
        .values_list("first_name", "last_name", "organisation_name", "group__number")
    )


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8"), (";", "utf-8-sig"), (";", "cp1257"), (",", "cp1257")],
    ids=[
        "comma-utf8",
        "semicolon-utf8",
        "semicolon-utf8-bom",
        "semicolon-windows-1257",
        "comma-windows-1257",
    ],
)
def test_import_reads_both_separators_and_both_encodings(client, roles, world, delimiter, encoding):
    client.force_login(roles.organiser)

    preview = _preview(client, _file(_csv(world, delimiter), encoding))
    assert preview.context["result"].has_validation_errors() is False
    _confirm(client, preview)

    assert _stored() == [
        ("Ilze", "Bērziņa", "Jauna biedrība, Rīga", 1),
        ("Jānis", "Kalniņš", "", 2),
    ]


def test_import_refuses_a_file_in_another_encoding_with_a_clear_message(client, roles, world):
    client.force_login(roles.organiser)
    upload = io.BytesIO(_csv(world, ";").encode("utf-8") + b"\x81\x83\x88")
    upload.name = "people.csv"

    response = _preview(client, upload)

    assert response.context["form"].errors["import_file"] == [
        "Šī datne nav ne UTF-8, ne Windows-1257 teksts. Saglabājiet to izklājlapu programmā kā „CSV UTF-8” "
        "un augšupielādējiet vēlreiz."
    ]
    assert _stored() == []


def test_import_refuses_a_file_with_one_column(client, roles, world):
    client.force_login(roles.organiser)

    response = _preview(client, _file("consultation\nriga\n", "utf-8"))

    assert response.context["form"].errors["import_file"] == [
        "Datnei ir tikai viena kolonna. Atdaliet kolonnas ar komatiem vai semikoliem."
    ]


def test_import_of_organisations_reads_semicolons(client, roles, world):
    client.force_login(roles.organiser)
    text = "slug;name_lv;name_en;short_name;kind;website\r\nbiedriba-x;Biedrība “X”;Association X;X;ngo;\r\n"

    preview = client.post(
        reverse("admin:consultation_organisation_import"),
        {"import_file": _file(text, "cp1257"), "format": "0", "resource": "0"},
    )
    client.post(
        reverse("admin:consultation_organisation_process_import"), preview.context["confirm_form"].initial
    )

    assert Organisation.objects.get(slug="biedriba-x").name_lv == "Biedrība “X”"


def test_import_preview_shows_the_codes_that_are_stored(client, roles, world):
    client.force_login(roles.organiser)

    preview = _preview(client, _file(_csv(world, ","), "utf-8"))
    previewed = [row.instance.code for row in preview.context["result"].rows]
    _confirm(client, preview)

    stored = list(
        Participant.objects.filter(email__in=["ilze@example.org", "janis@example.org"])
        .order_by("email")
        .values_list("code", flat=True)
    )
    assert sorted(previewed) == sorted(stored)
    assert all(code in preview.content.decode() for code in stored)
