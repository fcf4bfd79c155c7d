"""Organisers create staff accounts and give them a role from the admin; nobody but a superuser makes a
superuser or touches one."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from consultation.roles import GROUP_LEADERS_GROUP
from tests.factories import UserFactory

User = get_user_model()


def _change_data(user, **overrides) -> dict:
    data = {
        "username": user.username,
        "first_name": "Inese",
        "last_name": "Vadītāja",
        "email": "inese@example.org",
        "is_active": "on",
        "is_staff": "on",
        "groups": [Group.objects.get(name=GROUP_LEADERS_GROUP).pk],
        "date_joined_0": "2015-10-01",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2015-10-01",
        "initial-date_joined_1": "09:00:00",
    }
    data.update(overrides)
    return data


def test_organiser_creates_a_group_leader_account(client, roles):
    client.force_login(roles.organiser)

    added = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "inese",
            "usable_password": "true",
            "password1": "a long pass phrase 2015",
            "password2": "a long pass phrase 2015",
        },
    )
    user = User.objects.get(username="inese")
    changed = client.post(reverse("admin:auth_user_change", args=[user.pk]), _change_data(user))

    user.refresh_from_db()
    assert (added.status_code, changed.status_code) == (302, 302)
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert list(user.groups.values_list("name", flat=True)) == [GROUP_LEADERS_GROUP]


def test_organiser_cannot_make_anyone_superuser(client, roles):
    client.force_login(roles.organiser)
    user = UserFactory(username="someone", is_staff=True)

    client.post(reverse("admin:auth_user_change", args=[user.pk]), _change_data(user, is_superuser="on"))

    user.refresh_from_db()
    assert user.is_superuser is False
    assert user.last_name == "Vadītāja"


def test_organiser_cannot_make_themselves_superuser(client, roles):
    client.force_login(roles.organiser)
    me = roles.organiser

    client.post(reverse("admin:auth_user_change", args=[me.pk]), _change_data(me, is_superuser="on"))

    me.refresh_from_db()
    assert me.is_superuser is False


def test_organiser_cannot_give_single_permissions(client, roles):
    client.force_login(roles.organiser)
    user = UserFactory(username="someone", is_staff=True)
    change_group = Permission.objects.get(codename="change_group")

    client.post(
        reverse("admin:auth_user_change", args=[user.pk]),
        _change_data(user, user_permissions=[change_group.pk]),
    )

    assert list(user.user_permissions.all()) == []


def test_superuser_accounts_are_out_of_an_organisers_reach(client, roles):
    client.force_login(roles.organiser)
    root = UserFactory(username="root", is_staff=True, is_superuser=True)

    listed = client.get(reverse("admin:auth_user_changelist"))
    change = client.get(reverse("admin:auth_user_change", args=[root.pk]))
    password = client.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"password1": "taken over 2015 x", "password2": "taken over 2015 x"},
    )

    assert root not in listed.context["cl"].result_list
    assert change["Location"] == reverse("admin:index")
    assert password.status_code == 404
    root.refresh_from_db()
    assert root.check_password("taken over 2015 x") is False


def test_roles_are_read_only_to_organisers(client, roles):
    client.force_login(roles.organiser)
    group = Group.objects.get(name=GROUP_LEADERS_GROUP)

    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": "Everyone", "permissions": []}
    )

    assert response.status_code == 403
    group.refresh_from_db()
    assert group.name == GROUP_LEADERS_GROUP
