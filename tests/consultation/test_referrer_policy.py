"""No page may ask for a referrer policy with which a real browser's form POSTs fail the CSRF check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

# With "no-referrer" Chromium sends "Origin: null" on a same-origin POST; Django then refuses every form.
ORIGIN_NULL_POLICY = re.compile(r"""name=["']referrer["'][^>]*content=["']no-referrer["']""")


def test_no_template_sets_a_referrer_policy_that_makes_origin_null():
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR).glob("**/templates/**/*.html")
        if ".venv" not in path.parts and ORIGIN_NULL_POLICY.search(path.read_text())
    ]

    assert offenders == []


@pytest.mark.django_db
def test_the_referrer_policy_header_keeps_the_origin_for_same_site_posts(client):
    response = client.get("/lv/")

    assert response["Referrer-Policy"] == "same-origin"
