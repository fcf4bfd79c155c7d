"""The desk's sync: every queued action applied exactly once, conflicts between desks resolved and told."""

from __future__ import annotations

import datetime
import threading
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from consultation.roles import DESK_GROUP
from registry.participants.models import DeskAction, Participant
from tests.factories import StaffFactory, WorkingGroupFactory

from .factories import ParticipantFactory


@pytest.fixture
def volunteer(db):
    user = StaffFactory(username="volunteer")
    user.groups.add(Group.objects.get_or_create(name=DESK_GROUP)[0])
    return user


@pytest.fixture
def desk(client, volunteer):
    client.force_login(volunteer)
    return client


def _sync(client, consultation, actions):
    return client.post(
        reverse("participants:desk_sync", kwargs={"slug": consultation.slug}),
        {"actions": actions},
        content_type="application/json",
    )


def _check_in(participant, kind="check_in", **extra) -> dict:
    return {"id": str(uuid.uuid4()), "kind": kind, "participant": participant.pk, **extra}


def _walk_in(group, **data) -> dict:
    fields = {
        "first_name": "Laura",
        "last_name": "Kļaviņa",
        "organisation_text": "Jauna biedrība",
        "sector": "ngo",
        "first_choice": str(group.pk),
        "email": "",
        "consent_data": "on",
    }
    return {"id": str(uuid.uuid4()), "kind": "walk_in", "data": {**fields, **data}}


def test_sync_checks_a_person_in(desk, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = _sync(desk, group.consultation, [action := _check_in(participant)])

    participant.refresh_from_db()
    assert participant.checked_in_at is not None
    assert response.json()["results"] == [
        {
            "id": action["id"],
            "outcome": "applied",
            "message": "",
            "participant": {
                "id": participant.pk,
                "name": participant.full_name,
                "organisation": participant.organisation_display,
                "group": 1,
                "code": participant.code,
                "checked_in": True,
            },
        }
    ]


def test_sync_keeps_the_time_the_desk_checked_in_offline(desk, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    at = timezone.now() - datetime.timedelta(minutes=20)

    _sync(desk, group.consultation, [_check_in(participant, at=at.isoformat())])

    participant.refresh_from_db()
    assert participant.checked_in_at == at


def test_sync_replaces_a_clock_from_the_future(desk, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    future = timezone.now() + datetime.timedelta(hours=3)

    _sync(desk, group.consultation, [_check_in(participant, at=future.isoformat())])

    participant.refresh_from_db()
    assert participant.checked_in_at < future - datetime.timedelta(hours=2)


def test_the_same_action_sent_twice_takes_effect_once(desk, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    check_in, undo = _check_in(participant), _check_in(participant, kind="undo")
    _sync(desk, group.consultation, [check_in, undo])

    # The reply was lost; the desk sends the same queue again.
    response = _sync(desk, group.consultation, [check_in, undo])

    participant.refresh_from_db()
    assert participant.checked_in_at is None
    assert [result["outcome"] for result in response.json()["results"]] == ["applied", "applied"]
    assert DeskAction.objects.count() == 2


def test_a_repeated_walk_in_registers_one_person(desk, group):
    action = _walk_in(group)

    _sync(desk, group.consultation, [action])
    _sync(desk, group.consultation, [action])

    walk_in = Participant.objects.get()
    assert (walk_in.full_name, walk_in.is_walk_in, walk_in.email) == ("Laura Kļaviņa", True, "")
    assert walk_in.checked_in_at is not None
    assert DeskAction.objects.get().participant == walk_in


def test_the_same_person_checked_in_at_two_desks_counts_once(desk, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    first_at = timezone.now() - datetime.timedelta(minutes=10)
    _sync(desk, group.consultation, [_check_in(participant, at=first_at.isoformat())])

    response = _sync(desk, group.consultation, [_check_in(participant)])

    (result,) = response.json()["results"]
    participant.refresh_from_db()
    assert participant.checked_in_at == first_at
    assert result["outcome"] == "already"
    expected_time = timezone.localtime(first_at).strftime("%H:%M")
    assert result["message"] == (
        f"{participant.full_name} ierašanās jau bija atzīmēta {expected_time} pie cita galda: "
        "ieskaitīta vienreiz."
    )
    counts = desk.get(reverse("participants:desk", kwargs={"slug": group.consultation.slug})).context[
        "totals"
    ]
    assert counts["arrived"] == 1


def test_undo_of_a_check_in_another_desk_undid_changes_nothing(desk, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    response = _sync(desk, group.consultation, [_check_in(participant, kind="undo")])

    assert response.json()["results"][0]["outcome"] == "already"
    participant.refresh_from_db()
    assert participant.checked_in_at is None


def test_a_walk_in_into_a_group_that_filled_up_goes_to_its_waiting_list(desk, group):
    ParticipantFactory.create_batch(2, consultation=group.consultation, group=group)  # capacity 2

    response = _sync(desk, group.consultation, [_walk_in(group)])

    (result,) = response.json()["results"]
    walk_in = Participant.objects.get(last_name="Kļaviņa")
    assert (walk_in.status, walk_in.waiting_position) == (Participant.Status.WAITING, 1)
    assert result["outcome"] == "waiting"
    assert result["participant"] is None
    assert result["message"] == (
        "1. grupa piepildījās, pirms šī reģistrācija uz vietas sasniedza serveri: "
        "Laura Kļaviņa ir tās gaidīšanas sarakstā ar nr. 1."
    )


def test_a_walk_in_with_an_e_mail_already_registered_is_refused_and_told(desk, group):
    ParticipantFactory(consultation=group.consultation, group=group, email="laura@example.org")

    response = _sync(desk, group.consultation, [_walk_in(group, email="Laura@example.org")])

    (result,) = response.json()["results"]
    assert (result["outcome"], result["message"]) == ("refused", "Šī e-pasta adrese jau ir reģistrēta.")
    assert Participant.objects.filter(last_name="Kļaviņa").count() == 0


def test_a_walk_in_without_consent_is_refused_with_the_reason(desk, group):
    response = _sync(desk, group.consultation, [_walk_in(group, consent_data="")])

    (result,) = response.json()["results"]
    assert result["outcome"] == "refused"
    assert result["message"] == "Reģistrācijai nepieciešama personas piekrišana datu apstrādei."


def test_a_check_in_outside_the_volunteers_reach_is_refused(client, group):
    other = WorkingGroupFactory(consultation=group.consultation, number=2)
    stranger = ParticipantFactory(consultation=group.consultation, group=other)
    leader = StaffFactory()
    group.leaders.add(leader)
    client.force_login(leader)

    response = _sync(client, group.consultation, [_check_in(stranger)])

    assert response.json()["results"][0]["outcome"] == "refused"
    stranger.refresh_from_db()
    assert stranger.checked_in_at is None


def test_actions_apply_in_the_order_the_desk_took_them(desk, group):
    participant = ParticipantFactory(consultation=group.consultation, group=group)

    _sync(
        desk,
        group.consultation,
        [_check_in(participant), _check_in(participant, kind="undo"), _check_in(participant)],
    )

    participant.refresh_from_db()
    assert participant.checked_in_at is not None


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"actions": "x"}',
        b'{"actions": [{"id": "nope", "kind": "check_in", "participant": 1}]}',
        b'{"actions": [{"id": "5f0c5c4e-4a0b-4b6c-9b1e-3b8f9d1e2a10", "kind": "explode", "participant": 1}]}',
        b'{"actions": [{"id": "5f0c5c4e-4a0b-4b6c-9b1e-3b8f9d1e2a10", "kind": "check_in", "participant": "1"}]}',
        b'{"actions": [{"id": "5f0c5c4e-4a0b-4b6c-9b1e-3b8f9d1e2a10", "kind": "walk_in", "data": []}]}',
        b"\xff\xfe",
    ],
)
def test_sync_answers_junk_with_a_clear_400(desk, group, body):
    response = desk.post(
        reverse("participants:desk_sync", kwargs={"slug": group.consultation.slug}),
        body,
        content_type="application/json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert DeskAction.objects.count() == 0


def test_sync_refuses_a_get(desk, group):
    response = desk.get(reverse("participants:desk_sync", kwargs={"slug": group.consultation.slug}))

    assert response.status_code == 405


@pytest.mark.django_db(transaction=True)
def test_the_same_action_delivered_concurrently_takes_effect_once():
    """Two deliveries of one walk-in at the same moment (a retry racing the original) register one person."""
    from registry.participants.services_desk import desk_action_apply
    from tests.factories import ConsultationFactory

    group = WorkingGroupFactory(consultation=ConsultationFactory(), capacity=5)
    user = StaffFactory()
    action = _walk_in(group)
    client_id = uuid.UUID(action["id"])
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def deliver():
        try:
            barrier.wait()
            result = desk_action_apply(
                consultation=group.consultation,
                participants=Participant.objects.none(),
                user=user,
                client_id=client_id,
                kind="walk_in",
                walk_in=action["data"],
            )
            outcomes.append((result.outcome, result.participant.pk))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Participant.objects.count() == 1
    assert outcomes == [("applied", Participant.objects.get().pk)] * 4
    assert DeskAction.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_desks_checking_in_the_same_person_concurrently_count_once():
    from registry.participants.services_desk import desk_action_apply
    from tests.factories import ConsultationFactory

    group = WorkingGroupFactory(consultation=ConsultationFactory(), capacity=5)
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    user = StaffFactory()
    barrier = threading.Barrier(6)
    outcomes = []

    def desk_checks_in():
        try:
            barrier.wait()
            result = desk_action_apply(
                consultation=group.consultation,
                participants=Participant.objects.filter(consultation=group.consultation),
                user=user,
                client_id=uuid.uuid4(),
                kind="check_in",
                participant_id=participant.pk,
            )
            outcomes.append(result.outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=desk_checks_in) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already"] * 5 + ["applied"]
    assert DeskAction.objects.filter(outcome="applied").count() == 1


def test_organisers_read_the_desks_actions_in_the_admin(client, desk, group, django_user_model):
    participant = ParticipantFactory(consultation=group.consultation, group=group, last_name="Ozola")
    _sync(desk, group.consultation, [_check_in(participant)])
    admin_user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin_user)

    response = client.get(reverse("admin:participants_deskaction_changelist"))

    assert response.status_code == 200
    assert [action.participant for action in response.context["cl"].result_list] == [participant]


def test_a_walk_in_with_an_e_mail_gets_the_confirmation(
    desk, group, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sync(desk, group.consultation, [_walk_in(group, email="laura@example.org")])

    walk_in = Participant.objects.get()
    assert (walk_in.email, walk_in.is_walk_in, walk_in.status) == ("laura@example.org", True, "confirmed")
    assert [message.to for message in mailoutbox] == [["laura@example.org"]]


def test_a_walk_in_without_an_e_mail_gets_no_message(
    desk, group, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sync(desk, group.consultation, [_walk_in(group)])

    assert Participant.objects.get().email == ""
    assert mailoutbox == []


def test_a_resent_undo_does_not_undo_a_later_check_in(group, volunteer):
    """The repetition runs again and fails on the action's unique id: all it did is rolled back."""
    from registry.participants.services_desk import desk_action_apply

    participant = ParticipantFactory(consultation=group.consultation, group=group)
    people = Participant.objects.filter(consultation=group.consultation)

    def apply(client_id, kind):
        return desk_action_apply(
            consultation=group.consultation,
            participants=people,
            user=volunteer,
            client_id=client_id,
            kind=kind,
            participant_id=participant.pk,
        )

    undo_id = uuid.uuid4()
    apply(uuid.uuid4(), "check_in")
    apply(undo_id, "undo")
    apply(uuid.uuid4(), "check_in")  # another desk, later

    resent = apply(undo_id, "undo")

    participant.refresh_from_db()
    assert (resent.outcome, resent.replayed) == ("applied", True)
    assert participant.checked_in_at is not None
    assert DeskAction.objects.count() == 3


def test_a_group_leader_cannot_register_a_walk_in_into_another_group(client, group):
    other = WorkingGroupFactory(consultation=group.consultation, number=2)
    leader = StaffFactory()
    group.leaders.add(leader)
    client.force_login(leader)

    response = _sync(client, group.consultation, [_walk_in(other)])

    (result,) = response.json()["results"]
    assert (result["outcome"], result["message"]) == (
        "refused",
        "Šis galds nevar reģistrēt cilvēkus uz vietas šajā grupā.",
    )
    assert Participant.objects.count() == 0
