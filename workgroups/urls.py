from django.urls import path

from . import views

app_name = "workgroups"

urlpatterns = [
    path("<slug:slug>/groups/", views.group_list, name="list"),
    path("<slug:slug>/groups/<int:number>/", views.group_detail, name="detail"),
]
