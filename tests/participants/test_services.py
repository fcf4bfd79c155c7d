from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from registry.participants import services
from registry.participants.models import CODE_ALPHABET, Participant
from registry.participants.services import RegistrationData
from tests.factories import ConsultationFactory, WorkingGroupFactory

from .factories import ParticipantFactory


def _data(group, email="anna@example.org", second=None, **extra) -> RegistrationData:
    return RegistrationData(
        first_name="Anna",
        last_name="Bērziņa",
        email=email,
        sector="ngo",
        first_choice=group,
        second_choice=second,
        consent_data=True,
        **extra,
    )


def _register(consultation, group, email, **kwargs) -> Participant:
    return services.registration_create(consultation=consultation, data=_data(group, email, **kwargs))


def test_registration_create_confirms_when_the_group_has_room(consultation, group):
    participant = _register(consultation, group, "a@example.org")

    assert (participant.status, participant.group, participant.waiting_position) == ("confirmed", group, None)


def test_registration_create_gives_an_unambiguous_code(consultation, group):
    participant = _register(consultation, group, "a@example.org")

    assert len(participant.code) == 6
    assert set(participant.code) <= set(CODE_ALPHABET)
    assert not set("0O1IL2Z5S8B6G") & set(CODE_ALPHABET)


def test_registration_create_puts_on_the_waiting_list_when_full(consultation, group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group)

    first = _register(consultation, group, "a@example.org")
    second = _register(consultation, group, "b@example.org")

    assert [(p.status, p.waiting_position) for p in (first, second)] == [("waiting", 1), ("waiting", 2)]


def test_registration_create_uses_the_second_choice_when_the_first_is_full(consultation, group, other_group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group)

    participant = _register(consultation, group, "a@example.org", second=other_group)

    assert (participant.status, participant.group) == ("confirmed", other_group)


def test_registration_create_respects_the_event_total_capacity(group, other_group):
    consultation = group.consultation
    consultation.capacity = 1
    consultation.save()
    _register(consultation, group, "a@example.org")

    participant = _register(consultation, other_group, "b@example.org")

    assert (participant.status, participant.group, participant.waiting_position) == (
        "waiting",
        other_group,
        1,
    )


def test_registration_create_refuses_the_same_email_twice(consultation, group):
    _register(consultation, group, "Anna@Example.org")

    with pytest.raises(services.AlreadyRegistered):
        _register(consultation, group, "anna@example.ORG")


def test_registration_create_allows_the_same_email_at_another_consultation(consultation, group):
    _register(consultation, group, "a@example.org")
    elsewhere = WorkingGroupFactory(consultation=ConsultationFactory())

    participant = _register(elsewhere.consultation, elsewhere, "a@example.org")

    assert participant.consultation == elsewhere.consultation


def test_registration_create_returns_the_first_for_a_repeated_submission(consultation, group):
    token = uuid.uuid4()
    first = services.registration_create(consultation=consultation, data=_data(group), submission_token=token)

    again = services.registration_create(consultation=consultation, data=_data(group), submission_token=token)

    assert again.pk == first.pk
    assert Participant.objects.count() == 1


def test_registration_create_refuses_when_registration_is_closed(group):
    consultation = group.consultation
    consultation.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    consultation.save()

    with pytest.raises(services.RegistrationClosed):
        _register(consultation, group, "a@example.org")


def test_registration_create_refuses_before_registration_opens(group):
    consultation = group.consultation
    consultation.registration_opens_at = timezone.now() + datetime.timedelta(days=1)
    consultation.save()

    with pytest.raises(services.RegistrationClosed):
        _register(consultation, group, "a@example.org")


def test_registration_cancel_promotes_the_first_waiting(
    consultation, group, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = ParticipantFactory(consultation=consultation, group=group)
    ParticipantFactory(consultation=consultation, group=group)
    first = _register(consultation, group, "first@example.org")
    second = _register(consultation, group, "second@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(participant=confirmed)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.waiting_position) == ("confirmed", None)
    assert (second.status, second.waiting_position) == ("waiting", 1)
    assert sorted(message.to[0] for message in mailoutbox) == sorted([confirmed.email, "first@example.org"])


def test_registration_cancel_of_a_waiting_person_closes_the_gap(consultation, group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group)
    first = _register(consultation, group, "first@example.org")
    second = _register(consultation, group, "second@example.org")
    third = _register(consultation, group, "third@example.org")

    services.registration_cancel(participant=second)

    positions = [
        p.waiting_position for p in Participant.objects.filter(pk__in=[first.pk, third.pk]).order_by("pk")
    ]
    assert positions == [1, 2]


def test_registration_cancel_frees_the_email_for_a_new_registration(consultation, group):
    participant = _register(consultation, group, "a@example.org")
    services.registration_cancel(participant=participant)

    again = _register(consultation, group, "a@example.org")

    assert again.status == "confirmed"


def test_registration_update_moves_to_a_group_with_room(consultation, group, other_group):
    participant = _register(consultation, group, "a@example.org")

    services.registration_update(participant=participant, data=_data(other_group))

    participant.refresh_from_db()
    assert (participant.group, participant.status) == (other_group, "confirmed")


def test_registration_update_keeps_the_place_when_the_new_group_is_full(consultation, group, other_group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=other_group)
    participant = _register(consultation, group, "a@example.org")

    with pytest.raises(services.GroupFull):
        services.registration_update(participant=participant, data=_data(other_group))

    participant.refresh_from_db()
    assert (participant.group, participant.status) == (group, "confirmed")


def test_registration_update_frees_the_old_place_for_the_waiting(consultation, group, other_group):
    leaving = ParticipantFactory(consultation=consultation, group=group)
    ParticipantFactory(consultation=consultation, group=group)
    waiting = _register(consultation, group, "w@example.org")

    services.registration_update(participant=leaving, data=_data(other_group, email=leaving.email))

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_registration_confirm_refuses_when_the_group_is_full(consultation, group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group)
    waiting = _register(consultation, group, "w@example.org")

    with pytest.raises(services.GroupFull):
        services.registration_confirm(participant=waiting)


def test_waiting_lists_promote_fills_a_raised_capacity(consultation, group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group)
    waiting = _register(consultation, group, "w@example.org")
    group.capacity = 3
    group.save()

    promoted = services.waiting_lists_promote(consultation=consultation)

    assert [p.pk for p in promoted] == [waiting.pk]


def test_registration_move_puts_a_person_in_another_group(consultation, group, other_group):
    participant = _register(consultation, group, "a@example.org")

    services.registration_move(participant=participant, group=other_group)

    participant.refresh_from_db()
    assert participant.group == other_group


def test_walk_in_is_checked_in_at_once(consultation, group):
    participant = services.registration_create(
        consultation=consultation, data=_data(group, email=""), walk_in=True
    )

    assert participant.is_walk_in and participant.checked_in_at is not None


def test_walk_in_is_refused_when_the_group_is_full(consultation, group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group)

    with pytest.raises(services.GroupFull):
        services.registration_create(consultation=consultation, data=_data(group, email=""), walk_in=True)


def test_walk_ins_without_email_do_not_collide(consultation, group):
    services.registration_create(consultation=consultation, data=_data(group, email=""), walk_in=True)

    second = services.registration_create(
        consultation=consultation, data=_data(group, email=""), walk_in=True
    )

    assert second.status == "confirmed"


def test_participant_check_in_undo_clears_the_time(consultation, group):
    participant = ParticipantFactory(consultation=consultation, group=group)
    services.participant_check_in(participant=participant)

    services.participant_check_in(participant=participant, undo=True)

    assert participant.checked_in_at is None


def test_registration_cancel_of_the_first_waiting_moves_everyone_up_in_order(consultation, group):
    ParticipantFactory.create_batch(2, consultation=consultation, group=group)
    waiting = [_register(consultation, group, f"w{n}@example.org") for n in range(5)]

    services.registration_cancel(participant=waiting[0])

    rows = Participant.objects.waiting().order_by("waiting_position").values_list("email", "waiting_position")
    assert list(rows) == [(f"w{n}@example.org", n) for n in range(1, 5)]


def test_registration_cancel_with_event_capacity_promotes_the_longest_waiting(group, other_group):
    consultation = group.consultation
    consultation.capacity = 2
    consultation.save()
    leaving = _register(consultation, group, "a@example.org")
    _register(consultation, other_group, "b@example.org")
    first_waiting = _register(consultation, other_group, "w1@example.org")
    second_waiting = _register(consultation, group, "w2@example.org")

    services.registration_cancel(participant=leaving)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, second_waiting.status) == ("confirmed", "waiting")
    assert Participant.objects.confirmed().count() == 2


def test_registration_cancel_confirms_it_by_email(
    consultation, group, mailoutbox, django_capture_on_commit_callbacks
):
    participant = _register(consultation, group, "a@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(participant=participant)

    (message,) = mailoutbox
    assert "atcelta" in message.subject


def test_participants_purge_keeps_what_the_privacy_page_promises(db, settings):
    settings.REGISTRATION_KEEP_NEEDS_DAYS, settings.REGISTRATION_KEEP_DATA_DAYS = 30, 365
    now = timezone.now()
    recent = ConsultationFactory(
        starts_at=now - datetime.timedelta(days=41), ends_at=now - datetime.timedelta(days=40)
    )
    old = ConsultationFactory(
        starts_at=now - datetime.timedelta(days=401), ends_at=now - datetime.timedelta(days=400)
    )
    kept = ParticipantFactory(consultation=recent, needs_diet="vegetarian")
    ParticipantFactory(consultation=old)

    cleared, deleted = services.participants_purge(now=now)

    kept.refresh_from_db()
    assert (cleared, deleted, kept.needs_diet) == (1, 1, "")
    assert list(Participant.objects.all()) == [kept]


def test_walk_in_without_email_queues_no_message(
    consultation, group, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant = services.registration_create(
            consultation=consultation, data=_data(group, email=""), walk_in=True
        )

    participant.refresh_from_db()
    assert (mailoutbox, participant.email_attempts) == ([], 0)
