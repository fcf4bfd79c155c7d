"""A group leader reaches their own group by every route; the desk reaches every group at the desk only;
a staff account with no role reaches nothing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from registry.participants.models import Participant
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupReport


def _desk(world, name="participants:desk", **kwargs) -> str:
    return reverse(name, kwargs={"slug": world.consultation.slug, **kwargs})


def _walk_in(group) -> dict:
    return {
        "first_name": "Ilze",
        "last_name": "Kalniņa",
        "organisation_text": "",
        "sector": "resident",
        "first_choice": group.pk,
        "email": "",
        "consent_data": "on",
    }


def _walk_ins() -> list[tuple[str, int]]:
    return list(Participant.objects.filter(is_walk_in=True).values_list("last_name", "group__number"))


def test_leader_walk_in_into_another_group_is_refused(client, roles, world):
    client.force_login(roles.leader)

    response = client.post(_desk(world, "participants:desk_walk_in"), _walk_in(world.other_group))

    assert response.status_code == 400
    assert response.context["walk_in_form"].errors["first_choice"] == [
        "Lūdzu, izvēlieties vienu no darba grupām."
    ]
    assert _walk_ins() == []


def test_leader_walk_in_into_own_group_is_registered(client, roles, world):
    client.force_login(roles.leader)

    response = client.post(_desk(world, "participants:desk_walk_in"), _walk_in(world.own_group))

    assert response.status_code == 302
    assert _walk_ins() == [("Kalniņa", 1)]


def test_leader_walk_in_form_offers_only_own_group(client, roles, world):
    client.force_login(roles.leader)

    response = client.get(_desk(world))

    choices = [
        label for value, label in response.context["walk_in_form"].fields["first_choice"].choices if value
    ]
    assert choices == [f"1. {world.own_group.title}"]


def test_desk_volunteer_walk_in_into_any_group(client, roles, world):
    client.force_login(roles.desk)

    response = client.post(_desk(world, "participants:desk_walk_in"), _walk_in(world.other_group))

    assert response.status_code == 302
    assert _walk_ins() == [("Kalniņa", 2)]


def test_desk_volunteer_finds_and_checks_in_anyone(client, roles, world):
    client.force_login(roles.desk)
    person = world.records[Participant]["other"]

    found = client.get(_desk(world, "participants:desk_results"), {"q": person.last_name})
    checked = client.post(_desk(world, "participants:desk_check_in", pk=person.pk))

    assert found.context["results"] == [person]
    assert checked.status_code == 302
    person.refresh_from_db()
    assert person.is_checked_in is True


def test_leader_cannot_check_in_another_group(client, roles, world):
    client.force_login(roles.leader)
    person = world.records[Participant]["other"]

    response = client.post(_desk(world, "participants:desk_check_in", pk=person.pk))

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.is_checked_in is False


def test_leader_search_finds_only_own_group(client, roles, world):
    client.force_login(roles.leader)
    own, other = world.records[Participant]["own"], world.records[Participant]["other"]

    response = client.get(_desk(world, "participants:desk_results"), {"q": "Bērziņa"})

    assert response.context["results"] == [own]
    assert other not in response.context["results"]


@pytest.mark.parametrize(
    ("name", "kwargs", "method"),
    [
        ("participants:desk", {}, "get"),
        ("participants:desk_results", {}, "get"),
        ("participants:desk_counts", {}, "get"),
        ("participants:desk_walk_in", {}, "post"),
        ("participants:desk_check_in", {"pk": 0}, "post"),
        ("participants:attendance_sheet", {"number": 2}, "get"),
        ("participants:badges", {"number": 2}, "get"),
    ],
)
def test_staff_without_a_role_reaches_no_desk_page(client, roles, world, name, kwargs, method):
    client.force_login(roles.bare_staff)
    if "pk" in kwargs:
        kwargs = {"pk": world.records[Participant]["other"].pk}

    response = getattr(client, method)(_desk(world, name, **kwargs), _walk_in(world.other_group))

    assert response.status_code == 403
    assert _walk_ins() == []


@pytest.mark.parametrize("name", ["participants:attendance_sheet", "participants:badges"])
def test_leader_prints_only_own_group(client, roles, world, name):
    client.force_login(roles.leader)

    own = client.get(_desk(world, name, number=1))
    other = client.get(_desk(world, name, number=2))

    assert (own.status_code, own["Content-Type"], other.status_code) == (200, "application/pdf", 404)


def test_leader_cannot_import_participants_with_another_groups_number(client, roles, world):
    client.force_login(roles.leader)
    content = "consultation,first_name,last_name,email,organisation,sector,group,consent_data\n"
    content += f"{world.consultation.slug},Anna,Importa,anna@example.org,,ngo,2,1\n"
    upload = io.BytesIO(content.encode())
    upload.name = "people.csv"

    response = client.post(
        reverse("admin:participants_participant_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )

    assert response.status_code == 403
    assert Participant.objects.filter(last_name="Importa").count() == 0


def test_leader_cannot_move_people_into_another_group(client, roles, world):
    client.force_login(roles.leader)
    own = world.records[Participant]["own"]

    client.post(
        reverse("admin:participants_participant_changelist"),
        {"action": "move_to_group", "_selected_action": [own.pk], "group": world.other_group.pk},
    )

    own.refresh_from_db()
    assert own.group_id == world.own_group.pk


def test_leader_cannot_change_another_groups_participant(client, roles, world):
    client.force_login(roles.leader)
    other = world.records[Participant]["other"]

    response = client.post(
        reverse("admin:participants_participant_change", args=[other.pk]),
        {
            "first_name": "Changed",
            "last_name": "X",
            "email": "x@example.org",
            "sector": "ngo",
            "language": "lv",
        },
    )

    assert response["Location"] == reverse("admin:index")
    other.refresh_from_db()
    assert other.first_name != "Changed"


def test_leader_cannot_write_another_groups_report(client, roles, world):
    client.force_login(roles.leader)
    GroupReport.objects.filter(group=world.other_group).delete()

    response = client.post(reverse("admin:workgroups_groupreport_add"), {"group": world.other_group.pk})

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["group"]
    assert GroupReport.objects.filter(group=world.other_group).exists() is False


def test_leader_export_holds_only_own_group(client, roles, world):
    client.force_login(roles.leader)
    ParticipantFactory(consultation=world.consultation, group=world.other_group, last_name="Svešā")

    response = client.post(
        reverse("admin:participants_participant_export"),
        {
            "format": "0",
            "resource": "0",
            "participantresource_last_name": "on",
            "participantresource_email": "on",
        },
    )

    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert world.records[Participant]["own"].email in text
    assert "Svešā" not in text
    assert world.records[Participant]["other"].email not in text
