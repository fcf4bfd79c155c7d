"""Searching the wall, the directory and the offers' admin: Latvian word forms, both languages, ranked,
highlighted and escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consultation.services import organisers_group_sync
from registry.offers.models import Offer
from registry.offers.selectors import SearchPaginator
from tests.factories import OrganisationFactory, StaffFactory

from .factories import OfferFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _wall(client, consultation, language="lv", **params):
    with_language = reverse("offers:wall", kwargs={"slug": consultation.slug}).replace(
        "/lv/", f"/{language}/"
    )
    return client.get(with_language, params)


def _shown(response) -> list[int]:
    return [offer.pk for offer in response.context["page_obj"]]


# (query, a card's text it finds, a card's text it does not find)
WORD_FORMS = [
    ("bērni", "Nodarbības bērnu vecākiem", "Nodarbības pieaugušajiem"),
    ("bērni", "Aicinām bērnus uz sportu", "Aicinām uz sportu"),
    ("daugavpils", "Telpas Daugavpilī", "Telpas Liepājā"),
    ("psihologs", "Psihologa konsultācijas", "Jurista konsultācijas"),
    ("bēgļu", "Palīdzam, lai bēgļi atrastu darbu", "Palīdzam atrast darbu"),
    ("children", "Free counselling for children", "Free counselling for adults"),
    ("BĒRNIEM rīgā", "Sports bērniem Rīgā", "Sports bērniem Jelgavā"),
]


@pytest.mark.parametrize(("query", "found", "missed"), WORD_FORMS)
def test_wall_search_finds_every_word_form(client, consultation, area, query, found, missed):
    match = OfferFactory(consultation=consultation, area=area, description=found)
    OfferFactory(consultation=consultation, area=area, description=missed)

    response = _wall(client, consultation, q=query)

    assert _shown(response) == [match.pk]


def test_wall_search_in_english_finds_english_text_on_the_english_page(client, consultation, area):
    match = OfferFactory(consultation=consultation, area=area, description="Toys for refugee children")
    OfferFactory(consultation=consultation, area=area, description="Rotaļlietas bērniem")

    response = _wall(client, consultation, language="en", q="children")

    assert _shown(response) == [match.pk]


def test_wall_search_finds_the_organisations_english_name(client, consultation, area):
    organisation = OrganisationFactory(name_lv="Biedrība “Tilts”", name_en="Bridge association")
    match = OfferFactory(
        consultation=consultation, area=area, organisation=organisation, description="Telpas"
    )
    OfferFactory(consultation=consultation, area=area, description="Telpas")

    response = _wall(client, consultation, q="bridge")

    assert _shown(response) == [match.pk]


def test_wall_search_ranks_the_words_as_written_first(client, consultation, area):
    exact = OfferFactory(consultation=consultation, area=area, description="Sports bērniem")
    newer_stem_only = OfferFactory(consultation=consultation, area=area, description="Sports bērnu grupām")

    response = _wall(client, consultation, q="bērniem")

    assert newer_stem_only.created_at >= exact.created_at
    assert _shown(response) == [exact.pk, newer_stem_only.pk]


def test_wall_search_highlights_the_matched_words(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, description="Sports bērniem un bērnu vecākiem")

    response = _wall(client, consultation, q="bērni")

    assert "Sports <mark>bērniem</mark> un <mark>bērnu</mark> vecākiem" in response.content.decode()


def test_wall_search_highlighting_escapes_the_card_text(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, description="<script>alert(1)</script> bērniem")

    content = _wall(client, consultation, q="<script> bērni").content.decode()

    assert "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; <mark>bērniem</mark>" in content
    assert "<script>alert" not in content


def test_wall_without_search_marks_nothing(client, consultation, area):
    OfferFactory(consultation=consultation, area=area, description="Sports bērniem")

    content = _wall(client, consultation).content.decode()

    assert "Sports bērniem" in content
    assert "<mark>" not in content


def test_directory_search_finds_word_forms_and_highlights(client, consultation, area):
    match = ServiceFactory(
        consultation=consultation,
        area=area,
        organisation=OrganisationFactory(),
        description="Psihologa darbs",
    )
    ServiceFactory(
        consultation=consultation, area=area, organisation=OrganisationFactory(), description="Cits"
    )

    response = client.get(reverse("offers:directory", kwargs={"slug": consultation.slug}), {"q": "psihologs"})

    assert [organisation.pk for organisation in response.context["page_obj"]] == [match.organisation.pk]
    assert "<mark>Psihologa</mark> darbs" in response.content.decode()


def test_offer_admin_search_finds_word_forms(client, consultation, area):
    organiser = StaffFactory()
    organiser.groups.add(organisers_group_sync())
    client.force_login(organiser)
    match = OfferFactory(consultation=consultation, area=area, description="Telpas Daugavpilī")
    OfferFactory(consultation=consultation, area=area, description="Telpas Rīgā")

    response = client.get(reverse("admin:offers_offer_changelist"), {"q": "daugavpils"})

    assert [offer.pk for offer in response.context["cl"].result_list] == [match.pk]


def test_wall_search_pages_follow_the_ranking_across_pages(client, consultation, area):
    """A search's pages are read as keys first, then rows (SearchPaginator): the same order as the ranking."""
    exact = [
        OfferFactory(consultation=consultation, area=area, description="Sports bērniem") for _ in range(3)
    ]
    stem_only = [
        OfferFactory(consultation=consultation, area=area, description="Sports bērnu") for _ in range(30)
    ]
    OfferFactory(consultation=consultation, area=area, description="Sports pieaugušajiem")
    ranked = [offer.pk for offer in reversed(exact)] + [offer.pk for offer in reversed(stem_only)]

    pages = [_shown(_wall(client, consultation, q="bērniem", page=number)) for number in (1, 2)]

    assert pages == [ranked[:24], ranked[24:]]


def test_wall_search_page_leaves_out_an_offer_no_longer_public_between_its_two_reads(consultation, area):
    shown = OfferFactory(consultation=consultation, area=area, description="Sports bērniem")
    pending = OfferFactory(consultation=consultation, area=area, description="Sports bērniem")
    Offer.objects.filter(pk=pending.pk).update(status=Offer.Status.PENDING)
    keys_read_before_the_change = Offer.objects.filter(pk__in=[shown.pk, pending.pk]).order_by("-id")

    page = SearchPaginator(keys_read_before_the_change, 24).page(1)

    assert [offer.pk for offer in page] == [shown.pk]
