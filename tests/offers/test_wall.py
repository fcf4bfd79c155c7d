"""The public resource wall: only approved cards, newest first, filters, diacritics-insensitive search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.links import private_token
from registry.offers.models import Offer, OfferKind, Region, TargetGroup
from registry.offers.services import offer_approve, offer_withdraw
from tests.factories import UserFactory

from .factories import OfferFactory

pytestmark = pytest.mark.django_db


def _wall(client, consultation, **params):
    return client.get(reverse("offers:wall", kwargs={"slug": consultation.slug}), params)


def _shown(response) -> list[int]:
    return [offer.pk for offer in response.context["page_obj"]]


@pytest.mark.parametrize(
    "status",
    [Offer.Status.PENDING, Offer.Status.REJECTED, Offer.Status.WITHDRAWN, Offer.Status.UNAVAILABLE],
)
def test_wall_hides_offers_not_approved(client, consultation, area, status):
    hidden = OfferFactory(
        consultation=consultation, area=area, status=status, description="Slepens piedāvājums"
    )

    response = _wall(client, consultation)

    assert _shown(response) == []
    assert hidden.description not in response.content.decode()


def test_wall_shows_approved_offers_newest_first(client, consultation, area):
    older = OfferFactory(consultation=consultation, area=area)
    newer = OfferFactory(consultation=consultation, area=area)

    response = _wall(client, consultation)

    assert _shown(response) == [newer.pk, older.pk]


def test_wall_never_shows_contact_data(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, contact_email="secret@example.org")

    content = _wall(client, consultation).content.decode()

    assert offer.description in content
    assert "secret@example.org" not in content
    assert offer.contact_phone not in content


def test_wall_shows_html_in_a_card_as_text(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, description="<script>alert(1)</script><b>bold</b>")

    content = _wall(client, consultation).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in content
    assert "<script>alert(1)" not in content


def test_wall_filters_by_area(client, consultation, area, second_area):
    OfferFactory(consultation=consultation, area=area)
    health = OfferFactory(consultation=consultation, area=second_area)

    response = _wall(client, consultation, area=second_area.number)

    assert _shown(response) == [health.pk]


def test_wall_filters_by_kind(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, kind=OfferKind.VOLUNTEERING)
    transport = OfferFactory(consultation=consultation, area=area, kind=OfferKind.TRANSPORT)

    response = _wall(client, consultation, kind=OfferKind.TRANSPORT)

    assert _shown(response) == [transport.pk]


def test_wall_filters_by_region(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, regions=[Region.RIGA])
    both = OfferFactory(consultation=consultation, area=area, regions=[Region.LATGALE, Region.VIDZEME])

    response = _wall(client, consultation, region=Region.VIDZEME)

    assert _shown(response) == [both.pk]


def test_wall_filters_by_target_group(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, target_groups=[TargetGroup.REFUGEES])
    children = OfferFactory(consultation=consultation, area=area, target_groups=[TargetGroup.CHILDREN])

    response = _wall(client, consultation, target_group=TargetGroup.CHILDREN)

    assert _shown(response) == [children.pk]


def test_wall_search_ignores_latvian_diacritics(client, consultation, area):
    match = OfferFactory(consultation=consultation, area=area, description="Palīdzība bēgļiem ar dzīvokli")
    OfferFactory(consultation=consultation, area=area, description="Transports uz Daugavpili")

    response = _wall(client, consultation, q="begli")

    assert _shown(response) == [match.pk]


def test_wall_search_finds_diacritics_from_plain_and_accented_queries(client, consultation, area):
    match = OfferFactory(consultation=consultation, area=area, description="Juridiskas konsultacijas")

    response = _wall(client, consultation, q="JURIDISKĀS konsultācijas")

    assert _shown(response) == [match.pk]


def test_wall_search_never_finds_unapproved_offers(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING, description="bēgļi")

    response = _wall(client, consultation, q="begli")

    assert _shown(response) == []


def test_wall_ignores_an_invalid_filter_and_says_so(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)

    response = _wall(client, consultation, kind="<nonsense>", area="abc", page="x")

    assert response.status_code == 200
    assert _shown(response) == [offer.pk]
    assert response.context["filter_form"].errors.keys() == {"kind", "area"}


def test_wall_paginates(client, consultation, area):
    OfferFactory.create_batch(30, consultation=consultation, area=area)

    response = _wall(client, consultation, page=2)

    assert len(response.context["page_obj"]) == 6
    assert response.context["page_obj"].paginator.count == 30


def test_wall_shows_only_its_own_consultation(client, consultation, area):
    other = OfferFactory()

    response = _wall(client, consultation)

    assert other.pk not in _shown(response)


@pytest.mark.parametrize("offer_count", [1, 30])
def test_wall_query_count_does_not_grow(
    client, consultation, area, django_assert_max_num_queries, offer_count
):
    OfferFactory.create_batch(offer_count, consultation=consultation, area=area)

    with django_assert_max_num_queries(5):
        response = _wall(client, consultation, region=Region.RIGA, q="valodas")

    assert len(response.context["page_obj"]) == min(offer_count, 24)


@pytest.mark.parametrize("offer_count", [1, 30])
def test_wall_served_again_from_the_cache_needs_no_query(
    client, consultation, area, django_assert_num_queries, offer_count
):
    OfferFactory.create_batch(offer_count, consultation=consultation, area=area)
    first = _wall(client, consultation, q="valodas")

    with django_assert_num_queries(0):  # the consultation's id and version come from the shared cache too
        again = _wall(client, consultation, q="valodas")

    assert again.content == first.content


def test_wall_shows_an_approval_at_once_despite_the_cache(
    client, consultation, area, django_capture_on_commit_callbacks
):
    _wall(client, consultation)
    with django_capture_on_commit_callbacks(execute=True):
        offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)
    _wall(client, consultation)

    with django_capture_on_commit_callbacks(execute=True):
        offer_approve(offers=[offer])

    assert offer.description in _wall(client, consultation).content.decode()


def test_wall_drops_a_withdrawn_offer_at_once_despite_the_cache(
    client, consultation, area, django_capture_on_commit_callbacks
):
    offer = OfferFactory(consultation=consultation, area=area)
    assert offer.description in _wall(client, consultation).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        offer_withdraw(offer=offer)

    assert offer.description not in _wall(client, consultation).content.decode()


def test_wall_with_a_pending_message_is_not_served_from_the_cache(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area)
    _wall(client, consultation)
    client.post(
        reverse(
            "offers:offer_withdraw",
            kwargs={"slug": consultation.slug, "token": private_token(offer)},
        ),
        {"confirmed": "yes"},
    )

    response = _wall(client, consultation)

    assert [str(message) for message in response.context["messages"]] == [
        "Jūsu piedāvājums atsaukts. Vietnē tas vairs netiek rādīts."
    ]


def test_wall_drops_a_deleted_offer_at_once_despite_the_cache(
    client, consultation, area, django_capture_on_commit_callbacks
):
    offer, other = OfferFactory.create_batch(2, consultation=consultation, area=area)
    _wall(client, consultation)
    other_changed = Offer.objects.get(pk=other.pk).updated_at

    with django_capture_on_commit_callbacks(execute=True):
        offer.delete()

    assert offer.description not in _wall(client, consultation).content.decode()
    assert Offer.objects.get(pk=other.pk).updated_at == other_changed  # nothing else is rewritten


@pytest.mark.parametrize("offer_count", [1, 30])
def test_wall_print_query_count_does_not_grow(
    client, consultation, area, django_assert_max_num_queries, offer_count
):
    OfferFactory.create_batch(offer_count, consultation=consultation, area=area)

    with django_assert_max_num_queries(3):
        response = client.get(reverse("offers:wall_print", kwargs={"slug": consultation.slug}))

    assert len(response.context["offers"]) == offer_count


def test_offer_detail_of_pending_offer_is_not_found(client, consultation, area):
    offer = OfferFactory(consultation=consultation, area=area, status=Offer.Status.PENDING)

    response = client.get(offer.get_absolute_url())

    assert response.status_code == 404


@pytest.mark.parametrize("offer_count", [1, 5])
def test_offer_detail_query_count_is_constant(
    client, consultation, area, django_assert_max_num_queries, offer_count
):
    offers = OfferFactory.create_batch(offer_count, consultation=consultation, area=area)

    with django_assert_max_num_queries(2):
        response = client.get(offers[-1].get_absolute_url())

    assert response.context["offer"] == offers[-1]


def test_wall_for_a_signed_in_user_is_never_served_from_the_cache(client, consultation, area):
    OfferFactory(consultation=consultation, area=area)
    _wall(client, consultation)
    client.force_login(UserFactory())

    response = _wall(client, consultation)

    assert response.context["page_obj"].paginator.count == 1
