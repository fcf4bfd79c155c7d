"""consultation/mail.py: templated, in the recipient's language, after commit, retried, status recorded."""

from __future__ import annotations

import socket

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultation.mail import mail_build, mail_deliver, mail_send
from tests.commitments.factories_commitments import CommitmentFactory
from tests.tasks import task_run

pytestmark = pytest.mark.django_db

TEMPLATE = "commitments/email/link"


@pytest.fixture
def commitment():
    return CommitmentFactory(contact_name="Anna", language="en")


def _html(message) -> str:
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_message_is_in_the_recipients_stored_language(commitment):
    message = mail_build(commitment, template=TEMPLATE)

    assert message.body.startswith("Hello, Anna!")
    assert "<p>Hello, Anna!</p>" in _html(message)


def test_message_says_it_was_sent_automatically(commitment):
    message = mail_build(commitment, template=TEMPLATE)

    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_message_links_start_with_site_url(commitment, settings):
    settings.SITE_URL = "https://konsultacija.example.lv"

    message = mail_build(commitment, template=TEMPLATE)

    assert (
        f"https://konsultacija.example.lv/en/{commitment.consultation.slug}/commitments/link/" in message.body
    )


def test_mail_send_waits_for_the_commit(commitment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        mail_send(commitment, template=TEMPLATE)
        waiting = len(mail.outbox)

    for callback in callbacks:
        callback()
    assert (waiting, [message.to for message in mail.outbox]) == (0, [[commitment.contact_email]])


def test_sent_message_is_recorded_on_the_object(commitment):
    outcome = task_run(mail_deliver, "commitments.Commitment", commitment.pk, TEMPLATE, {})

    commitment.refresh_from_db()
    assert (outcome, commitment.email_status, commitment.email_attempts) == ("sent", "sent", 1)
    assert commitment.email_sent_at is not None


def test_failure_on_a_queue_that_cannot_wait_is_recorded_as_failed(commitment, settings):
    settings.EMAIL_BACKEND = "tests.registry.broken_email.BrokenBackend"

    outcome = task_run(mail_deliver, "commitments.Commitment", commitment.pk, TEMPLATE, {})

    commitment.refresh_from_db()
    assert (outcome, commitment.email_status, commitment.email_attempts) == ("failed", "failed", 1)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)  # the worker reconnects outside a test transaction
def test_failure_is_retried_later_with_a_growing_delay(commitment, database_queue, settings):
    settings.EMAIL_BACKEND = "tests.registry.broken_email.BrokenBackend"
    settings.MAIL_RETRY_SECONDS = 60

    outcome = task_run(mail_deliver, "commitments.Commitment", commitment.pk, TEMPLATE, {}, None, 3)

    retry = DBTaskResult.objects.get(status="READY")
    commitment.refresh_from_db()
    assert (outcome, commitment.email_status, commitment.email_attempts) == ("retrying", "pending", 3)
    assert retry.args_kwargs["args"] == ["commitments.Commitment", commitment.pk, TEMPLATE, {}, None, 4]
    delay = (retry.run_after - timezone.now()).total_seconds()
    assert 200 < delay <= 240


@pytest.mark.django_db(transaction=True)  # the worker reconnects outside a test transaction
def test_last_attempt_gives_up_and_records_the_failure(commitment, database_queue, settings):
    settings.EMAIL_BACKEND = "tests.registry.broken_email.BrokenBackend"
    settings.MAIL_ATTEMPTS = 3

    outcome = task_run(mail_deliver, "commitments.Commitment", commitment.pk, TEMPLATE, {}, None, 3)

    commitment.refresh_from_db()
    assert (outcome, commitment.email_status, DBTaskResult.objects.ready().count()) == ("failed", "failed", 0)


def test_reply_to_reaches_the_message(commitment):
    task_run(mail_deliver, "commitments.Commitment", commitment.pk, TEMPLATE, {}, ["visitor@example.org"])

    assert mail.outbox[0].reply_to == ["visitor@example.org"]


def test_plain_text_keeps_names_as_typed_while_the_html_escapes_them():
    commitment = CommitmentFactory(contact_name='Anna "Ā" & <Co>', language="en")

    message = mail_build(commitment, template=TEMPLATE)

    assert message.body.startswith('Hello, Anna "Ā" & <Co>!')
    assert "<p>Hello, Anna &quot;Ā&quot; &amp; &lt;Co&gt;!</p>" in _html(message)


def test_a_latvian_subject_starts_on_the_subject_line_and_reads_back_whole():
    import email
    import email.policy

    from registry.participants.models import REGISTRATION_EMAIL
    from tests.participants.factories import ParticipantFactory

    message = mail_build(
        ParticipantFactory(language="lv"), template=REGISTRATION_EMAIL, context={"kind": "registered"}
    )

    raw = message.message().as_bytes(linesep="\r\n")
    subject_line = next(line for line in raw.decode().split("\r\n") if line.startswith("Subject:"))
    assert subject_line.startswith("Subject: =?utf-8?")
    assert email.message_from_bytes(raw, policy=email.policy.default)["Subject"] == message.subject


def test_a_frozen_smtp_server_fails_the_attempt_after_email_timeout(commitment, settings):
    with socket.socket() as frozen:  # accepts the connection, never says a word
        frozen.bind(("127.0.0.1", 0))
        frozen.listen()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = frozen.getsockname()
        settings.EMAIL_TIMEOUT = 1

        outcome = task_run(mail_deliver, "commitments.Commitment", commitment.pk, TEMPLATE, {})

    commitment.refresh_from_db()
    assert (outcome, commitment.email_status) == ("failed", "failed")


def test_message_id_is_the_tasks_own_so_a_repeat_is_recognisably_the_same_message(commitment, settings):
    settings.DEFAULT_FROM_EMAIL = "Konsultācija <konsultacija@example.lv>"

    result = mail_deliver.enqueue("commitments.Commitment", commitment.pk, TEMPLATE, {})

    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{result.id}@example.lv>"
