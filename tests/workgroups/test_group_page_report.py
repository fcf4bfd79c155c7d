"""The group's public page shows its published report, in a fixed number of queries."""

from __future__ import annotations

import pytest

from tests.factories import GroupReportFactory, WorkingGroupFactory
from workgroups.models import GroupReport, ReportAction, ReportNeed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 10])
def test_group_page_with_a_published_report_runs_a_fixed_number_of_queries(
    client, group, django_assert_num_queries, rows
):
    report = GroupReportFactory(group=group, status=GroupReport.Status.PUBLISHED)
    for n in range(rows):
        area = WorkingGroupFactory(consultation=group.consultation, number=n + 2)
        ReportNeed.objects.create(report=report, area=area, text_lv=f"Vajadzība {n}", position=n)
        ReportAction.objects.create(report=report, owner=f"Biedrība {n}", action_lv="Darīt", position=n)

    with django_assert_num_queries(7):
        response = client.get(group.get_absolute_url())

    page = response.content.decode()
    assert page.count("<li>Vajadzība ") == rows
    assert page.count("<tr><td>Biedrība ") == rows


def test_a_need_changed_on_its_own_shows_on_the_next_view(client, group, django_capture_on_commit_callbacks):
    report = GroupReportFactory(group=group, status=GroupReport.Status.PUBLISHED)
    need = ReportNeed.objects.create(report=report, area=group, text_lv="Telpas")
    client.get(group.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        need.text_lv = "Telpas un tulki"
        need.save()

    assert "<li>Telpas un tulki " in client.get(group.get_absolute_url()).content.decode()


def test_an_action_added_on_its_own_shows_on_the_next_view(client, group, django_capture_on_commit_callbacks):
    report = GroupReportFactory(group=group, status=GroupReport.Status.PUBLISHED)
    client.get(group.get_absolute_url())

    with django_capture_on_commit_callbacks(execute=True):
        ReportAction.objects.create(report=report, owner="Biedrība “Tilts”", action_lv="Darīt")

    assert "<tr><td>Biedrība “Tilts”</td>" in client.get(group.get_absolute_url()).content.decode()
