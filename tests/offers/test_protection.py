"""consultation/protection.py: honeypot, minimum fill time and rate limit, reusable by every public form."""

from __future__ import annotations

import pytest
import time_machine
from django import forms
from django.http import HttpResponse
from django.test import RequestFactory

from consultation.protection import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    ProtectedFormMixin,
    form_started_token,
    rate_limit,
)


class NameForm(ProtectedFormMixin, forms.Form):
    name = forms.CharField(max_length=20)


def _form(**changes) -> NameForm:
    data = {"name": "Ilze", HONEYPOT_FIELD: "", STARTED_FIELD: form_started_token(seconds_ago=10), **changes}
    return NameForm(data)


def test_protected_form_accepts_a_person():
    assert _form().is_valid()


def test_protected_form_refuses_a_filled_honeypot():
    form = _form(**{HONEYPOT_FIELD: "http://spam.example"})

    assert [error.code for error in form.non_field_errors().as_data()] == ["honeypot"]


def test_protected_form_refuses_an_answer_faster_than_the_minimum(settings):
    settings.FORM_MIN_FILL_SECONDS = 5

    form = _form(**{STARTED_FIELD: form_started_token(seconds_ago=1)})

    assert [error.code for error in form.non_field_errors().as_data()] == ["too_fast"]


def test_protected_form_refuses_a_forged_timestamp_and_offers_a_fresh_one():
    form = _form(**{STARTED_FIELD: "1700000000.0"})

    assert [error.code for error in form.non_field_errors().as_data()] == ["no_timestamp"]
    assert form[STARTED_FIELD].value() != "1700000000.0"


def test_protected_form_hides_the_honeypot_from_visible_fields():
    assert [field.name for field in NameForm().visible_fields()] == ["name"]


def _view(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_rate_limit_answers_429_over_the_limit():
    view = rate_limit(scope="test", limit=2)(_view)
    factory = RequestFactory()

    statuses = [view(factory.post("/", REMOTE_ADDR="192.0.2.1")).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


@pytest.mark.django_db
def test_rate_limit_ignores_get_requests():
    view = rate_limit(scope="test", limit=1)(_view)
    factory = RequestFactory()

    statuses = [view(factory.get("/")).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


@pytest.mark.django_db
def test_rate_limit_resets_after_a_minute():
    view = rate_limit(scope="test", limit=1)(_view)
    factory = RequestFactory()
    with time_machine.travel("2026-01-01 10:00:10", tick=False):
        view(factory.post("/"))
        blocked = view(factory.post("/")).status_code

    with time_machine.travel("2026-01-01 10:01:10", tick=False):
        allowed = view(factory.post("/")).status_code

    assert (blocked, allowed) == (429, 200)


@pytest.mark.django_db
def test_rate_limit_page_says_try_again_in_a_minute():
    view = rate_limit(scope="test", limit=0)(_view)

    response = view(RequestFactory().post("/"))

    assert response["Retry-After"] == "60"
    assert "Lūdzu, mēģiniet vēlreiz pēc minūtes." in response.content.decode()
