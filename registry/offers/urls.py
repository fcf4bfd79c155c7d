"""Offers' pages: the resource wall, the questionnaire, the directory, the coverage map and open data."""

from django.urls import path

from .views import directory, opendata, questionnaire, wall

app_name = "offers"

urlpatterns = [
    path("<slug:slug>/wall/", wall.wall, name="wall"),
    path("<slug:slug>/wall/new/", wall.wall_post, name="wall_post"),
    path("<slug:slug>/wall/print/", wall.wall_print, name="wall_print"),
    path("<slug:slug>/offers/<int:pk>/", wall.offer_detail, name="offer_detail"),
    path("<slug:slug>/offers/<int:pk>/contact/", wall.offer_contact_view, name="offer_contact"),
    path("<slug:slug>/offers/manage/<str:token>/", wall.offer_manage, name="offer_manage"),
    path("<slug:slug>/offers/manage/<str:token>/withdraw/", wall.offer_withdraw_view, name="offer_withdraw"),
    path("<slug:slug>/questionnaire/", questionnaire.questionnaire, name="questionnaire"),
    path(
        "<slug:slug>/questionnaire/edit/<str:token>/",
        questionnaire.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path("<slug:slug>/directory/", directory.directory, name="directory"),
    path("<slug:slug>/directory/<slug:organisation>/", directory.directory_detail, name="directory_detail"),
    path("<slug:slug>/coverage/", directory.coverage, name="coverage"),
    path("<slug:slug>/open-data/", opendata.opendata, name="opendata"),
    path("<slug:slug>/open-data/offers.csv", opendata.offers_csv, name="opendata_csv"),
    path("<slug:slug>/open-data/offers.json", opendata.offers_json, name="opendata_json"),
]
