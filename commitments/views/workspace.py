"""The group leader's workspace at the group's own address: every app's part of one group, and its report.

Leaders of the group and organisers come in; everyone else gets 403. The report form saves (or submits) the
whole report; the autosave endpoint takes the same form from the page's script and answers in JSON.
Organisers return a report with a note or publish it from the same page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.i18n import active_content_language
from consultation.roles import is_organiser
from consultation.views import get_published_consultation
from registry.offers.models import Offer
from registry.participants.models import Participant
from workgroups.forms import (
    ActionFormSet,
    GroupReportForm,
    NeedFormSet,
    PublishReportForm,
    ReturnReportForm,
    action_initial,
    need_initial,
)
from workgroups.models import GroupReport, WorkingGroup
from workgroups.services import (
    ReportConflict,
    ReportContent,
    ReportError,
    group_report_publish,
    group_report_return,
    group_report_save,
)

from ..forms import CommitmentForm
from ..models import Commitment
from ..services import CommitmentError, commitment_create

HISTORY_SHOWN = 10


def _get_group_for_user(request: HttpRequest, slug: str, number: int) -> WorkingGroup:
    """The group, if the user leads it or is an organiser; else 403."""
    consultation = get_published_consultation(slug)
    group = get_object_or_404(
        WorkingGroup.objects.select_related("consultation"), consultation=consultation, number=number
    )
    user = request.user
    if not (is_organiser(user) or group.leaders.filter(pk=user.pk).exists()):
        raise PermissionDenied(_("Only this group's leaders can open its workspace."))
    return group


def _report_of(group: WorkingGroup) -> GroupReport:
    return GroupReport.objects.filter(group=group).first() or GroupReport(group=group)


def _areas(group: WorkingGroup):
    return WorkingGroup.objects.filter(consultation_id=group.consultation_id).order_by("number")


def _checked_in(group: WorkingGroup) -> int:
    return Participant.objects.filter(group=group, checked_in_at__isnull=False).active().count()


def _report_forms(group: WorkingGroup, report: GroupReport, data=None) -> dict:
    initial = {} if report.participant_count is not None else {"participant_count": _checked_in(group)}
    return {
        "report_form": GroupReportForm(data, instance=report, initial=initial, prefix="report"),
        "need_formset": NeedFormSet(
            data, initial=None if data else need_initial(report), areas=_areas(group), prefix="needs"
        ),
        "action_formset": ActionFormSet(
            data, initial=None if data else action_initial(report), prefix="actions"
        ),
    }


def _commitment_form(group: WorkingGroup, data=None) -> CommitmentForm:
    """A leader records commitments for their own group only."""
    form = CommitmentForm(data, consultation=group.consultation, initial={"group": group.pk})
    form.fields["group"].queryset = WorkingGroup.objects.filter(pk=group.pk)
    return form


def _history(report: GroupReport) -> list[dict]:
    """The latest changes: who, when, what (field names), from one query of the history table."""
    if not report.pk:
        return []
    records = list(report.history.select_related("history_user").order_by("-history_id")[: HISTORY_SHOWN + 1])
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changed = (
            [
                str(GroupReport._meta.get_field(change.field).verbose_name)
                for change in newer.diff_against(older).changes
            ]
            if older
            else []
        )
        entries.append({"record": newer, "changed": changed})
    return entries[:HISTORY_SHOWN]


def _render(request, group, *, forms=None, commitment_form=None, conflict=None, status=200):
    report = conflict.current if conflict else _report_of(group)
    context = {
        "consultation": group.consultation,
        "group": group,
        "report": report,
        **(forms or _report_forms(group, report)),
        "commitment_form": commitment_form or _commitment_form(group),
        "commitments": Commitment.objects.filter(group=group)
        .select_related("organisation")
        .order_by("status", "position", "id"),
        "participants": Participant.objects.filter(group=group)
        .confirmed()
        .select_related("organisation")
        .order_by("last_name", "first_name"),
        "waiting": Participant.objects.filter(group=group).waiting().order_by("waiting_position"),
        "offers": Offer.objects.public()
        .filter(area=group)
        .select_related("organisation")
        .order_by("-created_at")[:50],
        "offer_counts": Offer.objects.public()
        .filter(area=group)
        .aggregate(wall=Count("id", filter=Q(source=Offer.Source.WALL)), total=Count("id")),
        "checked_in": _checked_in(group),
        "history": _history(report),
        "conflict": conflict,
        "is_organiser": is_organiser(request.user),
        "return_form": ReturnReportForm(initial={"version": report.version}),
        "publish_form": PublishReportForm(initial={"version": report.version}),
    }
    return render(request, "commitments/workspace.html", context, status=status)


@login_required
def workspace(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _render(request, _get_group_for_user(request, slug, number))


def old_workspace(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The workspace's first address, kept so bookmarks and printed links still arrive."""
    return redirect("commitments:workspace", slug=slug, number=number, permanent=True)


def _bound_report(request: HttpRequest, group: WorkingGroup):
    """The posted report as forms and, if they are valid, as content for the service."""
    report = _report_of(group)
    forms = _report_forms(group, report, data=request.POST)
    valid = all(form.is_valid() for form in forms.values())
    if not valid:
        return forms, None, None
    cleaned = forms["report_form"].cleaned_data
    content = ReportContent(
        texts={name: cleaned[name] for name in GroupReport.TEXT_FIELDS},
        participant_count=cleaned.get("participant_count"),
        needs=forms["need_formset"].rows,
        actions=forms["action_formset"].rows,
    )
    return forms, content, cleaned["version"]


@login_required
@require_POST
def workspace_report(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    group = _get_group_for_user(request, slug, number)
    forms, content, version = _bound_report(request, group)
    if content is None:
        messages.error(request, _("The report is not saved yet: correct the marked fields."))
        return _render(request, group, forms=forms, status=400)
    submit = request.POST.get("action") == "submit"
    try:
        group_report_save(group=group, user=request.user, version=version, content=content, submit=submit)
    except ReportConflict as conflict:
        messages.error(request, str(conflict))
        data = request.POST.copy()
        data["report-version"] = str(conflict.current.version)
        # The form gets its own copy of the report: validating it writes the posted text into its instance.
        forms = _report_forms(group, _report_of(group), data=data)
        return _render(request, group, forms=forms, conflict=conflict, status=409)
    except ReportError as error:
        messages.error(request, str(error))
        return _render(request, group, forms=forms, status=409)
    messages.success(
        request,
        _("The report is submitted for the 15:30 session.")
        if submit
        else _("The report is saved as a draft."),
    )
    return redirect("commitments:workspace", slug=slug, number=number)


@login_required
@require_POST
def workspace_report_autosave(request: HttpRequest, slug: str, number: int) -> JsonResponse:
    """The page's script saves the form every few seconds while someone types; the answer is JSON."""
    group = _get_group_for_user(request, slug, number)
    forms, content, version = _bound_report(request, group)
    if content is None:
        errors = {}
        for form in [forms["report_form"], *forms["need_formset"], *forms["action_formset"]]:
            errors.update(
                {form.add_prefix(name): [str(e) for e in errs] for name, errs in form.errors.items()}
            )
        return JsonResponse(
            {"status": "invalid", "message": _("Not saved: correct the marked fields."), "errors": errors},
            status=400,
        )
    try:
        report = group_report_save(group=group, user=request.user, version=version, content=content)
    except ReportConflict as conflict:
        return JsonResponse(
            {"status": "conflict", "message": str(conflict), "version": conflict.current.version}, status=409
        )
    except ReportError as error:
        return JsonResponse({"status": "refused", "message": str(error)}, status=409)
    saved_at = formats.time_format(timezone.localtime(report.updated_at), "H:i:s")
    return JsonResponse(
        {
            "status": "saved",
            "version": report.version,
            "message": _("Draft saved at %(time)s.") % {"time": saved_at},
        }
    )


def _organiser_group(request: HttpRequest, slug: str, number: int) -> WorkingGroup:
    group = _get_group_for_user(request, slug, number)
    if not is_organiser(request.user):
        raise PermissionDenied(_("Only the organisers return or publish a report."))
    return group


@login_required
@require_POST
def workspace_report_return(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    group = _organiser_group(request, slug, number)
    form = ReturnReportForm(request.POST)
    report = _report_of(group)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return _render(request, group, status=400)
    try:
        group_report_return(
            report=report,
            user=request.user,
            version=form.cleaned_data["version"],
            note=form.cleaned_data["note"],
        )
    except ReportError as error:
        messages.error(request, str(error))
        return _render(request, group, status=409)
    messages.success(request, _("The report is returned to the group's leaders with your note."))
    return redirect("commitments:workspace", slug=slug, number=number)


@login_required
@require_POST
def workspace_report_publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    group = _organiser_group(request, slug, number)
    form = PublishReportForm(request.POST)
    report = _report_of(group)
    if not form.is_valid():
        return _render(request, group, status=400)
    try:
        group_report_publish(report=report, user=request.user, version=form.cleaned_data["version"])
    except ReportError as error:
        messages.error(request, str(error))
        return _render(request, group, status=409)
    messages.success(
        request, _("The report is published on the group's page and in the commitment document.")
    )
    return redirect("commitments:workspace", slug=slug, number=number)


@login_required
@require_POST
def workspace_commitment(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    group = _get_group_for_user(request, slug, number)
    form = _commitment_form(group, data=request.POST)
    if form.is_valid():
        try:
            commitment_create(
                consultation=group.consultation,
                data=form.cleaned_data,
                language=active_content_language(),
                recorded_by=request.user,
            )
        except CommitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The commitment is recorded and waits for the organisers' review."))
            return redirect("commitments:workspace", slug=slug, number=number)
    return _render(request, group, commitment_form=form, status=400)
