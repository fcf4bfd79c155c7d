import uuid

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "registry.participants"
    label = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from consultation import page_cache
        from consultation.organisations import organisation_reference

        from .models import Participant

        organisation_reference("participants.Participant", "organisation")
        organisation_reference("participants.HistoricalParticipant", "organisation")  # the audit trail
        page_cache.watch(Participant)  # group pages show places left and who takes part
        # each visitor's registration form carries its own token against sending it twice
        page_cache.per_visitor("submission_token", lambda: str(uuid.uuid4()))
