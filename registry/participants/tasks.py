"""Background work of registration, on Django's tasks API (django-tasks; the database queue in production).

E-mail is enqueued after the registration commits; a failed send is retried with growing delays where the
backend can defer (the database queue), and never touches the registration itself.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task, task_backends

from .emails import registration_email_build
from .models import Participant

logger = logging.getLogger(__name__)


@task()
def registration_email_send(participant_id: int, kind: str, attempt: int = 1) -> str:
    participant = (
        Participant.objects.select_related("consultation", "group", "organisation")
        .filter(pk=participant_id)
        .first()
    )
    if participant is None:
        return "gone"
    try:
        registration_email_build(participant=participant, kind=kind).send()
    except Exception:
        logger.exception("Registration e-mail to participant %s failed (attempt %s)", participant_id, attempt)
        if (
            attempt < settings.REGISTRATION_EMAIL_ATTEMPTS
            and task_backends[registration_email_send.backend].supports_defer
        ):
            delay = datetime.timedelta(seconds=settings.REGISTRATION_EMAIL_RETRY_SECONDS * 2 ** (attempt - 1))
            registration_email_send.using(run_after=timezone.now() + delay).enqueue(
                participant_id, kind, attempt + 1
            )
            return "retrying"
        Participant.objects.filter(pk=participant_id).update(email_status=Participant.EmailStatus.FAILED)
        return "failed"
    Participant.objects.filter(pk=participant_id).update(
        email_status=Participant.EmailStatus.SENT, email_sent_at=timezone.now()
    )
    return "sent"


def registration_email_enqueue(*, participant_id: int, kind: str) -> None:
    """Queue the e-mail; a queue that is down is logged, never raised into the request that registered."""
    try:
        registration_email_send.enqueue(participant_id, kind)
    except Exception:
        logger.exception("Could not queue the registration e-mail for participant %s", participant_id)
        Participant.objects.filter(pk=participant_id).update(email_status=Participant.EmailStatus.FAILED)
