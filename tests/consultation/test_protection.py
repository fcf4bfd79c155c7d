"""consultation/protection.py: the one protection of every public form."""

from __future__ import annotations

import pytest
import time_machine
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from consultation.protection import (
    HONEYPOT_FIELD,
    STARTED_FIELD,
    ProtectedFormMixin,
    Rate,
    Refused,
    admit,
    client_ip,
    form_started_token,
    is_venue_address,
)

NOON = "2026-01-01 10:00:10"


class NameForm(ProtectedFormMixin, forms.Form):
    name = forms.CharField(max_length=20)


def _form(**changes) -> NameForm:
    data = {"name": "Ilze", HONEYPOT_FIELD: "", STARTED_FIELD: form_started_token(seconds_ago=10), **changes}
    return NameForm(data)


def _valid_form(**changes) -> NameForm:
    form = _form(**changes)
    assert form.is_valid(), form.errors
    return form


def _request(address: str = "192.0.2.1", browser: str | None = None):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request._protection_browser = browser
    return request


def _take(request, form: NameForm, rate: str = "test") -> None:
    with admit(request, form, rate=rate):
        pass


def _admitted(request, rate: str = "test") -> bool:
    try:
        _take(request, _valid_form(), rate=rate)
    except Refused:
        return False
    return True


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.PUBLIC_FORM_RATES = {**settings.PUBLIC_FORM_RATES, "test": "2/60"}
    settings.RATE_LIMIT_VENUE_ADDRESSES = []


def test_protected_form_accepts_a_person():
    assert _form().is_valid()


def test_protected_form_refuses_a_filled_honeypot():
    form = _form(**{HONEYPOT_FIELD: "http://spam.example"})

    assert [error.code for error in form.non_field_errors().as_data()] == ["honeypot"]


def test_protected_form_refuses_an_answer_faster_than_the_minimum(settings):
    settings.FORM_MIN_FILL_SECONDS = 5

    form = _form(**{STARTED_FIELD: form_started_token(seconds_ago=1)})

    assert [error.code for error in form.non_field_errors().as_data()] == ["too_fast"]


def test_protected_form_refuses_a_forged_token_and_offers_a_fresh_one():
    form = _form(**{STARTED_FIELD: "1700000000.0"})

    assert [error.code for error in form.non_field_errors().as_data()] == ["no_timestamp"]
    assert form[STARTED_FIELD].value() != "1700000000.0"


def test_protected_form_token_is_single_use():
    token = form_started_token(seconds_ago=10)
    _take(_request(), _valid_form(**{STARTED_FIELD: token}))

    again = _form(**{STARTED_FIELD: token})

    assert [error.code for error in again.non_field_errors().as_data()] == ["used"]
    assert again[STARTED_FIELD].value() != token


def test_protected_form_token_used_by_a_parallel_request_is_refused():
    token = form_started_token(seconds_ago=10)
    first, second = _valid_form(**{STARTED_FIELD: token}), _valid_form(**{STARTED_FIELD: token})
    _take(_request(), first)

    with pytest.raises(Refused) as refusal:
        _take(_request(), second)

    assert refusal.value.status == 409


def test_protected_form_renders_the_honeypot_hidden_without_a_visible_field():
    form = NameForm()

    assert [field.name for field in form.visible_fields()] == ["name"]
    assert [field.name for field in form.hidden_fields()] == [HONEYPOT_FIELD, STARTED_FIELD]
    assert str(form[HONEYPOT_FIELD]).startswith('<span class="d-none" aria-hidden="true"><input type="text"')


def test_rate_parses_count_per_seconds():
    assert Rate.parse("10/60") == Rate(limit=10, period=60)


@pytest.mark.parametrize("text", ["10", "ten/60", "10/0", "-1/60"])
def test_rate_refuses_nonsense(text):
    with pytest.raises(ImproperlyConfigured):
        Rate.parse(text)


@time_machine.travel(NOON, tick=False)
def test_admit_refuses_one_browser_over_the_rate_with_the_time_to_wait():
    request = _request(browser="abuser")
    _take(request, _valid_form())
    _take(request, _valid_form())
    form = _valid_form()

    with pytest.raises(Refused) as refusal:
        _take(request, form)

    assert (refusal.value.status, refusal.value.retry_after) == (429, 50)
    assert form.non_field_errors() == [
        "Šo veidlapu īsā laikā esat sūtījuši daudzas reizes. Šoreiz nekas netika saglabāts; ierakstītais "
        "joprojām ir veidlapā zemāk. Lūdzu, nosūtiet to vēlreiz pēc 1 minūtes."
    ]


@time_machine.travel(NOON, tick=False)
def test_admit_counts_browsers_of_a_venue_address_apart(settings):
    settings.RATE_LIMIT_VENUE_ADDRESSES = ["203.0.113.0/28"]
    abuser = [_admitted(_request("203.0.113.5", "abuser")) for _ in range(4)]

    others = [_admitted(_request("203.0.113.5", f"person-{n}")) for n in range(5)]

    assert (abuser, others) == ([True, True, False, False], [True] * 5)


@time_machine.travel(NOON, tick=False)
def test_admit_gives_an_ordinary_address_one_budget_for_all_its_browsers():
    admitted = [_admitted(_request("192.0.2.7", f"person-{n}")) for n in range(3)]

    assert admitted == [True, True, False]


@time_machine.travel(NOON, tick=False)
def test_admit_makes_browsers_without_the_cookie_share_one_budget_at_a_venue(settings):
    settings.RATE_LIMIT_VENUE_ADDRESSES = ["203.0.113.5"]

    admitted = [_admitted(_request("203.0.113.5", None)) for _ in range(3)]

    assert admitted == [True, True, False]


@time_machine.travel(NOON, tick=False)
def test_admit_venue_address_budget_is_the_factor_times_the_rate(settings):
    settings.RATE_LIMIT_VENUE_ADDRESSES = ["203.0.113.5"]
    settings.RATE_LIMIT_VENUE_FACTOR = 3

    admitted = [_admitted(_request("203.0.113.5", f"person-{n}")) for n in range(7)]

    assert admitted == [True] * 6 + [False]


@time_machine.travel(NOON, tick=False)
def test_admit_refused_browser_does_not_use_up_the_venue_budget(settings):
    settings.RATE_LIMIT_VENUE_ADDRESSES = ["203.0.113.5"]
    settings.RATE_LIMIT_VENUE_FACTOR = 2  # four submissions from the address
    for _ in range(10):
        _admitted(_request("203.0.113.5", "abuser"))

    others = [_admitted(_request("203.0.113.5", f"person-{n}")) for n in range(3)]

    assert others == [True, True, False]


def test_admit_window_passes_and_the_same_form_is_taken():
    request = _request(browser="person")
    with time_machine.travel(NOON, tick=False):
        _take(request, _valid_form())
        _take(request, _valid_form())
        form = _valid_form()
        with pytest.raises(Refused):
            _take(request, form)

    with time_machine.travel("2026-01-01 10:01:10", tick=False):
        _take(request, form)


@time_machine.travel(NOON, tick=False)
def test_admit_submission_whose_saving_failed_counts_nothing_and_keeps_its_token():
    request = _request(browser="person")
    form = _valid_form()
    with pytest.raises(RuntimeError), admit(request, form, rate="test"):
        raise RuntimeError("the places lock was busy")

    taken = [_admitted(request), _admitted(request)]

    assert taken == [True, True]
    assert _form(**{STARTED_FIELD: form.data[STARTED_FIELD]}).is_valid()


def test_admit_refuses_an_unknown_rate_name():
    with pytest.raises(ImproperlyConfigured):
        _take(_request(), _valid_form(), rate="no-such-rate")


def test_client_ip_is_the_last_hop_of_the_proxy_header(settings):
    settings.RATE_LIMIT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.4", REMOTE_ADDR="127.0.0.1"
    )

    assert client_ip(request) == "198.51.100.4"


def test_client_ip_without_the_header_setting_is_remote_addr(settings):
    settings.RATE_LIMIT_IP_HEADER = ""
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="10.9.9.9", REMOTE_ADDR="127.0.0.1")

    assert client_ip(request) == "127.0.0.1"


@pytest.mark.parametrize(
    ("address", "expected"), [("203.0.113.9", True), ("203.0.113.99", False), ("not an address", False)]
)
def test_is_venue_address_reads_networks_from_settings(settings, address, expected):
    settings.RATE_LIMIT_VENUE_ADDRESSES = ["203.0.113.0/28", "2001:db8::/64"]

    assert is_venue_address(address) is expected


@pytest.mark.django_db
def test_re_registering_a_known_address_mails_its_owner_at_most_the_daily_bound(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client
    from django.urls import reverse

    from tests.factories import ConsultationFactory, WorkingGroupFactory
    from tests.participants.factories import ParticipantFactory

    settings.PRIVATE_LINK_MAILS_PER_DAY = 3
    settings.FORM_MIN_FILL_SECONDS = 0
    group = WorkingGroupFactory(consultation=ConsultationFactory(), number=1)
    ParticipantFactory(consultation=group.consultation, group=group, email="owner@example.org")
    url = reverse("participants:register", kwargs={"slug": group.consultation.slug})
    form = {
        "first_name": "Someone",
        "last_name": "Else",
        "email": "owner@example.org",
        "sector": "ngo",
        "first_choice": group.pk,
        "consent_data": "on",
        "website": "",
    }

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            Client(REMOTE_ADDR=f"198.51.100.{n}")
            .post(url, {**form, STARTED_FIELD: form_started_token()})
            .status_code
            for n in range(1, 11)
        ]

    assert statuses == [302] * 10
    assert [message.to for message in mailoutbox] == [["owner@example.org"]] * 3
