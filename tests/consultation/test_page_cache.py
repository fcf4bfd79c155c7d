"""consultation/page_cache.py: pages keyed by consultation, content version, language and address."""

from __future__ import annotations

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultation.models import Consultation
from consultation.page_cache import cached_page, content_changed
from tests.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    OrganisationFactory,
    OrganiserFactory,
    WorkingGroupFactory,
)
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


class Renderer:
    """Counts renders and shows the consultation's current title, as a real page would."""

    def __init__(self, consultation: Consultation) -> None:
        self.consultation, self.count = consultation, 0

    def __call__(self, consultation: Consultation | None) -> HttpResponse:
        self.count += 1
        return HttpResponse(Consultation.objects.get(pk=self.consultation.pk).title_lv)


def _get(consultation: Consultation, render, path: str = "/lv/x/") -> HttpResponse:
    request = RequestFactory().get(path)
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request._messages = []
    return cached_page(
        request,
        name=consultation.slug,
        load=lambda: Consultation.objects.get(pk=consultation.pk),  # as a view reads it, with its version
        render=render,
    )


def test_second_view_comes_from_the_cache(db):
    consultation = ConsultationFactory()
    render = Renderer(consultation)

    first, again = _get(consultation, render), _get(consultation, render)

    assert (render.count, again.content) == (1, first.content)


def test_another_address_is_another_page(db):
    consultation = ConsultationFactory()
    render = Renderer(consultation)

    _get(consultation, render, "/lv/x/?page=1")
    _get(consultation, render, "/lv/x/?page=2")

    assert render.count == 2


def test_content_changed_makes_the_next_view_render_again(db, django_capture_on_commit_callbacks):
    consultation = ConsultationFactory()
    render = Renderer(consultation)
    _get(consultation, render)

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(consultation.pk)

    _get(consultation, render)
    assert render.count == 2


def test_a_change_of_another_consultation_keeps_the_page(db, django_capture_on_commit_callbacks):
    consultation, other = ConsultationFactory(), ConsultationFactory()
    render = Renderer(consultation)
    _get(consultation, render)

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(other.pk)

    _get(consultation, render)
    assert render.count == 1


def test_version_moves_only_after_the_commit(db, django_capture_on_commit_callbacks):
    consultation = ConsultationFactory()

    with django_capture_on_commit_callbacks() as callbacks:
        content_changed(consultation.pk)
        before = Consultation.objects.get(pk=consultation.pk).content_version

    for callback in callbacks:
        callback()
    assert (before, Consultation.objects.get(pk=consultation.pk).content_version) == (0, 1)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda c: Consultation.objects.get(pk=c.pk).save(), id="consultation saved"),
        pytest.param(lambda c: AgendaItemFactory(consultation=c), id="agenda item added"),
        pytest.param(lambda c: OrganiserFactory(consultation=c), id="organiser added"),
        pytest.param(lambda c: OrganisationFactory(), id="any organisation added"),
    ],
)
def test_every_kind_of_change_to_the_event_shows_on_the_next_view(
    db, django_capture_on_commit_callbacks, change
):
    consultation = ConsultationFactory()
    render = Renderer(consultation)
    _get(consultation, render)

    with django_capture_on_commit_callbacks(execute=True):
        change(consultation)

    _get(consultation, render)
    assert render.count == 2


def test_a_cached_view_runs_no_query(db):
    consultation = ConsultationFactory()
    render = Renderer(consultation)
    _get(consultation, render)

    with CaptureQueriesContext(connection) as queries:
        again = _get(consultation, render)

    assert (len(queries), render.count, again.content.decode()) == (0, 1, consultation.title_lv)


def test_the_bump_puts_the_databases_version_in_the_shared_cache(db, django_capture_on_commit_callbacks):
    consultation = ConsultationFactory()
    _get(consultation, Renderer(consultation))

    with django_capture_on_commit_callbacks(execute=True):
        content_changed(consultation.pk)
        content_changed(consultation.pk)

    stored = Consultation.objects.get(pk=consultation.pk).content_version
    assert (stored, cache.get(f"page_cache:version:{consultation.pk}")) == (2, 2)


def test_a_flushed_cache_falls_back_to_the_databases_version(db):
    consultation = ConsultationFactory()
    render = Renderer(consultation)
    _get(consultation, render)
    Consultation.objects.filter(pk=consultation.pk).update(content_version=7)  # as other servers left it
    cache.clear()

    _get(consultation, render)
    with CaptureQueriesContext(connection) as queries:
        _get(consultation, render)

    assert (render.count, len(queries), cache.get(f"page_cache:version:{consultation.pk}")) == (2, 0, 7)


def test_a_change_while_the_cache_has_lost_the_version_shows_on_the_next_view(
    db, django_capture_on_commit_callbacks
):
    consultation = ConsultationFactory(title_lv="Vecais")
    render = Renderer(consultation)
    _get(consultation, render)
    cache.delete(f"page_cache:version:{consultation.pk}")  # evicted, the page itself kept

    with django_capture_on_commit_callbacks(execute=True):
        Consultation.objects.filter(pk=consultation.pk).update(title_lv="Jaunais")
        content_changed(consultation.pk)

    assert _get(consultation, render).content.decode() == "Jaunais"


def test_a_cache_lagging_behind_the_database_is_set_to_its_version(db, django_capture_on_commit_callbacks):
    consultation = ConsultationFactory(title_lv="Vecais")
    render = Renderer(consultation)
    Consultation.objects.filter(pk=consultation.pk).update(content_version=5)
    _get(consultation, render)
    cache.set(f"page_cache:version:{consultation.pk}", 2)  # an older copy

    with django_capture_on_commit_callbacks(execute=True):
        Consultation.objects.filter(pk=consultation.pk).update(title_lv="Jaunais")
        content_changed(consultation.pk)

    assert cache.get(f"page_cache:version:{consultation.pk}") == 6
    assert _get(consultation, render).content.decode() == "Jaunais"


def test_a_signed_in_visitor_never_gets_a_shared_page(db, admin_user):
    consultation = ConsultationFactory()
    render = Renderer(consultation)
    request = RequestFactory().get("/lv/x/")
    request.user, request._messages = admin_user, []
    load = lambda: consultation  # noqa: E731

    cached_page(request, name=consultation.slug, load=load, render=render)
    cached_page(request, name=consultation.slug, load=load, render=render)

    assert render.count == 2


# --- through the real public pages: every kind of change shows on the next view -----------------------


def _wall_text(client, consultation) -> str:
    return client.get(reverse("offers:wall", kwargs={"slug": consultation.slug})).content.decode()


def _directory_text(client, consultation) -> str:
    return client.get(reverse("offers:directory", kwargs={"slug": consultation.slug})).content.decode()


@pytest.fixture
def wall(db):
    consultation = ConsultationFactory()
    group = WorkingGroupFactory(consultation=consultation, title_lv="Valoda")
    organisation = OrganisationFactory(name_lv="Biedrība Pirmā")
    offer = OfferFactory(
        consultation=consultation, area=group, organisation=organisation, description="Kursi"
    )
    return consultation, group, organisation, offer


def _rename_group(wall):
    _consultation, group, _organisation, _offer = wall
    group.title_lv = "Valodas kursi un tulki"
    group.save()
    return "Valodas kursi un tulki"


def _rename_organisation(wall):
    _consultation, _group, organisation, _offer = wall
    organisation.name_lv = "Biedrība Otrā"
    organisation.save()
    return "Biedrība Otrā"


def _edit_offer(wall):
    offer = wall[3]
    offer.description = "Kursi un sarunu klubs"
    offer.save()
    return "Kursi un sarunu klubs"


def _add_offer(wall):
    consultation, group, organisation, _offer = wall
    OfferFactory(
        consultation=consultation, area=group, organisation=organisation, description="Telpas nodarbībām"
    )
    return "Telpas nodarbībām"


@pytest.mark.parametrize("change", [_rename_group, _rename_organisation, _edit_offer, _add_offer])
@pytest.mark.parametrize("page", [_wall_text, _directory_text])
def test_every_kind_of_change_shows_on_the_next_view_of_a_cached_page(
    client, wall, django_capture_on_commit_callbacks, change, page
):
    consultation = wall[0]
    page(client, consultation)

    with django_capture_on_commit_callbacks(execute=True):
        expected = change(wall)

    assert expected in page(client, consultation)


def test_a_deleted_offer_leaves_the_cached_wall_at_once(client, wall, django_capture_on_commit_callbacks):
    consultation, _group, _organisation, offer = wall
    _wall_text(client, consultation)

    with django_capture_on_commit_callbacks(execute=True):
        offer.delete()

    assert "Kursi" not in _wall_text(client, consultation)


def test_pages_live_in_their_own_cache_when_one_is_configured(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    ConsultationFactory(slug="riga", is_current=True)
    client.get("/lv/riga/")

    caches["default"].clear()  # the rate limits' cache: whatever fills or empties it, the pages stay
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/lv/riga/")

    assert (again.status_code, len(queries)) == (200, 0)
