"""The electronic questionnaire: an organisation describes its services, and keeps them current by private link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultation.i18n import active_content_language
from consultation.links import LinkExpired, LinkInvalid, link_problem_page, private_object, private_path
from consultation.models import Consultation
from consultation.page_cache import cached_public_page
from consultation.protection import Refused, admit, protected_form
from consultation.views import get_published_consultation

from ..forms import QuestionnaireResponseForm, ServiceFormSet
from ..models import Offer, QuestionnaireResponse
from ..services import (
    ResponseData,
    ServiceChange,
    questionnaire_save,
)

FORMSET_PREFIX = "services"


def _forms(request: HttpRequest, consultation, response: QuestionnaireResponse | None):
    data = request.POST if request.method == "POST" else None
    if data is not None and "add_service" in data:
        data = data.copy()
        total_key = f"{FORMSET_PREFIX}-TOTAL_FORMS"
        try:
            data[total_key] = str(min(int(data.get(total_key, 0)) + 1, ServiceFormSet.absolute_max))
        except ValueError:
            data[total_key] = "1"
    form = QuestionnaireResponseForm(data, instance=response)
    queryset = response.services.select_related("area").order_by("id") if response else Offer.objects.none()
    formset = ServiceFormSet(
        data, queryset=queryset, prefix=FORMSET_PREFIX, form_kwargs={"consultation": consultation}
    )
    return form, formset


def _response_data(form: QuestionnaireResponseForm, formset) -> ResponseData:
    changes = []
    for service_form in formset.forms:
        is_saved = bool(service_form.instance.pk)
        if not service_form.has_changed() and not is_saved:
            continue  # an empty extra form
        delete = bool(service_form.cleaned_data.get("DELETE"))
        if delete and not is_saved:
            continue
        offer = service_form.instance if delete else service_form.save(commit=False)
        changes.append(ServiceChange(offer=offer, changed=service_form.has_changed(), delete=delete))
    cleaned = form.cleaned_data
    return ResponseData(
        organisation_name=cleaned["organisation_name"],
        contact_name=cleaned["contact_name"],
        contact_email=cleaned["contact_email"],
        contact_phone=cleaned.get("contact_phone", ""),
        organisation=cleaned.get("known_organisation"),
        services=changes,
    )


def _render(request, consultation, form, formset, response=None, token="", status=200) -> HttpResponse:
    return render(
        request,
        "offers/questionnaire_form.html",
        {
            "consultation": consultation,
            "form": form,
            "formset": formset,
            "response": response,
            "token": token,
            "kind": "questionnaireresponse",
        },
        status=status,
    )


def _ready_to_save(request: HttpRequest, form, formset) -> bool:
    if request.method != "POST" or "add_service" in request.POST:
        return False  # adding a service form is not a submission
    form_valid, formset_valid = form.is_valid(), formset.is_valid()  # both, so every error shows at once
    return form_valid and formset_valid


@require_http_methods(["GET", "POST"])
@protected_form
@cached_public_page  # the form is shared; each visitor's tokens are filled in (consultation/page_cache.py)
def questionnaire(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    if not consultation.questionnaire_is_open:
        return render(request, "offers/questionnaire_closed.html", {"consultation": consultation})
    form, formset = _forms(request, consultation, None)
    if _ready_to_save(request, form, formset):
        try:
            with admit(request, form, rate="questionnaire"):
                response = questionnaire_save(
                    consultation=consultation,
                    data=_response_data(form, formset),
                    language=active_content_language(),
                )
        except Refused as refusal:
            return refusal.respond(_render(request, consultation, form, formset))
        messages.success(
            request,
            _(
                "Thank you! Your answers are saved and wait for an organiser's approval. This page is your "
                "private link to keep them current; we also sent it to your e-mail."
            ),
        )
        return redirect(private_path(response, language=response.language))
    return _render(request, consultation, form, formset)


@require_http_methods(["GET", "POST"])
@protected_form
def questionnaire_edit(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    try:
        response = private_object(QuestionnaireResponse, token, consultation=consultation)
    except (LinkInvalid, LinkExpired) as problem:
        return link_problem_page(request, problem, consultation=consultation, model=QuestionnaireResponse)
    form, formset = _forms(request, consultation, response)
    if _ready_to_save(request, form, formset):
        try:
            with admit(request, form, rate="questionnaire"):
                questionnaire_save(
                    consultation=consultation,
                    data=_response_data(form, formset),
                    response=response,
                    language=active_content_language(),
                )
        except Refused as refusal:
            return refusal.respond(_render(request, consultation, form, formset, response=response))
        messages.success(request, _("Your answers are saved. Changed services wait for approval again."))
        return redirect("offers:questionnaire_edit", slug=consultation.slug, token=token)
    return _render(request, consultation, form, formset, response=response, token=token)
