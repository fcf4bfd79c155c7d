from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from commitments.models import Edition
from commitments.pdf import BASE_URL, StaticFilesFetcher, edition_pdfs_build, render_pdf
from commitments.services import edition_publish
from tests.commitments.factories_commitments import ApprovedCommitmentFactory
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LATVIAN_LETTERS = "āčēģīķļņšūž"


@pytest.fixture
def published(consultation_2015, settings, tmp_path):
    """An edition of the 2015 consultation with a commitment in every group, its PDFs built."""
    settings.MEDIA_ROOT = tmp_path / "media"
    commitments = []
    for group in consultation_2015.working_groups.all():
        organisation = OrganisationFactory(name_lv=f"Biedrība „Ķēķis {group.number}”", name_en="")
        commitments.append(
            ApprovedCommitmentFactory(
                consultation=consultation_2015,
                group=group,
                organisation=organisation,
                text_lv=f"Grupa {group.number}: ā č ē ģ ī ķ ļ ņ š ū ž — apņemšanās.",
                text_en=f"Group {group.number}: we commit.",
            )
        )
    # typed with combining marks: a + macron, s + caron; the PDF must show the composed letters
    commitments.append(
        ApprovedCommitmentFactory(
            consultation=consultation_2015,
            group=commitments[0].group,
            organisation=OrganisationFactory(name_lv="Kombine\u0304tie burti"),
            text_lv="Ru\u0304pe par s\u030cu\u0304niem.",
        )
    )
    return edition_publish(consultation=consultation_2015), commitments


def _text(edition: Edition, language: str) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(render_pdf(edition=edition, language=language)))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_contains_every_approved_commitment_and_organisation(published):
    edition, commitments = published

    _reader, text = _text(edition, "lv")

    flat = " ".join(text.split())
    for commitment in commitments[:-1]:
        assert " ".join(commitment.text_lv.split()) in flat
        assert commitment.organisation.name_lv in flat


def test_pdf_contains_every_latvian_letter_even_typed_with_combining_marks(published):
    edition, _commitments = published

    _reader, text = _text(edition, "lv")

    assert set(LATVIAN_LETTERS) <= set(text)
    assert "Rūpe par šūniem." in text
    assert "Kombinētie burti" in text


def test_pdf_numbers_its_pages(published):
    edition, _commitments = published

    reader, _text_all = _text(edition, "lv")

    total = len(reader.pages)
    assert total >= 10  # title, introduction, contents, seven chapters, signatories, annex
    for number in range(2, total + 1):
        assert f"{number} / {total}" in reader.pages[number - 1].extract_text()


def test_pdf_table_of_contents_gives_each_chapters_page(published):
    edition, _commitments = published

    reader, _text_all = _text(edition, "en")

    contents = next(page.extract_text() for page in reader.pages if "Contents" in page.extract_text())
    entry = re.search(r"1\. Policy initiatives\s*\.+\s*(\d+)", contents)
    assert entry is not None
    chapter_page = reader.pages[int(entry.group(1)) - 1].extract_text()
    assert "1. Policy initiatives" in chapter_page


def test_pdf_table_of_contents_entries_are_links_into_the_document(published):
    edition, _commitments = published

    reader, _text_all = _text(edition, "lv")

    contents = next(page for page in reader.pages if "Saturs" in page.extract_text())
    links = [annotation.get_object() for annotation in contents.get("/Annots", [])]
    internal = [
        link for link in links if link.get("/Subtype") == "/Link" and ("/Dest" in link or "/A" in link)
    ]
    assert len(internal) >= 10  # introduction, seven chapters, signatories, annex


def test_pdf_english_edition_uses_the_english_texts(published):
    edition, _commitments = published

    _reader, text = _text(edition, "en")

    assert "Group 1: we commit." in text
    assert "Signatory organisations" in text


def test_pdf_is_built_once_and_kept(published):
    edition, _commitments = published
    edition_pdfs_build(edition=edition)
    edition.refresh_from_db()
    name_before = edition.pdf_for("lv").name

    edition_pdfs_build(edition=edition)

    edition.refresh_from_db()
    assert edition.pdf_for("lv").name == name_before


def test_pdf_fetcher_refuses_anything_but_our_static_files():
    fetcher = StaticFilesFetcher()

    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch(BASE_URL + "static/../../etc/passwd")


def test_pdf_fetcher_serves_the_shipped_fonts():
    response = StaticFilesFetcher().fetch(BASE_URL + "static/fonts/DejaVuSans.ttf")

    assert response.read(4) == b"\x00\x01\x00\x00"


def test_pdf_uses_only_the_fonts_shipped_in_static(published, monkeypatch):
    edition, _commitments = published
    fetched = []
    original = StaticFilesFetcher.fetch

    def recording_fetch(self, url, headers=None):
        fetched.append(url.removeprefix(BASE_URL))
        return original(self, url, headers)

    monkeypatch.setattr(StaticFilesFetcher, "fetch", recording_fetch)

    reader = PdfReader(io.BytesIO(render_pdf(edition=edition, language="lv")))

    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"static/fonts/DejaVuSerif.ttf", "static/fonts/DejaVuSans-Bold.ttf"} <= set(fetched)
    # every font in the PDF is one of the document's own @font-face families, none from the system
    assert {font.split("-")[0] for font in fonts} == {"Document"}
    assert {"Document-Serif", "Document-Sans-Bold"} <= fonts
