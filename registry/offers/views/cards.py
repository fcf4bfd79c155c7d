"""Offer cards rendered once and reused by every page and filter that shows them (wall, print, directory).

A card's cache key holds the offer's ``updated_at``, so an edited or moderated offer gets a new card at once;
a renamed working group or organisation shows on its cards within CARD_SECONDS.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from consultation.models import Consultation
from consultation.search_text import query_stems

from ..models import Offer

CARD_SECONDS = 600


def offer_cards(
    offers: Iterable[Offer],
    *,
    consultation: Consultation,
    printable: bool = False,
    template: str = "offers/_wall_card.html",
    search: str = "",
) -> list[SafeString]:
    """The HTML of each offer's card, in order, from one cache round trip plus a render of the missing ones.

    With ``search``, the words it matched are highlighted (a card per offer and set of search stems)."""
    offers = list(offers)
    language = get_language()
    stems = " ".join(query_stems(search))
    marked = hashlib.sha256(stems.encode()).hexdigest()[:16] if stems else ""
    keys = [
        f"registry:card:{template}:{language}:{int(printable)}:{offer.pk}:{offer.updated_at.timestamp()}:{marked}"
        for offer in offers
    ]
    found = cache.get_many(keys)
    missing: dict[str, str] = {}
    cards = []
    for key, offer in zip(keys, offers, strict=True):
        html = found.get(key)
        if html is None:
            html = render_to_string(
                template,
                {"offer": offer, "consultation": consultation, "printable": printable, "search": search},
            )
            missing[key] = str(html)
        cards.append(mark_safe(html))  # noqa: S308 - our own template's output, escaped when rendered
    if missing:
        cache.set_many(missing, CARD_SECONDS)
    return cards
