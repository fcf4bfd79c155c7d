from django.urls import path

from consultation.views import coming_soon

urlpatterns = [
    path("<slug:slug>/register/", coming_soon, {"feature": "register"}, name="register"),
]
