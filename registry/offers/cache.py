"""Cache keys of the public offer pages, shared by the page cache and the signals that invalidate it."""

from __future__ import annotations

from django.core.cache import cache


def offers_stamp_key(consultation_slug: str) -> str:
    return f"registry:offers-changed:{consultation_slug}"


def offers_stamp_forget(consultation_slug: str) -> None:
    """Make the next page request re-read the consultation's latest offer change from the database."""
    cache.delete(offers_stamp_key(consultation_slug))
