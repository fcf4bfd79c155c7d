"""A third language in the settings (tests/settings_trilingual.py) reaches the pages, the document, its PDF
and the admin with no code change."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from commitments.models import Edition
from commitments.services import edition_publish
from tests.commitments.factories_commitments import ApprovedCommitmentFactory
from tests.factories import UserFactory

LITHUANIAN_COMMITMENT = "Įsipareigojame surengti du kalbos kursus ūkininkams"


def _get(client, name: str, **kwargs):
    with translation.override("lt"):
        url = reverse(name, kwargs=kwargs)
    return client.get(url)


@pytest.fixture
def edition(consultation, group, django_capture_on_commit_callbacks) -> Edition:
    ApprovedCommitmentFactory(
        consultation=consultation, group=group, text_lv="", text_lt=LITHUANIAN_COMMITMENT
    )
    with django_capture_on_commit_callbacks(execute=True):
        return edition_publish(consultation=consultation)


def test_home_page_shows_the_lithuanian_title(client, consultation):
    response = _get(client, "consultation:home")

    assert (response.status_code, "Pilietinės visuomenės konsultacija" in response.text) == (200, True)


def test_group_page_shows_the_lithuanian_title_and_goal(client, group):
    response = _get(client, "workgroups:detail", slug=group.consultation.slug, number=group.number)

    assert ("Švietimas ir kalba" in response.text, "Mokyti kalbos suaugusiuosius." in response.text) == (
        True,
        True,
    )


def test_an_edition_is_published_in_every_configured_language(edition):
    assert [t.language for t in edition.translations.order_by("id")] == ["lv", "en", "lt"]


def test_document_page_shows_the_lithuanian_commitment_and_a_pdf_button_per_language(client, edition):
    response = _get(client, "commitments:document", slug=edition.consultation.slug)

    buttons = [
        reverse(
            "commitments:edition_pdf",
            kwargs={"slug": edition.consultation.slug, "number": 1, "language": code},
        )
        for code in ("lv", "en", "lt")
    ]
    assert (LITHUANIAN_COMMITMENT in response.text, [url in response.text for url in buttons]) == (
        True,
        [True, True, True],
    )


def test_lithuanian_pdf_holds_the_lithuanian_commitment(client, edition):
    response = _get(
        client, "commitments:edition_pdf", slug=edition.consultation.slug, number=1, language="lt"
    )

    body = b"".join(response.streaming_content)
    response.close()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert ("ūkininkams" in " ".join(text.split()), "Švietimas ir kalba" in text) == (True, True)


def test_admin_change_form_has_the_lithuanian_field_with_its_value(client, group):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    with translation.override("en"):
        url = reverse("admin:workgroups_workinggroup_change", args=[group.pk])
    response = client.get(url)

    assert ("Title (Lithuanian)" in response.text, 'value="Švietimas ir kalba"' in response.text) == (
        True,
        True,
    )
