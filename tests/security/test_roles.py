"""The three roles exist after migrate, each with exactly its permissions."""

from __future__ import annotations

from django.contrib.auth.models import Group

from consultation.roles import DESK_GROUP, GROUP_LEADERS_GROUP, ORGANISERS_GROUP


def _codenames(name: str) -> set[str]:
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_roles_are_created_by_the_migrations(db):
    assert set(Group.objects.values_list("name", flat=True)) == {
        ORGANISERS_GROUP,
        GROUP_LEADERS_GROUP,
        DESK_GROUP,
    }


def test_desk_role_holds_only_the_desk(db):
    assert _codenames(DESK_GROUP) == {"use_desk"}


def test_group_leaders_role_holds_their_groups_participants_and_reports(db):
    assert _codenames(GROUP_LEADERS_GROUP) == {
        "view_workinggroup",
        "change_workinggroup",
        "view_groupreport",
        "add_groupreport",
        "change_groupreport",
        "view_participant",
        "change_participant",
    }


def test_organisers_role_manages_staff_accounts_but_not_the_roles(db):
    codenames = _codenames(ORGANISERS_GROUP)

    assert {"add_user", "change_user", "view_user", "delete_user", "view_group"} <= codenames
    assert {"add_group", "change_group", "delete_group", "change_permission"} & codenames == set()
    assert {
        "use_desk",
        "add_participant",
        "delete_commitment",
        "view_dbtaskresult",
        "view_logentry",
    } <= codenames
    assert {"view_historicalparticipant", "view_historicaloffer", "view_historicalcommitment"} <= codenames
