"""``manage.py tasks_sweep``: run every minute (README, Deployment): tasks left by a dead worker run again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from consultation.worker import tasks_reclaim


class Command(BaseCommand):
    help = "Put tasks RUNNING for longer than TASK_RUNNING_TIMEOUT (their worker died) back on the queue"

    def handle(self, **options) -> None:
        count = tasks_reclaim()
        self.stdout.write(f"{count} task(s) back on the queue")
