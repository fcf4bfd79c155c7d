"""The task worker survives its database and its own death, and sends each message once (real kills).

The worker runs as a subprocess of the test, against the test database, sending to a real SMTP server
(aiosmtpd) in the test process. The server can hold a message at the moment of one SMTP command, so a
connection can be killed (``pg_terminate_backend`` from a second connection) or the worker killed
(SIGKILL) exactly while a message is on its way.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django_tasks import TaskContext
from django_tasks_db.models import DBTaskResult

from consultation.mail import mail_deliver, mail_send
from consultation.worker import tasks_reclaim
from registry.participants.models import REGISTRATION_EMAIL, Participant
from tests.connections import other_connections_terminate
from tests.participants.factories import ParticipantFactory
from tests.tasks import connection_lost_once

pytestmark = pytest.mark.django_db(transaction=True)

SMTP_PORT = 8226
WAIT_SECONDS = 60  # an upper bound for polling, never a measured time


class Sink:
    """An SMTP server that keeps every message it accepted and can hold a session at one command."""

    def __init__(self) -> None:
        self.accepted: list[list[str]] = []
        self.hold_at: str | None = None  # "RCPT" or "DATA"
        self.held = threading.Event()
        self.release = threading.Event()

    async def _maybe_hold(self, command: str) -> None:
        if self.hold_at == command and not self.release.is_set():
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        await self._maybe_hold("RCPT")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        await self._maybe_hold("DATA")
        self.accepted.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


@pytest.fixture
def sink():
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    yield handler
    handler.release.set()
    controller.stop()


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting: {what}")
        time.sleep(0.1)


def _database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(sink, settings, tmp_path):
    """Start ``manage.py <command>`` on the test database's queue, mailing to the sink."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    started: list[subprocess.Popen] = []
    logs = []

    def start(command: str = "task_worker") -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "consultation.settings",
            "DATABASE_URL": _database_url(),
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
            "DEBUG": "0",
            "SECRET_KEY": "tests-only-not-a-secret",
            "SITE_URL": "http://testserver",
            "ALLOW_LOCAL_CACHE": "1",
            "LOG_FORMAT": "plain",
        }
        log = (tmp_path / f"worker-{len(started)}.log").open("w")  # read it when a test fails
        logs.append(log)
        process = subprocess.Popen(
            [sys.executable, "manage.py", command, "--interval", "0.1", "--no-startup-delay", "--no-reload"],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
    for log in logs:
        log.close()


def _mail(participant: Participant) -> None:
    mail_send(participant, template=REGISTRATION_EMAIL, context={"kind": "registered"})


def test_worker_keeps_going_when_its_connection_dies_while_a_message_is_sent(sink, start_worker):
    first, second = (
        ParticipantFactory(email="first@example.org"),
        ParticipantFactory(email="second@example.org"),
    )
    sink.hold_at = "DATA"
    worker = start_worker()
    _mail(first)
    _until(sink.held.is_set, "the first message reaches the SMTP server")

    killed = other_connections_terminate()
    sink.release.set()
    _until(lambda: len(sink.accepted) == 1, "the first message is accepted")
    _mail(second)
    _until(lambda: len(sink.accepted) == 2, "the second message is accepted")

    _until(lambda: not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists(), "both tasks finish")
    first.refresh_from_db()
    assert (killed >= 1, worker.poll(), first.email_status) == (True, None, "sent")
    assert sink.accepted == [["first@example.org"], ["second@example.org"]]


def test_task_whose_connection_dies_runs_again_on_a_new_one(start_worker):
    worker = start_worker()
    result = connection_lost_once.enqueue()

    _until(lambda: DBTaskResult.objects.get().status == "SUCCESSFUL", "the task runs again")

    task = DBTaskResult.objects.get()
    assert (worker.poll(), len(task.worker_ids), task.return_value) == (None, 2, ContentType.objects.count())
    assert result.id == str(task.pk)


def test_control_the_upstream_worker_exits_when_a_tasks_connection_dies(start_worker):
    worker = start_worker("db_worker")
    connection_lost_once.enqueue()

    returncode = worker.wait(timeout=WAIT_SECONDS)

    assert (returncode != 0, DBTaskResult.objects.get().status) == (True, "RUNNING")


def test_worker_waits_while_the_database_refuses_and_goes_on(sink, start_worker):
    participant = ParticipantFactory()
    worker = start_worker()
    _until(lambda: other_connections_terminate() >= 1, "the worker connects")  # kills it while it idles

    for _ in range(3):
        other_connections_terminate()
    _mail(participant)

    _until(lambda: len(sink.accepted) == 1, "the message is accepted")
    assert (worker.poll(), sink.accepted) == (None, [[participant.email]])


def test_task_of_a_worker_killed_with_sigkill_runs_again_and_sends_once(sink, start_worker):
    participant = ParticipantFactory(email="person@example.org")
    sink.hold_at = "RCPT"  # the message is on its way, not yet handed over
    worker = start_worker()
    _mail(participant)
    _until(sink.held.is_set, "the message reaches the SMTP server")

    worker.send_signal(signal.SIGKILL)
    worker.wait()
    sink.release.set()
    stuck = DBTaskResult.objects.get().status
    reclaimed = tasks_reclaim(older_than=datetime.timedelta(0))
    start_worker()

    _until(lambda: DBTaskResult.objects.get().status == "SUCCESSFUL", "the task runs again")
    participant.refresh_from_db()
    assert (stuck, reclaimed, participant.email_status) == ("RUNNING", 1, "sent")
    assert sink.accepted == [["person@example.org"]]


def test_a_message_recorded_as_sent_leaves_no_task_to_take_again(settings, mailoutbox):
    """A worker that dies after the message's record and before writing the task's outcome itself."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _mail(ParticipantFactory())
    task = DBTaskResult.objects.get()
    task.claim("a-worker-that-dies")

    outcome = mail_deliver.call(TaskContext(task_result=task.task_result), *task.task_result.args)
    reclaimed = tasks_reclaim(older_than=datetime.timedelta(0))

    task.refresh_from_db()
    assert (outcome, reclaimed, task.status, task.return_value, len(mailoutbox)) == (
        "sent",
        0,
        "SUCCESSFUL",
        "sent",
        1,
    )


def test_reclaim_leaves_a_task_running_for_less_than_the_timeout(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_RUNNING_TIMEOUT = 300
    _mail(ParticipantFactory())
    DBTaskResult.objects.get().claim("a-busy-worker")

    reclaimed = tasks_reclaim()

    assert (reclaimed, DBTaskResult.objects.get().status) == (0, "RUNNING")
