"""The reports and the results screen in the organisers' back office."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import ResultsScreen
from consultation.services import group_leaders_group_sync
from tests.factories import GroupReportFactory, StaffFactory, WorkingGroupFactory
from workgroups.models import GroupReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return StaffFactory(username="organiser", is_superuser=True)


def test_publish_action_publishes_submitted_reports_and_skips_drafts(client, group, consultation, organiser):
    submitted = GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, version=2)
    draft = GroupReportFactory(group=WorkingGroupFactory(consultation=consultation, number=2), version=1)
    client.force_login(organiser)

    response = client.post(
        reverse("admin:workgroups_groupreport_changelist"),
        {"action": "publish_reports", "_selected_action": [submitted.pk, draft.pk]},
        follow=True,
    )

    statuses = dict(GroupReport.objects.values_list("pk", "status"))
    assert statuses == {submitted.pk: GroupReport.Status.PUBLISHED, draft.pk: GroupReport.Status.DRAFT}
    assert [str(m) for m in response.context["messages"]][-1] == "Publicēts 1 ziņojums."


def test_report_history_page_lists_every_version(client, group, organiser):
    report = GroupReportFactory(group=group)
    report.findings_lv = "Labots."
    report.save()
    client.force_login(organiser)

    response = client.get(reverse("admin:workgroups_groupreport_history", args=[report.pk]))

    assert response.status_code == 200
    assert [record.findings_lv for record in response.context["page_obj"]] == [
        "Labots.",
        "Valodas kursu trūkst.",
    ]


def test_a_leader_cannot_change_a_published_report_in_the_admin(client, group):
    leader = StaffFactory(username="leader")
    leader.groups.add(group_leaders_group_sync())
    group.leaders.add(leader)
    report = GroupReportFactory(group=group, status=GroupReport.Status.PUBLISHED)
    client.force_login(leader)

    response = client.get(reverse("admin:workgroups_groupreport_change", args=[report.pk]))

    assert "findings_lv" not in response.context["adminform"].form.fields


def test_screen_admin_links_to_the_screen_remote_and_exports(client, consultation, organiser):
    screen = ResultsScreen.objects.create(consultation=consultation)
    client.force_login(organiser)

    response = client.get(reverse("admin:commitments_resultsscreen_change", args=[screen.pk]))

    page = response.content.decode()
    slug = consultation.slug
    for url in (
        reverse("commitments:results_screen", kwargs={"slug": slug}) + f"?key={screen.secret}",
        reverse("commitments:results_remote", kwargs={"slug": slug}),
        reverse("commitments:results_figures_csv", kwargs={"slug": slug}),
        reverse("commitments:results_reports", kwargs={"slug": slug}),
    ):
        assert f'href="{url}"' in page


def test_renewing_the_secret_revokes_the_old_link(client, consultation, organiser):
    screen = ResultsScreen.objects.create(consultation=consultation)
    old = screen.secret
    client.force_login(organiser)

    client.post(
        reverse("admin:commitments_resultsscreen_changelist"),
        {"action": "renew_secrets", "_selected_action": [screen.pk]},
    )
    client.logout()
    response = client.get(
        reverse("commitments:results_screen", kwargs={"slug": consultation.slug}) + f"?key={old}"
    )

    assert ResultsScreen.objects.get().secret != old
    assert response.status_code == 302
