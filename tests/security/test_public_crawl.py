"""A crawl of every public page, open-data file and PDF of a consultation planted with e-mails, phones and
names of people who did not agree to be shown: none of them appears anywhere."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from .planted import open_data, plant, public_pages, public_pdfs


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    counter = iter(range(10_000))
    secrets: dict[str, str] = {}

    def private(label: str) -> str:
        number = next(counter)
        if "phone" in label:
            value = f"+371 2{number:07d}"
        elif "email" in label:
            value = f"slepena{number}"
        else:
            value = f"Slepenā{number} {label}"
        secrets[label] = value
        return value

    planted = plant(lambda label: f"Publisks {label}", private)
    planted.secrets = secrets
    return planted


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/pdf"):
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8-sig")


def _found(world, body: str) -> list[str]:
    found = []
    for label, value in world.secrets.items():
        needle = value.removeprefix("+371 ") if "phone" in label else value
        if needle in body or needle.replace(" ", "") in body.replace(" ", ""):
            found.append(label)
    return found


def test_crawl_finds_no_personal_data_on_any_public_page_file_or_pdf(client, world):
    urls = public_pages(world) + open_data(world) + public_pdfs(world)
    slug = world.consultation.slug
    urls += [
        reverse("offers:wall", kwargs={"slug": slug}) + "?q=Slepenā",
        reverse("offers:directory", kwargs={"slug": slug}) + "?q=Slepenā",
    ]
    leaks = {}
    crawled = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        crawled += 1
        if found := _found(world, _body(response)):
            leaks[url] = found

    assert leaks == {}
    assert crawled == len(urls) == 53


def test_crawl_would_see_a_leak(client, world):
    """The control: the crawl's own detector finds a secret when a page does show one."""
    body = _body(client.get(world.private_urls[0]))  # the person's own private page shows their details

    assert _found(world, body) == ["phone"]
