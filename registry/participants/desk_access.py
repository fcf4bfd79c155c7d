"""The desk's door: a staff login with the desk role (``consultation.roles.can_use_desk``), for every desk URL."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from consultation.roles import can_use_desk


def desk_required(view):
    """People without a staff login go to the login page, staff without the role get 403; the app's data
    requests (roster, sync) get a JSON 403 the page can read instead."""

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if can_use_desk(request.user):
            return view(request, *args, **kwargs)
        if request.path.endswith(".json") or request.content_type == "application/json":
            return JsonResponse({"error": _("Log in with a desk account to use the desk.")}, status=403)
        if not (request.user.is_authenticated and request.user.is_staff):  # as the admin's own door does
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        raise PermissionDenied

    return guarded
