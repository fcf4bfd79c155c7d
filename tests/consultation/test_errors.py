"""The site's error pages: translated, in the site's layout, with a way back; a 403 says why."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ConsultationFactory, StaffFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_404_is_translated_in_the_site_layout_with_a_way_back(client):
    response = client.get("/lv/no-such-consultation/programme/")

    page = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="h2">Lapa nav atrasta</h1>' in page
    assert f'href="{reverse("consultation:home")}">Atpakaļ uz sākumlapu</a>' in page
    assert 'class="navbar' in page


def test_404_in_english_is_english(client):
    response = client.get("/en/no-such-consultation/programme/")

    assert '<h1 class="h2">Page not found</h1>' in response.content.decode()


def test_403_says_why_when_the_view_said_why(client):
    group = WorkingGroupFactory(consultation=ConsultationFactory(), number=4)
    client.force_login(StaffFactory())

    response = client.get(
        reverse("commitments:workspace", kwargs={"slug": group.consultation.slug, "number": group.number})
    )

    page = response.content.decode()
    assert response.status_code == 403
    assert '<h1 class="h2">Nav atļauts</h1>' in page
    assert '<p class="lead permission-denied">Grupas darba vietu var atvērt tikai tās vadītāji.</p>' in page


def test_500_is_the_site_page(client, monkeypatch):
    from consultation import views

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views, "agenda_flat", broken)
    consultation = ConsultationFactory()
    client.raise_request_exception = False

    response = client.get(reverse("consultation:programme", kwargs={"slug": consultation.slug}))

    assert response.status_code == 500
    assert '<h1 class="h2">Kaut kas nogāja greizi</h1>' in response.content.decode()


def test_400_for_a_form_declaring_utf16_is_the_site_page():
    consultation = ConsultationFactory()
    client = Client(enforce_csrf_checks=True)
    url = reverse("offers:wall_post", kwargs={"slug": consultation.slug})
    client.get(url)

    response = client.generic(
        "POST", url, "a=b".encode("utf-16"), content_type="application/x-www-form-urlencoded; charset=utf-16"
    )

    assert response.status_code == 400
    assert '<h1 class="h2">Pieprasījumu nevarēja nolasīt</h1>' in response.content.decode()


def test_403_for_a_missing_csrf_cookie_says_how_to_send_again():
    consultation = ConsultationFactory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("offers:wall_post", kwargs={"slug": consultation.slug}), {"a": "b"})

    assert response.status_code == 403
    assert '<h1 class="h2">Veidlapu nevarēja nosūtīt</h1>' in response.content.decode()
