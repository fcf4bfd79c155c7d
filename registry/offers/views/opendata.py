"""Open data: approved offers as CSV and JSON, without anyone's contact data, under CC BY 4.0."""

from __future__ import annotations

import csv
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from consultation.i18n import content_languages, primary_name
from consultation.page_cache import cached_public_page
from consultation.spreadsheets import CSV_BOM, csv_cell
from consultation.views import get_published_consultation

from ..models import Offer
from ..selectors import public_offers

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
COLUMNS = [
    "id",
    "created_at",
    "source",
    "author",
    # The names in every configured language: organisation_lv, organisation_en, …
    *(f"organisation_{language}" for language in content_languages()),
    "area_number",
    *(f"area_{language}" for language in content_languages()),
    "kind",
    "description",
    "regions",
    "target_groups",
    "languages",
    "capacity",
    "cost",
    "available_from",
    "available_until",
    "period",
    "url",
]


def _row(offer: Offer, base_url: str) -> dict:
    """One offer as open data: what the public card shows, never an e-mail address or phone number."""
    return {
        "id": offer.pk,
        "created_at": offer.created_at.isoformat(),
        "source": offer.source,
        "author": offer.author_name if offer.shows_author_name else "",
        **{
            f"organisation_{language}": getattr(offer.organisation, f"name_{language}")
            if offer.organisation
            else ""
            for language in content_languages()
        },
        "area_number": offer.area.number,
        **{f"area_{language}": getattr(offer.area, f"title_{language}") for language in content_languages()},
        "kind": offer.kind,
        "description": offer.description,
        "regions": offer.regions,
        "target_groups": offer.target_groups,
        "languages": offer.languages,
        "capacity": offer.capacity,
        "cost": offer.cost,
        "available_from": offer.available_from.isoformat() if offer.available_from else None,
        "available_until": offer.available_until.isoformat() if offer.available_until else None,
        "period": offer.period,
        "url": base_url + offer.get_absolute_url(),
    }


def _rows(request: HttpRequest, consultation):
    base_url = settings.SITE_URL.rstrip("/")  # every absolute link from the one configured address
    offers = public_offers(consultation=consultation).select_related("consultation")
    for offer in offers.iterator(chunk_size=1000):
        yield _row(offer, base_url)


@cached_public_page
def opendata(request: HttpRequest, consultation) -> HttpResponse:
    return render(
        request,
        "offers/offer_opendata.html",
        {"consultation": consultation, "licence": LICENCE, "columns": COLUMNS},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def offers_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    consultation = get_published_consultation(slug)
    writer = csv.writer(_Echo())

    def lines():
        yield CSV_BOM  # so that spreadsheet programs read UTF-8 (ā, č, ē ...) correctly
        yield writer.writerow(COLUMNS)
        for row in _rows(request, consultation):
            yield writer.writerow([csv_cell(row[column]) for column in COLUMNS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{consultation.slug}-offers.csv"'
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def offers_json(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = get_published_consultation(slug)
    document = {
        "consultation": getattr(consultation, primary_name("title")),
        "licence": LICENCE,
        "description": str(_("Approved offers of the resource wall and the service questionnaire.")),
        "offers": list(_rows(request, consultation)),
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response
