from django.core.management.base import BaseCommand

from commitments.personal_data import personal_data_purge


class Command(BaseCommand):
    help = (
        "Delete or blank personal data past the retention periods the privacy page states: registrations, "
        "offers' and questionnaire contacts, commitments' contacts, stored task payloads, the admin's log and "
        "the audit trail. Run it daily."
    )

    def handle(self, *args, **options):
        report = personal_data_purge()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in report.items()))
