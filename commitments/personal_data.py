"""Personal data across every app: one person's data as one file, anonymising a person everywhere, and the
retention periods the privacy page states (``manage.py personal_data_purge``, run daily).

This module lives in the top app because it reads and writes every app's records of people (registrations,
offers and questionnaire answers, commitments) together with their audit trail, the mails queued for them
and the admin's log.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from registry.offers.models import Offer, QuestionnaireResponse
from registry.participants.models import Participant
from registry.participants.services import participants_purge

from .models import Commitment, ProgressNote

# What anonymising blanks, per model (the value is what the field becomes; ANONYMISED for required names).
ANONYMISED = "—"
PARTICIPANT_FIELDS = {
    "first_name": ANONYMISED,
    "last_name": ANONYMISED,
    "email": "",
    "phone": "",
    "organisation_name": "",
    "position": "",
    "needs_accessibility": "",
    "needs_diet": "",
    "needs_other": "",
    "consent_listing": False,
}
OFFER_CONTACT_FIELDS = {"contact_email": "", "contact_phone": ""}
PRIVATE_AUTHOR_FIELDS = {"author_name": ANONYMISED, "show_author_name": False}
CONTACT_FIELDS = {"contact_name": ANONYMISED, "contact_email": "", "contact_phone": ""}


@dataclass
class PersonRecords:
    """Everything the platform holds about the person with one e-mail address."""

    email: str
    participants: QuerySet
    offers: QuerySet
    responses: QuerySet
    commitments: QuerySet
    mails: QuerySet

    def counts(self) -> dict[str, int]:
        return {
            "participants": self.participants.count(),
            "offers": self.offers.count(),
            "questionnaire_responses": self.responses.count(),
            "commitments": self.commitments.count(),
            "mails": self.mails.count(),
        }

    @property
    def found(self) -> bool:
        return any(self.counts().values())


def person_records(*, email: str) -> PersonRecords:
    email = email.strip()
    participants = Participant.objects.filter(email__iexact=email)
    offers = Offer.objects.filter(contact_email__iexact=email)
    responses = QuestionnaireResponse.objects.filter(contact_email__iexact=email)
    commitments = Commitment.objects.filter(contact_email__iexact=email)
    # Queued mails name their recipient by model and key (consultation.mail); forwarded messages carry the
    # sender's address in their arguments.
    mailed = Q(payload__icontains=email)
    for queryset in (participants, offers, responses, commitments):
        mailed |= Q(
            task_path__endswith="mail_deliver",
            args_kwargs__args__0=queryset.model._meta.label,
            args_kwargs__args__1__in=list(queryset.values_list("pk", flat=True)),
        )
    mails = DBTaskResult.objects.annotate(payload=Cast("args_kwargs", TextField())).filter(mailed)
    return PersonRecords(
        email=email,
        participants=participants,
        offers=offers,
        responses=responses,
        commitments=commitments,
        mails=mails,
    )


def _serialise(queryset) -> list[dict]:
    return serializers.serialize("python", queryset)


def _history(model, queryset) -> list[dict]:
    return _serialise(model.history.filter(id__in=queryset.values("pk")).order_by("history_date"))


def person_export(*, email: str) -> str:
    """One JSON file of everything held about the person: records, their audit trail, mails, admin log."""
    records = person_records(email=email)
    log = LogEntry.objects.filter(
        Q(
            content_type=ContentType.objects.get_for_model(Participant),
            object_id__in=_ids(records.participants),
        )
        | Q(content_type=ContentType.objects.get_for_model(Offer), object_id__in=_ids(records.offers))
        | Q(
            content_type=ContentType.objects.get_for_model(Commitment),
            object_id__in=_ids(records.commitments),
        )
    )
    document = {
        "email": records.email,
        "exported_at": timezone.now(),
        "registrations": _serialise(records.participants),
        "offers": _serialise(records.offers),
        "questionnaire_responses": _serialise(records.responses),
        "commitments": _serialise(records.commitments),
        "progress_notes": _serialise(ProgressNote.objects.filter(commitment__in=records.commitments)),
        "mails": [
            {
                "task": mail.task_path,
                "status": mail.status,
                "enqueued_at": mail.enqueued_at,
                "finished_at": mail.finished_at,
                "arguments": mail.args_kwargs,
            }
            for mail in records.mails
        ],
        "history": {
            "registrations": _history(Participant, records.participants),
            "offers": _history(Offer, records.offers),
            "questionnaire_responses": _history(QuestionnaireResponse, records.responses),
            "commitments": _history(Commitment, records.commitments),
        },
        "admin_log": [
            {
                "time": entry.action_time,
                "user": str(entry.user),
                "object": entry.object_repr,
                "change": entry.change_message,
            }
            for entry in log.select_related("user")
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1, default=str)


def _ids(queryset) -> list[str]:
    return [str(pk) for pk in queryset.values_list("pk", flat=True)]


def _anonymise(queryset, fields: dict, reason: str) -> int:
    count = 0
    for record in queryset:
        for name, value in fields.items():
            setattr(record, name, value)
        record._change_reason = reason
        record.save()
        count += 1
    # The audit trail keeps no earlier copy of what was just removed.
    queryset.model.history.filter(id__in=[record.pk for record in queryset]).update(**fields)
    return count


def person_anonymise(*, email: str) -> int:
    """Remove the person's name and contact details from every record, its audit trail, its mails and the
    admin's log; what they contributed (an offer's text, a commitment) stays, without them. Returns how many
    records were anonymised."""
    records = person_records(email=email)
    reason = _("anonymised")
    with transaction.atomic():
        participants = list(records.participants)
        offers = list(records.offers)
        commitments = list(records.commitments)
        count = _anonymise_list(Participant, participants, PARTICIPANT_FIELDS, reason)
        count += _anonymise_list(
            Offer, [o for o in offers if not o.shows_author_name], PRIVATE_AUTHOR_FIELDS, reason
        )
        count += _anonymise_list(Offer, offers, OFFER_CONTACT_FIELDS, reason)
        count += _anonymise_list(QuestionnaireResponse, list(records.responses), CONTACT_FIELDS, reason)
        count += _anonymise_list(Commitment, commitments, CONTACT_FIELDS, reason)
        records.mails.delete()
        for model, rows in ((Participant, participants), (Offer, offers), (Commitment, commitments)):
            LogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id__in=[str(r.pk) for r in rows]
            ).update(object_repr=ANONYMISED)
    return count


def _anonymise_list(model, rows: list, fields: dict, reason: str) -> int:
    return _anonymise(model.objects.filter(pk__in=[row.pk for row in rows]), fields, reason) if rows else 0


# --- retention --------------------------------------------------------------------------------------------


def _ended_before(days: int, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def _blank(model, condition: Q, fields: dict) -> int:
    """Blank ``fields`` in the records matching ``condition`` and in their audit trail."""
    rows = model.objects.filter(condition)
    ids = list(rows.values_list("pk", flat=True))
    changed = rows.exclude(**{name: value for name, value in fields.items()}).update(**fields)
    model.history.filter(id__in=ids).update(**fields)
    return changed


def personal_data_purge(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply every retention period the privacy page states; returns how many records each step touched."""
    now = now or timezone.now()
    report = {}
    with transaction.atomic():
        report["needs_cleared"], report["registrations_deleted"] = participants_purge(now=now)
        data_until = _ended_before(settings.REGISTRATION_KEEP_DATA_DAYS, now)
        needs_until = _ended_before(settings.REGISTRATION_KEEP_NEEDS_DAYS, now)
        # The audit trail of deleted registrations goes with them; their needs are cleared there too.
        report["registration_history_deleted"], _ = Participant.history.filter(
            consultation__ends_at__lt=data_until
        ).delete()
        Participant.history.filter(consultation__ends_at__lt=needs_until).update(
            needs_accessibility="", needs_diet="", needs_other=""
        )
        offers_until = _ended_before(settings.OFFER_CONTACTS_KEEP_DAYS, now)
        report["offer_contacts_cleared"] = _blank(
            Offer, Q(consultation__ends_at__lt=offers_until), OFFER_CONTACT_FIELDS
        )
        report["offer_authors_cleared"] = _blank(
            Offer,
            Q(consultation__ends_at__lt=offers_until, show_author_name=False)
            & ~Q(source=Offer.Source.QUESTIONNAIRE),
            {"author_name": ANONYMISED},
        )
        report["questionnaire_contacts_cleared"] = _blank(
            QuestionnaireResponse, Q(consultation__ends_at__lt=offers_until), CONTACT_FIELDS
        )
        commitments_until = _ended_before(settings.COMMITMENT_CONTACTS_KEEP_DAYS, now)
        report["commitment_contacts_cleared"] = _blank(
            Commitment, Q(consultation__ends_at__lt=commitments_until), CONTACT_FIELDS
        )
        tasks_until = _ended_before(settings.TASK_RESULTS_KEEP_DAYS, now)
        report["task_results_deleted"], _ = DBTaskResult.objects.filter(
            Q(finished_at__lt=tasks_until) | Q(finished_at__isnull=True, enqueued_at__lt=tasks_until)
        ).delete()
        log_until = _ended_before(settings.ADMIN_LOG_KEEP_DAYS, now)
        report["admin_log_deleted"], _ = LogEntry.objects.filter(action_time__lt=log_until).delete()
        history_until = _ended_before(settings.HISTORY_KEEP_DAYS, now)
        report["history_deleted"] = sum(
            model.history.filter(history_date__lt=history_until).delete()[0]
            for model in (Participant, Offer, QuestionnaireResponse, Commitment, ProgressNote)
        )
    return report
