from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from consultation.models import Consultation
from consultation.roles import is_organiser

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = io.StringIO()
    call_command("demo_setup", stdout=out)
    return out.getvalue()


def test_demo_setup_prints_a_working_organiser_login_once():
    first, second = _run(), _run()

    password = first.split("password: ")[1].split()[0]
    user = get_user_model().objects.get(username="organisers")
    assert user.check_password(password)
    assert user.is_staff and is_organiser(user)
    assert "password: " not in second
    assert "already exists" in second


def test_demo_setup_loads_the_2015_consultation_as_current():
    _run()

    assert Consultation.objects.current().slug == "riga-2015"


def test_demo_setup_prints_the_admin_address_on_the_chosen_port():
    out = io.StringIO()

    call_command("demo_setup", "--port", "8123", stdout=out)

    assert "http://127.0.0.1:8123/lv/admin/" in out.getvalue()


def test_demo_setup_prints_a_password_command_that_works_when_pasted():
    output = _run()

    assert "change it with: DEBUG=1 .venv/bin/python manage.py changepassword organisers" in output
