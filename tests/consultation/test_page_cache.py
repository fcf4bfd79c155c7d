"""consultation/page_cache.py: pages keyed by consultation, content version, language and address."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from consultation.models import Consultation
from consultation.page_cache import cached_page, content_changed
from tests.factories import AgendaItemFactory, ConsultationFactory, OrganisationFactory, OrganiserFactory

pytestmark = pytest.mark.django_db


class Renderer:
    """Counts renders and shows the consultation's current title, as a real page would."""

    def __init__(self, consultation: Consultation) -> None:
        self.consultation, self.count = consultation, 0

    def __call__(self) -> HttpResponse:
        self.count += 1
        return HttpResponse(Consultation.objects.get(pk=self.consultation.pk).title_lv)


def _get(consultation: Consultation, render, path: str = "/lv/x/") -> HttpResponse:
    request = RequestFactory().get(path)
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request._messages = []
    fresh = Consultation.objects.get(pk=consultation.pk)  # as a view reads it, with its current version
    return cached_page(request, consultation=fresh, render=render)


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


def test_a_signed_in_visitor_never_gets_a_shared_page(db, admin_user):
    consultation = ConsultationFactory()
    render = Renderer(consultation)
    request = RequestFactory().get("/lv/x/")
    request.user, request._messages = admin_user, []

    cached_page(request, consultation=consultation, render=render)
    cached_page(request, consultation=consultation, render=render)

    assert render.count == 2
