"""The group report's workflow, its versions and its history, through the services."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from tests.factories import GroupReportFactory, StaffFactory, WorkingGroupFactory
from workgroups.models import GroupReport, ReportAction, ReportNeed
from workgroups.services import (
    ReportConflict,
    ReportContent,
    ReportError,
    group_report_publish,
    group_report_return,
    group_report_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(group):
    user = StaffFactory(username="leader")
    group.leaders.add(user)
    return user


@pytest.fixture
def organiser():
    return StaffFactory(username="organiser", is_superuser=True)


def _content(findings="Secinājums.", needs=(), actions=()) -> ReportContent:
    texts = {name: "" for name in GroupReport.TEXT_FIELDS}
    texts["findings_lv"] = findings
    return ReportContent(texts=texts, participant_count=12, needs=list(needs), actions=list(actions))


def test_first_save_creates_the_report_as_a_draft_at_version_one(group, leader):
    report = group_report_save(group=group, user=leader, version=0, content=_content())

    assert (report.status, report.version, report.findings_lv, report.participant_count) == (
        GroupReport.Status.DRAFT,
        1,
        "Secinājums.",
        12,
    )


def test_workflow_runs_draft_submitted_returned_submitted_published(group, leader, organiser):
    report = group_report_save(group=group, user=leader, version=0, content=_content())
    report = group_report_save(group=group, user=leader, version=1, content=_content(), submit=True)
    submitted = report.status
    report = group_report_return(
        report=report, user=organiser, version=report.version, note="Pievienojiet termiņus."
    )
    returned = (report.status, report.return_note)
    report = group_report_save(
        group=group, user=leader, version=report.version, content=_content(), submit=True
    )
    resubmitted = (report.status, report.return_note)
    report = group_report_publish(report=report, user=organiser, version=report.version)

    assert (submitted, returned, resubmitted, report.status) == (
        GroupReport.Status.SUBMITTED,
        (GroupReport.Status.RETURNED, "Pievienojiet termiņus."),
        (GroupReport.Status.SUBMITTED, ""),
        GroupReport.Status.PUBLISHED,
    )
    assert report.published_at is not None


def test_submitting_a_published_report_is_refused_and_changes_nothing(group, leader):
    GroupReportFactory(group=group, status=GroupReport.Status.PUBLISHED, version=3)

    with translation.override("en"), pytest.raises(ReportError) as error:
        group_report_save(group=group, user=leader, version=3, content=_content("Jauns."), submit=True)

    report = GroupReport.objects.get(group=group)
    assert str(error.value) == (
        "This report is published and can no longer be changed. Ask the organisers to return it."
    )
    assert (report.findings_lv, report.version) == ("Valodas kursu trūkst.", 3)


def test_submitting_twice_is_refused(group, leader):
    GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, version=2)

    with translation.override("en"), pytest.raises(ReportError) as error:
        group_report_save(group=group, user=leader, version=2, content=_content(), submit=True)

    assert str(error.value) == "This report is already submitted."


def test_a_draft_cannot_be_published(group, organiser):
    report = GroupReportFactory(group=group, version=1)

    with pytest.raises(ReportError):
        group_report_publish(report=report, user=organiser, version=1)

    assert GroupReport.objects.get(group=group).status == GroupReport.Status.DRAFT


def test_a_draft_cannot_be_returned(group, organiser):
    report = GroupReportFactory(group=group, version=1)

    with pytest.raises(ReportError):
        group_report_return(report=report, user=organiser, version=1, note="?")


def test_save_from_an_older_version_is_refused_and_keeps_the_newer_text(group, leader):
    GroupReportFactory(group=group, findings_lv="Pirmā līdera teksts.", version=4)
    second = StaffFactory(username="second")

    with pytest.raises(ReportConflict) as conflict:
        group_report_save(group=group, user=second, version=3, content=_content("Otrā līdera teksts."))

    report = GroupReport.objects.get(group=group)
    assert (report.findings_lv, report.version) == ("Pirmā līdera teksts.", 4)
    assert (conflict.value.current.findings_lv, conflict.value.current.version) == ("Pirmā līdera teksts.", 4)


def test_publishing_from_a_stale_page_is_refused(group, organiser):
    report = GroupReportFactory(group=group, status=GroupReport.Status.SUBMITTED, version=5)

    with pytest.raises(ReportConflict):
        group_report_publish(report=report, user=organiser, version=4)

    assert GroupReport.objects.get(group=group).status == GroupReport.Status.SUBMITTED


def test_save_writes_needs_and_actions_in_order(group, leader):
    other = WorkingGroupFactory(consultation=group.consultation, number=2)
    needs = [
        {"area": other, "text_lv": "Tulki", "text_en": "Interpreters"},
        {"area": group, "text_lv": "Telpas", "text_en": ""},
    ]
    actions = [
        {
            "owner": "Patvērums",
            "action_lv": "Apmācības",
            "action_en": "",
            "deadline": datetime.date(2015, 12, 1),
        }
    ]

    report = group_report_save(
        group=group, user=leader, version=0, content=_content(needs=needs, actions=actions)
    )

    assert list(report.needs.values_list("position", "area__number", "text_lv")) == [
        (0, 2, "Tulki"),
        (1, 1, "Telpas"),
    ]
    assert list(report.actions.values_list("owner", "action_lv", "deadline")) == [
        ("Patvērums", "Apmācības", datetime.date(2015, 12, 1))
    ]


def test_save_with_fewer_rows_deletes_the_rest(group, leader):
    needs = [{"area": group, "text_lv": f"Vajadzība {n}", "text_en": ""} for n in range(3)]
    group_report_save(group=group, user=leader, version=0, content=_content(needs=needs))

    group_report_save(group=group, user=leader, version=1, content=_content(needs=needs[:1]))

    assert list(ReportNeed.objects.values_list("text_lv", flat=True)) == ["Vajadzība 0"]


def test_a_save_that_changes_nothing_keeps_the_version_and_writes_no_history(group, leader):
    group_report_save(group=group, user=leader, version=0, content=_content())
    report = GroupReport.objects.get(group=group)
    history_before = report.history.count()

    report = group_report_save(group=group, user=leader, version=1, content=_content())

    assert (report.version, report.history.count()) == (1, history_before)


def test_every_change_is_in_the_history_with_who_and_what(group, leader, organiser):
    group_report_save(group=group, user=leader, version=0, content=_content("Pirmais."))
    group_report_save(group=group, user=leader, version=1, content=_content("Otrais."), submit=True)
    report = GroupReport.objects.get(group=group)
    group_report_publish(report=report, user=organiser, version=2)

    records = list(GroupReport.objects.get(group=group).history.order_by("history_id"))
    latest_changes = {change.field for change in records[-1].diff_against(records[-2]).changes}

    assert [(r.version, r.status, r.history_user) for r in records[1:]] == [
        (1, GroupReport.Status.DRAFT, leader),
        (2, GroupReport.Status.SUBMITTED, leader),
        (3, GroupReport.Status.PUBLISHED, organiser),
    ]
    assert [r.findings_lv for r in records[1:3]] == ["Pirmais.", "Otrais."]
    assert latest_changes == {"status", "updated_by"}


def test_history_keeps_deleted_actions(group, leader):
    actions = [{"owner": "Patvērums", "action_lv": "Apmācības", "action_en": "", "deadline": None}]
    group_report_save(group=group, user=leader, version=0, content=_content(actions=actions))

    group_report_save(group=group, user=leader, version=1, content=_content(actions=[]))

    assert ReportAction.objects.count() == 0
    assert list(ReportAction.history.values_list("history_type", "owner", "history_user")) == [
        ("-", "Patvērums", leader.pk),
        ("+", "Patvērums", leader.pk),
    ]
