"""The commitment document's web page loads small subset WOFF2 fonts with font-display: swap; the PDF keeps
the full TTFs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from fontTools.ttLib import TTFont

LATVIAN = "AaĀāBbCcČčDdEeĒēFfGgĢģHhIiĪīJjKkĶķLlĻļMmNnŅņOoPpRrSsŠšTtUuŪūVvZzŽž„“”–—…€"
WEB_FONTS = Path(settings.BASE_DIR) / "static" / "fonts" / "web"


@pytest.mark.django_db
def test_the_document_page_links_the_web_fonts_not_the_print_fonts(client, consultation_2015):
    response = client.get(reverse("commitments:document", kwargs={"slug": "riga-2015"}))

    html = response.content.decode()
    assert "commitments/document-fonts-web.css" in html
    assert "document-fonts-print.css" not in html


def test_every_web_font_is_woff2_shown_with_swap_and_small():
    css = Path(finders.find("commitments/document-fonts-web.css")).read_text()
    faces = re.findall(r"@font-face \{[^}]*\}", css)

    assert len(faces) == 6
    assert all("font-display: swap" in face and 'format("woff2")' in face for face in faces)
    assert sum(path.stat().st_size for path in WEB_FONTS.glob("*.woff2")) < 120_000


@pytest.mark.parametrize("font", sorted(path.name for path in WEB_FONTS.glob("*.woff2")))
def test_every_web_font_has_every_latvian_letter(font):
    cmap = TTFont(WEB_FONTS / font).getBestCmap()

    assert [letter for letter in LATVIAN if ord(letter) not in cmap] == []


def test_the_print_stylesheet_uses_the_full_truetype_fonts():
    css = Path(finders.find("commitments/document-fonts-print.css")).read_text()

    assert re.findall(r'url\("\.\./fonts/([^"]+)"\)', css) == [
        "DejaVuSerif.ttf",
        "DejaVuSerif-Bold.ttf",
        "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf",
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
    ]
