"""Run a task as production does: queued, then run by the queue (at once in process, or by the worker)."""

from __future__ import annotations

import psycopg2
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django_tasks import TaskContext, task


def task_run(task, *args):
    """Queue ``task`` with ``args`` and run it; its return value."""
    result = task.enqueue(*args)
    if not result.is_finished:  # the database queue: its worker takes the task
        call_command("task_worker", batch=True, no_startup_delay=True, verbosity=0)
        result.refresh()
    return result.return_value


@task(takes_context=True)
def connection_lost_once(context: TaskContext) -> int:
    """The first time it runs, the database drops its connection (from a second connection), then it queries."""
    if context.attempt == 1:
        db = settings.DATABASES["default"]
        own = connection.cursor().connection.info.backend_pid
        admin = psycopg2.connect(
            dbname="postgres", user=db["USER"], host=db["HOST"] or None, port=db["PORT"] or None
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [own])
        admin.close()
    return ContentType.objects.count()
