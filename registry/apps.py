from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registration and offers")

    def ready(self) -> None:
        from consultation.organisations import organisation_reference

        organisation_reference("registry.Participant", "organisation")
        organisation_reference("registry.QuestionnaireResponse", "organisation")
        organisation_reference("registry.Offer", "organisation")
