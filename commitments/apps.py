from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        from consultation import page_cache
        from consultation.organisations import organisation_reference

        from .models import Commitment, DocumentSettings, Edition, ProgressNote, ResultsScreen

        organisation_reference("commitments.Commitment", "organisation")
        organisation_reference("commitments.HistoricalCommitment", "organisation")  # the audit trail
        page_cache.watch(Commitment)
        page_cache.watch(ProgressNote, consultation=lambda note: note.commitment.consultation_id)
        page_cache.watch(Edition)
        page_cache.watch(DocumentSettings)
        page_cache.watch(ResultsScreen)  # the screen's step, whether it is public, its secret link
