from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import Commitment
from consultation.services import group_leaders_group_sync
from tests.factories import StaffFactory, UserFactory, WorkingGroupFactory, report_post_data
from workgroups.models import GroupReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(group):
    user = StaffFactory()
    group.leaders.add(user)
    return user


def _url(group, name="commitments:workspace"):
    return reverse(name, kwargs={"slug": group.consultation.slug, "number": group.number})


def test_workspace_is_closed_to_someone_who_does_not_lead_the_group(client, group):
    client.force_login(UserFactory())

    response = client.get(_url(group))

    assert response.status_code == 403


def test_workspace_asks_an_anonymous_visitor_to_log_in(client, group):
    response = client.get(_url(group))

    assert response.status_code == 302


def test_workspace_saves_the_group_report_as_a_draft(client, group, leader):
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_report"),
        report_post_data(findings_lv="Secinājums.", solutions_lv="Risinājums."),
    )

    report = GroupReport.objects.get(group=group)
    assert response["Location"] == _url(group)
    assert (report.findings_lv, report.status, report.version, report.updated_by) == (
        "Secinājums.",
        GroupReport.Status.DRAFT,
        1,
        leader,
    )


def test_old_workspace_address_redirects_to_the_groups_own(client, group):
    response = client.get(_url(group, "commitments:old_workspace"))

    assert (response.status_code, response["Location"]) == (301, _url(group))


def test_workspace_records_a_commitment_on_behalf_of_an_organisation(client, group, leader, form_data):
    client.force_login(leader)

    response = client.post(_url(group, "commitments:workspace_commitment"), form_data)

    commitment = Commitment.objects.get()
    assert response.status_code == 302
    assert (commitment.recorded_by, commitment.status) == (leader, Commitment.Status.PROPOSED)


def test_workspace_refuses_a_commitment_with_missing_fields(client, group, leader):
    client.force_login(leader)

    response = client.post(_url(group, "commitments:workspace_commitment"), {"group": group.pk})

    assert response.status_code == 400
    assert "text" in response.context["commitment_form"].errors
    assert Commitment.objects.count() == 0


def test_leader_of_one_group_cannot_open_another_groups_workspace(client, group, leader):
    leader.groups.add(group_leaders_group_sync())
    other = WorkingGroupFactory(consultation=group.consultation, number=2)
    client.force_login(leader)

    response = client.get(_url(other))

    assert response.status_code == 403


def test_leader_cannot_record_a_commitment_into_another_group(client, group, leader, form_data):
    other = WorkingGroupFactory(consultation=group.consultation, number=2)
    client.force_login(leader)

    response = client.post(
        _url(group, "commitments:workspace_commitment"), {**form_data, "group": str(other.pk)}
    )

    assert "group" in response.context["commitment_form"].errors
    assert Commitment.objects.count() == 0


def test_public_form_with_an_odd_group_number_in_the_address_opens(client, consultation):
    response = client.get(reverse("commitments:new", kwargs={"slug": consultation.slug}), {"group": "²"})

    assert response.status_code == 200
