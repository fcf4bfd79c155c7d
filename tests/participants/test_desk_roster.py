"""The offline desk's doors, its manifest and service worker, and the roster a device keeps."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from consultation.roles import DESK_GROUP
from consultation.services import organisers_group_sync
from registry.participants.models import Participant
from registry.participants.selectors_desk import ROSTER_FIELDS
from registry.participants.views import desk_app
from tests.factories import OrganisationFactory, StaffFactory, UserFactory

from .factories import ParticipantFactory


@pytest.fixture
def volunteer(db):
    user = StaffFactory(username="volunteer")
    user.groups.add(Group.objects.get_or_create(name=DESK_GROUP)[0])
    return user


@pytest.fixture
def organiser(db):
    user = StaffFactory(username="organiser")
    user.groups.add(organisers_group_sync())
    return user


def _url(consultation, name: str) -> str:
    return reverse(f"participants:{name}", kwargs={"slug": consultation.slug})


def _roster(client, consultation) -> dict:
    response = client.get(_url(consultation, "desk_roster"))
    assert response.status_code == 200
    return response.json()


def test_roster_rows_hold_exactly_the_minimum(client, volunteer, group):
    ParticipantFactory(
        consultation=group.consultation,
        group=group,
        phone="+371 20000000",
        needs_diet="vegetarian",
        organisation=OrganisationFactory(name_lv="Patvērums “Drošā māja”"),
    )
    client.force_login(volunteer)

    roster = _roster(client, group.consultation)

    assert [set(row) for row in roster["participants"]] == [set(ROSTER_FIELDS)]
    assert set(ROSTER_FIELDS) == {"id", "name", "organisation", "group", "code", "checked_in"}


def test_roster_holds_no_contact_needs_or_consents_anywhere(client, volunteer, group):
    participant = ParticipantFactory(
        consultation=group.consultation,
        group=group,
        email="anna.secret@example.org",
        phone="+371 29999999",
        position="Direktore",
        needs_accessibility="ratiņkrēsls",
        needs_diet="bez riekstiem",
        needs_other="tulks",
    )
    client.force_login(volunteer)

    body = client.get(_url(group.consultation, "desk_roster")).content.decode()

    for private in (
        "anna.secret",
        "29999999",
        "Direktore",
        "ratiņkrēsls",
        "bez riekstiem",
        "tulks",
        "consent",
    ):
        assert private not in body
    assert set(json.loads(body)) == {"generated_at", "clear_after", "groups", "participants"}
    assert json.loads(body)["participants"][0]["name"] == participant.full_name


def test_roster_row_values(client, volunteer, group):
    participant = ParticipantFactory(
        consultation=group.consultation,
        group=group,
        first_name="Jānis",
        last_name="Bērziņš",
        code="K7MR4P",
        organisation_name="Jauna biedrība",
    )
    client.force_login(volunteer)

    (row,) = _roster(client, group.consultation)["participants"]

    assert row == {
        "id": participant.pk,
        "name": "Jānis Bērziņš",
        "organisation": "Jauna biedrība",
        "group": 1,
        "code": "K7MR4P",
        "checked_in": False,
    }


def test_roster_lists_only_confirmed_people_of_this_consultation(client, volunteer, group):
    confirmed = ParticipantFactory(consultation=group.consultation, group=group)
    ParticipantFactory(consultation=group.consultation, group=group, status=Participant.Status.CANCELLED)
    ParticipantFactory(
        consultation=group.consultation, group=group, status=Participant.Status.WAITING, waiting_position=1
    )
    ParticipantFactory()  # another consultation
    client.force_login(volunteer)

    rows = _roster(client, group.consultation)["participants"]

    assert [row["id"] for row in rows] == [confirmed.pk]


def test_roster_tells_the_free_places_per_group(client, volunteer, group, other_group):
    ParticipantFactory(consultation=group.consultation, group=group)
    client.force_login(volunteer)

    groups = _roster(client, group.consultation)["groups"]

    assert [(row["number"], row["free"]) for row in groups] == [(1, 1), (2, 2)]


@pytest.mark.parametrize("people", [1, 30])
def test_roster_query_count_is_constant(client, volunteer, group, django_assert_num_queries, people):
    ParticipantFactory.create_batch(people, consultation=group.consultation, group=group)
    client.force_login(volunteer)

    # session, user, organiser?, the desk permission (user and group permissions), consultation, places,
    # groups, participants
    with django_assert_num_queries(9):
        response = client.get(_url(group.consultation, "desk_roster"))

    assert len(response.json()["participants"]) == people


def test_group_leader_roster_holds_only_their_group(client, group, other_group):
    mine = ParticipantFactory(consultation=group.consultation, group=group)
    ParticipantFactory(consultation=group.consultation, group=other_group)
    leader = StaffFactory()
    group.leaders.add(leader)
    client.force_login(leader)

    roster = _roster(client, group.consultation)

    assert [row["id"] for row in roster["participants"]] == [mine.pk]
    assert [row["number"] for row in roster["groups"]] == [1]


@pytest.mark.parametrize(
    "who", ["anonymous", "not staff", "staff without a role", "desk group but not staff"]
)
@pytest.mark.parametrize("door", ["desk_roster", "desk_sync"])
def test_desk_data_refuses_everyone_without_the_desk_role(client, group, who, door):
    if who == "not staff":
        client.force_login(UserFactory())
    elif who == "staff without a role":
        client.force_login(StaffFactory())
    elif who == "desk group but not staff":
        user = UserFactory()
        user.groups.add(Group.objects.get_or_create(name=DESK_GROUP)[0])
        client.force_login(user)
    url = _url(group.consultation, door)

    response = (
        client.get(url) if door == "desk_roster" else client.post(url, "{}", content_type="application/json")
    )

    assert response.status_code == 403
    assert response.json() == {"error": "Piesakieties ar reģistrācijas galda kontu, lai lietotu galdu."}


@pytest.mark.parametrize("who", ["volunteer", "organiser"])
def test_desk_page_opens_for_the_desk_role(client, group, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(_url(group.consultation, "desk"))

    assert response.status_code == 200
    assert response.context["consultation"] == group.consultation


def test_desk_page_links_its_manifest_and_status_line(client, volunteer, group):
    client.force_login(volunteer)

    html = client.get(_url(group.consultation, "desk")).content.decode()

    assert f'<link rel="manifest" href="{_url(group.consultation, "desk_manifest")}">' in html
    assert f'data-sw-url="{_url(group.consultation, "desk_service_worker")}"' in html


def test_manifest_makes_the_desk_an_installable_app(client, group):
    response = client.get(_url(group.consultation, "desk_manifest"))

    manifest = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert manifest["start_url"] == manifest["scope"] == _url(group.consultation, "desk")
    assert manifest["display"] == "standalone"
    assert [icon["sizes"] for icon in manifest["icons"]] == ["192x192", "512x512"]
    assert manifest["name"] == f"Reģistrācijas galds · {group.consultation.title}"


def test_service_worker_is_served_with_the_desk_as_its_scope(client, group):
    response = client.get(_url(group.consultation, "desk_service_worker"))

    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == _url(group.consultation, "desk")
    assert "no-cache" in response["Cache-Control"]
    first_line = response.content.decode().splitlines()[0]
    settings_line = json.loads(first_line.removeprefix("self.DESK = ").removesuffix(";"))
    assert settings_line["version"] == desk_app.desk_app_version()
    assert settings_line["page"] == _url(group.consultation, "desk")
    assert "/static/participants/desk-app.js" in settings_line["assets"]


def test_service_worker_version_changes_when_a_cached_file_changes(tmp_path, settings, monkeypatch):
    extra = tmp_path / "desk-extra.css"
    extra.write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, str(tmp_path)]
    monkeypatch.setattr(desk_app, "DESK_ASSETS", [*desk_app.DESK_ASSETS, "desk-extra.css"])
    from django.contrib.staticfiles import finders

    finders.get_finder.cache_clear()
    desk_app.desk_app_version.cache_clear()
    before = desk_app.desk_app_version()

    extra.write_text("body { color: navy; }")
    desk_app.desk_app_version.cache_clear()

    assert desk_app.desk_app_version() != before
    finders.get_finder.cache_clear()
    desk_app.desk_app_version.cache_clear()


def test_logout_from_the_desk_clears_the_site_data(client, volunteer, group):
    client.force_login(volunteer)

    response = client.post(_url(group.consultation, "desk_logout"))

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert response["Location"] == f"{reverse('admin:login')}?next={_url(group.consultation, 'desk')}"
    assert client.get(_url(group.consultation, "desk_roster")).status_code == 403


@pytest.mark.parametrize(
    "door",
    ["desk", "desk_results", "desk_counts", "desk_walk_in", "attendance_sheet", "badges", "desk_check_in"],
)
def test_staff_without_the_desk_role_cannot_open_any_desk_page(client, group, door):
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    client.force_login(StaffFactory())
    kwargs = {"slug": group.consultation.slug}
    if door in ("attendance_sheet", "badges"):
        kwargs["number"] = group.number
    if door == "desk_check_in":
        kwargs["pk"] = participant.pk
    url = reverse(f"participants:{door}", kwargs=kwargs)

    response = client.post(url) if door in ("desk_walk_in", "desk_check_in") else client.get(url)

    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.checked_in_at is None


@pytest.mark.parametrize("door", ["desk_manifest", "desk_service_worker"])
def test_the_apps_code_is_public_and_holds_no_personal_data(client, group, door):
    participant = ParticipantFactory(consultation=group.consultation, group=group, last_name="Neredzamā")

    body = client.get(_url(group.consultation, door)).content.decode()

    assert participant.last_name not in body
    assert participant.code not in body


def test_the_roster_is_kept_until_midnight_after_the_day_it_was_fetched():
    import datetime
    import zoneinfo

    from registry.participants.selectors_desk import roster_clear_after

    riga = zoneinfo.ZoneInfo("Europe/Riga")
    late_evening = datetime.datetime(2015, 10, 26, 23, 30, tzinfo=riga)

    assert roster_clear_after(now=late_evening) == datetime.datetime(2015, 10, 27, 0, 0, tzinfo=riga)
