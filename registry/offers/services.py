"""Writes of offers: posting, the questionnaire, moderation, withdrawal, contact, merging organisations.

Every write commits first; e-mail is queued after commit (``transaction.on_commit``) and never makes a
submission fail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from consultation import services as consultation_services
from consultation.models import Consultation, Organisation

from .models import Offer, QuestionnaireResponse
from .tasks import offer_email_send

OFFER_LINK_SALT = "registry.offer.manage"
RESPONSE_LINK_SALT = "registry.questionnaire.edit"


class PrivateLinkError(Exception):
    """The private link is broken, forged or expired."""


# --- private links --------------------------------------------------------------------------------------


def offer_manage_token(*, offer: Offer) -> str:
    return signing.dumps({"offer": offer.pk}, salt=OFFER_LINK_SALT, compress=True)


def response_edit_token(*, response: QuestionnaireResponse) -> str:
    return signing.dumps({"response": response.pk}, salt=RESPONSE_LINK_SALT, compress=True)


def _load(token: str, *, salt: str, key: str, consultation: Consultation) -> int:
    try:
        payload = signing.loads(token, salt=salt, max_age=consultation.private_link_max_age)
        return int(payload[key])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise PrivateLinkError from None


def offer_from_token(*, consultation: Consultation, token: str) -> Offer:
    pk = _load(token, salt=OFFER_LINK_SALT, key="offer", consultation=consultation)
    offer = Offer.objects.filter(consultation=consultation, pk=pk).select_related("area").first()
    if offer is None:
        raise PrivateLinkError
    return offer


def response_from_token(*, consultation: Consultation, token: str) -> QuestionnaireResponse:
    pk = _load(token, salt=RESPONSE_LINK_SALT, key="response", consultation=consultation)
    response = QuestionnaireResponse.objects.filter(consultation=consultation, pk=pk).first()
    if response is None:
        raise PrivateLinkError
    return response


def _email_later(*, to: str, template: str, context: dict, reply_to: str | None = None) -> None:
    if not to:
        return
    language = get_language() or "lv"
    # robust: a queue that is down is logged; it never turns a saved submission into an error page.
    transaction.on_commit(
        lambda: offer_email_send.enqueue(
            to=[to],
            template=template,
            context=context,
            language=language,
            reply_to=[reply_to] if reply_to else None,
        ),
        robust=True,
    )


# --- the wall -------------------------------------------------------------------------------------------


def offer_create_from_wall(*, consultation: Consultation, data: dict, base_url: str) -> Offer:
    """Save a wall card waiting for moderation and e-mail its author the private link to withdraw it."""
    with transaction.atomic():
        offer = Offer(
            consultation=consultation,
            source=Offer.Source.WALL,
            status=Offer.Status.PENDING,
            period=consultation.period(),
            **data,
        )
        offer.full_clean()
        offer.save()
        manage_url = base_url.rstrip("/") + reverse(
            "offers:offer_manage",
            kwargs={"slug": consultation.slug, "token": offer_manage_token(offer=offer)},
        )
        _email_later(
            to=offer.contact_email,
            template="offer_received",
            context={"name": offer.author_name, "description": offer.description, "manage_url": manage_url},
        )
    return offer


def offer_withdraw(*, offer: Offer) -> Offer:
    """The author takes their own offer down; it leaves every public page at once."""
    offer.status = Offer.Status.WITHDRAWN
    offer.save(update_fields=["status", "updated_at"])
    return offer


# --- the questionnaire ----------------------------------------------------------------------------------


@dataclass
class ServiceChange:
    """One service form of the questionnaire: new (``offer`` unsaved), changed, or to delete."""

    offer: Offer
    changed: bool = True
    delete: bool = False


@dataclass
class ResponseData:
    organisation_name: str
    contact_name: str
    contact_email: str
    contact_phone: str = ""
    organisation: Organisation | None = None
    services: Sequence[ServiceChange] = field(default_factory=list)


def questionnaire_save(
    *,
    consultation: Consultation,
    data: ResponseData,
    response: QuestionnaireResponse | None = None,
    base_url: str,
) -> QuestionnaireResponse:
    """Create or update an organisation's answers; new or changed services wait for moderation again."""
    is_new = response is None
    period = consultation.period()
    with transaction.atomic():
        response = response or QuestionnaireResponse(consultation=consultation)
        # A new name or organisation changes what every public card says: all of them are moderated again.
        identity_changed = not is_new and (
            response.organisation_name != data.organisation_name
            or (data.organisation is not None and data.organisation.pk != response.organisation_id)
        )
        response.organisation_name = data.organisation_name
        response.contact_name = data.contact_name
        response.contact_email = data.contact_email
        response.contact_phone = data.contact_phone
        if data.organisation is not None:
            response.organisation = data.organisation
        response.save()
        for change in data.services:
            offer = change.offer
            if change.delete:
                if offer.pk and offer.response_id == response.pk:
                    offer.delete()
                continue
            if offer.pk and offer.response_id != response.pk:
                continue  # a forged form id: never touch another organisation's service
            if not change.changed and offer.pk and not identity_changed:
                continue
            offer.consultation = consultation
            offer.response = response
            offer.source = Offer.Source.QUESTIONNAIRE
            offer.status = Offer.Status.PENDING
            offer.organisation = response.organisation
            offer.author_name = response.organisation_name
            offer.contact_email = response.contact_email
            offer.contact_phone = response.contact_phone
            if not offer.period:
                offer.period = period
            offer.save()
        # Contact data is private and not moderated: every service of the response follows it at once.
        Offer.objects.filter(response=response).exclude(
            contact_email=response.contact_email, contact_phone=response.contact_phone
        ).update(contact_email=response.contact_email, contact_phone=response.contact_phone)
        if is_new:
            edit_url = base_url.rstrip("/") + reverse(
                "offers:questionnaire_edit",
                kwargs={"slug": consultation.slug, "token": response_edit_token(response=response)},
            )
            _email_later(
                to=response.contact_email,
                template="offer_questionnaire_link",
                context={
                    "name": response.contact_name,
                    "organisation": response.organisation_name,
                    "edit_url": edit_url,
                },
            )
    return response


# --- moderation -----------------------------------------------------------------------------------------


def _organisation_for(response_id: int) -> Organisation:
    """The response's organisation, created from the name it gave when an organiser approves its first service."""
    # Re-read under a lock: two services of one response approved together must create one organisation.
    response = QuestionnaireResponse.objects.select_for_update().get(pk=response_id)
    if response.organisation_id:
        return response.organisation
    base = slugify(response.organisation_name)[:70] or "organisation"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    organisation = Organisation.objects.create(slug=slug, name_lv=response.organisation_name)
    response.organisation = organisation
    response.save(update_fields=["organisation", "updated_at"])
    return organisation


def _decide(
    *, offers: Iterable[Offer], status: str, note: str | None, template: str | None, base_url: str
) -> int:
    count = 0
    now = timezone.now()
    with transaction.atomic():
        for offer in offers:
            offer.status = status
            offer.moderated_at = now
            if note is not None:
                offer.moderation_note = note
            if status == Offer.Status.APPROVED and offer.response_id and not offer.organisation_id:
                offer.organisation = _organisation_for(offer.response_id)
            offer.save()
            count += 1
            if template:
                _email_later(
                    to=offer.contact_email,
                    template=template,
                    context={
                        "name": offer.author_name,
                        "description": offer.description,
                        "note": offer.moderation_note,
                        "url": base_url.rstrip("/") + offer.get_absolute_url(),
                    },
                )
    return count


def offer_approve(*, offers: Iterable[Offer], note: str | None = None, base_url: str = "") -> int:
    """Publish offers; their authors are told (with the organiser's note, if any)."""
    return _decide(
        offers=offers, status=Offer.Status.APPROVED, note=note, template="offer_approved", base_url=base_url
    )


def offer_reject(*, offers: Iterable[Offer], note: str | None = None, base_url: str = "") -> int:
    return _decide(
        offers=offers, status=Offer.Status.REJECTED, note=note, template="offer_rejected", base_url=base_url
    )


def offer_mark_unavailable(*, offers: Iterable[Offer]) -> int:
    return _decide(offers=offers, status=Offer.Status.UNAVAILABLE, note=None, template=None, base_url="")


def organisation_merge(*, keep: Organisation, duplicates: Iterable[Organisation]) -> int:
    """Merge duplicate organisations into ``keep`` (every reference moves, see consultation.services), then
    refresh the search text of the offers that now show the kept name; returns how many were merged."""
    with transaction.atomic():
        merged = consultation_services.organisation_merge(keep=keep, duplicates=list(duplicates))
        for offer in Offer.objects.filter(organisation=keep).select_related("organisation"):
            offer.save(update_fields=["search_text", "updated_at"])
    return merged


# --- contact without exposure ---------------------------------------------------------------------------


def offer_contact(*, offer: Offer, sender_name: str, sender_email: str, message: str) -> None:
    """Forward a visitor's message to the offer's author; the author replies to the visitor directly."""
    _email_later(
        to=offer.contact_email,
        template="offer_contact",
        context={
            "name": offer.author_name,
            "description": offer.description,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "message": message,
        },
        reply_to=sender_email,
    )
