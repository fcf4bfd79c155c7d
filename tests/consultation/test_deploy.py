"""The production settings the README gives pass Django's deployment checks; the headers every page sends."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import ConsultationFactory, StaffFactory

README = Path(settings.BASE_DIR) / "README.md"


def _readme_production_env() -> dict[str, str]:
    text = README.read_text()
    block = re.search(
        r"`manage.py check --deploy --fail-level WARNING` with exactly these lines.*?```sh\n(.*?)```",
        text,
        re.S,
    )
    return dict(
        line.split("=", 1) for line in block.group(1).splitlines() if line and not line.startswith("#")
    )


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key == "PATH" or key == "HOME"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_readme_production_settings():
    env = {**_readme_production_env(), "SECRET_KEY": secrets.token_urlsafe(50)}

    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    assert (result.returncode, result.stdout.strip().splitlines()[-1:]) == (
        0,
        ["System check identified no issues (1 silenced)."],
    ), result.stderr


def test_readme_production_settings_turn_on_https_redirect_and_hsts():
    env = {**_readme_production_env(), "SECRET_KEY": secrets.token_urlsafe(50)}
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_REFERRER_POLICY)"
    )

    result = _run(["-c", probe], {**env, "DJANGO_SETTINGS_MODULE": "consultation.settings"})

    assert result.stdout.strip().splitlines()[-1] == "True 31536000 same-origin"


def test_logs_are_one_json_object_a_line_on_standard_output():
    env = {**_readme_production_env(), "SECRET_KEY": secrets.token_urlsafe(50)}
    probe = "import django, logging; django.setup(); logging.getLogger('consultation').warning('hello %s', 'Rīga')"

    result = _run(["-c", probe], {**env, "DJANGO_SETTINGS_MODULE": "consultation.settings"})

    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert (record["level"], record["logger"], record["message"]) == ("WARNING", "consultation", "hello Rīga")


@pytest.mark.django_db
def test_public_page_sends_the_security_headers(client):
    consultation = ConsultationFactory()

    response = client.get(reverse("consultation:detail", kwargs={"slug": consultation.slug}))

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert (response["Referrer-Policy"], response["X-Frame-Options"]) == ("same-origin", "DENY")
    assert response["Permissions-Policy"].startswith("camera=(self), microphone=()")
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_private_link_page_is_never_stored(client):
    consultation = ConsultationFactory()

    response = client.get(
        reverse(
            "participants:registration_manage",
            kwargs={"slug": consultation.slug, "token": "not-a-real-token"},
        )
    )

    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_desk_page_is_never_stored(client):
    consultation = ConsultationFactory()
    client.force_login(StaffFactory(is_superuser=True))

    response = client.get(reverse("participants:desk", kwargs={"slug": consultation.slug}))

    assert (response.status_code, "no-store" in response["Cache-Control"]) == (200, True)
