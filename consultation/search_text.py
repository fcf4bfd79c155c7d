"""Search that understands Latvian: case, diacritics and inflection do not matter, in either language.

Every searchable row stores ``search_text``: its words in both languages, lower-cased, without diacritics
("Bēgļi" → "begli") and without punctuation, each between spaces (``searchable()``). A query word is reduced
the same way and then to its stem by ``stem()``, a light stemmer that strips Latvian case endings
("bērnus" → "bern", "Daugavpilī" → "daugavpil", "psihologs" → "psiholog", "bēgļu" → "begl"); a row matches
when every query stem begins one of its words (``matching()``). On PostgreSQL that is asked of the text's
words as a full-text vector (``'bern':*``, a prefix query of the ``simple`` configuration, which neither
stems nor drops words: the stemming is ours), which a GIN index over the same expression answers; elsewhere
(the SQLite demo) as ``LIKE '% bern%'``: the same rows either way (tests/offers/test_search_vendors.py).
Rows whose words equal the query's words rank above rows that only share their stems (``relevance()``);
``highlight()`` marks the matching words of a text, escaping everything else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")
# A word is cut where PostgreSQL's text-search parser cuts it too, since that parser reads the stored words on
# PostgreSQL (``words_vector``): it ends a word at a number sign that is not a digit (❶, ௰: Unicode category
# No) and reads "1e5abc" as the number 1e5 and the word abc. Cut the same way here, the full-text search and
# LIKE find the same rows (tests/offers/test_search_vendors.py).
_SCIENTIFIC = re.compile(r"[0-9]+e[0-9]+(?=[^\W\d_])", re.IGNORECASE)
# A stored word is kept to this many characters: PostgreSQL leaves out of a vector, with only a notice, a word
# of more than 2,047 bytes, and a query word is at most ``search_terms``' 40 characters anyway.
MAX_STORED_WORD = 200

# Latvian case endings of nouns and adjectives, written without diacritics (normalise() has removed them):
# -iem (dat. pl.), -am/-em/-im/-um (dat. sg. of ā, ē, ī, ū stems, also -ām, -ēm, -īm), -as/-es/-is/-us/-os
# (gen. sg., nom./acc. pl., and -ās, -ēs, -ūs), -ai/-ei (dat. sg.), -ij, and the one-letter -a -e -i -u -s
# -o. The longest ending that leaves a stem of at least MIN_STEM letters goes.
ENDINGS = (
    "iem",
    "am",
    "em",
    "im",
    "um",
    "as",
    "es",
    "is",
    "us",
    "os",
    "ai",
    "ei",
    "ij",
    "a",
    "e",
    "i",
    "u",
    "s",
    "o",
)
MIN_STEM = 3


def normalise(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics (ā→a, č→c, ļ→l, ņ→n, š→s, ž→z ...)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare.casefold()).strip()


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where the words of ``text`` are: runs of letters and digits, cut as PostgreSQL's parser cuts them."""
    masked = text if text.isascii() else "".join(" " if unicodedata.category(c) == "No" else c for c in text)
    for match in _WORD.finditer(masked):
        start, end = match.span()
        number = _SCIENTIFIC.match(masked, start, end)
        if number:
            yield start, number.end()
            start = number.end()
        yield start, end


def words(text: str) -> list[str]:
    """The normalised words of ``text``, punctuation dropped ("“Tilts”," → "tilts")."""
    normalised = normalise(text)
    return [normalised[start:end] for start, end in _word_spans(normalised)]


def stem(word: str) -> str:
    """The stem of one normalised word: its case ending stripped when enough of the word is left."""
    if word.isdigit():
        return word
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def searchable(*parts: str | None) -> str:
    """What a row stores to be found: the words of ``parts``, each between spaces (" berni rigas ")."""
    found = [word[:MAX_STORED_WORD] for part in parts if part for word in words(part)]
    return f" {' '.join(found)} " if found else ""


def search_terms(query: str, *, limit: int = 8, max_length: int = 40) -> list[str]:
    """The normalised words of a search query, at most ``limit`` of them, each cut to ``max_length``."""
    return [word[:max_length] for word in words(query)][:limit]


def query_stems(query: str) -> list[str]:
    """The stems a query's words must begin, without repeats, in the query's order."""
    return list(dict.fromkeys(stem(word) for word in search_terms(query)))


# The text search configuration that takes the stored words as they are (PostgreSQL's own "simple").
SEARCH_CONFIG = "simple"


def words_vector(*fields: str) -> SearchVector:
    """The full-text vector of stored ``searchable()`` texts, as ``matching()`` asks it. It compiles to
    ``to_tsvector('simple'::regconfig, COALESCE(<column>, ''))``, the expression ``words_index_operation()``
    indexes: the two must stay the same, or PostgreSQL reads every row (a test holds them together)."""
    return SearchVector(*fields, config=SEARCH_CONFIG)


def matching(queryset: QuerySet, query: str, *fields: str) -> QuerySet:
    """Rows where every stem of ``query`` begins a word of one of ``fields`` (stored ``searchable()`` texts)."""
    stems = query_stems(query)
    if not stems:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return words_prefixed(queryset, stems, fields)
    return texts_containing(queryset, stems, fields)


def words_prefixed(queryset: QuerySet, stems: list[str], fields: tuple[str, ...]) -> QuerySet:
    """``matching()`` on PostgreSQL: the fields' words as a full-text vector, every stem a prefix of one of
    them ('bern':* & 'rig':*). A stem is letters and digits only (see ``words()``): never the query syntax."""
    prefixes = SearchQuery(" & ".join(f"{term}:*" for term in stems), search_type="raw", config=SEARCH_CONFIG)
    return queryset.alias(search_words=words_vector(*fields)).filter(search_words=prefixes)


def texts_containing(queryset: QuerySet, stems: list[str], fields: tuple[str, ...]) -> QuerySet:
    """``matching()`` on any database: " " + every stem is in one of the fields (LIKE '% bern%')."""
    for term in stems:
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__contains": f" {term}"})
        queryset = queryset.filter(condition)
    return queryset


def relevance(query: str, *fields: str):
    """An expression: 2 for each query word one of ``fields`` holds as written, else 1 (its stem matched)."""
    rank = Value(0)
    for word in dict.fromkeys(search_terms(query)):
        exact = Q()
        for field in fields:
            exact |= Q(**{f"{field}__contains": f" {word} "})
        rank = rank + Case(When(exact, then=Value(2)), default=Value(1), output_field=IntegerField())
    return rank


def highlight(text: str, query: str | Iterable[str]) -> SafeString:
    """``text``, escaped, with every word that begins with one of the query's stems inside ``<mark>``."""
    stems = query_stems(query) if isinstance(query, str) else list(query)
    if not stems or not text:
        return conditional_escape(text or "")
    pieces, position = [], 0
    for start, end in _word_spans(text):
        word = normalise(text[start:end])
        if any(word.startswith(term) for term in stems):
            pieces.append(conditional_escape(text[position:start]))
            pieces.append(f"<mark>{conditional_escape(text[start:end])}</mark>")
            position = end
    pieces.append(conditional_escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped above


class SearchTextAdminMixin:
    """A ModelAdmin's search that also finds rows through their stored search text, whatever the case,
    diacritics or word endings ("berzina" finds "Bērziņa"); the ``search_fields`` still find as written
    (e-mail addresses, codes)."""

    search_text_fields: tuple[str, ...] = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_terms(search_term):
            found = found | matching(queryset, search_term, *self.search_text_fields)
        return found, may_have_duplicates


def stored_words_operation(model: str):
    """A migration operation: ``app_label.Model``'s stored search texts cut into words by today's rules
    (``searchable()`` of the stored words gives what the row's own texts would give), so that rows stored
    before a rule changed are found as new ones are. Reversing leaves them as they are."""
    from django.db import migrations

    def restore(apps, schema_editor):
        Model = apps.get_model(model)
        changed = []
        for row in Model.objects.only("pk", "search_text").iterator(chunk_size=2000):
            text = searchable(row.search_text)
            if text != row.search_text:
                row.search_text = text
                changed.append(row)
        Model.objects.bulk_update(changed, ["search_text"], batch_size=2000)

    return migrations.RunPython(restore, migrations.RunPython.noop, elidable=True)


def words_index_operation(*, table: str, name: str, column: str = "search_text"):
    """A migration operation: on PostgreSQL, the GIN index that answers ``matching()`` on ``column`` (over
    the expression ``words_vector(column)`` compiles to); nothing elsewhere, as SQLite has no such index."""
    from django.db import migrations

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                f"USING gin (to_tsvector('{SEARCH_CONFIG}'::regconfig, COALESCE({column}, '')))"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
