"""Search that understands Latvian: normalising, the light stemmer (a table of word forms), highlighting."""

from __future__ import annotations

import pytest
from django.apps import apps

from consultation.search_text import (
    highlight,
    normalise,
    query_stems,
    search_terms,
    searchable,
    stem,
    stored_words_operation,
    words,
)
from registry.offers.models import Offer
from tests.offers.factories import OfferFactory


def test_normalise_strips_every_latvian_diacritic():
    assert normalise("ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž") == "acegiklnsuz acegiklnsuz"


def test_search_terms_are_bounded():
    assert search_terms(" ".join(["vārds"] * 20) + " " + "x" * 500, limit=3, max_length=10) == ["vards"] * 3


def test_words_drop_punctuation():
    assert words("Biedrība “Tilts”, Rīga!") == ["biedriba", "tilts", "riga"]


def test_searchable_puts_every_word_between_spaces():
    assert searchable("Bēgļu ģimenēm", None, "", "Rīgā") == " beglu gimenem riga "


# (a query word, the word forms in card texts that it must find)
FINDS = [
    ("bērni", ["bērns", "bērna", "bērnam", "bērnu", "bērni", "bērnus", "bērniem", "bērnos"]),
    ("bērnu", ["bērni", "bērnus"]),
    ("daugavpils", ["Daugavpils", "Daugavpilī", "Daugavpili"]),
    ("psihologs", ["psihologs", "Psihologa", "psihologam", "psihologu", "psihologi", "psihologiem"]),
    ("bēgļu", ["bēglis", "bēgļi", "bēgļus", "bēgļiem", "bēgļa"]),
    ("begli", ["bēgļu", "Bēgļi"]),
    ("ģimene", ["ģimenes", "ģimenei", "ģimeni", "ģimenēm", "ģimenēs"]),
    ("rīga", ["Rīgā", "Rīgas", "Rīgai", "Rīgu"]),
    ("valoda", ["valodas", "valodu", "valodā", "valodām"]),
    ("skola", ["skolas", "skolās", "skolām", "skolu"]),
    ("children", ["children", "Children's"]),
    ("tulks", ["tulki", "tulku", "tulkiem", "tulka"]),
]


@pytest.mark.parametrize(("query", "forms"), FINDS)
def test_a_query_word_finds_every_form_of_it(query, forms):
    (term,) = query_stems(query)
    for form in forms:
        assert searchable(form).find(f" {term}") == 0, (query, form)


# (a query word, words it must not find)
MISSES = [
    ("bērni", ["berzs", "bēres"]),
    ("rīga", ["riekstiņš"]),
    ("skola", ["skaņa"]),
    ("children", ["child"]),
]


@pytest.mark.parametrize(("query", "others"), MISSES)
def test_a_query_word_misses_other_words(query, others):
    (term,) = query_stems(query)
    for other in others:
        assert f" {term}" not in searchable(other), (query, other)


STEMS = [
    ("bernus", "bern"),
    ("berniem", "bern"),
    ("daugavpili", "daugavpil"),
    ("psihologs", "psiholog"),
    ("begli", "begl"),
    ("gimenem", "gimen"),
    ("un", "un"),  # too short to lose anything
    ("ara", "ara"),
    ("2015", "2015"),
]


@pytest.mark.parametrize(("word", "expected"), STEMS)
def test_stem_strips_the_case_ending(word, expected):
    assert stem(word) == expected


def test_highlight_marks_each_form_and_escapes_the_rest():
    text = "<b>Bērnu</b> & bērniem, bēgļu ģimenēm"

    assert highlight(text, "bērni bēgļi") == (
        "&lt;b&gt;<mark>Bērnu</mark>&lt;/b&gt; &amp; <mark>bērniem</mark>, <mark>bēgļu</mark> ģimenēm"
    )


def test_highlight_escapes_a_hostile_query_and_text():
    assert highlight('<script>alert("x")</script>', "<script>") == (
        "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt;"
    )


def test_highlight_without_a_query_only_escapes():
    assert highlight("a < b", "") == "a &lt; b"


def test_words_are_cut_where_postgresqls_parser_cuts_them():
    """A number sign that is not a digit ends a word, and so does a number in scientific notation."""
    assert words("❶Sports x௰y 1e5abc 1E55 a_b") == ["sports", "x", "y", "1e5", "abc", "1e55", "a", "b"]


def test_highlight_marks_a_word_cut_from_a_number_sign():
    assert highlight("❶Sports", "sports") == "❶<mark>Sports</mark>"


def test_searchable_keeps_a_long_word_to_its_first_200_letters():
    assert searchable("ж" * 1100) == f" {'ж' * 200} "


@pytest.mark.django_db
def test_stored_words_operation_stores_old_rows_by_todays_rules(consultation_2015):
    offer = OfferFactory(consultation=consultation_2015, area=consultation_2015.working_groups.first())
    Offer.objects.filter(pk=offer.pk).update(search_text=" ❶sports 1e5abc ")  # as stored before the rule

    stored_words_operation("offers.Offer").code(apps, None)

    assert Offer.objects.get(pk=offer.pk).search_text == " sports 1e5 abc "
