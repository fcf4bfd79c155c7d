"""Sample content in every instrument of the demo's consultation, clearly marked, added once however often run.

    python manage.py demo_content [--consultation riga-2015]

Runs the instruments' own sample commands — ``offers_demo`` (wall cards and questionnaire services),
``commitments_demo`` (commitments and a sample group report) and ``synthetic_data`` at a small scale
(participants across the groups, so some are full and have waiting lists; marked ``@sintetiski.example`` and
"SINTĒTISKI DATI") — then checks in some of the participants and publishes the commitment document's first
edition with its PDFs if it has none. No mail is sent to the fictional addresses.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from consultation.models import Consultation
from registry.participants.models import Participant
from registry.participants.services import participant_check_in

from ...models import Edition
from ...services import edition_publish

PARTICIPANTS = 240  # 7 groups of 30 places: some groups fill up and have waiting lists
CHECKED_IN = 90


class Command(BaseCommand):
    help = (
        "Add clearly marked sample content to every instrument of a consultation (default: the current one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--consultation", help="slug of the consultation")

    def handle(self, *args, consultation=None, **options):
        target = (
            Consultation.objects.filter(slug=consultation).first()
            if consultation
            else Consultation.objects.current()
        )
        if target is None:
            raise CommandError("No such consultation; load one first (manage.py demo_setup).")
        quiet = {"stdout": self.stdout if options.get("verbosity", 1) > 1 else _Null()}
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            call_command("offers_demo", consultation=target.slug, **quiet)
            call_command("commitments_demo", consultation=target.slug, **quiet)
            call_command(
                "synthetic_data",
                slug=target.slug,
                participants=PARTICIPANTS,
                offers=30,
                commitments=10,
                organisations=12,
                **quiet,
            )
            arrived = Participant.objects.confirmed().filter(consultation=target, checked_in_at__isnull=False)
            missing = CHECKED_IN - arrived.count()
            waiting_at_door = Participant.objects.confirmed().filter(consultation=target, checked_in_at=None)
            for participant in waiting_at_door.order_by("pk")[: max(missing, 0)]:
                participant_check_in(participant=participant)
            if not Edition.objects.filter(consultation=target).exists():
                edition_publish(consultation=target)
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample content on {target.slug}: participants ({CHECKED_IN} arrived, waiting lists), wall "
                "cards, questionnaire services, commitments, group reports and a published edition with PDFs."
            )
        )


class _Null:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass
