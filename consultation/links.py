"""Private links: one signed token per object, revocable, expiring as the consultation says.

A token names its object (model and id) and carries the object's ``link_secret``, signed with SECRET_KEY.
Rotating the secret (``Linkable.link_revoke``: the organisers' admin action, or the person's own "stop this
link" button) kills every link sent before. A link expires ``Consultation.private_link_days`` days after it
was sent; when the organisers set no lifetime, ``PRIVATE_LINK_DEFAULT_DAYS`` (180) days after the event ends,
or after it was sent if that is later.

Every private page answers a bad or expired link the same way (``link_problem_page``): a page in the
link's language saying what happened, with a form that sends a fresh link to the address on file.
"""

from __future__ import annotations

import datetime
import secrets
import zlib
from typing import TYPE_CHECKING, ClassVar, TypeVar

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from .forms import PrivateLinkRequestForm

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .models import Consultation

SALT = "consultation.private-link"

T = TypeVar("T", bound="Linkable")


class LinkInvalid(Exception):
    """The link was mistyped, forged, revoked, or names something that is gone."""


class LinkExpired(Exception):
    """The link was genuine but its lifetime is over."""


def link_secret_new() -> str:
    return secrets.token_urlsafe(12)


class Linkable(models.Model):
    """An object its author reaches through a private link; subclasses name the page the link opens."""

    link_secret = models.CharField(
        _("private link key"),
        max_length=32,
        default=link_secret_new,
        editable=False,
        help_text=_("Changing it makes every private link sent before stop working."),
    )

    link_view_name: ClassVar[str]  # URL name of the private page; it takes ``slug`` and ``token``
    link_email_field: ClassVar[str] = "contact_email"
    link_purpose: ClassVar[str]  # what the link opens, e.g. "your registration" (shown in the mail)

    class Meta:
        abstract = True

    def link_revoke(self) -> None:
        """Rotate the secret: every link sent before stops working (private content, so no page changes)."""
        self.link_secret = link_secret_new()
        type(self)._default_manager.filter(pk=self.pk).update(link_secret=self.link_secret)

    @classmethod
    def link_owners(cls, *, consultation: Consultation, email: str) -> QuerySet:
        """The objects of ``consultation`` whose address is ``email`` (any letter case)."""
        return (
            cls._default_manager.alias(_link_email=Lower(cls.link_email_field))
            .filter(consultation=consultation, _link_email=email.strip().lower())
            .exclude(**{cls.link_email_field: ""})
        )


def link_secrets_renew(apps, schema_editor, *, models: list[str]) -> None:
    """For a migration that adds ``link_secret``: give each existing row its own (the default ran once)."""
    for label in models:
        model = apps.get_model(label)
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(link_secret=link_secret_new())


def linkable_kinds() -> dict[str, type[Linkable]]:
    """Every model with private links, by the name the addresses use (``participant``, ``offer`` ...)."""
    return {model._meta.model_name: model for model in apps.get_models() if issubclass(model, Linkable)}


def private_token(obj: Linkable, *, issued_at: datetime.datetime | None = None) -> str:
    issued = int((issued_at or timezone.now()).timestamp())
    payload = [obj._meta.model_name, obj.pk, obj.link_secret, issued]
    return signing.Signer(salt=SALT).sign_object(payload, compress=True)


def private_path(obj: Linkable, *, language: str, issued_at: datetime.datetime | None = None) -> str:
    with translation.override(language):
        return reverse(
            obj.link_view_name,
            kwargs={"slug": obj.consultation.slug, "token": private_token(obj, issued_at=issued_at)},
        )


def private_link(obj: Linkable, *, language: str) -> str:
    """The absolute private link to ``obj``'s page in ``language``, for an e-mail (starts with SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + private_path(obj, language=language)


def private_object(
    model: type[T], token: str, *, consultation: Consultation, queryset: QuerySet[T] | None = None
) -> T:
    """The object ``token`` names; raises ``LinkInvalid`` or ``LinkExpired``."""
    try:
        name, pk, secret, issued = signing.Signer(salt=SALT).unsign_object(token)
        issued_at = datetime.datetime.fromtimestamp(int(issued), tz=datetime.UTC)
        if name != model._meta.model_name:
            raise LinkInvalid
        obj = (
            (queryset if queryset is not None else model._default_manager)
            .filter(pk=int(pk), consultation=consultation)
            .first()
        )
    except (signing.BadSignature, ValueError, TypeError, OverflowError, zlib.error) as error:
        raise LinkInvalid from error
    if obj is None or not constant_time_compare(obj.link_secret, str(secret)):
        raise LinkInvalid
    if timezone.now() >= consultation.private_link_expires_at(issued_at):
        raise LinkExpired
    return obj


def link_problem_page(
    request: HttpRequest,
    problem: LinkInvalid | LinkExpired,
    *,
    consultation: Consultation,
    model: type[Linkable],
) -> HttpResponse:
    """The one answer to a bad or expired link: what happened, and a form to get a fresh link by e-mail."""
    expired = isinstance(problem, LinkExpired)
    return render(
        request,
        "consultation/private_link_problem.html",
        {
            "consultation": consultation,
            "expired": expired,
            "kind": model._meta.model_name,
            "purpose": model.link_purpose,
            "form": PrivateLinkRequestForm(),
        },
        status=410 if expired else 404,
    )
