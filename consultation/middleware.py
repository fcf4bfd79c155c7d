"""Response headers that Django's SecurityMiddleware and django-csp do not set.

- ``Permissions-Policy``: no page needs the microphone, location or payment; only the desk's QR scanner
  uses the camera, on our own origin.
- ``RequestBodyMiddleware`` reads a POST body before anything else does: a body Django cannot parse (a
  multipart part with oversized headers, a broken boundary) is a 400 page, not a 500 from whichever code
  touched ``request.POST`` first (the CSRF check, a view).
- ``StaffSessionMiddleware`` ends a staff session after ``STAFF_SESSION_IDLE_MINUTES`` without a request
  and ``STAFF_SESSION_HOURS`` after its login, whatever happens in between.
- ``Cache-Control: no-store`` on private pages, so that no browser, shared computer or proxy keeps a copy:
  every page whose address carries a private token (registration, offer, questionnaire and commitment
  links) and every page shown to a signed-in person (the desk, the leaders' workspace, the admin).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def is_private(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match and "token" in match.kwargs:
        return True
    # Only a request with a session cookie can be signed in; asking anyone else's session would add
    # "Vary: Cookie" to every public page.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.split("/")[2:3] == ["admin"]:
            # Django's admin and its import-export pages set style attributes; scripts stay 'self' only.
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        if is_private(request):
            add_never_cache_headers(response)
        return response


class RequestBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 (parsed here, once; Django keeps the result)
            except MultiPartParserError as error:
                raise BadRequest("unreadable form body") from error
        return self.get_response(request)


class StaffSessionMiddleware:
    """Idle time counts from the last request (noted at most once a minute, so pages write no session row);
    the absolute lifetime counts from the account's latest login (``last_login``)."""

    SEEN_KEY = "staff_seen_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES  # else leave the session (and Vary) alone
        user = getattr(request, "user", None) if signed_in else None
        if user is not None and user.is_authenticated and user.is_staff:
            now = time.time()
            login_at = user.last_login.timestamp() if user.last_login else now
            seen_at = request.session.get(self.SEEN_KEY, login_at)
            idle = now - seen_at > settings.STAFF_SESSION_IDLE_MINUTES * 60
            too_old = now - login_at >= settings.STAFF_SESSION_HOURS * 3600
            if idle or too_old:
                logout(request)  # the page then asks them to sign in again
            elif now - seen_at >= 60:
                request.session[self.SEEN_KEY] = now
        return self.get_response(request)
