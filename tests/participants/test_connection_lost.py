"""The database drops the connection right after a registration commits: the person still sees it done.

The connection is killed for real (``pg_terminate_backend`` from a second connection) between the
registration's commit and the rest of the request.
"""

from __future__ import annotations

import uuid

import pytest
from django.db import close_old_connections
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from consultation import mail
from consultation.protection import STARTED_FIELD, form_started_token
from registry.participants.models import Participant
from registry.participants.views import registration
from tests.connections import own_connection_terminate

pytestmark = pytest.mark.django_db(transaction=True)


def _register(client, group):
    response = client.post(
        reverse("participants:register", kwargs={"slug": group.consultation.slug}),
        {
            "first_name": "Anna",
            "last_name": "Bērziņa",
            "email": "anna@example.org",
            "sector": "ngo",
            "first_choice": group.pk,
            "consent_data": "on",
            "website": "",
            "submission_token": str(uuid.uuid4()),
            STARTED_FIELD: form_started_token(seconds_ago=30),
        },
    )
    close_old_connections()  # what the end of every request does outside the test client
    return response


def test_connection_lost_after_the_commit_shows_the_registration_done_with_its_mail_queued(
    client, group, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    create = registration.registration_create

    def create_then_lose_the_connection(**kwargs):
        participant = create(**kwargs)
        own_connection_terminate()
        return participant

    monkeypatch.setattr(registration, "registration_create", create_then_lose_the_connection)

    response = _register(client, group)

    participant = Participant.objects.get()
    task = DBTaskResult.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "participants:registration_done", kwargs={"slug": group.consultation.slug}
    )
    assert (participant.email_status, task.status, task.args_kwargs["args"][:2]) == (
        "pending",
        "READY",
        ["participants.Participant", participant.pk],
    )


def test_connection_lost_before_an_in_process_queue_takes_the_mail_records_it_on_a_new_one(
    client, group, monkeypatch
):
    enqueue = mail._enqueue

    def lose_the_connection_then_enqueue(*args):
        own_connection_terminate()
        enqueue(*args)

    monkeypatch.setattr(mail, "_enqueue", lose_the_connection_then_enqueue)

    response = _register(client, group)

    assert (response.status_code, Participant.objects.get().email_status) == (302, "failed")
