"""Public lists and open data name only those who chose to be named."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from commitments.forms import CommitmentForm
from commitments.services import commitment_approve
from registry.offers.forms import QuestionnaireResponseForm
from registry.offers.models import Offer
from tests.commitments.factories_commitments import CommitmentFactory
from tests.factories import ConsultationFactory, OrganisationFactory, WorkingGroupFactory
from tests.offers.factories import OfferFactory


@pytest.fixture
def consultation(db):
    return ConsultationFactory(slug="riga")


@pytest.fixture
def group(consultation):
    return WorkingGroupFactory(consultation=consultation, number=1)


def _wall(client, consultation, **params):
    return client.get(reverse("offers:wall", kwargs={"slug": consultation.slug}), params).content.decode()


def test_wall_card_of_a_private_person_says_private_person(client, consultation, group):
    OfferFactory(consultation=consultation, area=group, author_name="Inese Slepenā", organisation=None)

    page = _wall(client, consultation)

    assert "Inese Slepenā" not in page
    assert "privātpersona" in page


def test_wall_card_shows_the_name_its_author_chose_to_show(client, consultation, group):
    OfferFactory(
        consultation=consultation,
        area=group,
        author_name="Jānis Atklātais",
        organisation=None,
        show_author_name=True,
    )

    assert "Jānis Atklātais" in _wall(client, consultation)


def test_wall_search_by_a_private_persons_name_finds_nothing(client, consultation, group):
    OfferFactory(consultation=consultation, area=group, author_name="Inese Slepenā", organisation=None)

    response = client.get(reverse("offers:wall", kwargs={"slug": consultation.slug}), {"q": "Slepenā"})

    assert list(response.context["page_obj"]) == []


def test_open_data_leaves_out_names_not_chosen_to_be_shown(client, consultation, group):
    hidden = OfferFactory(
        consultation=consultation, area=group, author_name="Inese Slepenā", organisation=None
    )
    shown = OfferFactory(
        consultation=consultation,
        area=group,
        author_name="Jānis Atklātais",
        organisation=None,
        show_author_name=True,
    )

    rows = json.loads(client.get(reverse("offers:opendata_json", kwargs={"slug": consultation.slug})).content)
    csv_text = client.get(reverse("offers:opendata_csv", kwargs={"slug": consultation.slug}))
    csv_body = b"".join(csv_text.streaming_content).decode("utf-8-sig")

    authors = {row["id"]: row["author"] for row in rows["offers"]}
    assert authors == {hidden.pk: "", shown.pk: "Jānis Atklātais"}
    assert "Inese Slepenā" not in csv_body


def test_wall_post_form_asks_whether_to_show_the_name(consultation, group):
    from registry.offers.forms import WallPostForm

    form = WallPostForm(consultation=consultation)

    assert form.fields["show_author_name"].initial in (None, False)
    assert Offer._meta.get_field("show_author_name").default is False


@pytest.fixture
def unnamed_organisation(consultation, group):
    commitment = CommitmentFactory(
        consultation=consultation,
        group=group,
        organisation=None,
        proposed_organisation_name="Klusā biedrība",
        may_publish_name=False,
    )
    return commitment_approve(commitment=commitment).organisation


def test_organisation_that_asked_not_to_be_named_is_not_listed(unnamed_organisation):
    assert (unnamed_organisation.name_lv, unnamed_organisation.is_listed) == ("Klusā biedrība", False)


def test_registration_datalist_leaves_out_an_unnamed_organisation(client, consultation, unnamed_organisation):
    OrganisationFactory(name_lv="Redzamā biedrība")

    page = client.get(reverse("participants:register", kwargs={"slug": consultation.slug})).content.decode()

    assert "Redzamā biedrība" in page
    assert "Klusā biedrība" not in page


def test_questionnaire_select_leaves_out_an_unnamed_organisation(consultation, unnamed_organisation):
    form = QuestionnaireResponseForm()

    assert unnamed_organisation not in form.fields["known_organisation"].queryset


def test_commitment_form_select_leaves_out_an_unnamed_organisation(consultation, unnamed_organisation):
    form = CommitmentForm(consultation=consultation)

    assert unnamed_organisation not in form.fields["organisation"].queryset
