from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from consultation.models import Consultation

# tests/trilingual needs a third language in the settings and tables made from the models: it runs on its own
# (``pytest --ds tests.settings_trilingual --no-migrations tests/trilingual``, part of ``make test``).
collect_ignore = [] if settings.SETTINGS_MODULE == "tests.settings_trilingual" else ["trilingual"]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop with one clear line, not a traceback, when the test database server cannot be reached."""
    import psycopg2

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit(f"The tests run on PostgreSQL; DATABASE_URL points to {db['ENGINE']}.", returncode=3)
    try:
        psycopg2.connect(
            dbname="postgres",
            user=db["USER"],
            password=db["PASSWORD"],
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            connect_timeout=5,
        ).close()
    except psycopg2.OperationalError as error:
        reason = str(error).strip().splitlines()[0]
        pytest.exit(
            f"PostgreSQL is not reachable at {db['HOST'] or 'socket'}:{db['PORT'] or 5432} as {db['USER']!r} "
            f"({reason}). Start it, or set DATABASE_URL.",
            returncode=3,
        )


@pytest.fixture
def consultation_2015(db) -> Consultation:
    """The 2015 consultation loaded from the shipped fixture."""
    call_command("loaddata", "consultation_2015", verbosity=0)
    return Consultation.objects.get(slug="riga-2015")


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Rate-limit counters and cached pages never leak from one test into another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def latvian_by_default() -> None:
    """Start every test in the site's default language, whatever the previous request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
