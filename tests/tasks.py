"""Run a task as production does: queued, then run by the queue (at once in process, or by the worker)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django_tasks import TaskContext, task

from .connections import own_connection_terminate


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
        own_connection_terminate()
    return ContentType.objects.count()
