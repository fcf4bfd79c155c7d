"""The service directory (organisations and their approved services) and the coverage map."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from consultation.page_cache import cached_public_page

from ..forms import OfferFilterForm
from ..selectors import (
    ORGANISATION_OFFERS_LIMIT,
    areas_of,
    coverage_by_kind,
    coverage_by_region,
    directory_organisations,
)
from .cards import offer_cards

DIRECTORY_PAGE_SIZE = 20


@cached_public_page
def directory(request: HttpRequest, consultation) -> HttpResponse:
    filter_form = OfferFilterForm(request.GET or None, areas=areas_of(consultation=consultation))
    organisations = directory_organisations(consultation=consultation, filters=filter_form.filters())
    query = request.GET.copy()
    query.pop("page", None)
    page_obj = Paginator(organisations, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    offers = [offer for organisation in page_obj for offer in organisation.public_offers]
    lines = iter(
        offer_cards(
            offers,
            consultation=consultation,
            template="offers/_directory_offer.html",
            search=filter_form.filters().get("q", ""),
        )
    )
    for organisation in page_obj:
        organisation.offer_lines = [next(lines) for _offer in organisation.public_offers]
    return render(
        request,
        "offers/directory_list.html",
        {
            "consultation": consultation,
            "filter_form": filter_form,
            "page_obj": page_obj,
            "query": query.urlencode(),
        },
    )


@cached_public_page
def directory_detail(request: HttpRequest, consultation, organisation: str) -> HttpResponse:
    found = (
        directory_organisations(consultation=consultation, offers_per_organisation=ORGANISATION_OFFERS_LIMIT)
        .filter(slug=organisation)
        .first()
    )
    if found is None:
        raise Http404
    return render(
        request,
        "offers/directory_detail.html",
        {
            "consultation": consultation,
            "organisation": found,
            "cards": offer_cards(found.public_offers, consultation=consultation),
        },
    )


@cached_public_page
def coverage(request: HttpRequest, consultation) -> HttpResponse:
    areas = areas_of(consultation=consultation)
    by_kind = coverage_by_kind(consultation=consultation, areas=areas)
    return render(
        request,
        "offers/coverage_map.html",
        {
            "consultation": consultation,
            "by_region": coverage_by_region(consultation=consultation, areas=areas),
            "by_kind": by_kind,
            "total": sum(
                row.total for row in by_kind.rows
            ),  # every approved offer is in one area, of one kind
        },
    )
