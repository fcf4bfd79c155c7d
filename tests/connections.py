"""Kill database connections as the server does on a restart: ``pg_terminate_backend`` from a second one."""

from __future__ import annotations

import psycopg2
from django.conf import settings
from django.db import connection


def _admin():
    db = settings.DATABASES["default"]
    admin = psycopg2.connect(
        dbname="postgres", user=db["USER"], host=db["HOST"] or None, port=db["PORT"] or None
    )
    admin.autocommit = True
    return admin


def own_connection_terminate() -> None:
    """The server drops this thread's connection (Django finds out at its next query)."""
    own = connection.cursor().connection.info.backend_pid
    with _admin() as admin, admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [own])


def other_connections_terminate() -> int:
    """The server drops every connection to the test database but this thread's; how many."""
    own = connection.cursor().connection.info.backend_pid
    with _admin() as admin, admin.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
            [settings.DATABASES["default"]["NAME"], own],
        )
        return cursor.fetchone()[0]
