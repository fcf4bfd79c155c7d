"""The results screen and its live part from the page cache: no query on a second view, every change on the
next one, and access exactly as without the cache (public, staff login or the secret link)."""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from commitments.models import ResultsScreen
from commitments.services import results_screen_move, results_screen_set_public
from consultation.models import Consultation
from registry.participants.models import DeskAction, Participant
from registry.participants.services_desk import desk_action_apply
from tests.factories import GroupReportFactory, StaffFactory, WorkingGroupFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupReport, ReportNeed

pytestmark = pytest.mark.django_db

SCREEN, LIVE = "commitments:results_screen", "commitments:results_live"


@pytest.fixture
def groups(consultation):
    first = WorkingGroupFactory(consultation=consultation, number=1, title_lv="Izglītība")
    second = WorkingGroupFactory(consultation=consultation, number=2, title_lv="Darbs")
    ParticipantFactory(consultation=consultation, group=first)
    return first, second


@pytest.fixture
def public_screen(consultation, groups):
    return ResultsScreen.objects.create(consultation=consultation, is_public=True)


@pytest.fixture
def private_screen(consultation, groups):
    return ResultsScreen.objects.create(consultation=consultation)


@pytest.fixture
def organiser():
    return StaffFactory(username="organiser", is_superuser=True)


def _url(consultation, name=SCREEN, **query):
    url = reverse(name, kwargs={"slug": consultation.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _login_url(path):
    return reverse("admin:login") + "?next=" + quote(path, safe="/")


# --- from the cache ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [SCREEN, LIVE])
def test_a_public_screens_second_view_runs_no_query_and_shows_the_same(
    client, consultation, public_screen, django_assert_num_queries, name
):
    first = client.get(_url(consultation, name))

    with django_assert_num_queries(0):
        again = client.get(_url(consultation, name))

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content


def test_a_screen_from_the_cache_is_never_kept_by_browsers_or_proxies(client, consultation, public_screen):
    client.get(_url(consultation))

    again = client.get(_url(consultation))

    assert again["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_viewing_the_screen_leaves_the_content_version_as_it_is(
    client, consultation, public_screen, django_capture_on_commit_callbacks
):
    before = Consultation.objects.get(pk=consultation.pk).content_version

    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url(consultation))
        client.get(_url(consultation, LIVE))

    assert Consultation.objects.get(pk=consultation.pk).content_version == before


def test_only_the_view_that_creates_the_screen_moves_the_content_version(
    client, consultation, groups, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser)  # a staff login renders every view: each one asks for the screen's row
    before = Consultation.objects.get(pk=consultation.pk).content_version

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.get(_url(consultation))

    assert Consultation.objects.get(pk=consultation.pk).content_version == before + 1


# --- every change on the next view -------------------------------------------------------------------------


@pytest.mark.parametrize("name", [SCREEN, LIVE])
def test_a_new_step_shows_on_the_next_view(
    client, consultation, public_screen, django_capture_on_commit_callbacks, name
):
    client.get(_url(consultation, name))

    with django_capture_on_commit_callbacks(execute=True):
        results_screen_move(consultation=consultation, move="next")

    assert 'data-step="1"' in client.get(_url(consultation, name)).content.decode()


@pytest.mark.parametrize("name", [SCREEN, LIVE])
def test_a_new_confirmed_participant_shows_on_the_next_view(
    client, consultation, groups, public_screen, django_capture_on_commit_callbacks, name
):
    client.get(_url(consultation, name))

    with django_capture_on_commit_callbacks(execute=True):
        ParticipantFactory(consultation=consultation, group=groups[1], status=Participant.Status.CONFIRMED)

    assert "<li><strong>2</strong> pieteikušies</li>" in client.get(_url(consultation, name)).content.decode()


def test_an_arrival_checked_in_at_the_desk_shows_on_the_next_view(
    client, consultation, groups, public_screen, organiser, django_capture_on_commit_callbacks
):
    participant = Participant.objects.get(consultation=consultation)
    client.get(_url(consultation, LIVE))

    with django_capture_on_commit_callbacks(execute=True):
        desk_action_apply(
            consultation=consultation,
            participants=Participant.objects.filter(consultation=consultation),
            user=organiser,
            client_id=uuid.uuid4(),
            kind=DeskAction.Kind.CHECK_IN,
            participant_id=participant.pk,
        )

    assert "<li><strong>1</strong> ieradušies</li>" in client.get(_url(consultation, LIVE)).content.decode()


@pytest.mark.parametrize("name", [SCREEN, LIVE])
def test_a_new_need_of_a_report_shows_on_the_next_view(
    client, consultation, groups, public_screen, django_capture_on_commit_callbacks, name
):
    report = GroupReportFactory(group=groups[0], status=GroupReport.Status.SUBMITTED)
    public_screen.step = 1
    public_screen.save()
    client.get(_url(consultation, name))

    with django_capture_on_commit_callbacks(execute=True):
        ReportNeed.objects.create(report=report, area=groups[1], text_lv="Telpas nodarbībām")

    page = client.get(_url(consultation, name)).content.decode()
    assert '<p class="need-text">Telpas nodarbībām</p>' in page


# --- access ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [SCREEN, LIVE])
def test_a_screen_made_private_sends_the_next_anonymous_visitor_to_the_login(
    client, consultation, public_screen, django_capture_on_commit_callbacks, name
):
    client.get(_url(consultation, name))

    with django_capture_on_commit_callbacks(execute=True):
        results_screen_set_public(consultation=consultation, is_public=False)
    response = client.get(_url(consultation, name))

    assert (response.status_code, response["Location"]) == (302, _login_url(_url(consultation, name)))


def test_a_screen_made_private_in_the_admin_sends_the_next_anonymous_visitor_to_the_login(
    client, consultation, public_screen, organiser, django_capture_on_commit_callbacks
):
    client.get(_url(consultation))
    admin = Client()
    admin.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            reverse("admin:commitments_resultsscreen_change", args=[public_screen.pk]),
            {"consultation": consultation.pk, "step": 0, "secret": public_screen.secret},
        )
    response = client.get(_url(consultation))

    assert (ResultsScreen.objects.get().is_public, response.status_code) == (False, 302)


@pytest.mark.parametrize("name", [SCREEN, LIVE])
def test_the_secret_link_opens_a_private_screen_from_the_cache(
    client, consultation, private_screen, django_assert_num_queries, name
):
    first = client.get(_url(consultation, name, key=private_screen.secret))

    with django_assert_num_queries(0):
        again = client.get(_url(consultation, name, key=private_screen.secret))

    assert (first.status_code, again.status_code, again.content) == (200, 200, first.content)


@pytest.mark.parametrize("name", [SCREEN, LIVE])
def test_a_page_stored_for_the_secret_link_is_never_served_without_it(
    client, consultation, private_screen, name
):
    client.get(_url(consultation, name, key=private_screen.secret))

    response = client.get(_url(consultation, name))

    assert (response.status_code, response["Location"]) == (302, _login_url(_url(consultation, name)))


def test_a_renewed_secret_link_stops_the_page_stored_for_the_old_one(
    client, consultation, private_screen, organiser, django_capture_on_commit_callbacks
):
    old = _url(consultation, key=private_screen.secret)
    client.get(old)
    admin = Client()
    admin.force_login(organiser)

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            reverse("admin:commitments_resultsscreen_changelist"),
            {"action": "renew_secrets", "_selected_action": [private_screen.pk]},
        )
    response = client.get(old)

    assert (response.status_code, response["Location"]) == (302, _login_url(old))


def test_a_private_screen_a_staff_member_opened_is_not_served_to_an_anonymous_visitor(
    client, consultation, private_screen, organiser
):
    staff = Client()
    staff.force_login(organiser)
    staff.get(_url(consultation))

    response = client.get(_url(consultation))

    assert (response.status_code, response["Location"]) == (302, _login_url(_url(consultation)))
