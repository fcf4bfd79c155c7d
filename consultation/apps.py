from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "consultation"
    verbose_name = _("Consultation")

    def ready(self) -> None:
        from . import page_cache
        from .models import AgendaItem, Consultation, Organisation, Organiser
        from .organisations import organisation_reference

        organisation_reference("consultation.Organiser", "organisation")
        organisation_reference("consultation.AgendaItem", "speaker_organisation")
        page_cache.watch(Consultation, consultation=lambda consultation: consultation.pk)
        page_cache.watch(AgendaItem)
        page_cache.watch(Organiser)
        page_cache.watch(Organisation, consultation=lambda organisation: None)  # shared by every consultation
