"""Combining characters typed after where the markup has ``<``, ``>``, ``=`` or ``"`` never open a tag:
text is composed when it is validated, the markup never normalised on the way out."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from commitments.forms import CommitmentForm
from registry.participants.models import Participant
from tests.factories import StaffFactory
from tests.participants.factories import ParticipantFactory

from .planted import plant, public_pages, public_pdfs, staff_pages, staff_pdfs

# U+0338 composes with > < = into ≯ ≮ ≠ under NFC; the others are combining marks that compose with letters.
PAYLOADS = [
    "\u0338 onfocus=alert(1) autofocus tabindex=1 x=",
    "\u20d2 onmouseover=alert(1) x=",
    '\u0338" onclick=alert(1) x="',
    "\u0301\u0308 onblur=alert(1) x=",
]
TAG_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if not TAG_NAME.match(tag):
            self.bad.append(f"tag {tag!r}")
        self.bad += [f"{tag} {name}" for name, _value in attrs if name.startswith("on") or not name.isascii()]


def _bad_markup(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.bad


@pytest.fixture(params=PAYLOADS, ids=["gt-solidus", "vertical-line", "quote-solidus", "acute-diaeresis"])
def payload_world(request, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    payload = request.param
    return plant(lambda label: f"{payload}{label}")


def test_no_public_page_opens_a_tag_from_typed_text(client, payload_world):
    bad = {}
    for url in public_pages(payload_world) + payload_world.private_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := _bad_markup(response.content.decode()):
            bad[url] = found

    assert bad == {}


def test_no_staff_page_opens_a_tag_from_typed_text(client, payload_world):
    client.force_login(StaffFactory(is_superuser=True))
    bad = {}
    for url in staff_pages(payload_world):
        response = client.get(url)
        assert response.status_code == 200, url
        if found := _bad_markup(response.content.decode()):
            bad[url] = found

    assert bad == {}


def test_published_edition_keeps_typed_text_as_text(payload_world):
    for language in ("lv", "en"):
        assert _bad_markup(payload_world.edition.translation_for(language).content) == []


def _pdf_text(content: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdfs_print_typed_text_as_text(client, payload_world):
    client.force_login(StaffFactory(is_superuser=True))
    texts = {}
    for url in public_pdfs(payload_world) + staff_pdfs(payload_world):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[url] = _pdf_text(body).count("alert(1)")

    # Each PDF prints the planted text (a commitment, a name) rather than swallowing it into a tag.
    assert all(count >= 1 for count in texts.values()), texts


def test_commitment_form_composes_typed_letters(db):
    group = ParticipantFactory().group
    form = CommitmentForm(
        {
            "group": group.pk,
            "organisation": "",
            "new_organisation_name": "Bie\u0304dri\u0304ba",
            "text": "Pa\u0304rtika",
            "resource": "time",
            "starts_on": "2015-11-01",
            "contact_name": "Ja\u0304nis",
            "contact_email": "janis@example.org",
        },
        consultation=group.consultation,
    )

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["text"], form.cleaned_data["contact_name"]) == ("Pārtika", "Jānis")


def test_model_validation_composes_typed_letters(db):
    participant = ParticipantFactory.build(first_name="Ja\u0304nis", last_name="Be\u0304rzin\u0327s")
    participant.group.consultation.save()
    participant.group.save()
    participant.consultation = participant.group.consultation
    participant.first_choice = participant.group

    participant.full_clean(exclude=["consultation", "group", "first_choice"])

    assert (participant.first_name, participant.last_name) == ("Jānis", "Bērziņs")
    assert Participant.objects.count() == 0
