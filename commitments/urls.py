from django.urls import path

from consultation.views import coming_soon

app_name = "commitments"

urlpatterns = [
    path("<slug:slug>/commitments/", coming_soon, {"feature": "commitments"}, name="document"),
]
