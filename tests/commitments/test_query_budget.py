"""Every public page runs the same number of SQL queries with 10 rows as with 10,000 (participants, offers,
commitments, filled in bulk by ``synthetic_data``), and still shows what it should."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment
from commitments.services import edition_publish
from registry.offers.models import Offer
from registry.participants.models import Participant

pytestmark = pytest.mark.django_db

SLUG = "riga-2015"
PAGES = {
    "home": "/lv/",
    "programme": f"/en/{SLUG}/programme/",
    "calendar": f"/lv/{SLUG}/programme.ics",
    "groups": f"/lv/{SLUG}/groups/",
    "group page": f"/lv/{SLUG}/groups/4/",
    "group participants": f"/lv/{SLUG}/groups/4/participants/",
    "privacy": f"/lv/{SLUG}/privacy/",
    "registration form": f"/lv/{SLUG}/register/",
    "wall": f"/lv/{SLUG}/wall/",
    "wall, searched": f"/lv/{SLUG}/wall/?q=b%C4%93rni",
    "wall card form": f"/lv/{SLUG}/wall/new/",
    "questionnaire": f"/lv/{SLUG}/questionnaire/",
    "directory": f"/lv/{SLUG}/directory/",
    "directory, searched": f"/lv/{SLUG}/directory/?q=psihologs",
    "coverage": f"/lv/{SLUG}/coverage/",
    "open data": f"/lv/{SLUG}/open-data/",
    "commitment document": f"/lv/{SLUG}/commitments/",
    "document edition 1": f"/lv/{SLUG}/commitments/editions/1/",
    "follow-up": f"/lv/{SLUG}/commitments/progress/",
    "commitment form": f"/lv/{SLUG}/commitments/new/",
}


def _fill(rows: int) -> None:
    call_command(
        "synthetic_data",
        slug=SLUG,
        participants=rows,
        offers=rows,
        commitments=rows,
        organisations=min(rows, 300),
        stdout=io.StringIO(),
    )


def _queries_and_pages(client) -> tuple[dict[str, int], dict[str, str]]:
    counts, pages = {}, {}
    public = Offer.objects.public().order_by("pk")
    organisation = public.filter(organisation__isnull=False).values_list("organisation__slug", flat=True)[0]
    offer = public.select_related("area").first()  # filters that match at least one offer at either scale
    found = {
        "directory, one organisation": f"/lv/{SLUG}/directory/{organisation}/",
        "wall, filtered": f"/lv/{SLUG}/wall/?area={offer.area.number}&region={offer.regions[0]}",
    }
    for name, path in {**PAGES, **found}.items():
        cache.clear()  # rendered from the database, never from a cached page or card
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, name
        counts[name] = len(queries)
        pages[name] = response.content.decode()
    return counts, pages


def test_public_pages_run_as_many_queries_at_10_rows_as_at_10000(client, consultation_2015):
    _fill(10)
    edition_publish(consultation=consultation_2015)
    small, _pages = _queries_and_pages(client)

    _fill(10_000)
    large, pages = _queries_and_pages(client)

    assert Offer.objects.filter(consultation=consultation_2015).count() == 10_000
    assert Participant.objects.filter(consultation=consultation_2015).count() == 10_000
    assert Commitment.objects.filter(consultation=consultation_2015).count() == 10_000
    assert large == small
    approved = Offer.objects.public().filter(consultation=consultation_2015)
    newest = approved.order_by("-created_at", "-id").first()
    assert newest.description.split()[0] in pages["wall"]
    assert pages["wall"].count('class="card h-100 offer-card"') == 24
    assert "<mark>" in pages["wall, searched"]
    assert "<mark>" in pages["directory, searched"]
    for group in consultation_2015.working_groups.all():
        assert str(group.title) in pages["groups"]
    done = Commitment.objects.filter(
        consultation=consultation_2015, status=Commitment.Status.APPROVED, progress=Commitment.Progress.DONE
    ).count()
    assert f">{done}<" in pages["follow-up"]
