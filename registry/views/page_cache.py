"""Whole public pages (wall, directory) cached until any offer of their consultation changes.

One query per request finds the published consultation together with the time of its latest offer change
(``offers_changed_at``, a backward scan of an index). Adding, editing, moderating or withdrawing an offer
sets its ``updated_at``; a deletion touches the newest remaining offer (``touch_after_delete``). So a
cached page never shows what is no longer public. Changes elsewhere (a working group's title) show within
PAGE_SECONDS. Pages with a pending flash message are never cached nor served from the cache. With a cache
shared by all app servers (database or Redis), every server reuses the same pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from consultation.models import Consultation

from ..models import Offer

PAGE_SECONDS = 300


def published_with_last_change(slug: str) -> Consultation:
    """The published consultation, annotated with ``offers_changed_at`` (None when it has no offers)."""
    latest = (
        Offer.objects.filter(consultation=OuterRef("pk")).order_by("-updated_at").values("updated_at")[:1]
    )
    consultation = (
        Consultation.objects.published()
        .filter(slug=slug)
        .annotate(offers_changed_at=Subquery(latest))
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def cached_page(
    request: HttpRequest, *, slug: str, name: str, render_page: Callable[[Consultation], HttpResponse]
) -> HttpResponse:
    consultation = published_with_last_change(slug)
    if len(get_messages(request)):
        return render_page(consultation)
    changed = consultation.offers_changed_at.timestamp() if consultation.offers_changed_at else 0
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    key = f"registry:page:{name}:{consultation.pk}:{get_language()}:{changed}:{path}"
    cached = cache.get(key)
    if cached is not None:
        return HttpResponse(cached)
    response = render_page(consultation)
    if response.status_code == 200:
        cache.set(key, response.content, PAGE_SECONDS)
    return response
