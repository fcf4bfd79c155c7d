"""Staff logins: password, then a code from an authenticator app (django-otp TOTP) or a recovery code.

A staff account with a confirmed device must give its code. With ``OTP_REQUIRED_FOR_ORGANISERS`` on, an
organiser without a device cannot sign in at all (they are enrolled with ``manage.py otp_enrol``) and an
organiser's session that was not verified by a code does not open the admin. Wrong passwords are counted
by django-axes (settings, "staff logins").
"""

from __future__ import annotations

import ipaddress

from django import forms
from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .protection import client_ip
from .roles import is_organiser


def otp_required(user) -> bool:
    return bool(settings.OTP_REQUIRED_FOR_ORGANISERS and is_organiser(user))


class StaffLoginForm(OTPAdminAuthenticationForm):
    otp_token = forms.CharField(
        required=False,
        label=_("Code"),
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app or a recovery code."),
        "invalid_token": _("This code is not valid (or was already used). Please try again."),
        "n_failed_attempts": _("Too many wrong codes: wait %(time)s seconds, then try again."),
        "verification_not_allowed": _("This code cannot be checked now. Please try again later."),
        "device_required": _("Enter the code from your authenticator app or a recovery code."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("otp_device", None)  # the first confirmed device, then the recovery codes
        self.fields.pop("otp_challenge", None)

    def _chosen_device(self, user):
        """Six digits are the app's code; anything else is tried as a recovery code (never both)."""
        token = (self.cleaned_data.get("otp_token") or "").strip()
        model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
        return model.objects.filter(user=user, confirmed=True).first()

    def clean_otp(self, user) -> None:
        if user is None:
            return
        if not user_has_device(user) and not otp_required(user):
            return  # password only: this account has no second factor and none is required
        if not user_has_device(user):
            raise forms.ValidationError(
                _("Organisers sign in with a second factor. Ask an administrator to enrol you."),
                code="not_enrolled",
            )
        super().clean_otp(user)


class StaffAdminSite(admin.AdminSite):
    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and (
            request.user.is_verified() or not otp_required(request.user)
        )


def lockout_response(request, original_response, credentials) -> HttpResponse:
    """django-axes' answer to a locked account or address: the site's page, saying for how long."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def axes_client_ip(request) -> str | None:
    """The address django-axes records: the one the rate limits use, or none when there is no real one."""
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address
