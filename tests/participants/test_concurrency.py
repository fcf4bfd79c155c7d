"""Concurrent registrations for the last places, on the real PostgreSQL, each thread with its own connection.

The control test replaces the lock with a bare transaction and lets the first registrations all read the free
places before any of them writes: it must overbook, which shows that the main test would catch a missing lock.
"""

from __future__ import annotations

import contextlib
import itertools
import threading

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from consultation.protection import STARTED_FIELD, form_started_token
from registry.participants import places, services
from registry.participants.models import Participant
from tests.factories import ConsultationFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db(transaction=True)

REGISTRATIONS = 100
PLACES = 10


def _free_connections() -> int:
    """How many connections the server can still give, keeping a few for everyone else on it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - (SELECT count(*) FROM pg_stat_activity)"
        )
        return cursor.fetchone()[0] - 8


def _register_concurrently(count: int) -> tuple[list[Participant], list[Exception]]:
    consultation = ConsultationFactory()
    group = WorkingGroupFactory(consultation=consultation, capacity=PLACES)
    # All threads start together; at most as many hold a connection at once as the server allows
    # (100 on a stock PostgreSQL, shared with other test runs).
    at_once = max(min(count, _free_connections()), PLACES + 1)
    gate = threading.Semaphore(at_once)
    ready = threading.Semaphore(0)
    go = threading.Event()
    errors: list[Exception] = []

    def register(number: int) -> None:
        with gate:
            try:
                ready.release()
                go.wait()
                services.registration_create(
                    consultation=consultation,
                    data=services.RegistrationData(
                        first_name="Person",
                        last_name=str(number),
                        email=f"person{number}@example.org",
                        sector="ngo",
                        first_choice=group,
                        consent_data=True,
                    ),
                )
            except Exception as error:  # noqa: BLE001 - every failure is a finding
                errors.append(error)
            finally:
                connections.close_all()

    threads = [threading.Thread(target=register, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for _ in range(at_once):
        ready.acquire(timeout=10)
    go.set()
    for thread in threads:
        thread.join()
    return list(Participant.objects.filter(group=group)), errors


def test_concurrent_registrations_never_overbook(settings):
    # All clients share this process's GIL on a small machine, so the lock holder may wait for its turn to
    # run Python; a server's worker processes do not. A generous timeout keeps this test about correctness.
    settings.REGISTRATION_LOCK_TIMEOUT_MS = 30_000
    participants, errors = _register_concurrently(REGISTRATIONS)

    confirmed = [p for p in participants if p.status == Participant.Status.CONFIRMED]
    positions = sorted(p.waiting_position for p in participants if p.status == Participant.Status.WAITING)
    assert errors == []
    assert len(participants) == REGISTRATIONS
    assert len(confirmed) == PLACES
    assert positions == list(range(1, REGISTRATIONS - PLACES + 1))


def test_concurrent_registrations_overbook_without_the_lock(monkeypatch):
    readers = threading.Barrier(PLACES + 1)
    arrivals = itertools.count()
    arrivals_lock = threading.Lock()

    @contextlib.contextmanager
    def transaction_without_the_lock(consultation):
        with transaction.atomic():
            yield

    class PlacesReadTogether(places.Places):
        """The first PLACES + 1 registrations each read the free places, then wait until all of them have."""

        def __init__(self, consultation) -> None:
            super().__init__(consultation)
            with arrivals_lock:
                arrival = next(arrivals)
            if arrival <= PLACES:
                readers.wait(timeout=30)

    monkeypatch.setattr(services, "places_lock", transaction_without_the_lock)
    monkeypatch.setattr(services, "Places", PlacesReadTogether)

    participants, _errors = _register_concurrently(REGISTRATIONS)

    confirmed = [p for p in participants if p.status == Participant.Status.CONFIRMED]
    assert len(confirmed) > PLACES


@contextlib.contextmanager
def _lock_held_by_another_connection(consultation):
    """Hold the consultation's places lock in another thread (its own connection) while the block runs."""
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        with places.places_lock(consultation):
            holding.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    holding.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


def test_registration_waiting_too_long_for_the_lock_asks_to_try_again(settings):
    settings.REGISTRATION_LOCK_TIMEOUT_MS = 100
    consultation = ConsultationFactory()
    group = WorkingGroupFactory(consultation=consultation)
    with _lock_held_by_another_connection(consultation):
        with pytest.raises(services.RegistrationBusy):
            services.registration_create(
                consultation=consultation,
                data=services.RegistrationData(
                    first_name="A", last_name="B", email="a@example.org", sector="ngo", first_choice=group
                ),
            )
    assert Participant.objects.count() == 0


def test_concurrent_cancellations_and_registrations_keep_the_lists_sound(settings):
    settings.REGISTRATION_LOCK_TIMEOUT_MS = 30_000
    consultation = ConsultationFactory()
    group = WorkingGroupFactory(consultation=consultation, capacity=PLACES)
    first = [
        services.registration_create(
            consultation=consultation,
            data=services.RegistrationData(
                first_name="Early",
                last_name=str(n),
                email=f"early{n}@example.org",
                sector="ngo",
                first_choice=group,
            ),
        )
        for n in range(20)
    ]
    errors: list[Exception] = []
    go = threading.Event()

    def act(job) -> None:
        go.wait()
        try:
            job()
        except Exception as error:  # noqa: BLE001 - every failure is a finding
            errors.append(error)
        finally:
            connections.close_all()

    jobs = [lambda p=p: services.registration_cancel(participant=p) for p in first[:5] + first[12:17]]
    jobs += [
        lambda n=n: services.registration_create(
            consultation=consultation,
            data=services.RegistrationData(
                first_name="Late",
                last_name=str(n),
                email=f"late{n}@example.org",
                sector="ngo",
                first_choice=group,
            ),
        )
        for n in range(20)
    ]
    threads = [threading.Thread(target=act, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    go.set()
    for thread in threads:
        thread.join()

    active = Participant.objects.filter(group=group).active()
    positions = sorted(p.waiting_position for p in active if p.status == Participant.Status.WAITING)
    assert errors == []
    assert active.confirmed().count() == PLACES
    assert positions == list(range(1, active.count() - PLACES + 1))
    assert active.count() == 30


def test_register_form_while_the_lock_is_held_keeps_what_was_typed(client, settings):
    settings.REGISTRATION_LOCK_TIMEOUT_MS = 100
    consultation = ConsultationFactory()
    group = WorkingGroupFactory(consultation=consultation)
    with _lock_held_by_another_connection(consultation):
        response = client.post(
            reverse("participants:register", kwargs={"slug": consultation.slug}),
            {
                "first_name": "Anna",
                "last_name": "Liepa",
                "email": "anna@example.org",
                "sector": "ngo",
                "first_choice": group.pk,
                "consent_data": "on",
                STARTED_FIELD: form_started_token(seconds_ago=30),
            },
        )
    assert response.status_code == 503
    assert "mēģiniet vēlreiz" in response.content.decode()
    assert response.context["form"]["first_name"].value() == "Anna"
    assert Participant.objects.count() == 0


def test_register_form_refused_while_the_lock_was_held_is_taken_when_sent_again(client, settings):
    settings.REGISTRATION_LOCK_TIMEOUT_MS = 100
    consultation = ConsultationFactory()
    group = WorkingGroupFactory(consultation=consultation)
    url = reverse("participants:register", kwargs={"slug": consultation.slug})
    form = {
        "first_name": "Anna",
        "last_name": "Liepa",
        "email": "anna@example.org",
        "sector": "ngo",
        "first_choice": group.pk,
        "consent_data": "on",
        STARTED_FIELD: form_started_token(seconds_ago=30),
    }
    with _lock_held_by_another_connection(consultation):
        busy = client.post(url, form)

    again = client.post(url, form)

    assert (busy.status_code, again.status_code) == (503, 302)
    assert Participant.objects.count() == 1
