"""Protection for public forms that costs a human nothing: a honeypot, a minimum fill time, a rate limit.

- ``ProtectedFormMixin`` adds a honeypot field (``website``, hidden from people) and a signed timestamp of
  when the form was shown; a submission that fills the honeypot or comes back faster than
  ``FORM_MIN_FILL_SECONDS`` is refused with a form error, and nothing is saved.
- ``rate_limit(scope=...)`` wraps a view: more than ``limit`` requests (POST by default) from one client IP
  within ``period`` seconds get the 429 page ("try again in a minute"). Counters live in Django's cache,
  so several app servers share them when the cache is shared (database or Redis).

Templates render the honeypot with ``{% include "protection/_honeypot.html" %}`` and the timestamp with
the form's hidden fields.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import wraps

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
_STARTED_SALT = "consultation.protection.form-started"


def form_started_token(*, seconds_ago: float = 0.0) -> str:
    """A signed 'form shown at' time; tests pass ``seconds_ago`` to stand for a person who took their time."""
    return signing.dumps(time.time() - seconds_ago, salt=_STARTED_SALT)


def min_fill_seconds() -> float:
    return float(getattr(settings, "FORM_MIN_FILL_SECONDS", 3))


class ProtectedFormMixin:
    """Mix into a public ``forms.Form``/``ModelForm`` (before it in the bases)."""

    bot_error = _("We could not accept this form. If you are a person, please send it again.")
    too_fast_error = _(
        "That was faster than a person can fill in this form. Please check it and send it again."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            max_length=200,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(
            required=False, max_length=200, widget=forms.HiddenInput, initial=form_started_token
        )

    @property
    def honeypot_field(self) -> forms.BoundField:
        return self[HONEYPOT_FIELD]

    def visible_fields(self) -> list[forms.BoundField]:
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.bot_error, code="honeypot")
        try:
            started = float(
                signing.loads(self.cleaned_data.get(STARTED_FIELD) or "", salt=_STARTED_SALT, max_age=86400)
            )
        except (signing.BadSignature, TypeError, ValueError):
            self._refresh_started()
            raise forms.ValidationError(self.bot_error, code="no_timestamp") from None
        if time.time() - started < min_fill_seconds():
            raise forms.ValidationError(self.too_fast_error, code="too_fast")
        return cleaned

    def _refresh_started(self) -> None:
        """Give the re-shown form a fresh timestamp so that a person can simply send it again."""
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix(STARTED_FIELD)] = form_started_token()
            self.data = data


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind a proxy, the last hop of RATE_LIMIT_IP_HEADER (set by our own proxy)."""
    header = getattr(settings, "RATE_LIMIT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limit_hit(*, request: HttpRequest, scope: str, limit: int, period: int) -> bool:
    """Count one request of this client in ``scope``; True when it is over ``limit`` in the current window."""
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count > limit


def too_many_requests(request: HttpRequest, *, retry_after: int = 60) -> HttpResponse:
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(
    *, scope: str, limit: int | None = None, period: int = 60, methods: Iterable[str] = ("POST",)
) -> Callable:
    """Decorate a view: at most ``limit`` (default RATE_LIMIT_PER_MINUTE) ``methods`` requests per client."""
    methods = frozenset(methods)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            allowed = limit if limit is not None else int(getattr(settings, "RATE_LIMIT_PER_MINUTE", 10))
            if request.method in methods and rate_limit_hit(
                request=request, scope=scope, limit=allowed, period=period
            ):
                return too_many_requests(request, retry_after=period)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
