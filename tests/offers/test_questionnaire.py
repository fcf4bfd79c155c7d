"""The electronic questionnaire: organisations describe services and keep them current by private link."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultation.links import private_token
from registry.offers.models import Cost, Offer, OfferKind, Period, QuestionnaireResponse, Region, TargetGroup
from registry.offers.services import ResponseData, ServiceChange, questionnaire_save
from tests.factories import OrganisationFactory

from .factories import QuestionnaireResponseFactory, ServiceFactory, human_fields

pytestmark = pytest.mark.django_db


def _service(group, index: int = 0, **changes) -> dict:
    data = {
        "area": group.pk,
        "kind": OfferKind.SERVICE,
        "description": "Psihosociālais atbalsts ģimenēm",
        "target_groups": [TargetGroup.REFUGEES, TargetGroup.CHILDREN],
        "regions": [Region.LATGALE],
        "languages": ["lv", "ru"],
        "capacity": "20 cilvēku mēnesī",
        "cost": Cost.FREE,
        "available_from": "",
        "available_until": "",
        **changes,
    }
    return {f"services-{index}-{name}": value for name, value in data.items()}


def _answers(group, *, services: int = 1, initial: int = 0, **changes) -> dict:
    data = {
        "organisation_name": "Biedrība “Sirds”",
        "known_organisation": "",
        "contact_name": "Līga Ozola",
        "contact_email": "liga@example.org",
        "contact_phone": "",
        "services-TOTAL_FORMS": str(services),
        "services-INITIAL_FORMS": str(initial),
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "30",
        **human_fields(),
    }
    for index in range(services):
        data.update(_service(group, index))
    data.update(changes)
    return data


def _submit(client, consultation, data):
    return client.post(reverse("offers:questionnaire", kwargs={"slug": consultation.slug}), data)


def test_questionnaire_saves_services_waiting_for_moderation(client, consultation, area):
    _submit(client, consultation, _answers(area, services=2, **{"services-1-kind": OfferKind.PREMISES}))

    response = QuestionnaireResponse.objects.get()
    services = list(response.services.order_by("id"))
    assert [(s.kind, s.status, s.source) for s in services] == [
        (OfferKind.SERVICE, Offer.Status.PENDING, Offer.Source.QUESTIONNAIRE),
        (OfferKind.PREMISES, Offer.Status.PENDING, Offer.Source.QUESTIONNAIRE),
    ]
    assert services[0].target_groups == [TargetGroup.REFUGEES, TargetGroup.CHILDREN]
    assert services[0].author_name == "Biedrība “Sirds”"


def test_questionnaire_redirects_to_the_private_link(client, consultation, area):
    page = _submit(client, consultation, _answers(area))

    response = QuestionnaireResponse.objects.get()
    assert page.url == reverse(
        "offers:questionnaire_edit",
        kwargs={"slug": consultation.slug, "token": private_token(response)},
    )


def test_questionnaire_emails_the_private_link(
    client, consultation, area, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(client, consultation, _answers(area))

    assert mail.outbox[0].to == ["liga@example.org"]
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert client.get(link).context["response"] == QuestionnaireResponse.objects.get()


@pytest.mark.parametrize(
    ("moment", "period"),
    [(-datetime.timedelta(days=3), Period.BEFORE), (datetime.timedelta(days=5), Period.AFTER)],
)
def test_questionnaire_records_when_the_offer_was_given(client, consultation, area, moment, period):
    with time_machine.travel(consultation.starts_at + moment):
        _submit(client, consultation, _answers(area))

    assert Offer.objects.get().period == period


def test_questionnaire_links_a_known_organisation(client, consultation, area):
    known = OrganisationFactory()

    _submit(client, consultation, _answers(area, organisation_name="", known_organisation=known.pk))

    response = QuestionnaireResponse.objects.get()
    assert (response.organisation, response.organisation_name) == (known, known.name_lv)
    assert Offer.objects.get().organisation == known


def test_questionnaire_needs_an_organisation(client, consultation, area):
    page = _submit(client, consultation, _answers(area, organisation_name=""))

    assert "organisation_name" in page.context["form"].errors
    assert QuestionnaireResponse.objects.count() == 0


def test_questionnaire_needs_at_least_one_service(client, consultation, area):
    data = _answers(area, services=1)
    for key in [key for key in data if key.startswith("services-0-")]:
        data[key] = [] if key.endswith(("regions", "target_groups", "languages")) else ""

    page = _submit(client, consultation, data)

    assert [error.code for error in page.context["formset"].non_form_errors().as_data()] == ["no_services"]
    assert QuestionnaireResponse.objects.count() == 0


def test_questionnaire_rejects_a_bad_service_and_saves_nothing(client, consultation, area):
    page = _submit(client, consultation, _answers(area, services=2, **{"services-1-cost": "gold"}))

    assert "cost" in page.context["formset"].forms[1].errors
    assert (QuestionnaireResponse.objects.count(), Offer.objects.count()) == (0, 0)


def test_questionnaire_add_service_button_shows_one_more_form(client, consultation, area):
    page = _submit(client, consultation, _answers(area, add_service="1"))

    assert len(page.context["formset"].forms) == 2
    assert QuestionnaireResponse.objects.count() == 0


def test_questionnaire_with_honeypot_saves_nothing(client, consultation, area):
    _submit(client, consultation, _answers(area, website="buy now"))

    assert QuestionnaireResponse.objects.count() == 0


def test_questionnaire_closed_accepts_no_new_answers(client, consultation, area):
    consultation.questionnaire_closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.questionnaire_opens_at = timezone.now() - datetime.timedelta(days=10)
    consultation.save()

    page = _submit(client, consultation, _answers(area))

    assert page.templates[0].name == "offers/questionnaire_closed.html"
    assert QuestionnaireResponse.objects.count() == 0


def _edit_url(response) -> str:
    return reverse(
        "offers:questionnaire_edit",
        kwargs={"slug": response.consultation.slug, "token": private_token(response)},
    )


def _edit_data(service, group, **changes) -> dict:
    data = _answers(group, services=1, initial=1, **{"services-0-id": str(service.pk)})
    data.update(
        {
            "organisation_name": service.response.organisation_name,
            "contact_email": service.response.contact_email,
            "services-0-description": service.description,
            "services-0-kind": service.kind,
            "services-0-regions": service.regions,
            "services-0-target_groups": service.target_groups,
            "services-0-languages": service.languages,
            "services-0-capacity": service.capacity,
            "services-0-cost": service.cost,
        }
    )
    data.update(changes)
    return data


def test_questionnaire_edit_changes_a_service_and_sends_it_back_to_moderation(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area, status=Offer.Status.APPROVED)

    client.post(_edit_url(service.response), _edit_data(service, area, **{"services-0-capacity": "50"}))

    service.refresh_from_db()
    assert (service.capacity, service.status) == ("50", Offer.Status.PENDING)


def test_questionnaire_edit_keeps_unchanged_services_approved(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area, status=Offer.Status.APPROVED)

    client.post(_edit_url(service.response), _edit_data(service, area, contact_name="Cits kontakts"))

    service.refresh_from_db()
    service.response.refresh_from_db()
    assert (service.status, service.response.contact_name) == (Offer.Status.APPROVED, "Cits kontakts")


def test_questionnaire_edit_keeps_the_period_given_first(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area, period=Period.BEFORE)

    with time_machine.travel(consultation.ends_at + datetime.timedelta(days=1)):
        client.post(_edit_url(service.response), _edit_data(service, area, **{"services-0-capacity": "9"}))

    service.refresh_from_db()
    assert service.period == Period.BEFORE


def test_questionnaire_edit_deletes_a_service(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area)
    kept = ServiceFactory(consultation=consultation, area=area, response=service.response)
    data = _edit_data(service, area, **{"services-0-DELETE": "on"})
    data.update(_service(area, 1, id=str(kept.pk), description=kept.description, kind=kept.kind))
    data.update({"services-TOTAL_FORMS": "2", "services-INITIAL_FORMS": "2"})

    client.post(_edit_url(service.response), data)

    assert list(Offer.objects.values_list("pk", flat=True)) == [kept.pk]


def test_questionnaire_edit_cannot_touch_another_organisations_service(client, consultation, area):
    mine = QuestionnaireResponseFactory(consultation=consultation)
    theirs = ServiceFactory(consultation=consultation, area=area, description="Svešs")
    data = _edit_data(theirs, area, **{"services-0-description": "Uzlauzts"})

    client.post(_edit_url(mine), data)

    theirs.refresh_from_db()
    assert theirs.description == "Svešs"


def test_questionnaire_edit_works_after_the_questionnaire_closed(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area)
    consultation.questionnaire_opens_at = timezone.now() - datetime.timedelta(days=10)
    consultation.questionnaire_closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.save()

    client.post(_edit_url(service.response), _edit_data(service, area, **{"services-0-capacity": "77"}))

    service.refresh_from_db()
    assert service.capacity == "77"


def test_questionnaire_edit_with_a_forged_link_is_not_found(client, consultation, area):
    response = QuestionnaireResponseFactory(consultation=consultation)
    url = reverse("offers:questionnaire_edit", kwargs={"slug": consultation.slug, "token": "1:forged"})

    assert client.get(url).status_code == 404
    assert client.get(_edit_url(response)).status_code == 200


def test_questionnaire_edit_link_expires(client, consultation, area):
    consultation.private_link_days = 30
    consultation.save()
    response = QuestionnaireResponseFactory(consultation=consultation)
    url = _edit_url(response)

    with time_machine.travel(datetime.timedelta(days=31)):
        page = client.get(url)

    assert page.status_code == 410


def test_questionnaire_edit_moves_every_service_to_the_new_contact_address(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area, status=Offer.Status.APPROVED)

    client.post(_edit_url(service.response), _edit_data(service, area, contact_email="jauna@example.org"))

    service.refresh_from_db()
    assert (service.contact_email, service.status) == ("jauna@example.org", Offer.Status.APPROVED)


def test_questionnaire_is_rate_limited(client, consultation, area, settings):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "questionnaire": "1/3600"}
    _submit(client, consultation, _answers(area))

    page = _submit(client, consultation, _answers(area))

    assert page.status_code == 429
    assert QuestionnaireResponse.objects.count() == 1


def _same_answers(response, services, **changes) -> ResponseData:
    data = {
        "organisation_name": response.organisation_name,
        "contact_name": response.contact_name,
        "contact_email": response.contact_email,
        "contact_phone": response.contact_phone,
        "organisation": response.organisation,
        "services": [ServiceChange(offer=service, changed=False) for service in services],
    }
    data.update(changes)
    return ResponseData(**data)


def test_edit_moving_answers_to_another_organisation_sends_approved_services_back_to_moderation(
    consultation, area
):
    organisation = OrganisationFactory()
    service = ServiceFactory(consultation=consultation, area=area, organisation=organisation)
    service.response.organisation = organisation
    service.response.save()

    questionnaire_save(
        consultation=consultation,
        response=service.response,
        data=_same_answers(service.response, [service], organisation=OrganisationFactory()),
        language="lv",
    )

    service.refresh_from_db()
    assert service.status == Offer.Status.PENDING
    assert Offer.objects.public().count() == 0


def test_edit_changing_only_the_contact_keeps_unchanged_services_public(consultation, area):
    service = ServiceFactory(consultation=consultation, area=area)

    questionnaire_save(
        consultation=consultation,
        response=service.response,
        data=_same_answers(service.response, [service], contact_phone="+371 21111111"),
        language="lv",
    )

    service.refresh_from_db()
    assert (service.status, service.contact_phone) == (Offer.Status.APPROVED, "+371 21111111")


def test_questionnaire_shows_the_organisation_and_the_service_errors_together(client, consultation, area):
    response = _submit(
        client, consultation, _answers(area, contact_email="not-an-address", **{"services-0-description": ""})
    )

    assert "contact_email" in response.context["form"].errors
    assert "description" in response.context["formset"].forms[0].errors
    assert Offer.objects.count() == 0
