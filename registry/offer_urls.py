from django.urls import path

from consultation.views import coming_soon

urlpatterns = [
    path("<slug:slug>/wall/", coming_soon, {"feature": "wall"}, name="wall"),
    path("<slug:slug>/questionnaire/", coming_soon, {"feature": "questionnaire"}, name="questionnaire"),
]
