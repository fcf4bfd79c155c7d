from __future__ import annotations

import datetime
import io
import zoneinfo

import icalendar
import pytest
import segno
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image

from consultation.mail import mail_build, mail_deliver, mail_send
from registry.participants.models import CANCELLATION_EMAIL, REGISTRATION_EMAIL, registration_qr_png
from registry.participants.services import registration_cancel, registration_move
from tests.factories import AgendaItemFactory, WorkingGroupFactory
from tests.tasks import task_run

from .factories import ParticipantFactory


@pytest.fixture
def participant(group):
    AgendaItemFactory(consultation=group.consultation, title_lv="Atklāšana", title_en="Opening")
    return ParticipantFactory(consultation=group.consultation, group=group, first_name="Anna")


def _html(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_email_in_latvian_tells_the_status_group_and_code(participant):
    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    assert "Labdien, Anna" in message.body
    assert f"apstiprināta {participant.group.number}. darba grupā" in message.body
    assert participant.code_display in message.subject
    assert participant.code_display in _html(message)


def test_email_in_english_when_the_participant_registered_in_english(participant):
    participant.language = "en"

    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    assert "Hello Anna" in message.body
    assert f"confirmed in working group {participant.group.number}" in message.body


def test_email_for_the_waiting_list_gives_the_position(participant):
    participant.status, participant.waiting_position = "waiting", 3

    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    assert "gaidīšanas saraksts, 3. vieta." in message.body


def test_email_carries_the_private_link(participant, settings):
    settings.SITE_URL = "https://konsultacija.example"

    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    assert f"https://konsultacija.example/lv/{participant.consultation.slug}/registration/" in message.body


def test_email_calendar_attachment_parses(participant):
    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    ((name, content, mimetype),) = [a for a in message.attachments if isinstance(a, tuple)]
    calendar = icalendar.Calendar.from_ical(content)
    assert mimetype == "text/calendar"
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == ["Atklāšana"]


def test_email_qr_code_holds_the_registration_code(participant):
    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    image_part = next(a for a in message.attachments if not isinstance(a, tuple))
    assert image_part["Content-ID"] == "<registration-code>"
    assert image_part.get_payload(decode=True) == registration_qr_png(code=participant.code)


def test_qr_png_modules_match_the_encoder_matrix_of_the_code():
    png = registration_qr_png(code="K7MR4P")

    image = Image.open(io.BytesIO(png)).convert("L")
    expected = segno.make_qr("K7MR4P", error="m")
    scale, border = 8, 4
    size = expected.symbol_size(scale=1, border=0)[0]
    read = [
        [
            image.getpixel(((border + col) * scale + scale // 2, (border + row) * scale + scale // 2)) < 128
            for col in range(size)
        ]
        for row in range(size)
    ]
    assert read == [[bool(module) for module in row] for row in expected.matrix]
    assert expected.error in {"M", "Q", "H"}


def _deliver(participant, kind="registered", attempt=1):
    args = ("participants.Participant", participant.pk, REGISTRATION_EMAIL, {"kind": kind}, None, attempt)
    return task_run(mail_deliver, *args)


def test_email_send_task_marks_the_participant_sent(participant):
    _deliver(participant)

    participant.refresh_from_db()
    assert (participant.email_status, participant.email_attempts, len(mail.outbox)) == ("sent", 1, 1)


def test_email_failure_never_loses_the_registration(participant, settings):
    settings.EMAIL_BACKEND = "tests.participants.broken_email.BrokenBackend"

    outcome = _deliver(participant)

    participant.refresh_from_db()
    assert (outcome, participant.email_status, participant.status) == ("failed", "failed", "confirmed")


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_email_waits_in_the_database_queue_until_the_worker_sends_it(participant, database_queue):
    mail_send(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})  # no transaction: now
    queued = len(mail.outbox)

    call_command("task_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert (queued, [message.to for message in mail.outbox]) == (0, [[participant.email]])


@pytest.mark.django_db(transaction=True)  # the worker reconnects outside a test transaction
def test_email_failure_is_retried_later_on_the_database_queue(participant, database_queue, settings):
    settings.EMAIL_BACKEND = "tests.participants.broken_email.BrokenBackend"

    outcome = _deliver(participant)

    retry = DBTaskResult.objects.get(status="READY")
    participant.refresh_from_db()
    assert (outcome, participant.email_status, participant.email_attempts) == ("retrying", "pending", 1)
    assert retry.args_kwargs["args"] == [
        "participants.Participant",
        participant.pk,
        REGISTRATION_EMAIL,
        {"kind": "registered"},
        None,
        2,
    ]
    assert retry.run_after > timezone.now()


def test_email_gives_the_desk_hours_from_the_programme(participant):
    riga = zoneinfo.ZoneInfo("Europe/Riga")
    AgendaItemFactory(
        consultation=participant.consultation,
        kind="registration",
        starts_at=datetime.datetime(2015, 10, 26, 9, 0, tzinfo=riga),
        ends_at=datetime.datetime(2015, 10, 26, 9, 30, tzinfo=riga),
    )

    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    assert "reģistrācijā no 09:00 līdz 09:30" in message.body


def test_email_calendar_names_the_participants_own_group_session(participant):
    AgendaItemFactory(
        consultation=participant.consultation,
        title_lv="Darba grupas",
        title_en="Working groups",
        kind="parallel",
    )

    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    ((_name, content, _mimetype),) = [a for a in message.attachments if isinstance(a, tuple)]
    summaries = [str(event["summary"]) for event in icalendar.Calendar.from_ical(content).walk("VEVENT")]
    group = participant.group
    assert summaries == ["Atklāšana", f"Darba grupas: {group.number}. darba grupa, {group.title_lv}"]


def test_cancellation_reads_as_a_cancellation(participant):
    participant.status = "cancelled"
    AgendaItemFactory(consultation=participant.consultation, kind="registration")

    message = mail_build(participant, template=CANCELLATION_EMAIL, context={"kind": "cancelled"})

    assert message.subject.startswith(f"Jūsu reģistrācija ir atcelta ({participant.code_display})")
    assert "reģistrācijā no" not in message.body
    assert "Programma pievienota" not in message.body
    assert message.attachments == []


def test_registration_email_is_marked_as_sent_automatically(participant):
    message = mail_build(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})

    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_registration_message_queued_before_the_cancellation_is_not_sent(participant):
    participant.status = "cancelled"
    participant.save()

    outcome = _deliver(participant)

    assert (outcome, mail.outbox) == ("superseded", [])


@pytest.mark.django_db(transaction=True)
def test_a_change_then_a_cancellation_before_the_worker_runs_send_one_cancellation(
    participant, database_queue
):
    other_group = WorkingGroupFactory(
        consultation=participant.consultation, number=participant.group.number + 1
    )
    registration_move(participant=participant, group=other_group)
    registration_cancel(participant=participant)

    call_command("task_worker", batch=True, no_startup_delay=True, verbosity=0)

    assert [message.subject.split(" (")[0] for message in mail.outbox] == ["Jūsu reģistrācija ir atcelta"]
