"""Diacritics- and case-insensitive text for search: "Bēgļi" and "begli" both become "begli"."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case ``text`` and strip its diacritics (ā→a, č→c, ļ→l, ņ→n, š→s, ž→z ...)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare.casefold()).strip()


def search_terms(query: str, *, limit: int = 8, max_length: int = 40) -> list[str]:
    """The normalised words of a search query, at most ``limit`` of them, each cut to ``max_length``."""
    return [word[:max_length] for word in normalise(query).split(" ") if word][:limit]
