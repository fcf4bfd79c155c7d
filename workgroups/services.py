"""Writes to a group report: save (with its needs and actions), submit, return, publish.

Every write takes the report's row lock and checks the version the writer's page was built from, so of two
leaders saving the same version only the first succeeds; the second gets ``ReportConflict`` with the saved
report, and their own text is shown back to them beside it. A save that changes nothing writes nothing, so
autosaves do not fill the history with copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultation.i18n import translated_names

from .models import GroupReport, ReportAction, ReportNeed, WorkingGroup

NEED_FIELDS = ["area_id", *translated_names("text")]
ACTION_FIELDS = ["owner", *translated_names("action"), "deadline"]


class ReportError(Exception):
    """A write the report's state does not allow; the message is for the user."""


class ReportConflict(ReportError):
    """The report was saved by someone else since the writer's page was built."""

    def __init__(self, current: GroupReport) -> None:
        super().__init__(
            _(
                "Someone else saved this report while you were editing it (version %(version)s). "
                "Nothing was overwritten: compare both versions below, then save again."
            )
            % {"version": current.version}
        )
        self.current = current


@dataclass
class ReportContent:
    """What a leader's form holds: the texts, the count, the needs' and the actions' rows."""

    texts: dict[str, str]
    participant_count: int | None = None
    needs: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)


def _locked_report(*, group: WorkingGroup, version: int) -> GroupReport:
    """The group's report under a row lock (created empty at version 0 the first time)."""
    GroupReport.objects.get_or_create(group=group)
    report = GroupReport.objects.select_for_update().select_related("group").get(group=group)
    if report.version != version:
        raise ReportConflict(report)
    return report


def _sync_rows(*, model, report: GroupReport, rows: list[dict], fields: list[str], user) -> bool:
    """Make the report's rows of ``model`` equal ``rows`` in order, writing only what differs."""
    changed = False
    existing = list(model.objects.filter(report=report).order_by("position", "id"))
    for position, row in enumerate(rows):
        values = {name: row.get(name.removesuffix("_id")) for name in fields}
        if "area_id" in values:
            values["area_id"] = row["area"].pk
        instance = existing[position] if position < len(existing) else model(report=report)
        if (
            instance.pk
            and instance.position == position
            and all(getattr(instance, name) == value for name, value in values.items())
        ):
            continue
        for name, value in values.items():
            setattr(instance, name, value)
        instance.position = position
        instance._history_user = user
        instance.save()
        changed = True
    for instance in existing[len(rows) :]:
        instance._history_user = user
        instance.delete()
        changed = True
    return changed


def _save(report: GroupReport, *, user, reason: str) -> None:
    report.version += 1
    report.updated_by = user
    report._history_user = user
    report._change_reason = reason
    report.save()


def group_report_save(
    *, group: WorkingGroup, user, version: int, content: ReportContent, submit: bool = False
) -> GroupReport:
    """Save the leader's report; with ``submit``, also hand it in for the 15:30 session."""
    with transaction.atomic():
        report = _locked_report(group=group, version=version)
        if not report.is_editable:
            raise ReportError(
                _("This report is published and can no longer be changed. Ask the organisers to return it.")
            )
        if submit and not report.can_submit:
            raise ReportError(_("This report is already submitted."))
        changed = False
        for name in GroupReport.TEXT_FIELDS:
            if getattr(report, name) != content.texts.get(name, ""):
                setattr(report, name, content.texts.get(name, ""))
                changed = True
        if report.participant_count != content.participant_count:
            report.participant_count = content.participant_count
            changed = True
        rows_changed = _sync_rows(
            model=ReportNeed, report=report, rows=content.needs, fields=NEED_FIELDS, user=user
        )
        rows_changed |= _sync_rows(
            model=ReportAction, report=report, rows=content.actions, fields=ACTION_FIELDS, user=user
        )
        if submit:
            report.status = GroupReport.Status.SUBMITTED
            report.submitted_at = timezone.now()
            report.return_note = ""
        if changed or rows_changed or submit or report.version == 0:
            _save(report, user=user, reason="submitted" if submit else "saved")
    return report


def group_report_return(*, report: GroupReport, user, version: int, note: str) -> GroupReport:
    """Organisers send a submitted (or published) report back to the leaders with a note."""
    with transaction.atomic():
        report = _locked_report(group=report.group, version=version)
        if not report.can_return:
            raise ReportError(_("Only a submitted or published report can be returned."))
        report.status = GroupReport.Status.RETURNED
        report.return_note = note
        report.published_at = None
        _save(report, user=user, reason="returned")
    return report


def group_report_publish(*, report: GroupReport, user, version: int) -> GroupReport:
    """Organisers publish a submitted report: the group's page and the commitment document show it."""
    with transaction.atomic():
        report = _locked_report(group=report.group, version=version)
        if report.is_published:
            raise ReportError(_("This report is already published."))
        if not report.can_publish:
            raise ReportError(_("Only a submitted report can be published: the leaders submit it first."))
        report.status = GroupReport.Status.PUBLISHED
        report.published_at = timezone.now()
        _save(report, user=user, reason="published")
    return report
