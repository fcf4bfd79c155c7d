"""Participants' pages: registration, the private registration link, the group listing and the desk."""

from django.urls import path

from .views import desk, desk_app, group_listing, registration

app_name = "participants"

urlpatterns = [
    path("<slug:slug>/register/", registration.register, name="register"),
    path("<slug:slug>/register/done/", registration.registration_done, name="registration_done"),
    path(
        "<slug:slug>/registration/<str:token>/", registration.registration_manage, name="registration_manage"
    ),
    path(
        "<slug:slug>/groups/<int:number>/participants/",
        group_listing.group_participants,
        name="group_participants",
    ),
    path("<slug:slug>/privacy/", registration.privacy, name="privacy"),
    path("<slug:slug>/desk/", desk.desk, name="desk"),
    path("<slug:slug>/desk/results/", desk.desk_results, name="desk_results"),
    path("<slug:slug>/desk/counts/", desk.desk_counts, name="desk_counts"),
    path("<slug:slug>/desk/<int:pk>/check-in/", desk.desk_check_in, name="desk_check_in"),
    path("<slug:slug>/desk/walk-in/", desk.desk_walk_in, name="desk_walk_in"),
    path(
        "<slug:slug>/desk/groups/<int:number>/attendance.pdf", desk.attendance_sheet, name="attendance_sheet"
    ),
    path("<slug:slug>/desk/groups/<int:number>/badges.pdf", desk.badges, name="badges"),
]

# The desk as an app that works offline (views/desk_app.py).
urlpatterns += [
    path("<slug:slug>/desk/manifest.webmanifest", desk_app.desk_manifest, name="desk_manifest"),
    path("<slug:slug>/desk/sw.js", desk_app.desk_service_worker, name="desk_service_worker"),
    path("<slug:slug>/desk/roster.json", desk_app.desk_roster_json, name="desk_roster"),
    path("<slug:slug>/desk/sync/", desk_app.desk_sync, name="desk_sync"),
    path("<slug:slug>/desk/logout/", desk_app.desk_logout, name="desk_logout"),
]
