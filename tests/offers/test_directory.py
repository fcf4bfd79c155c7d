"""The service directory and the coverage map: approved offers only, bounded queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from registry.offers.models import Offer, OfferKind, Region
from tests.factories import OrganisationFactory

from .factories import OfferFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _directory(client, consultation, **params):
    return client.get(reverse("offers:directory", kwargs={"slug": consultation.slug}), params)


def test_directory_lists_organisations_with_approved_services(client, consultation, area):
    shown = ServiceFactory(consultation=consultation, area=area, organisation=OrganisationFactory())
    ServiceFactory(
        consultation=consultation, area=area, organisation=OrganisationFactory(), status=Offer.Status.PENDING
    )

    response = _directory(client, consultation)

    assert [organisation.pk for organisation in response.context["page_obj"]] == [shown.organisation.pk]
    assert [offer.pk for offer in response.context["page_obj"][0].public_offers] == [shown.pk]


def test_directory_hides_an_organisations_unapproved_services(client, consultation, area):
    organisation = OrganisationFactory()
    ServiceFactory(consultation=consultation, area=area, organisation=organisation)
    hidden = ServiceFactory(
        consultation=consultation, area=area, organisation=organisation, status=Offer.Status.REJECTED
    )

    response = _directory(client, consultation)

    assert hidden.description not in response.content.decode()


def test_directory_filters_services_by_kind(client, consultation, area):
    organisation = OrganisationFactory()
    ServiceFactory(consultation=consultation, area=area, organisation=organisation, kind=OfferKind.SERVICE)
    premises = ServiceFactory(
        consultation=consultation, area=area, organisation=organisation, kind="premises"
    )

    response = _directory(client, consultation, kind=OfferKind.PREMISES)

    assert [offer.pk for offer in response.context["page_obj"][0].public_offers] == [premises.pk]


def test_directory_search_ignores_diacritics(client, consultation, area):
    match = ServiceFactory(
        consultation=consultation,
        area=area,
        organisation=OrganisationFactory(),
        description="Ģimenes atbalsts",
    )
    ServiceFactory(
        consultation=consultation, area=area, organisation=OrganisationFactory(), description="Cits"
    )

    response = _directory(client, consultation, q="gimenes")

    assert [organisation.pk for organisation in response.context["page_obj"]] == [match.organisation.pk]


def test_directory_never_shows_contact_data(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area, organisation=OrganisationFactory())

    content = _directory(client, consultation).content.decode()

    assert service.contact_email not in content
    assert service.response.contact_phone not in content


@pytest.mark.parametrize("organisation_count", [1, 12])
def test_directory_query_count_does_not_grow(
    client, consultation, area, django_assert_max_num_queries, organisation_count
):
    for _ in range(organisation_count):
        ServiceFactory.create_batch(
            2, consultation=consultation, area=area, organisation=OrganisationFactory()
        )

    with django_assert_max_num_queries(6):
        response = _directory(client, consultation, region=Region.RIGA)

    assert len(response.context["page_obj"]) == organisation_count


def test_directory_shows_the_newest_five_services_and_links_to_all(client, consultation, area):
    organisation = OrganisationFactory()
    ServiceFactory.create_batch(7, consultation=consultation, area=area, organisation=organisation)

    response = _directory(client, consultation)

    listed = response.context["page_obj"][0]
    assert (len(listed.public_offers), listed.public_offer_count) == (5, 7)


def test_directory_detail_shows_the_organisations_services(client, consultation, area):
    service = ServiceFactory(consultation=consultation, area=area, organisation=OrganisationFactory())

    response = client.get(
        reverse(
            "offers:directory_detail",
            kwargs={"slug": consultation.slug, "organisation": service.organisation.slug},
        )
    )

    assert [offer.pk for offer in response.context["organisation"].public_offers] == [service.pk]


def test_directory_detail_of_an_organisation_without_approved_services_is_not_found(
    client, consultation, area
):
    service = ServiceFactory(
        consultation=consultation, area=area, organisation=OrganisationFactory(), status=Offer.Status.PENDING
    )

    response = client.get(
        reverse(
            "offers:directory_detail",
            kwargs={"slug": consultation.slug, "organisation": service.organisation.slug},
        )
    )

    assert response.status_code == 404


def _coverage(client, consultation):
    return client.get(reverse("offers:coverage", kwargs={"slug": consultation.slug}))


def test_coverage_counts_approved_offers_by_area_and_region(client, consultation, area, second_area):
    OfferFactory(consultation=consultation, area=area, regions=[Region.RIGA, Region.LATGALE])
    OfferFactory(consultation=consultation, area=area, regions=[Region.RIGA])
    OfferFactory(consultation=consultation, area=area, regions=[Region.RIGA], status=Offer.Status.PENDING)

    coverage = _coverage(client, consultation).context["by_region"]

    first_row = dict(coverage.rows[0].cells)
    assert (first_row[Region.RIGA], first_row[Region.LATGALE], first_row[Region.KURZEME]) == (2, 1, 0)
    assert (coverage.rows[0].total, coverage.rows[1].total) == (2, 0)


def test_coverage_counts_approved_offers_by_area_and_kind(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, kind=OfferKind.TRANSPORT)
    OfferFactory(
        consultation=consultation, area=area, kind=OfferKind.TRANSPORT, status=Offer.Status.WITHDRAWN
    )

    coverage = _coverage(client, consultation).context["by_kind"]

    assert dict(coverage.rows[0].cells)[OfferKind.TRANSPORT] == 1
    assert dict(coverage.column_totals)[OfferKind.TRANSPORT] == 1


def test_coverage_cells_link_to_the_matching_offers(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, regions=[Region.ZEMGALE])

    content = _coverage(client, consultation).content.decode()

    wall = reverse("offers:wall", kwargs={"slug": consultation.slug})
    assert f'href="{wall}?area={area.number}&amp;region=zemgale"' in content


@pytest.mark.parametrize("offer_count", [1, 25])
def test_coverage_query_count_does_not_grow(
    client, consultation, area, django_assert_max_num_queries, offer_count
):
    OfferFactory.create_batch(offer_count, consultation=consultation, area=area)

    with django_assert_max_num_queries(6):
        response = _coverage(client, consultation)

    assert response.context["total"] == offer_count


@pytest.mark.parametrize("service_count", [1, 15])
def test_directory_detail_query_count_does_not_grow(
    client, consultation, area, django_assert_max_num_queries, service_count
):
    organisation = OrganisationFactory()
    ServiceFactory.create_batch(
        service_count, consultation=consultation, area=area, organisation=organisation
    )
    url = reverse(
        "offers:directory_detail", kwargs={"slug": consultation.slug, "organisation": organisation.slug}
    )

    with django_assert_max_num_queries(3):
        response = client.get(url)

    assert len(response.context["cards"]) == service_count
