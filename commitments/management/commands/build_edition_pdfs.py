"""Build the PDFs an edition is still missing (e.g. when the worker was down at publishing time)."""

from django.core.management.base import BaseCommand

from commitments.models import Edition
from commitments.pdf import edition_pdfs_build
from consultation.i18n import content_languages


class Command(BaseCommand):
    help = "Build every missing edition PDF now, in this process; existing files are kept."

    def handle(self, *args, **options):
        missing = (
            Edition.objects.select_related("consultation")
            .filter(translations__language__in=content_languages(), translations__pdf="")
            .distinct()
        )
        built = 0
        for edition in missing:
            edition_pdfs_build(edition=edition)
            built += 1
            self.stdout.write(f"{edition.consultation.slug}: edition {edition.number} built")
        self.stdout.write(self.style.SUCCESS(f"{built} edition(s) had missing PDFs."))
