"""The task worker: django-tasks-db's ``db_worker`` loop, made to survive its database and its own death.

``manage.py task_worker`` (same options as ``db_worker``) is what production runs:

- when the database drops the worker's connection (a restart, a failover, ``pg_terminate_backend``), the
  upstream worker exits with ``InterfaceError: connection already closed`` from ``set_failed``. This one
  closes the dead connection, puts the task it was running back on the queue if no outcome was written for
  it, and goes on; while the database is unreachable it tries again every RECONNECT_SECONDS.
- a worker killed outright (``kill -9``, the machine lost) leaves its task RUNNING for ever:
  ``tasks_reclaim()`` (run by ``manage.py tasks_sweep`` every minute) puts tasks RUNNING for longer than
  TASK_RUNNING_TIMEOUT back on the queue. A task taken again must not repeat what it already did: mail
  records its outcome in the transaction that records the message as sent (consultation/mail.py).
"""

from __future__ import annotations

import datetime
import logging
import time

from django.conf import settings
from django.db import Error as DatabaseFailure
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from .connections import connections_reset

logger = logging.getLogger(__name__)

RECONNECT_SECONDS = 2


def tasks_reclaim(*, older_than: datetime.timedelta | None = None) -> int:
    """Put tasks RUNNING for longer than ``older_than`` (TASK_RUNNING_TIMEOUT) back on the queue; how many."""
    if older_than is None:
        older_than = datetime.timedelta(seconds=settings.TASK_RUNNING_TIMEOUT)
    stale = DBTaskResult.objects.running().filter(started_at__lt=timezone.now() - older_than)
    count = stale.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("%s task(s) running for over %s went back on the queue", count, older_than)
    return count


def _requeue_if_unfinished(db_task_result: DBTaskResult) -> None:
    requeued = (
        DBTaskResult.objects.running()
        .filter(pk=db_task_result.pk)
        .update(status=TaskResultStatus.READY, started_at=None)
    )
    logger.warning(
        "Database connection lost while task id=%s ran; %s",
        db_task_result.pk,
        "it goes back on the queue" if requeued else "its outcome was already written",
    )


class Worker(db_worker.Worker):
    def run(self) -> None:
        while True:
            try:
                return super().run()
            except DatabaseFailure:  # InterfaceError is not a DatabaseError
                logger.exception("Database connection lost; the worker reconnects in %ss", RECONNECT_SECONDS)
                connections_reset()
                time.sleep(RECONNECT_SECONDS)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except DatabaseFailure:
            # The connection died in the task or while its outcome was written: nothing says it ended.
            connections_reset()
            _requeue_if_unfinished(db_task_result)
