"""Public registration pages: the form, the answer after it, the private link page, privacy."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultation.confirmation import confirmation_page, is_confirmed
from consultation.forms import organisation_options
from consultation.links import LinkExpired, LinkInvalid, link_problem_page, private_object
from consultation.models import Consultation
from consultation.page_cache import cached_public_page
from consultation.protection import Refused, admit, protected_form
from consultation.services import private_links_send
from consultation.views import get_published_consultation
from workgroups.models import WorkingGroup

from ..forms import ParticipantDetailsForm, RegistrationForm
from ..models import Participant
from ..selectors import registration_desk_item
from ..services import (
    AlreadyRegistered,
    RegistrationBusy,
    RegistrationClosed,
    RegistrationError,
    registration_cancel,
    registration_create,
    registration_update,
)


def _groups_with_places(consultation: Consultation):
    # A subquery per group reads the (group, status) index: at most the group's capacity in rows, however
    # long its waiting list.
    confirmed = (
        Participant.objects.filter(group=OuterRef("pk"), status=Participant.Status.CONFIRMED)
        .order_by()
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        WorkingGroup.objects.filter(consultation=consultation)
        .annotate(confirmed_count=Coalesce(Subquery(confirmed), 0))
        .order_by("number")
    )


def _form_context(consultation: Consultation, form) -> dict:
    groups = list(_groups_with_places(consultation))
    for group in groups:
        group.places_left = max(group.capacity - group.confirmed_count, 0)
    return {
        "consultation": consultation,
        "form": form,
        "groups": groups,
        "organisation_options": organisation_options(listed_only=True),
    }


def _closed(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    desk = registration_desk_item(consultation=consultation)
    return render(
        request, "participants/registration_closed.html", {"consultation": consultation, "desk": desk}
    )


def _sent_before(form: RegistrationForm) -> bool:
    """The same form sent again (a double click, a reload): its submission token already registered someone."""
    token = form.cleaned_data.get("submission_token")
    return token is not None and Participant.objects.filter(submission_token=token).exists()


@require_http_methods(["GET", "POST"])
@protected_form
@cached_public_page  # the form is shared; each visitor's tokens are filled in (consultation/page_cache.py)
def register(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    if not consultation.registration_is_open:
        return _closed(request, consultation)
    if request.method == "GET":
        form = RegistrationForm(consultation=consultation, group_number=request.GET.get("group", ""))
        return render(request, "participants/registration_form.html", _form_context(consultation, form))

    form = RegistrationForm(request.POST, consultation=consultation)
    if not form.is_valid():
        if form.has_error("__all__", "used") and _sent_before(form):
            return redirect("participants:registration_done", slug=consultation.slug)
        return render(request, "participants/registration_form.html", _form_context(consultation, form))
    try:
        with admit(request, form, rate="registration"):
            try:
                registration_create(
                    consultation=consultation,
                    data=form.registration_data(),
                    submission_token=form.cleaned_data["submission_token"],
                )
            except AlreadyRegistered:
                # Same answer as a new registration: a stranger learns nothing; the owner gets the link.
                private_links_send(
                    model=Participant, consultation=consultation, email=form.cleaned_data["email"]
                )
    except Refused as refusal:
        if refusal.status == 409 and _sent_before(form):
            return redirect("participants:registration_done", slug=consultation.slug)
        return refusal.respond(
            render(request, "participants/registration_form.html", _form_context(consultation, form))
        )
    except RegistrationClosed:
        return _closed(request, consultation)
    except RegistrationBusy as error:
        form.add_error(None, str(error))
        return render(
            request, "participants/registration_form.html", _form_context(consultation, form), status=503
        )
    return redirect("participants:registration_done", slug=consultation.slug)


def registration_done(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    return render(request, "participants/registration_done.html", {"consultation": consultation})


def _participant_for_link(request: HttpRequest, consultation: Consultation, token: str):
    """The participant the link names, or the one page that explains why the link does not work."""
    try:
        participant = private_object(
            Participant,
            token,
            consultation=consultation,
            queryset=Participant.objects.select_related(
                "group", "first_choice", "second_choice", "organisation"
            ),
        )
    except (LinkExpired, LinkInvalid) as problem:
        return None, link_problem_page(request, problem, consultation=consultation, model=Participant)
    return participant, None


def _details_initial(participant: Participant) -> dict:
    return {
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "phone": participant.phone,
        "organisation_text": participant.organisation_display,
        "sector": participant.sector,
        "position": participant.position,
        "first_choice": participant.group_id,
        "second_choice": participant.second_choice_id,
        "needs_accessibility": participant.needs_accessibility,
        "needs_diet": participant.needs_diet,
        "needs_other": participant.needs_other,
        "consent_listing": participant.consent_listing,
    }


@require_http_methods(["GET", "POST"])
def registration_manage(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    participant, problem = _participant_for_link(request, consultation, token)
    if problem:
        return problem
    form = ParticipantDetailsForm(initial=_details_initial(participant), consultation=consultation)
    if request.method == "POST" and participant.status != Participant.Status.CANCELLED:
        action = request.POST.get("action")
        if action == "cancel":
            if not is_confirmed(request):
                return confirmation_page(
                    request,
                    question=_("Cancel your registration?"),
                    explanation=_(
                        "Your place goes to the first person on the waiting list. This cannot be undone, but you "
                        "may register again while registration is open."
                    ),
                    confirm_label=_("Yes, cancel my registration"),
                    back_url=request.path,
                    consultation=consultation,
                )
            try:
                registration_cancel(participant=participant)
            except RegistrationError as error:  # e.g. the places lock timed out: nothing changed, try again
                messages.error(request, str(error))
            else:
                messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
            return redirect(request.path)
        try:
            form = ParticipantDetailsForm(request.POST, consultation=consultation)
            if form.is_valid():
                registration_update(
                    participant=participant, data=form.registration_data(email=participant.email)
                )
                messages.success(request, _("Your changes are saved."))
                return redirect(request.path)
        except RegistrationError as error:
            form.add_error(None, str(error))
    context = _form_context(consultation, form)
    context.update(participant=participant, token=token, kind="participant")
    return render(request, "participants/registration_manage.html", context)


@cached_public_page
def privacy(request: HttpRequest, consultation) -> HttpResponse:
    organisers = consultation.organiser_set.select_related("organisation")
    context = {
        "consultation": consultation,
        "organisers": organisers,
        "contact_email": settings.DEFAULT_FROM_EMAIL,
        "keep_needs_days": settings.REGISTRATION_KEEP_NEEDS_DAYS,
        "keep_data_days": settings.REGISTRATION_KEEP_DATA_DAYS,
        "keep_offer_contacts_days": settings.OFFER_CONTACTS_KEEP_DAYS,
        "keep_commitment_contacts_days": settings.COMMITMENT_CONTACTS_KEEP_DAYS,
        "keep_task_results_days": settings.TASK_RESULTS_KEEP_DAYS,
        "keep_admin_log_days": settings.ADMIN_LOG_KEEP_DAYS,
        "keep_history_days": settings.HISTORY_KEEP_DAYS,
        "link_request_url": reverse(
            "consultation:private_link_request", kwargs={"slug": consultation.slug, "kind": "participant"}
        ),
    }
    return render(request, "participants/registration_privacy.html", context)
