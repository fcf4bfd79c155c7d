"""The site's own error pages: translated, in the site's layout, each with a way back.

Django's default handlers are wrapped in ``requires_csrf_token``, which reads the request body again; for a
body that cannot be decoded (a form POST declaring ``charset=utf-16``) that raised inside the 400 handler
and became a 500. These handlers never touch the body. The 500 page falls back to plain text when even the
layout cannot be rendered (e.g. the database is down).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _page(request: HttpRequest, template: str, status: int, context: dict | None = None) -> HttpResponse:
    try:
        return render(request, template, context or {}, status=status)
    except Exception:
        logger.exception("error page %s could not be rendered", template)
        return HttpResponse(
            _("Something went wrong. Please try again later."),
            status=status,
            content_type="text/plain; charset=utf-8",
        )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 403 page; it says why when the view said why (``PermissionDenied(_("…"))``)."""
    return _page(request, "403.html", 403, {"exception": str(exception) if exception.args else ""})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _page(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, "500.html", 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (expired or missing security cookie): say how to send it again."""
    return _page(request, "403_csrf.html", 403)
