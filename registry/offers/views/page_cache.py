"""Whole public pages (wall, directory) cached until any offer of their consultation changes.

The key holds the time of the consultation's latest offer change (``offers_changed_at``, one query on a
backward index scan, itself cached for STAMP_SECONDS). Adding, editing, moderating or withdrawing an offer
sets its ``updated_at`` and makes the signals forget the stamp; a deletion also touches the newest remaining
offer (``touch_after_delete``). So a cached page never shows what is no longer public (with a cache local
to each app server, another server may for at most STAMP_SECONDS). Changes elsewhere (a working group's
title) show within PAGE_SECONDS. Pages for signed-in users or with a pending flash message are never cached nor served from
the cache, and a page that set a cookie or used a CSRF token is not stored. With a cache
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

from ..cache import offers_stamp_key
from ..models import Offer

PAGE_SECONDS = 300
STAMP_SECONDS = 2  # how long another app server (with its own local cache) may serve a page after a change


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


def _stamp(slug: str) -> tuple[int, float]:
    """(consultation id, time of its latest offer change), kept for STAMP_SECONDS; signals forget it."""
    key = offers_stamp_key(slug)
    stamp = cache.get(key)
    if stamp is None:
        consultation = published_with_last_change(slug)
        changed = consultation.offers_changed_at.timestamp() if consultation.offers_changed_at else 0.0
        stamp = (consultation.pk, changed)
        cache.set(key, stamp, STAMP_SECONDS)
    return stamp


def cached_page(
    request: HttpRequest, *, slug: str, name: str, render_page: Callable[[Consultation], HttpResponse]
) -> HttpResponse:
    if request.user.is_authenticated or len(get_messages(request)):
        return render_page(published_with_last_change(slug))  # personal content: never shared
    consultation_id, changed = _stamp(slug)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    key = f"registry:page:{name}:{consultation_id}:{get_language()}:{changed}:{path}"
    cached = cache.get(key)
    if cached is not None:
        return HttpResponse(cached)
    response = render_page(published_with_last_change(slug))
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # e.g. a CSRF token in a form
    if response.status_code == 200 and not personal:
        cache.set(key, response.content, PAGE_SECONDS)
    return response
