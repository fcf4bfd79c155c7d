"""Root URLs: every page lives under /lv/ (default) or /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

consultation_patterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/programme/", views.programme, name="programme"),
    path("<slug:slug>/programme.ics", views.programme_ics, name="programme_ics"),
]

urlpatterns = [
    path("health/", views.health, name="health"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True)),
] + i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("workgroups.urls")),
    path("", include("registry.urls")),
    path("", include("commitments.urls")),
    path("", include((consultation_patterns, "consultation"))),
)

handler400 = "consultation.errors.bad_request"
handler403 = "consultation.errors.permission_denied"
handler404 = "consultation.errors.page_not_found"
handler500 = "consultation.errors.server_error"
