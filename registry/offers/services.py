"""Writes of offers: posting, the questionnaire, moderation, withdrawal, contact.

Every write commits first; e-mail goes through consultation.mail (queued after commit, retried, in the
author's language) and never makes a submission fail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from consultation.i18n import primary_name
from consultation.mail import mail_send
from consultation.models import Consultation, Organisation

from .models import Offer, QuestionnaireResponse

# --- the wall -------------------------------------------------------------------------------------------


def offer_create_from_wall(*, consultation: Consultation, data: dict, language: str) -> Offer:
    """Save a wall card waiting for moderation and e-mail its author (in ``language``) the private link."""
    with transaction.atomic():
        offer = Offer(
            consultation=consultation,
            source=Offer.Source.WALL,
            status=Offer.Status.PENDING,
            period=consultation.period(),
            language=language,
            **data,
        )
        offer.full_clean()
        offer.save()
        mail_send(offer, template="offers/emails/offer_received")
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
    language: str,
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
        response.language = language
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
            offer.language = response.language
            if not offer.period:
                offer.period = period
            offer.save()
        # Contact data (and the language to write in) is private and not moderated: every service of the
        # response follows it at once, without a signal, since no public page shows it; one by one, so the
        # audit trail records each change.
        following = Offer.objects.filter(response=response).exclude(
            contact_email=response.contact_email,
            contact_phone=response.contact_phone,
            language=response.language,
        )
        for offer in following:
            offer.contact_email, offer.contact_phone = response.contact_email, response.contact_phone
            offer.language = response.language
            offer._change_reason = _("questionnaire: contact changed")
            offer.save(update_fields=["contact_email", "contact_phone", "language", "updated_at"])
        if is_new:
            mail_send(response, template="offers/emails/offer_questionnaire_link")
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
    organisation = Organisation.objects.create(
        slug=slug, **{primary_name("name"): response.organisation_name}
    )
    response.organisation = organisation
    response.save(update_fields=["organisation", "updated_at"])
    return organisation


def _decide(*, offers: Iterable[Offer], status: str, note: str | None, template: str | None) -> int:
    count = 0
    now = timezone.now()
    # As offers (not the moderation queue's proxy), so that the audit trail records each decision.
    offers = Offer.objects.select_related("consultation", "response").filter(pk__in=[o.pk for o in offers])
    with transaction.atomic():
        for offer in offers:
            offer.status = status
            offer.moderated_at = now
            if note is not None:
                offer.moderation_note = note
            if status == Offer.Status.APPROVED and offer.response_id and not offer.organisation_id:
                offer.organisation = _organisation_for(offer.response_id)
            offer._change_reason = _("moderation: %(decision)s") % {"decision": offer.get_status_display()}
            offer.save()
            count += 1
            if template:
                mail_send(offer, template=template)
    return count


def offer_approve(*, offers: Iterable[Offer], note: str | None = None) -> int:
    """Publish offers; their authors are told (with the organiser's note, if any)."""
    return _decide(
        offers=offers, status=Offer.Status.APPROVED, note=note, template="offers/emails/offer_approved"
    )


def offer_reject(*, offers: Iterable[Offer], note: str | None = None) -> int:
    return _decide(
        offers=offers, status=Offer.Status.REJECTED, note=note, template="offers/emails/offer_rejected"
    )


def offer_mark_unavailable(*, offers: Iterable[Offer]) -> int:
    return _decide(offers=offers, status=Offer.Status.UNAVAILABLE, note=None, template=None)


def offers_search_text_refresh(organisation: Organisation) -> None:
    """After a merge: the offers of the organisation kept are found by its name (see consultation.organisations)."""
    for offer in Offer.objects.filter(organisation=organisation).select_related("organisation"):
        offer.save(update_fields=["search_text", "updated_at"])


# --- contact without exposure ---------------------------------------------------------------------------


def offer_contact(*, offer: Offer, sender_name: str, sender_email: str, message: str) -> None:
    """Forward a visitor's message to the offer's author; the author replies to the visitor directly."""
    mail_send(
        offer,
        template="offers/emails/offer_contact",
        context={"sender_name": sender_name, "sender_email": sender_email, "message": message},
        reply_to=sender_email,
    )
