"""Every way into the workspace, the report endpoints, the results screen, its remote and the exports, by role.

Roles: anonymous, a logged-in non-staff user, the leader of another group, this group's leader, an organiser.
The screen is also tried private and public, and with its secret link (right and forged).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import ResultsScreen
from consultation.services import organisers_group_sync
from tests.factories import (
    GroupReportFactory,
    StaffFactory,
    UserFactory,
    WorkingGroupFactory,
    report_post_data,
)
from workgroups.models import GroupReport

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "user", "other_leader", "leader", "organiser"]


@pytest.fixture
def setting(consultation, group):
    other = WorkingGroupFactory(consultation=consultation, number=2)
    users = {
        "user": UserFactory(username="plain"),
        "other_leader": StaffFactory(username="other-leader"),
        "leader": StaffFactory(username="leader"),
        "organiser": StaffFactory(username="organiser"),
    }
    other.leaders.add(users["other_leader"])
    group.leaders.add(users["leader"])
    users["organiser"].groups.add(organisers_group_sync())
    GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, version=1)
    screen = ResultsScreen.objects.create(consultation=consultation)
    return users, screen


def _login(client, setting, role):
    users, _screen = setting
    if role != "anonymous":
        client.force_login(users[role])


def _group_url(group, name):
    return reverse(name, kwargs={"slug": group.consultation.slug, "number": group.number})


WORKSPACE_EXPECTED = {"anonymous": 302, "user": 403, "other_leader": 403, "leader": 200, "organiser": 200}


@pytest.mark.parametrize("role", ROLES)
def test_workspace_page(client, group, setting, role):
    _login(client, setting, role)

    response = client.get(_group_url(group, "commitments:workspace"))

    assert response.status_code == WORKSPACE_EXPECTED[role]


SAVE_EXPECTED = {"anonymous": 302, "user": 403, "other_leader": 403, "leader": 302, "organiser": 302}


@pytest.mark.parametrize("role", ROLES)
def test_report_save(client, group, setting, role):
    _login(client, setting, role)

    response = client.post(
        _group_url(group, "commitments:workspace_report"), report_post_data(version=1, findings_lv="X")
    )

    assert response.status_code == SAVE_EXPECTED[role]
    assert (GroupReport.objects.get(group=group).findings_lv == "X") == (role in ("leader", "organiser"))


AUTOSAVE_EXPECTED = {"anonymous": 302, "user": 403, "other_leader": 403, "leader": 200, "organiser": 200}


@pytest.mark.parametrize("role", ROLES)
def test_report_autosave(client, group, setting, role):
    _login(client, setting, role)

    response = client.post(
        _group_url(group, "commitments:workspace_report_autosave"), report_post_data(version=1)
    )

    assert response.status_code == AUTOSAVE_EXPECTED[role]


ORGANISER_ONLY = {"anonymous": 302, "user": 403, "other_leader": 403, "leader": 403, "organiser": 302}


@pytest.mark.parametrize("role", ROLES)
def test_report_publish(client, group, setting, role):
    _login(client, setting, role)

    response = client.post(_group_url(group, "commitments:workspace_report_publish"), {"version": "1"})

    published = GroupReport.objects.get(group=group).status == GroupReport.Status.PUBLISHED
    assert (response.status_code, published) == (ORGANISER_ONLY[role], role == "organiser")


@pytest.mark.parametrize("role", ROLES)
def test_report_return(client, group, setting, role):
    _login(client, setting, role)

    response = client.post(
        _group_url(group, "commitments:workspace_report_return"), {"version": "1", "note": "N"}
    )

    returned = GroupReport.objects.get(group=group).status == GroupReport.Status.RETURNED
    assert (response.status_code, returned) == (ORGANISER_ONLY[role], role == "organiser")


def test_a_leader_posting_to_another_groups_report_is_refused_and_nothing_changes(client, group, setting):
    users, _screen = setting
    client.force_login(users["other_leader"])

    response = client.post(
        _group_url(group, "commitments:workspace_report"), report_post_data(version=1, findings_lv="X")
    )

    assert response.status_code == 403
    assert '<p class="lead permission-denied">Grupas darba vietu var atvērt tikai tās vadītāji.</p>' in (
        response.content.decode()
    )
    assert GroupReport.objects.get(group=group).findings_lv == "Valodas kursu trūkst."


def test_a_workspace_of_a_group_number_that_does_not_exist_is_not_found(client, group, setting):
    users, _screen = setting
    client.force_login(users["organiser"])

    response = client.get(
        reverse("commitments:workspace", kwargs={"slug": group.consultation.slug, "number": 99})
    )

    assert response.status_code == 404


def _slug_url(consultation, name, **query):
    url = reverse(name, kwargs={"slug": consultation.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


PRIVATE_SCREEN_EXPECTED = {
    "anonymous": 302,
    "user": 403,
    "other_leader": 200,
    "leader": 200,
    "organiser": 200,
}


@pytest.mark.parametrize(
    "name", ["commitments:results_screen", "commitments:results_live", "commitments:results_figures_csv"]
)
@pytest.mark.parametrize("role", ROLES)
def test_private_screen_and_its_exports_need_a_staff_login(client, consultation, setting, role, name):
    _login(client, setting, role)

    response = client.get(_slug_url(consultation, name))

    assert response.status_code == PRIVATE_SCREEN_EXPECTED[role]


@pytest.mark.parametrize(
    "name", ["commitments:results_screen", "commitments:results_live", "commitments:results_figures_csv"]
)
def test_private_screen_opens_with_its_secret_link(client, consultation, setting, name):
    _users, screen = setting

    response = client.get(_slug_url(consultation, name, key=screen.secret))

    assert response.status_code == 200


def test_private_screen_refuses_a_forged_secret(client, consultation, setting):
    _users, screen = setting
    client.force_login(UserFactory(username="guesser"))

    response = client.get(_slug_url(consultation, "commitments:results_screen", key=screen.secret[:-1] + "x"))

    assert response.status_code == 403


def test_anonymous_visitor_of_a_private_screen_is_sent_to_the_login(client, consultation, setting):
    response = client.get(_slug_url(consultation, "commitments:results_screen"))

    assert response["Location"] == reverse("admin:login") + "?next=" + _slug_url(
        consultation, "commitments:results_screen"
    )


@pytest.mark.parametrize("role", ROLES)
def test_public_screen_opens_for_everyone(client, consultation, setting, role):
    _users, screen = setting
    screen.is_public = True
    screen.save()
    _login(client, setting, role)

    response = client.get(_slug_url(consultation, "commitments:results_screen"))

    assert response.status_code == 200


REMOTE_EXPECTED = {"anonymous": 302, "user": 403, "other_leader": 403, "leader": 403, "organiser": 200}


@pytest.mark.parametrize("role", ROLES)
def test_remote_page(client, consultation, setting, role):
    _login(client, setting, role)

    response = client.get(_slug_url(consultation, "commitments:results_remote"))

    assert response.status_code == REMOTE_EXPECTED[role]


@pytest.mark.parametrize("role", ROLES)
def test_remote_step(client, consultation, setting, role):
    _login(client, setting, role)

    client.post(_slug_url(consultation, "commitments:results_remote"), {"move": "next"})

    assert ResultsScreen.objects.get(consultation=consultation).step == (1 if role == "organiser" else 0)


@pytest.mark.parametrize("role", ROLES)
def test_remote_cannot_make_the_screen_public_unless_organiser(client, consultation, setting, role):
    _login(client, setting, role)

    client.post(_slug_url(consultation, "commitments:results_remote"), {"public": "1"})

    assert ResultsScreen.objects.get(consultation=consultation).is_public == (role == "organiser")


def test_the_secret_link_does_not_open_the_remote(client, consultation, setting):
    _users, screen = setting

    response = client.post(
        _slug_url(consultation, "commitments:results_remote", key=screen.secret), {"move": "next"}
    )

    assert response.status_code == 302
    assert ResultsScreen.objects.get(consultation=consultation).step == 0
