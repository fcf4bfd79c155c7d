"""Private links for commitment authors: signed, and valid as long as the consultation says."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from .models import Commitment

SALT = "commitments.private-link"


class LinkError(Exception):
    """The private link is broken or has expired."""


def commitment_token(commitment: Commitment) -> str:
    return signing.dumps({"commitment": commitment.pk}, salt=SALT, compress=True)


def commitment_private_url(commitment: Commitment) -> str:
    return reverse(
        "commitments:private",
        kwargs={"slug": commitment.consultation.slug, "token": commitment_token(commitment)},
    )


def commitment_pk_from_token(token: str, *, max_age) -> int:
    """The commitment's id in ``token``; raises LinkError if the signature is wrong or too old."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError("expired") from error
    except signing.BadSignature as error:
        raise LinkError("bad") from error
    return int(payload["commitment"])
