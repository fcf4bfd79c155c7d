from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from commitments.models import Commitment
from consultation.protection import ProtectedFormMixin, form_started_token
from tests.factories import OrganisationFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _url(consultation):
    return reverse("commitments:new", kwargs={"slug": consultation.slug})


def test_form_page_shows_the_consultations_groups_only(client, consultation, group):
    other = WorkingGroupFactory(title_lv="Citas konsultācijas grupa")

    response = client.get(_url(consultation))

    choices = [choice for choice, _label in response.context["form"].fields["group"].choices if choice]
    assert [choice.value for choice in choices] == [group.pk]
    assert other.title_lv not in response.content.decode()


def test_form_post_records_the_commitment_and_opens_the_private_page(
    client, consultation, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(consultation), form_data, follow=True)

    commitment = Commitment.objects.get()
    assert response.redirect_chain[0][0].startswith(f"/lv/{consultation.slug}/commitments/link/")
    assert response.context["commitment"] == commitment
    assert commitment.text_lv == "Apņemamies vadīt divus seminārus."
    assert len(mail.outbox) == 1


def test_form_post_normalises_combining_marks_to_single_letters(client, consultation, form_data):
    form_data["text"] = "Gime\u0304n\u0327u"  # ē and ņ typed as letter + combining mark

    client.post(_url(consultation), form_data)

    assert Commitment.objects.get().text_lv == "Gimēņu"


def test_form_post_with_the_honeypot_filled_is_refused(client, consultation, form_data):
    form_data["website"] = "http://spam.example"

    response = client.post(_url(consultation), form_data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(ProtectedFormMixin.bot_error)]
    assert Commitment.objects.count() == 0


def test_form_post_sent_too_fast_is_refused_and_keeps_the_input(client, consultation, form_data):
    form_data["form_started"] = form_started_token(seconds_ago=0)

    response = client.post(_url(consultation), form_data)

    assert "form_started" not in response.context["form"].errors
    assert response.context["form"].non_field_errors() == [str(ProtectedFormMixin.too_fast_error)]
    assert "Apņemamies vadīt divus seminārus." in response.content.decode()
    assert Commitment.objects.count() == 0


def test_form_post_over_the_rate_limit_gets_429_and_keeps_the_input(
    client, consultation, form_data, settings
):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "commitment": "1/3600"}
    client.post(_url(consultation), form_data)

    response = client.post(
        _url(consultation), {**form_data, "form_started": form_started_token(seconds_ago=60)}
    )

    assert (response.status_code, response.context["form"]["text"].value()) == (
        429,
        "Apņemamies vadīt divus seminārus.",
    )
    assert Commitment.objects.count() == 1


def test_form_post_sent_twice_with_one_token_records_one_commitment(client, consultation, form_data):
    client.post(_url(consultation), form_data)

    response = client.post(_url(consultation), form_data)

    assert [error.code for error in response.context["form"].non_field_errors().as_data()] == ["used"]
    assert Commitment.objects.count() == 1


def test_form_post_for_a_group_of_another_consultation_is_refused(client, consultation, form_data):
    form_data["group"] = str(WorkingGroupFactory().pk)

    response = client.post(_url(consultation), form_data)

    assert response.context["form"].errors["group"] == [
        "Izvēlieties vienu no šīs konsultācijas darba grupām."
    ]
    assert Commitment.objects.count() == 0


def test_form_post_without_organisation_asks_for_one(client, consultation, form_data):
    form_data["organisation"] = ""

    response = client.post(_url(consultation), form_data)

    assert list(response.context["form"].errors) == ["organisation"]


def test_form_post_with_both_a_listed_and_a_new_organisation_is_refused(client, consultation, form_data):
    form_data["new_organisation_name"] = "Vēl viena"

    response = client.post(_url(consultation), form_data)

    assert list(response.context["form"].errors) == ["new_organisation_name"]


def test_form_post_ending_before_it_starts_is_refused(client, consultation, form_data):
    form_data["ends_on"] = "2015-10-01"

    response = client.post(_url(consultation), form_data)

    assert response.context["form"].errors["ends_on"] == ["Beigu datums nevar būt pirms sākuma datuma."]


def test_form_post_with_too_long_text_is_refused(client, consultation, form_data):
    form_data["text"] = "ā" * 2001

    response = client.post(_url(consultation), form_data)

    assert list(response.context["form"].errors) == ["text"]
    assert Commitment.objects.count() == 0


def test_form_post_without_required_fields_lists_each(client, consultation):
    response = client.post(_url(consultation), {"form_started": form_started_token(seconds_ago=60)})

    errors = response.context["form"].errors
    assert {"group", "text", "resource", "starts_on", "contact_name", "contact_email"} <= set(errors)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_form_page_query_count_is_constant(client, consultation, django_assert_max_num_queries, count):
    for number in range(1, count + 1):
        WorkingGroupFactory(consultation=consultation, number=number)
    OrganisationFactory.create_batch(count)

    with django_assert_max_num_queries(3):
        response = client.get(_url(consultation))

    assert len(response.context["form"].fields["group"].queryset) == count


def test_form_page_preselects_the_group_named_in_the_address(client, consultation, group):
    second = WorkingGroupFactory(consultation=consultation, number=2)

    response = client.get(_url(consultation) + "?group=2")

    assert response.context["form"].initial["group"] == second


def test_form_page_ignores_a_nonsense_group_in_the_address(client, consultation, group):
    response = client.get(_url(consultation) + "?group=x'--")

    assert response.context["form"].initial == {}
