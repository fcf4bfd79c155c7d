from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "registry.offers"
    label = "offers"
    verbose_name = _("Offers")

    def ready(self) -> None:
        from consultation import page_cache
        from consultation.organisations import organisation_reference

        from .models import Offer, QuestionnaireResponse
        from .services import offers_search_text_refresh

        organisation_reference("offers.Offer", "organisation", after_merge=offers_search_text_refresh)
        organisation_reference("offers.QuestionnaireResponse", "organisation")
        # The audit trail follows a merge too, so no version points at a deleted organisation.
        organisation_reference("offers.HistoricalOffer", "organisation")
        organisation_reference("offers.HistoricalQuestionnaireResponse", "organisation")
        page_cache.watch(Offer)
        page_cache.watch(QuestionnaireResponse)
