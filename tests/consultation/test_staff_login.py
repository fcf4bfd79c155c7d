"""Staff logins: lockouts (django-axes), two-factor (django-otp), session lifetimes, password rules."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from consultation.services import organiser_create
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

LOGIN = "/lv/admin/login/"
PASSWORD = "a long and proper password"


def _staff(username: str = "leader"):
    user = StaffFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client: Client, username: str, password: str, **extra) -> int:
    return client.post(LOGIN, {"username": username, "password": password, **extra}).status_code


def test_lockout_after_five_wrong_passwords_refuses_even_the_right_one():
    _staff()
    client = Client(REMOTE_ADDR="198.51.100.1")

    statuses = [_login(client, "leader", f"wrong {n}") for n in range(100)]

    assert (statuses.count(200), statuses.count(429)) == (4, 96)
    assert _login(client, "leader", PASSWORD) == 429


def test_lockout_is_per_account_from_any_address():
    _staff()
    for n in range(5):
        _login(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), "leader", "wrong")

    assert _login(Client(REMOTE_ADDR="203.0.113.50"), "leader", PASSWORD) == 429


def test_lockout_is_per_address_across_accounts():
    _staff("someone")
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(5):
        _login(client, f"guess-{n}", "wrong")

    assert _login(client, "someone", PASSWORD) == 429
    assert _login(Client(REMOTE_ADDR="198.51.100.10"), "someone", PASSWORD) == 302


def test_lockout_page_is_translated_and_says_how_long(settings):
    _staff()
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        _login(client, "leader", "wrong")

    page = client.post(LOGIN, {"username": "leader", "password": PASSWORD}).content.decode()

    assert "Pārāk daudz nepareizu paroļu šim kontam vai no šīs adreses." in page
    assert "pēc 15 minūtēm" in page


def test_lockout_ends_after_the_cool_off_time():
    _staff()
    client = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(5):
        _login(client, "leader", "wrong")

    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=16)):
        assert _login(client, "leader", PASSWORD) == 302


def test_organiser_unlocks_an_account_in_the_admin():
    _staff()
    for _ in range(5):
        _login(Client(REMOTE_ADDR="198.51.100.1"), "leader", "wrong")
    organiser, _password = organiser_create(username="organisers")
    admin = Client()
    admin.force_login(organiser)
    attempt = AccessAttempt.objects.get(username="leader")

    admin.post(
        "/lv/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert AccessAttempt.objects.count() == 0
    assert _login(Client(REMOTE_ADDR="198.51.100.1"), "leader", PASSWORD) == 302


def _enrol(user) -> tuple[TOTPDevice, list[str]]:
    call_command("otp_enrol", user.username, stdout=io.StringIO())
    device = TOTPDevice.objects.get(user=user)
    codes = list(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    return device, codes


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_enrolled_staff_needs_the_code_as_well_as_the_password():
    user = _staff()
    _enrol(user)
    client = Client()

    response = client.post(LOGIN, {"username": "leader", "password": PASSWORD})

    assert response.status_code == 200
    assert response.context["form"].errors["__all__"] == [
        "Ievadiet kodu no autentifikatora lietotnes vai rezerves kodu."
    ]


def test_enrolled_staff_signs_in_with_the_app_code():
    user = _staff()
    device, _codes = _enrol(user)

    response = Client().post(LOGIN, {"username": "leader", "password": PASSWORD, "otp_token": _code(device)})

    assert response.status_code == 302, response.context["form"].errors


def test_recovery_code_works_once():
    user = _staff()
    _device, codes = _enrol(user)

    first = _login(Client(), "leader", PASSWORD, otp_token=codes[0])
    again = _login(Client(), "leader", PASSWORD, otp_token=codes[0])

    assert (first, again, len(codes)) == (302, 200, 10)


def test_organiser_without_a_device_cannot_sign_in_when_two_factor_is_required(settings):
    settings.OTP_REQUIRED_FOR_ORGANISERS = True
    organiser, password = organiser_create(username="organisers")

    response = Client().post(LOGIN, {"username": "organisers", "password": password})

    assert response.context["form"].errors["__all__"] == [
        "Organizatori piesakās ar otru faktoru. Lūdziet administratoru jūs reģistrēt."
    ]


def test_organiser_session_without_a_code_does_not_open_the_admin_when_required(settings):
    settings.OTP_REQUIRED_FOR_ORGANISERS = True
    organiser, _password = organiser_create(username="organisers")
    client = Client()
    client.force_login(organiser)

    response = client.get("/lv/admin/")

    assert (response.status_code, response["Location"]) == (302, "/lv/admin/login/?next=/lv/admin/")


def test_group_leader_without_a_device_signs_in_with_a_password_when_organisers_need_two_factor(settings):
    settings.OTP_REQUIRED_FOR_ORGANISERS = True
    _staff()

    assert _login(Client(), "leader", PASSWORD) == 302


def test_staff_session_ends_after_the_idle_time(settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 60
    client = Client()
    start = datetime.datetime(2026, 10, 26, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(_staff())
        client.get("/lv/admin/")
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        response = client.get("/lv/admin/")

    assert response.status_code == 302


def test_staff_session_ends_after_its_absolute_lifetime_however_busy(settings):
    settings.STAFF_SESSION_IDLE_MINUTES, settings.STAFF_SESSION_HOURS = 60, 12
    client = Client()
    start = datetime.datetime(2026, 10, 26, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.force_login(_staff())
    statuses = []
    for half_hours in range(1, 27):
        with time_machine.travel(start + datetime.timedelta(minutes=30 * half_hours), tick=False):
            statuses.append(client.get("/lv/admin/").status_code)

    assert statuses == [200] * 23 + [302] * 3


def test_password_validators_refuse_a_short_password():
    with pytest.raises(ValidationError):
        validate_password("short1!")
