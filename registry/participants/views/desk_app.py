"""The desk as an installable app that works offline: manifest, service worker, roster, sync, logout.

The service worker is served from under the desk's own address (``/lv/<slug>/desk/sw.js``), so its scope is
the desk and nothing else; its version is a hash of the files it caches, so a deploy that changes any of
them changes the worker's bytes and every device updates.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from consultation.views import get_published_consultation

from ..desk_access import desk_required
from ..models import DeskAction
from ..selectors import visible_groups
from ..selectors_desk import desk_participants, desk_places, desk_roster, roster_clear_after, roster_row
from ..services_desk import desk_actions_apply

# What the desk page needs to open offline; the worker caches these and hashes them into its version.
DESK_ASSETS = [
    "vendor/bootstrap-5.3.9/css/bootstrap.min.css",
    "vendor/bootstrap-5.3.9/js/bootstrap.bundle.min.js",
    "css/site.css",
    "js/site.js",
    "favicon.svg",
    "participants/registration.css",
    "participants/desk-app.js",
    "participants/desk-icon-192.png",
    "participants/desk-icon-512.png",
    "vendor/jsqr-1.4.0/jsQR.js",
]
SERVICE_WORKER = "participants/desk-sw.js"
SYNC_BATCH = 200


def _static_bytes(path: str) -> bytes:
    found = finders.find(path)
    if found:
        with open(found, "rb") as file:
            return file.read()
    with staticfiles_storage.open(path) as file:
        return file.read()


@lru_cache(maxsize=1)
def desk_app_version() -> str:
    """A hash of the worker and every file it caches: it changes exactly when one of them does."""
    digest = hashlib.sha256()
    for path in [SERVICE_WORKER, *DESK_ASSETS]:
        digest.update(path.encode())
        digest.update(_static_bytes(path))
    return digest.hexdigest()[:12]


def _desk_url(slug: str) -> str:
    return reverse("participants:desk", kwargs={"slug": slug})


@require_GET
def desk_manifest(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    scope = _desk_url(slug)
    manifest = {
        "name": f"{_('Registration desk')} · {consultation.title}",
        "short_name": _("Desk"),
        "start_url": scope,
        "scope": scope,
        "id": scope,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#9e3039",
        "lang": request.LANGUAGE_CODE,
        "icons": [
            {"src": static("participants/desk-icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("participants/desk-icon-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return HttpResponse(json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json")


@require_GET
@never_cache
def desk_service_worker(request: HttpRequest, slug: str) -> HttpResponse:
    """The worker's code (a static file) after one line of settings: version, files to cache, the page."""
    get_published_consultation(slug)
    scope = _desk_url(slug)
    settings_line = json.dumps(
        {
            # In development the files change under a running server: hash them afresh each time.
            "version": desk_app_version.__wrapped__() if settings.DEBUG else desk_app_version(),
            "assets": [static(path) for path in DESK_ASSETS],
            "page": scope,
            "roster": reverse("participants:desk_roster", kwargs={"slug": slug}),
        }
    )
    body = f"self.DESK = {settings_line};\n" + _static_bytes(SERVICE_WORKER).decode()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = scope
    return response


@require_GET
@never_cache
@desk_required
def desk_roster_json(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    return JsonResponse(
        {
            "generated_at": timezone.now().isoformat(),
            "clear_after": roster_clear_after().isoformat(),
            "groups": desk_places(consultation=consultation, user=request.user),
            "participants": desk_roster(consultation=consultation, user=request.user),
        }
    )


def _bad(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _parse_action(raw) -> dict | None:
    if not isinstance(raw, dict):
        return None
    try:
        client_id = uuid.UUID(str(raw.get("id", "")))
    except ValueError:
        return None
    kind = raw.get("kind")
    if kind not in DeskAction.Kind.values:
        return None
    participant = raw.get("participant")
    if kind != DeskAction.Kind.WALK_IN and (
        not isinstance(participant, int) or isinstance(participant, bool)
    ):
        return None
    walk_in = raw.get("data") if kind == DeskAction.Kind.WALK_IN else None
    if kind == DeskAction.Kind.WALK_IN and not isinstance(walk_in, dict):
        return None
    happened_at = parse_datetime(raw["at"]) if isinstance(raw.get("at"), str) else None
    if happened_at is not None and timezone.is_naive(happened_at):
        happened_at = None
    return {
        "client_id": client_id,
        "kind": kind,
        "participant_id": participant if kind != DeskAction.Kind.WALK_IN else None,
        "walk_in": walk_in,
        "happened_at": happened_at,
    }


@require_POST
@never_cache
@desk_required
def desk_sync(request: HttpRequest, slug: str) -> HttpResponse:
    """Apply a desk's queued actions in the order it took them; answer each one's outcome."""
    consultation = get_published_consultation(slug)
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _bad(_("The desk sent something that is not JSON."))
    actions = body.get("actions") if isinstance(body, dict) else None
    if not isinstance(actions, list) or len(actions) > SYNC_BATCH:
        return _bad(_("The desk sent no list of actions, or too many at once."))
    parsed = [_parse_action(raw) for raw in actions]
    if any(action is None for action in parsed):
        return _bad(_("An action the desk sent is incomplete."))
    applied = desk_actions_apply(
        consultation=consultation,
        participants=desk_participants(consultation=consultation, user=request.user),
        groups=visible_groups(consultation=consultation, user=request.user),
        user=request.user,
        actions=parsed,
    )
    results = [
        {
            "id": str(result.client_id),
            "outcome": result.outcome,
            "message": result.message,
            "participant": roster_row(result.participant)
            if result.participant is not None
            and result.participant.status == result.participant.Status.CONFIRMED
            else None,
        }
        for result in applied
    ]
    return JsonResponse({"results": results})


@require_POST
def desk_logout(request: HttpRequest, slug: str) -> HttpResponse:
    """Log out and tell the browser to forget what this site stored (the roster, the queue, the cache)."""
    logout(request)
    response = redirect_to_login(_desk_url(slug), reverse("admin:login"))
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
