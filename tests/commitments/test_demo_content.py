"""The demo shows the whole product: sample content in every instrument, added once, every public page filled."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import Commitment, Edition
from registry.offers.models import Offer
from registry.participants.models import Participant
from workgroups.models import GroupReport

pytestmark = pytest.mark.django_db

SLUG = "riga-2015"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo_setup", stdout=io.StringIO())
    call_command("demo_content", stdout=io.StringIO())


def _counts() -> dict[str, int]:
    return {
        "participants": Participant.objects.count(),
        "offers": Offer.objects.count(),
        "commitments": Commitment.objects.count(),
        "reports": GroupReport.objects.count(),
        "editions": Edition.objects.count(),
    }


def test_demo_content_fills_every_instrument(demo):
    participants = Participant.objects.filter(consultation__slug=SLUG)

    assert participants.confirmed().exclude(checked_in_at=None).count() == 90
    assert participants.waiting().exists()
    assert Offer.objects.filter(status=Offer.Status.APPROVED, response=None).exists()
    assert Offer.objects.filter(status=Offer.Status.APPROVED).exclude(response=None).exists()
    assert Commitment.objects.filter(status=Commitment.Status.APPROVED).exists()
    assert GroupReport.objects.exists()
    assert Edition.objects.get().number == 1


def test_demo_content_run_twice_adds_nothing_more(demo):
    before = _counts()

    call_command("demo_content", stdout=io.StringIO())

    assert _counts() == before


PAGES = [
    ("consultation:home", {}, None),
    ("consultation:programme", {"slug": SLUG}, None),
    ("workgroups:list", {"slug": SLUG}, None),
    ("workgroups:detail", {"slug": SLUG, "number": 1}, None),
    ("participants:group_participants", {"slug": SLUG, "number": 1}, "<li"),
    ("offers:wall", {"slug": SLUG}, "<article"),
    ("offers:directory", {"slug": SLUG}, "<a"),
    ("offers:coverage", {"slug": SLUG}, "<td"),
    ("commitments:document", {"slug": SLUG}, "approved commitment"),
    ("commitments:edition", {"slug": SLUG, "number": 1}, "approved commitment"),
    ("commitments:progress", {"slug": SLUG}, "<td"),
]


@pytest.mark.parametrize(("name", "kwargs", "marker"), PAGES, ids=[page[0] for page in PAGES])
def test_every_public_page_of_the_demo_has_content(client, demo, name, kwargs, marker):
    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200
    if marker == "approved commitment":
        marker = (
            Commitment.objects.filter(status=Commitment.Status.APPROVED).order_by("position").first().text_lv
        )
    if marker:
        assert marker in response.content.decode()
