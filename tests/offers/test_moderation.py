"""Moderation: organisers approve, reject, edit and mark unavailable in the back office."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from consultation.models import Organisation
from registry.offers.models import Offer, QuestionnaireResponse
from registry.offers.services import offer_approve, offer_mark_unavailable, offer_reject
from tests.factories import UserFactory

from .factories import OfferFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client):
    client.force_login(UserFactory(username="organiser", is_staff=True, is_superuser=True))
    return client


def test_offer_approve_publishes_and_tells_the_author(
    client, consultation, area, django_capture_on_commit_callbacks
):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        offer_approve(offers=[offer], note="Paldies!")

    assert client.get(offer.get_absolute_url()).status_code == 200
    assert mail.outbox[0].to == [offer.contact_email]
    assert "Paldies!" in mail.outbox[0].body


def test_offer_reject_keeps_it_private_and_sends_the_note(
    consultation, area, django_capture_on_commit_callbacks
):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        offer_reject(offers=[offer], note="Lūdzu, precizējiet.")

    offer.refresh_from_db()
    assert (offer.status, offer.moderation_note) == (Offer.Status.REJECTED, "Lūdzu, precizējiet.")
    assert "Lūdzu, precizējiet." in mail.outbox[0].body


def test_offer_mark_unavailable_takes_it_off_the_wall(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)

    offer_mark_unavailable(offers=[offer])

    assert client.get(offer.get_absolute_url()).status_code == 404


def test_offer_approve_creates_the_organisation_of_a_new_respondent(consultation, area):
    service = ServiceFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    offer_approve(offers=[service])

    service.refresh_from_db()
    assert service.organisation.name_lv == service.response.organisation_name
    assert QuestionnaireResponse.objects.get().organisation == service.organisation


def test_offer_approve_of_two_services_creates_one_organisation(consultation, area):
    first = ServiceFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)
    second = ServiceFactory(consultation=consultation, area=area, response=first.response, status="pending")

    offer_approve(offers=Offer.objects.filter(pk__in=[first.pk, second.pk]).select_related("response"))

    assert Organisation.objects.count() == 1


def test_admin_moderation_queue_lists_only_pending_offers(organiser_client, consultation, area):
    pending = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)
    OfferFactory(consultation=consultation, area=area, status=Offer.Status.APPROVED)

    response = organiser_client.get(reverse("admin:offers_pendingoffer_changelist"))

    assert [offer.pk for offer in response.context["cl"].result_list] == [pending.pk]


def test_admin_approve_action_publishes_the_selected_offers(organiser_client, consultation, area):
    offers = OfferFactory.create_batch(2, consultation=consultation, area=area, status=Offer.Status.PENDING)

    organiser_client.post(
        reverse("admin:offers_pendingoffer_changelist"),
        {"action": "approve_offers", "_selected_action": [offer.pk for offer in offers]},
    )

    assert set(Offer.objects.values_list("status", flat=True)) == {Offer.Status.APPROVED}


def test_admin_change_form_approve_button_saves_edits_and_the_note(
    organiser_client, consultation, area, django_capture_on_commit_callbacks
):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)
    url = reverse("admin:offers_offer_change", args=[offer.pk])
    form = organiser_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "consultation": consultation.pk,
            "area": area.pk,
            "organisation": "",
            "response": "",
            "description": "Labots teksts",
            "moderation_note": "Mazliet saīsinājām.",
            "regions": offer.regions,
            "target_groups": offer.target_groups,
            "languages": [],
            "available_from": "",
            "available_until": "",
            "_approve": "1",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(url, data)

    offer.refresh_from_db()
    assert response.status_code == 302
    assert (offer.status, offer.description) == (Offer.Status.APPROVED, "Labots teksts")
    assert "Mazliet saīsinājām." in mail.outbox[0].body


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:offers_offer_changelist",
        "admin:offers_offer_add",
        "admin:offers_offer_import",
        "admin:offers_offer_export",
        "admin:offers_pendingoffer_changelist",
        "admin:offers_questionnaireresponse_changelist",
    ],
)
def test_admin_offer_pages_open_for_organisers(organiser_client, consultation, area, url_name):
    ServiceFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    response = organiser_client.get(reverse(url_name))

    assert response.status_code == 200


def test_admin_questionnaire_response_shows_its_services(organiser_client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area)

    response = organiser_client.get(
        reverse("admin:offers_questionnaireresponse_change", args=[service.response.pk])
    )

    assert service.description in response.content.decode()


def test_admin_offer_list_filters_by_region(organiser_client, consultation, area):
    OfferFactory(consultation=consultation, area=area, regions=["riga"])
    latgale = OfferFactory(consultation=consultation, area=area, regions=["latgale", "online"])

    response = organiser_client.get(reverse("admin:offers_offer_changelist"), {"regions": "latgale"})

    assert [offer.pk for offer in response.context["cl"].result_list] == [latgale.pk]


def test_admin_offer_list_links_to_queue_merge_import_and_export(organiser_client):
    content = organiser_client.get(reverse("admin:offers_offer_changelist")).content.decode()

    for url_name in [
        "admin:offers_pendingoffer_changelist",
        "admin:consultation_organisation_changelist",
        "admin:offers_offer_import",
        "admin:offers_offer_export",
    ]:
        assert reverse(url_name) in content


def test_admin_queue_approves_one_offer_in_one_click_with_its_note(
    organiser_client, consultation, area, django_capture_on_commit_callbacks
):
    offer, other = OfferFactory.create_batch(
        2, consultation=consultation, area=area, status=Offer.Status.PENDING
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            reverse("admin:offers_pendingoffer_decide", args=[offer.pk, "approve"]),
            {f"note-{offer.pk}": "Paldies, publicēts!", f"note-{other.pk}": ""},
        )

    offer.refresh_from_db()
    other.refresh_from_db()
    assert response.url == reverse("admin:offers_pendingoffer_changelist")
    assert (offer.status, offer.moderation_note, other.status) == (
        "approved",
        "Paldies, publicēts!",
        "pending",
    )
    assert "Paldies, publicēts!" in mail.outbox[0].body


def test_admin_queue_rejects_one_offer_in_one_click(organiser_client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    organiser_client.post(reverse("admin:offers_pendingoffer_decide", args=[offer.pk, "reject"]))

    offer.refresh_from_db()
    assert offer.status == Offer.Status.REJECTED


def test_admin_queue_decision_needs_post(organiser_client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    organiser_client.get(reverse("admin:offers_pendingoffer_decide", args=[offer.pk, "approve"]))

    offer.refresh_from_db()
    assert offer.status == Offer.Status.PENDING


def test_admin_queue_rows_carry_the_one_click_buttons(organiser_client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    content = organiser_client.get(reverse("admin:offers_pendingoffer_changelist")).content.decode()

    assert (
        f'formaction="{reverse("admin:offers_pendingoffer_decide", args=[offer.pk, "approve"])}"' in content
    )
    assert f'name="note-{offer.pk}"' in content
