"""Registry URLs: participants' pages and offers' pages live in their own modules."""

from .offer_urls import urlpatterns as offer_urlpatterns
from .participant_urls import urlpatterns as participant_urlpatterns

app_name = "registry"

urlpatterns = participant_urlpatterns + offer_urlpatterns
