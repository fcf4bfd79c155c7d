"""Every public page runs the same number of SQL queries with 10 rows as with 10,000 (participants, offers,
commitments, filled in bulk by ``synthetic_data``), and still shows what it should."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from commitments.models import Commitment, ResultsScreen
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
    "results screen": f"/lv/{SLUG}/results/",
    "results screen, live part": f"/lv/{SLUG}/results/live/",
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


def _queries_and_pages(client) -> tuple[dict[str, int], dict[str, str], dict[str, int]]:
    """Each page's queries rendered from the database, its text, and its queries when viewed again."""
    counts, pages, again = {}, {}, {}
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
        with CaptureQueriesContext(connection) as queries:  # every public page comes from the page cache
            assert client.get(path).status_code == 200, name
        again[name] = len(queries)
    return counts, pages, again


def test_public_pages_run_as_many_queries_at_10_rows_as_at_10000(client, consultation_2015):
    ResultsScreen.objects.update_or_create(consultation=consultation_2015, defaults={"is_public": True})
    _fill(10)
    edition_publish(consultation=consultation_2015)
    small, _pages, small_again = _queries_and_pages(client)

    _fill(10_000)
    large, pages, large_again = _queries_and_pages(client)

    assert Offer.objects.filter(consultation=consultation_2015).count() == 10_000
    assert Participant.objects.filter(consultation=consultation_2015).count() == 10_000
    assert Commitment.objects.filter(consultation=consultation_2015).count() == 10_000
    assert large == small
    assert large_again == small_again == dict.fromkeys(small_again, 0)  # from the shared cache: no query
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
    for item in consultation_2015.agenda_items.all():
        assert escape(item.title_en or item.title_lv) in pages["programme"]
    for group in consultation_2015.working_groups.all():
        assert f'<option value="{group.pk}"' in pages["registration form"]
    assert 'name="csrfmiddlewaretoken"' in pages["commitment form"]
