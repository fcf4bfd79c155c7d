"""Every page's HTML is compressed for clients that accept gzip (the venue's Wi-Fi); nothing else changes."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_a_page_is_sent_gzipped_to_a_client_that_accepts_it(client, consultation_2015):
    plain = client.get(reverse("consultation:programme", kwargs={"slug": "riga-2015"}))

    compressed = client.get(
        reverse("consultation:programme", kwargs={"slug": "riga-2015"}), HTTP_ACCEPT_ENCODING="gzip"
    )

    # Cookie too: the page is served from the page cache only to visitors who are not signed in.
    assert (compressed["Content-Encoding"], compressed["Vary"]) == ("gzip", "Cookie, Accept-Encoding")
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 3


@pytest.mark.django_db
def test_a_page_is_sent_plain_to_a_client_that_does_not_accept_gzip(client, consultation_2015):
    response = client.get(reverse("consultation:home"))

    assert response.has_header("Content-Encoding") is False
    assert response.content.startswith(b"<!doctype html>")
