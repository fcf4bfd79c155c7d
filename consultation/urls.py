"""Root URLs: every page lives under /lv/ (default) or /en/; each app owns the addresses below.

Address (after /lv/ or /en/; <slug> is the consultation)      app and URL module (namespace)
----------------------------------------------------------   -----------------------------------------------
admin/                                                        django.contrib.admin (every app's admin.py)
""  and  <slug>/, <slug>/programme/, <slug>/programme.ics     consultation (consultation_patterns below)
<slug>/groups/, <slug>/groups/<n>/                            workgroups/urls.py (workgroups:)
<slug>/register/…, <slug>/registration/<token>/,              registry/participants/urls.py (participants:)
  <slug>/privacy/, <slug>/desk/…,
  <slug>/groups/<n>/participants/
<slug>/wall/…, <slug>/offers/…, <slug>/questionnaire/…,       registry/offers/urls.py (offers:)
  <slug>/directory/…, <slug>/coverage/, <slug>/open-data/…
<slug>/commitments/…, <slug>/groups/<n>/workspace/…,          commitments/urls.py (commitments:)
  <slug>/results/…

Outside the language prefix: health/ (consultation) and favicon.ico.
Each URL module names its view module (``views.py`` or ``views/<module>.py`` of the same app).
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

consultation_patterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/programme/", views.programme, name="programme"),
    path("<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
    path("<slug:slug>/private-link/<slug:kind>/", views.private_link_request, name="private_link_request"),
    path(
        "<slug:slug>/private-link/<slug:kind>/<str:token>/stop/",
        views.private_link_revoke,
        name="private_link_revoke",
    ),
]

urlpatterns = [
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
] + i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("workgroups.urls")),
    path("", include("registry.participants.urls")),
    path("", include("registry.offers.urls")),
    path("", include("commitments.urls")),
    path("", include((consultation_patterns, "consultation"))),
)

handler400 = "consultation.errors.bad_request"
handler403 = "consultation.errors.permission_denied"
handler404 = "consultation.errors.page_not_found"
handler500 = "consultation.errors.server_error"
