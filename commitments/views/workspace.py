"""The group leader's workspace: write the group's report and record commitments for organisations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultation.i18n import active_content_language
from consultation.roles import is_organiser
from consultation.views import get_published_consultation
from workgroups.models import GroupReport, WorkingGroup

from ..forms import CommitmentForm, GroupReportForm
from ..models import Commitment
from ..services import CommitmentError, commitment_create


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


def _commitment_form(group: WorkingGroup, data=None) -> CommitmentForm:
    """A leader records commitments for their own group only."""
    form = CommitmentForm(data, consultation=group.consultation, initial={"group": group.pk})
    form.fields["group"].queryset = WorkingGroup.objects.filter(pk=group.pk)
    return form


def _render(request, group, *, report_form=None, commitment_form=None, status=200):
    report = GroupReport.objects.filter(group=group).first() or GroupReport(group=group)
    return render(
        request,
        "commitments/workspace.html",
        {
            "consultation": group.consultation,
            "group": group,
            "report_form": report_form or GroupReportForm(instance=report),
            "commitment_form": commitment_form or _commitment_form(group),
            "commitments": Commitment.objects.filter(group=group)
            .select_related("organisation")
            .order_by("status", "position", "id"),
        },
        status=status,
    )


@login_required
def workspace(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _render(request, _get_group_for_user(request, slug, number))


@login_required
@require_POST
def workspace_report(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    group = _get_group_for_user(request, slug, number)
    report = GroupReport.objects.filter(group=group).first() or GroupReport(group=group)
    form = GroupReportForm(request.POST, instance=report)
    if not form.is_valid():
        return _render(request, group, report_form=form, status=400)
    report = form.save(commit=False)
    report.updated_by = request.user
    report.save()
    messages.success(request, _("The group report is saved."))
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
