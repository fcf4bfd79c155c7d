"""The settings module refuses to start with unsafe or missing configuration."""

from __future__ import annotations

import os
import subprocess
import sys

from django.conf import settings

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def _start(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="consultation.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_secret_key_is_refused_when_debug_is_off():
    result = _start(DEBUG="0", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_missing_allowed_hosts_is_refused_when_debug_is_off():
    result = _start(DEBUG="0", SECRET_KEY="x" * 50, SITE_URL="https://example.org")

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set when DEBUG is off" in result.stderr


def test_missing_site_url_is_refused_when_debug_is_off():
    result = _start(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be set when DEBUG is off" in result.stderr


def test_debug_mode_starts_without_any_configuration():
    result = _start(DEBUG="1")

    assert (result.returncode, result.stdout.strip()) == (0, "True")


def test_production_starts_with_secret_key_hosts_and_site_url():
    result = _start(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="consultation.example.org",
        SITE_URL="https://consultation.example.org",
    )

    assert (result.returncode, result.stdout.strip()) == (0, "False")


def test_unreachable_database_stops_the_tests_with_one_clear_line():
    environment = dict(os.environ, DATABASE_URL="postgres://postgres@127.0.0.1:9/consultation")

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/consultation/test_models.py"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 3
    assert "PostgreSQL is not reachable at 127.0.0.1:9 as 'postgres'" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_manage_py_without_configuration_says_what_is_missing_in_one_line():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == "manage.py: SECRET_KEY must be set when DEBUG is off (see README, Configuration)."
    )


def test_per_process_cache_is_refused_when_debug_is_off():
    result = _start(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org", ALLOW_LOCAL_CACHE="0")

    assert result.returncode != 0
    assert "CACHE_URL must name a cache shared by every worker when DEBUG is off" in result.stderr


def test_per_process_page_cache_is_refused_when_debug_is_off():
    result = _start(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
        CACHE_URL="dbcache://consultation_cache",
        PAGE_CACHE_URL="locmemcache://pages",
        ALLOW_LOCAL_CACHE="0",
    )

    assert result.returncode != 0
    assert "PAGE_CACHE_URL must name a cache shared by every worker when DEBUG is off" in result.stderr


def test_per_process_cache_starts_when_explicitly_allowed():
    result = _start(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
        ALLOW_LOCAL_CACHE="1",
    )

    assert (result.returncode, result.stdout.strip()) == (0, "False")


def test_shared_cache_starts_when_debug_is_off():
    result = _start(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        ALLOW_LOCAL_CACHE="0",
        SITE_URL="https://example.org",
        CACHE_URL="dbcache://consultation_cache",
    )

    assert (result.returncode, result.stdout.strip()) == (0, "False")


def test_email_timeout_is_ten_seconds_unless_the_environment_says_otherwise():
    probe = "import django; django.setup(); from django.conf import settings; print(settings.EMAIL_TIMEOUT)"
    results = [
        subprocess.run(
            [sys.executable, "-c", probe],
            cwd=settings.BASE_DIR,
            env={
                **{key: value for key, value in os.environ.items() if key != "EMAIL_TIMEOUT"},
                "DJANGO_SETTINGS_MODULE": "consultation.settings",
                **env,
            },
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
        for env in ({}, {"EMAIL_TIMEOUT": "3"})
    ]

    assert results == ["10", "3"]
