"""Pages with a public form come from the page cache too, with what belongs to one visitor filled in afresh:
the CSRF token (and its cookie), the form's single-use tokens; a form served from the cache can be sent."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultation.protection import STARTED_FIELD
from registry.participants.models import Participant
from tests.factories import ConsultationFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

FORMS = ["/lv/riga/register/", "/lv/riga/wall/new/", "/lv/riga/questionnaire/", "/lv/riga/commitments/new/"]
PER_VISITOR = re.compile(
    r'name="((?:[\w-]+-)?(?:csrfmiddlewaretoken|form_started|submission_token))" value="([^"]*)"'
)


@pytest.fixture
def event():
    consultation = ConsultationFactory(slug="riga")
    WorkingGroupFactory(consultation=consultation, number=1, title_lv="Izglītība", capacity=30)
    return consultation


def _tokens(response) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in PER_VISITOR.findall(response.content.decode()):
        found.setdefault(name, []).append(value)
    return found


def _without_tokens(response) -> str:
    return PER_VISITOR.sub(r'name="\1" value=""', response.content.decode())


@pytest.mark.parametrize("path", FORMS)
def test_form_page_for_another_visitor_comes_from_the_cache_without_a_query(event, path):
    first = Client().get(path)

    with CaptureQueriesContext(connection) as queries:
        again = Client().get(path)

    assert (first.status_code, again.status_code, len(queries)) == (200, 200, 0)
    assert _without_tokens(again) == _without_tokens(first)


@pytest.mark.parametrize("path", FORMS)
def test_form_page_from_the_cache_carries_fresh_tokens_for_each_visitor(event, path):
    first = Client().get(path)

    second, third = Client().get(path), Client().get(path)

    names = set(_tokens(first))
    assert {"csrfmiddlewaretoken", STARTED_FIELD} <= names
    assert set(_tokens(second)) == set(_tokens(third)) == names
    for name in names:
        values = [_tokens(page)[name] for page in (first, second, third)]
        assert len({value for page in values for value in page}) == 3 * len(values[0]), name


@pytest.mark.parametrize("path", FORMS)
def test_form_page_from_the_cache_sets_the_visitors_csrf_cookie(event, path):
    Client().get(path)
    visitor = Client()

    response = visitor.get(path)

    assert response.cookies["csrftoken"].value == visitor.cookies["csrftoken"].value != ""


def test_registration_form_from_the_cache_is_accepted(event, settings, django_capture_on_commit_callbacks):
    settings.FORM_MIN_FILL_SECONDS = 0
    Client().get("/lv/riga/register/")  # rendered and stored
    person = Client(enforce_csrf_checks=True)
    tokens = {name: values[0] for name, values in _tokens(person.get("/lv/riga/register/")).items()}

    with django_capture_on_commit_callbacks(execute=True):
        response = person.post(
            "/lv/riga/register/",
            {
                **tokens,
                "first_name": "Līga",
                "last_name": "Ozoliņa",
                "email": "liga@example.org",
                "sector": "ngo",
                "first_choice": event.working_groups.get().pk,
                "consent_data": "on",
                "website": "",
            },
        )

    assert (response.status_code, response["Location"]) == (302, "/lv/riga/register/done/")
    assert list(Participant.objects.values_list("first_name", flat=True)) == ["Līga"]


def test_registration_form_is_not_kept_past_the_moment_registration_closes(event):
    closes = timezone.now() + datetime.timedelta(seconds=60)
    event.registration_closes_at = closes
    event.save()
    open_form = Client().get("/lv/riga/register/")

    with time_machine.travel(closes + datetime.timedelta(seconds=1)):
        closed = Client().get("/lv/riga/register/")

    assert 'name="first_choice"' in open_form.content.decode()
    assert 'name="first_choice"' not in closed.content.decode()
