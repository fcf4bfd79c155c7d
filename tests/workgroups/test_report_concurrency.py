"""Leaders saving the same version of a report at once, on the real PostgreSQL, each with its own connection.

Exactly one save wins; every other one is told of the conflict. The control reads the report without the row
lock and lets every writer read before any writes: then several "win" and all but the last text are lost,
which shows that the main test would catch a missing lock.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from tests.factories import ConsultationFactory, GroupReportFactory, StaffFactory, WorkingGroupFactory
from workgroups import services
from workgroups.models import GroupReport
from workgroups.services import ReportConflict, ReportContent, group_report_save

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 6


def _save_all_at_once(group, users) -> tuple[list[str], list[str]]:
    go = threading.Barrier(len(users))
    saved, conflicts = [], []

    def write(user) -> None:
        texts = {name: "" for name in GroupReport.TEXT_FIELDS}
        texts["findings_lv"] = f"Teksts no {user.username}"
        try:
            go.wait()
            group_report_save(group=group, user=user, version=1, content=ReportContent(texts=texts))
            saved.append(user.username)
        except ReportConflict:
            conflicts.append(user.username)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return saved, conflicts


@pytest.fixture
def writers():
    group = WorkingGroupFactory(consultation=ConsultationFactory())
    GroupReportFactory(group=group, version=1)
    users = [StaffFactory(username=f"leader{n}") for n in range(WRITERS)]
    return group, users


def test_of_concurrent_saves_of_one_version_exactly_one_wins(writers):
    group, users = writers

    saved, conflicts = _save_all_at_once(group, users)

    report = GroupReport.objects.get(group=group)
    assert (len(saved), len(conflicts)) == (1, WRITERS - 1)
    assert (report.version, report.findings_lv) == (2, f"Teksts no {saved[0]}")


def test_control_without_the_row_lock_concurrent_saves_overwrite_each_other(writers, monkeypatch):
    group, users = writers
    everyone_read = threading.Barrier(WRITERS, timeout=20)

    def unlocked(*, group, version):
        report = GroupReport.objects.select_related("group").get(group=group)
        everyone_read.wait()
        if report.version != version:
            raise ReportConflict(report)
        return report

    monkeypatch.setattr(services, "_locked_report", unlocked)

    saved, _conflicts = _save_all_at_once(group, users)

    assert len(saved) == WRITERS
    assert GroupReport.objects.get(group=group).version == 2
