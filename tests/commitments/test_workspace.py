from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import Commitment
from tests.factories import StaffFactory, UserFactory
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


def test_workspace_saves_the_group_report(client, group, leader):
    client.force_login(leader)

    client.post(
        _url(group, "commitments:workspace_report"),
        {
            "findings_lv": "Secinājums.",
            "findings_en": "",
            "solutions_lv": "Risinājums.",
            "solutions_en": "",
            "is_published": "on",
        },
    )

    report = GroupReport.objects.get(group=group)
    assert (report.findings_lv, report.is_published, report.updated_by) == ("Secinājums.", True, leader)


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
