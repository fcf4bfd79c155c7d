"""Rendered page fragments cached until any offer of the consultation changes.

The key holds a fingerprint of the consultation's offers (how many, and the latest ``updated_at``), read
with one indexed query per request: an approval, a withdrawal, an edit or a deletion changes it, so a
cached wall never shows what is no longer public. Other changes (a working group's title) show within
FRAGMENT_SECONDS. With a cache shared by all app servers (database or Redis), the fragments are shared too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from consultation.models import Consultation

from ..selectors_offers import offers_fingerprint

FRAGMENT_SECONDS = 300


def cached_fragment(
    request: HttpRequest,
    *,
    consultation: Consultation,
    name: str,
    template: str,
    context: Callable[[], dict],
) -> tuple[SafeString, dict | None]:
    """The fragment's HTML, and the context it was rendered with (None when it came from the cache)."""
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    fingerprint = offers_fingerprint(consultation=consultation)
    key = f"registry:{name}:{consultation.pk}:{get_language()}:{fingerprint}:{query}"
    html = cache.get(key)
    if html is not None:
        return mark_safe(html), None  # noqa: S308 - our own rendered template
    values = {"consultation": consultation, **context()}
    html = render_to_string(template, values, request=request)
    cache.set(key, str(html), FRAGMENT_SECONDS)
    return mark_safe(html), values  # noqa: S308
