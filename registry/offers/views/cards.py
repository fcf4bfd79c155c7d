"""Offer cards rendered once and reused by every page and filter that shows them (wall, print, directory).

A card's key is a ``consultation.page_cache.fragment_key``: any change to the consultation's public content
(an edited offer, a renamed group or organisation) gives every card a new key at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from consultation.models import Consultation
from consultation.page_cache import fragment_key
from consultation.search_text import query_stems

from ..models import Offer


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
    stems = " ".join(query_stems(search))
    marked = hashlib.sha256(stems.encode()).hexdigest()[:16] if stems else ""
    keys = [
        fragment_key(consultation, "card", template, int(printable), offer.pk, marked) for offer in offers
    ]
    found = cache.get_many(keys)
    missing: dict[str, str] = {}
    cards = []
    card = None
    for key, offer in zip(keys, offers, strict=True):
        html = found.get(key)
        if html is None:
            if card is None:  # one template and one context for all the missing cards
                card = get_template(template).template
                context = Context({"consultation": consultation, "printable": printable, "search": search})
            with context.push(offer=offer):
                html = card.render(context)
            missing[key] = html
        cards.append(mark_safe(html))  # noqa: S308 - our own template's output, escaped when rendered
    if missing:
        cache.set_many(missing, settings.PAGE_CACHE_SECONDS)
    return cards
