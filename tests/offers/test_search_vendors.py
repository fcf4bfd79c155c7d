"""The word search finds the same rows on PostgreSQL (a full-text prefix query that a GIN index answers) as
anywhere else (LIKE, the SQLite demo): both are held to what consultation.search_text says a match is, for
texts and queries hypothesis writes (Latvian and other letters, digits, punctuation)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from consultation.search_text import matching, query_stems, searchable, texts_containing, words_prefixed
from registry.offers.models import Offer

from .factories import OfferFactory

pytestmark = pytest.mark.django_db

LETTERS = "abcdefghijklmnoprstuvzāčēģīķļņšūžАБВабвгдمرحبا0123456789"
# Where PostgreSQL's text-search parser cuts words differently from a plain "letters and digits" rule: number
# signs that are not digits (❶, ௰), and numbers in scientific notation followed by letters ("1e5abc").
ODD = ["❶", "௰", "1e5", "2E7", "e5"]
word = st.one_of(
    st.text(alphabet=LETTERS, min_size=1, max_size=8),
    st.lists(
        st.one_of(st.sampled_from(ODD), st.text(alphabet=LETTERS, min_size=1, max_size=4)),
        min_size=2,
        max_size=4,
    ).map("".join),
)
text = st.lists(word, min_size=0, max_size=6).map(" ".join)
punctuated = st.lists(
    st.one_of(word, st.sampled_from(["-", "“", "”", ",", ".", "_", "'", ":", "*", "&", "!"]))
)


def _matches(stored: str, stems: list[str]) -> bool:
    """The definition: every stem begins one of the stored words."""
    return all(f" {term}" in stored for term in stems)


@pytest.fixture
def offers(consultation, area):
    return [OfferFactory(consultation=consultation, area=area) for _ in range(4)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(text, min_size=4, max_size=4), query=st.one_of(text, punctuated.map("".join)))
@example(texts=["Sports bērniem", "❶Sports", "1e5abc", "1e5 abc"], query="bērniem ❶")
@example(texts=["Sports bērniem", "❶Sports", "1e5abc", "1e5 abc"], query="sports")
@example(texts=["Sports bērniem", "❶Sports", "1e5abc", "1e5 abc"], query="abc")
@example(texts=["Sports bērniem", "Sports ❶ bērniem", "1e5abc", "1e5 abc"], query="1e5abc")
@example(texts=["abc", "", "", ""], query="❶a")
@example(texts=["ж" * 1100, "x❶y", "", ""], query="жжж")
def test_full_text_and_like_find_the_rows_the_definition_finds(offers, texts, query):
    stored = [searchable(value) for value in texts]
    for offer, value in zip(offers, stored, strict=True):
        Offer.objects.filter(pk=offer.pk).update(search_text=value)
    stems = query_stems(query)
    expected = {offer.pk for offer, value in zip(offers, stored, strict=True) if _matches(value, stems)}
    rows = Offer.objects.filter(pk__in=[offer.pk for offer in offers])
    if stems:
        assert set(words_prefixed(rows, stems, ("search_text",)).values_list("pk", flat=True)) == expected
        assert set(texts_containing(rows, stems, ("search_text",)).values_list("pk", flat=True)) == expected
    assert set(matching(rows, query, "search_text").values_list("pk", flat=True)) == expected


def test_a_stem_found_inside_a_word_is_no_match(offers):
    """'bern' begins "berni" but is only inside "ziemassvetkuberni": a prefix of a word, not a substring."""
    Offer.objects.filter(pk=offers[0].pk).update(search_text=searchable("ziemassvētkuberni"))
    Offer.objects.filter(pk=offers[1].pk).update(search_text=searchable("bērni"))
    assert list(matching(Offer.objects.all(), "bērns", "search_text").values_list("pk", flat=True)) == [
        offers[1].pk
    ]


def test_the_search_on_postgresql_asks_the_indexed_expression(offers):
    """The GIN index of offers 0005 is on to_tsvector('simple', COALESCE(search_text, '')): the query must use
    that expression, or PostgreSQL reads every row."""
    with CaptureQueriesContext(connection) as queries:
        list(matching(Offer.objects.all(), "bērni", "search_text"))
    (query,) = queries.captured_queries
    assert """to_tsvector('simple'::regconfig, COALESCE("offers_offer"."search_text", ''))""" in query["sql"]


def test_the_wall_search_uses_the_gin_index(offers):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # a table of four rows is read whole otherwise
        sql, params = (
            matching(Offer.objects.all(), "bērni", "search_text").values("pk").query.sql_with_params()
        )
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "offer_search_words" in plan
