"""Whole public pages cached per consultation, language and address, until the consultation's content changes.

Each consultation carries a ``content_version``. A cached page's key holds it, so bumping the version makes
every page of that consultation miss at its next request, on every app server (the version is read with
the consultation itself, the one query a cached page costs). Apps ``watch()`` the models whose rows
public pages show; saving or deleting one bumps its consultation's version after the transaction commits
(a page rendered before the commit cannot be stored under the new version). Signals here only bump the
version: they never write data. Changes made with ``QuerySet.update()`` call ``content_changed()``.

Pages for signed-in users or with a pending flash message are neither served from nor stored in the cache,
nor is a response that set a cookie, used a CSRF token or is not a 200.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from .models import Consultation


def content_changed(consultation_id: int | None = None) -> None:
    """Bump one consultation's version (all of them when ``None``) once the current transaction commits."""
    rows = (
        Consultation.objects.all()
        if consultation_id is None
        else Consultation.objects.filter(pk=consultation_id)
    )
    transaction.on_commit(lambda: rows.update(content_version=F("content_version") + 1), robust=True)


def watch(
    model: type[models.Model], *, consultation: Callable[[models.Model], int | None] | None = None
) -> None:
    """Bump the version of the consultation a saved or deleted ``model`` row belongs to.

    ``consultation`` gives that consultation's id from a row (default: its ``consultation_id``); returning
    ``None`` bumps every consultation (for shared rows such as organisations).
    """
    consultation_of = consultation or (lambda row: row.consultation_id)

    def changed(sender, instance, **kwargs) -> None:
        # A many-to-many change seen from the other side names the other model's row: bump them all; so
        # does a row whose parent is already gone (a cascade), since its consultation cannot be told.
        try:
            consultation_id = consultation_of(instance) if isinstance(instance, model) else None
        except ObjectDoesNotExist:
            consultation_id = None
        content_changed(consultation_id)

    uid = f"page_cache:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(
            changed, sender=field.remote_field.through, weak=False, dispatch_uid=f"{uid}:{field.name}"
        )


def fragment_key(consultation: Consultation, *parts: object) -> str:
    """A cache key for part of a page (a card, a table) that changes when the consultation's content does."""
    return ":".join(
        [
            "fragment",
            str(consultation.pk),
            str(consultation.content_version),
            get_language(),
            *map(str, parts),
        ]
    )


def _key(consultation: Consultation, request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{consultation.pk}:{consultation.content_version}:{get_language()}:{path}"


def cached_page(
    request: HttpRequest, *, consultation: Consultation, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """``render()``'s response, from the cache when this consultation has not changed since it was stored."""
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated or len(get_messages(request)):
        return render()  # personal content: never shared
    key = _key(consultation, request)
    cached = cache.get(key)
    if cached is not None:
        content, content_type = cached
        return HttpResponse(content, content_type=content_type)
    response = render()
    personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    if response.status_code == 200 and not personal and not response.streaming:
        cache.set(key, (response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
    return response


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate ``view(request, consultation, **kwargs)`` routed as ``<slug:slug>/...``: a published
    consultation's page, served from the cache until its content changes."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        consultation = get_object_or_404(Consultation.objects.published(), slug=slug)
        return cached_page(
            request, consultation=consultation, render=lambda: view(request, consultation, **kwargs)
        )

    return wrapped
