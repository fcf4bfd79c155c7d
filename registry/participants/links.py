"""Private links: signed, no account needed, valid for the lifetime the organisers set on the consultation."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from consultation.models import Consultation

from .models import Participant

LINK_SALT = "registry.participant.link"


class LinkInvalid(Exception):
    pass


class LinkExpired(Exception):
    pass


def participant_private_token(*, participant: Participant) -> str:
    return signing.dumps([participant.pk, participant.code], salt=LINK_SALT, compress=True)


def participant_private_url(*, participant: Participant) -> str:
    return reverse(
        "participants:registration_manage",
        kwargs={
            "slug": participant.consultation.slug,
            "token": participant_private_token(participant=participant),
        },
    )


def participant_from_token(*, consultation: Consultation, token: str) -> Participant:
    """The participant a private link names; ``LinkInvalid`` if tampered, ``LinkExpired`` past its lifetime."""
    max_age = consultation.private_link_max_age
    try:
        pk, code = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkInvalid from error
    participant = (
        Participant.objects.select_related("group", "first_choice", "second_choice", "organisation")
        .filter(pk=pk, code=code, consultation=consultation)
        .first()
    )
    if participant is None:
        raise LinkInvalid
    return participant
