from django.core.management.base import BaseCommand

from registry.participants.services import participants_purge


class Command(BaseCommand):
    help = "Delete registration data past the retention the privacy page promises (run daily)."

    def handle(self, *args, **options):
        cleared, deleted = participants_purge()
        self.stdout.write(f"Needs cleared on {cleared} registrations; {deleted} registrations deleted.")
