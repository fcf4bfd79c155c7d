from django.urls import path

from consultation.views import coming_soon

app_name = "registry"

urlpatterns = [
    path("<slug:slug>/register/", coming_soon, {"feature": "register"}, name="register"),
    path("<slug:slug>/wall/", coming_soon, {"feature": "wall"}, name="wall"),
    path("<slug:slug>/questionnaire/", coming_soon, {"feature": "questionnaire"}, name="questionnaire"),
]
