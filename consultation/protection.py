"""The one protection of every public form: costs a human nothing, stops a bot, and is fair at a crowded venue.

The form: ``ProtectedFormMixin`` (before the form class in the bases) adds

- ``website``, a honeypot: rendered among the hidden fields (``display: none``, out of the tab order), so
  people never see it and a bot that fills in everything fills it in;
- ``form_started``, a signed token of when the form was shown plus a random nonce. A submission without a
  genuine token, sent back faster than ``FORM_MIN_FILL_SECONDS``, or with a token that was already used
  once, is refused with a form error; nothing is saved and the re-shown form carries a fresh token.

The view: decorate it with ``@protected_form`` (it gives each browser a signed cookie of its own) and, once
``form.is_valid()``, save inside ``with admit(request, form, rate="wall"):``. Only submissions that are
valid and taken are counted, against
the named rate in ``settings.PUBLIC_FORM_RATES`` ("count/seconds"), twice:

- per browser (the signed cookie): one person sending junk is stopped at the rate, nobody else is;
- per client address, at the same rate, or ``RATE_LIMIT_VENUE_FACTOR`` times it for the addresses in
  ``RATE_LIMIT_VENUE_ADDRESSES`` (the venue's Wi-Fi, where a few hundred phones share one public address).
  Browsers without the cookie (bots that drop cookies) share one ordinary budget per address.

Over a limit, ``admit`` raises ``Refused`` before the block runs: the form says so, keeps what was typed, and ``refusal.respond``
answers 429 with ``Retry-After``. Counters live in the cache, which must be shared by every worker (Redis
or the database cache; the settings refuse a per-process cache when ``DEBUG`` is off).
"""

from __future__ import annotations

import ipaddress
import math
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache as memoize
from functools import wraps

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
BROWSER_COOKIE = "browser"
TOKEN_MAX_AGE = 86400  # a form left open for a day is shown again with a fresh token
_STARTED_SALT = "consultation.protection.form-started"
_BROWSER_SALT = "consultation.protection.browser"


# --- the form ---


def form_started_token(*, seconds_ago: float = 0.0) -> str:
    """A signed 'form shown at' time with a nonce; tests pass ``seconds_ago`` for a person who took their time."""
    return signing.dumps([time.time() - seconds_ago, secrets.token_urlsafe(12)], salt=_STARTED_SALT)


def min_fill_seconds() -> float:
    return float(settings.FORM_MIN_FILL_SECONDS)


def _used_key(nonce: str) -> str:
    return f"protection:used:{nonce}"


class HoneypotInput(forms.TextInput):
    """A text input rendered hidden: the form lists it among its hidden fields, with no label or wrapper."""

    template_name = "protection/honeypot.html"

    def __init__(self) -> None:
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_hidden(self) -> bool:
        return True


class ProtectedFormMixin:
    """Mix into a public ``forms.Form``/``ModelForm`` (before it in the bases)."""

    bot_error = _("We could not accept this form. If you are a person, please send it again.")
    too_fast_error = _(
        "That was faster than a person can fill in this form. Please check it and send it again."
    )
    used_error = _(
        "This form was already sent once. If you want to send it again, check what is below and send it."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False, max_length=200, label=_("Leave this field empty"), widget=HoneypotInput()
        )
        self.fields[STARTED_FIELD] = forms.CharField(
            required=False, max_length=200, widget=forms.HiddenInput, initial=form_started_token
        )
        self.form_nonce: str | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.bot_error, code="honeypot")
        try:
            started, nonce = signing.loads(
                self.cleaned_data.get(STARTED_FIELD) or "", salt=_STARTED_SALT, max_age=TOKEN_MAX_AGE
            )
            started = float(started)
        except (signing.BadSignature, TypeError, ValueError):
            self._refresh_started()
            raise forms.ValidationError(self.bot_error, code="no_timestamp") from None
        if time.time() - started < min_fill_seconds():
            raise forms.ValidationError(self.too_fast_error, code="too_fast")
        if cache.get(_used_key(nonce)):
            self._refresh_started()
            raise forms.ValidationError(self.used_error, code="used")
        self.form_nonce = nonce
        return cleaned

    def use_token(self) -> bool:
        """Mark this form's token as used; False when another request used it first."""
        return cache.add(_used_key(self.form_nonce), 1, timeout=TOKEN_MAX_AGE)

    def release_token(self) -> None:
        """Make this form's token usable again: the submission it carried was not taken after all."""
        cache.delete(_used_key(self.form_nonce))

    def _refresh_started(self) -> None:
        """Give the re-shown form a fresh token so that a person can simply send it again."""
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix(STARTED_FIELD)] = form_started_token()
            self.data = data


# --- the rates ---


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, text: str) -> Rate:
        try:
            limit, period = (int(part) for part in str(text).split("/"))
        except ValueError:
            raise ImproperlyConfigured(f"A rate is 'count/seconds', e.g. '10/60', not {text!r}.") from None
        if limit < 0 or period < 1:
            raise ImproperlyConfigured(f"A rate needs a count >= 0 and a period >= 1 second, not {text!r}.")
        return cls(limit, period)


def rate_named(name: str) -> Rate:
    try:
        return Rate.parse(settings.PUBLIC_FORM_RATES[name])
    except KeyError:
        raise ImproperlyConfigured(f"PUBLIC_FORM_RATES has no rate named {name!r}.") from None


@memoize
def _networks(addresses: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(
        ipaddress.ip_network(address.strip(), strict=False) for address in addresses if address.strip()
    )


def is_venue_address(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.RATE_LIMIT_VENUE_ADDRESSES)))


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind our own proxy, the last hop of RATE_LIMIT_IP_HEADER (the one it added)."""
    header = settings.RATE_LIMIT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


# --- the browser ---


def browser_id(request: HttpRequest) -> str | None:
    """This browser's id from its signed cookie; None when it sent no genuine one."""
    if not hasattr(request, "_protection_browser"):
        request._protection_browser = request.get_signed_cookie(
            BROWSER_COOKIE, default=None, salt=_BROWSER_SALT
        )
    return request._protection_browser


def protected_form(view: Callable) -> Callable:
    """Decorate the view of a public form: every browser that opens it gets its own signed cookie."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        known = browser_id(request)
        response = view(request, *args, **kwargs)
        if known is None:
            response.set_signed_cookie(
                BROWSER_COOKIE,
                secrets.token_urlsafe(16),
                salt=_BROWSER_SALT,
                max_age=365 * 86400,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    return wrapped


# --- admission ---


class Refused(Exception):
    """A valid submission that is not taken: the form says why and keeps what was typed; nothing was saved."""

    def __init__(self, *, status: int, retry_after: int | None = None) -> None:
        super().__init__(status, retry_after)
        self.status = status
        self.retry_after = retry_after

    def respond(self, response: HttpResponse) -> HttpResponse:
        """The re-shown form with this refusal's status (429 over a limit, with the time to wait)."""
        response.status_code = self.status
        if self.retry_after is not None:
            response["Retry-After"] = str(self.retry_after)
        return response


def _count(key: str, period: int) -> int:
    cache.add(key, 0, timeout=period + 1)
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        return 1


def _uncount(key: str) -> None:
    try:
        cache.decr(key)
    except ValueError:
        pass


def _refuse(form: forms.BaseForm, *, retry_after: int) -> Refused:
    minutes = max(1, math.ceil(retry_after / 60))
    form.add_error(
        None,
        ngettext(
            "You have sent this form many times in a short while. Nothing was saved this time; what you "
            "typed is still in the form below. Please send it again in %(minutes)d minute.",
            "You have sent this form many times in a short while. Nothing was saved this time; what you "
            "typed is still in the form below. Please send it again in %(minutes)d minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )
    return Refused(status=429, retry_after=retry_after)


@contextmanager
def admit(request: HttpRequest, form: ProtectedFormMixin, *, rate: str) -> Iterator[None]:
    """Take this valid submission within ``rate``: count it, use up its form token, then run the block.

    Raises ``Refused`` (before the block) over a limit or when the token was used meanwhile. A submission
    that is not taken (refused, or the block raised: e.g. the places lock was busy) counts for nothing and
    leaves its token usable, so the person sends the same form again; a stopped abuser never eats the
    venue's shared budget.
    """
    limits = rate_named(rate)
    now = time.time()
    window = int(now // limits.period)
    retry_after = max(1, math.ceil((window + 1) * limits.period - now))
    address = client_ip(request)
    browser = browser_id(request)
    own_key = f"rl:{rate}:{window}:" + (f"b:{browser}" if browser else f"anon:{address}")
    if _count(own_key, limits.period) > limits.limit:
        raise _refuse(form, retry_after=retry_after)
    address_limit = limits.limit * (settings.RATE_LIMIT_VENUE_FACTOR if is_venue_address(address) else 1)
    address_key = f"rl:{rate}:{window}:a:{address}"
    if _count(address_key, limits.period) > address_limit:
        _uncount(address_key)
        _uncount(own_key)
        raise _refuse(form, retry_after=retry_after)
    if not form.use_token():  # the same form sent twice at once: the first one is taken
        _uncount(address_key)
        _uncount(own_key)
        form.add_error(None, form.used_error)
        raise Refused(status=409)
    try:
        yield
    except BaseException:
        _uncount(address_key)
        _uncount(own_key)
        form.release_token()
        raise
