"""Whole public pages cached per consultation, language and address, until the consultation's content changes.

Each consultation carries a ``content_version`` in the database, the truth. The shared cache (Redis in
production) holds a copy of it, and which consultation an address names (a slug, or the home page's current
consultation), so a cached page costs no SQL query at all: three cache reads (the address's consultation, its
version, the page under a key holding both).

Apps ``watch()`` the models whose rows public pages show; saving or deleting one bumps its consultation's
version after the transaction commits (a page rendered before the commit cannot be stored under the new
version). The bump raises the version in the database and then, under that row's lock, in the cache with
``cache.incr`` (set to the database's value when the cache has lost it or lags), so concurrent bumps leave the
cache at the database's value. A page that misses reads the consultation from the database and is stored under
the version read with it; a cache that was flushed or lost a version falls back to the database's value, never
to an older one. Signals here only bump the version: they never write data. Changes made with
``QuerySet.update()`` call ``content_changed()``. A change to any consultation bumps every consultation, since
the home page's choice of the current one depends on them all.

Pages for signed-in users or with a pending flash message are neither served from nor stored in the cache, nor
is a response that set a cookie or is not a 200. A page with a form is stored without what belongs to one
visitor: the CSRF token and the fields named with ``per_visitor()`` (single-use form tokens) are cut out and
filled in afresh for every visitor it is served to, whose CSRF cookie is then set as on any page with a form.
A page is kept at most ``PAGE_CACHE_SECONDS``, and never past the next moment the consultation's schedule
changes what it shows (registration opening or closing, the event starting or ending). A page without a form
is also kept gzip-compressed, so a browser that accepts gzip gets it without the compression GZipMiddleware
would otherwise do on every request (the commitment document: 1.3 ms for its 180 kB); a page with a form is
compressed per visitor as before, since its tokens differ.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.connection import ConnectionProxy
from django.utils.text import compress_string
from django.utils.translation import get_language

from .models import Consultation

# The pages' own cache (settings.CACHES["pages"]; the default cache unless PAGE_CACHE_URL says otherwise).
cache = ConnectionProxy(caches, "pages")

CURRENT = "current"  # the name of the home page's consultation, beside the slugs
_CSRF_FIELD = "csrfmiddlewaretoken"
_per_visitor: dict[str, Callable[[], str]] = {}


def _version_key(consultation_id: int) -> str:
    return f"page_cache:version:{consultation_id}"


def _name_key(name: str) -> str:
    return f"page_cache:consultation:{name}"


# --- the version ----------------------------------------------------------------------------------------


def _publish(consultation_id: int, version: int) -> None:
    key = _version_key(consultation_id)
    try:
        cached = cache.incr(key)
    except ValueError:  # not in the cache (flushed, or never read since)
        cached = None
    if cached is None or cached < version:
        cache.set(key, version, timeout=None)


def _bump(consultation_id: int | None) -> None:
    rows = Consultation.objects.all()
    if consultation_id is not None:
        rows = rows.filter(pk=consultation_id)
    with transaction.atomic():  # the rows stay locked until the cache holds their new versions
        rows.update(content_version=F("content_version") + 1)
        for pk, version in rows.values_list("pk", "content_version"):
            _publish(pk, version)


def _consultation_deleted(sender, instance: Consultation, **kwargs) -> None:
    """A deleted consultation's pages go with it: once its version leaves the cache no stored page matches,
    and its addresses (its slug, the home page) read the database again."""
    pk = instance.pk
    transaction.on_commit(lambda: cache.delete(_version_key(pk)), robust=True)


post_delete.connect(
    _consultation_deleted, sender=Consultation, dispatch_uid="page_cache:consultation-deleted"
)


def content_changed(consultation_id: int | None = None) -> None:
    """Bump one consultation's version (all of them when ``None``) once the current transaction commits."""
    transaction.on_commit(lambda: _bump(consultation_id), robust=True)


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


def per_visitor(field_name: str, value: Callable[[], str]) -> None:
    """A form field whose value is fresh for each visitor (a single-use token): a cached page that shows the
    form gets a new ``value()`` every time it is served."""
    _per_visitor[field_name] = value


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


# --- the page -------------------------------------------------------------------------------------------


# The shape of a stored page; a deploy that changes it changes this, so no server reads another's pages.
_PAGE_FORMAT = 3
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # GZipMiddleware's test of Accept-Encoding
_COMPRESS_FROM = 200  # bytes: GZipMiddleware leaves shorter pages as they are


def _page_key(consultation_id: int, version: int, request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{_PAGE_FORMAT}:{consultation_id}:{version}:{get_language()}:{path}"


def _holes_pattern() -> re.Pattern[bytes]:
    names = b"|".join(re.escape(name.encode()) for name in (_CSRF_FIELD, *_per_visitor))
    return re.compile(rb'name="(?:[\w-]+-)?(' + names + rb')" value="([^"]*)"')


def _cut(request: HttpRequest, content: bytes) -> tuple[tuple[bytes, ...], tuple[str, ...]] | None:
    """The page as text between the values that belong to one visitor, and what each of those is; None when
    a CSRF token shows anywhere else (the page is then not shared)."""
    chunks, holes, start, tokens = [], [], 0, set()
    for match in _holes_pattern().finditer(content):
        chunks.append(content[start : match.start(2)])
        holes.append(match.group(1).decode())
        if holes[-1] == _CSRF_FIELD:
            tokens.add(match.group(2))
        start = match.end(2)
    chunks.append(content[start:])
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not tokens:
        return None  # a token was asked for but is not in a form
    if any(token in chunk for token in tokens for chunk in chunks):
        return None
    return tuple(chunks), tuple(holes)


def _fill(request: HttpRequest, chunks: tuple[bytes, ...], holes: tuple[str, ...]) -> bytes:
    if not holes:
        return chunks[0]
    csrf = get_token(request).encode() if _CSRF_FIELD in holes else b""  # sets this visitor's CSRF cookie
    values = [csrf if hole == _CSRF_FIELD else _per_visitor[hole]().encode() for hole in holes]
    return b"".join(part for pair in zip(chunks, [*values, b""], strict=True) for part in pair)


def _seconds_to_keep(consultation: Consultation) -> int:
    """PAGE_CACHE_SECONDS, or less when the consultation's schedule changes the page before then."""
    now = timezone.now()
    moments = [
        getattr(consultation, field.attname)
        for field in Consultation._meta.concrete_fields
        if isinstance(field, models.DateTimeField)
    ]
    ahead = [(moment - now).total_seconds() for moment in moments if moment and moment > now]
    return max(1, min([settings.PAGE_CACHE_SECONDS, *ahead]))


# What a stored page keeps of its response's headers (the rest, such as Vary, the middleware sets again).
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _shared(request: HttpRequest) -> bool:
    """Whether this request may get, and its answer be, a page shared by every visitor."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def cached_page(
    request: HttpRequest,
    *,
    name: str,
    load: Callable[[], Consultation | None],
    render: Callable[[Consultation | None], HttpResponse],
) -> HttpResponse:
    """``render(consultation)``'s response, from the cache while that consultation has not changed.

    ``name`` is how the address names its consultation (the slug, or ``CURRENT``); ``load()`` reads that
    consultation from the database (it may return ``None`` or raise ``Http404``) and runs only when the page
    is not in the cache.
    """
    if not _shared(request):
        return render(load())
    consultation_id = cache.get(_name_key(name))
    if consultation_id is not None:
        version = cache.get(_version_key(consultation_id))
        stored = None if version is None else cache.get(_page_key(consultation_id, version, request))
        if stored is not None:
            return _stored_response(request, *stored)
    consultation = load()
    response = render(consultation)
    if consultation is None:
        return response
    cache.set(_name_key(name), consultation.pk, timeout=None)
    # the version read with the consultation, before anything on the page: never older than what it shows
    version = consultation.content_version
    cache.add(_version_key(consultation.pk), version, timeout=None)
    if response.status_code != 200 or response.streaming or response.cookies:
        return response
    cut = _cut(request, response.content)
    if cut is not None:
        key = _page_key(consultation.pk, version, request)
        headers = {header: response[header] for header in KEPT_HEADERS if header in response}
        cache.set(key, (*cut, headers, _compressed(*cut)), _seconds_to_keep(consultation))
    return response


def _compressed(chunks: tuple[bytes, ...], holes: tuple[str, ...]) -> bytes | None:
    """The page gzip-compressed, when it is the same for every visitor and compressing makes it shorter."""
    if holes or len(chunks[0]) < _COMPRESS_FROM:
        return None
    compressed = compress_string(chunks[0])
    return compressed if len(compressed) < len(chunks[0]) else None


def _stored_response(
    request: HttpRequest,
    chunks: tuple[bytes, ...],
    holes: tuple[str, ...],
    headers: dict[str, str],
    compressed: bytes | None,
) -> HttpResponse:
    if compressed is not None and _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(compressed)
        response["Content-Encoding"] = "gzip"  # GZipMiddleware leaves an encoded response alone
        # in the order a page rendered afresh gets them (SessionMiddleware, then GZipMiddleware)
        patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
    else:
        response = HttpResponse(_fill(request, chunks, holes))
    for header, value in headers.items():
        response[header] = value
    return response


def _published(slug: str) -> Consultation:
    try:
        return Consultation.objects.published().get(slug=slug)
    except Consultation.DoesNotExist:
        raise Http404 from None


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorate ``view(request, consultation, **kwargs)`` routed as ``<slug:slug>/...``: a published
    consultation's page, served from the cache until its content changes (a POST goes to the view)."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        return cached_page(
            request,
            name=slug,
            load=lambda: _published(slug),
            render=lambda consultation: view(request, consultation, **kwargs),
        )

    return wrapped
