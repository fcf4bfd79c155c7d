"""Enrol a staff account in two-factor login: an authenticator app (TOTP) and ten recovery codes.

    python manage.py otp_enrol organisers

prints a QR code (and the otpauth:// address) to scan with any authenticator app, and the recovery codes,
each usable once. Running it again replaces the account's device and codes (e.g. after a lost phone).
"""

from __future__ import annotations

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10


class Command(BaseCommand):
    help = "Enrol a staff account in two-factor login (authenticator app + recovery codes)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, username: str, **options) -> None:
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No staff account named {username!r}.")
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            totp = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
            recovery = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
            codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
            StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
        qr = segno.make(totp.config_url, error="m")
        self.stdout.write(f"Scan this with an authenticator app for {username}:\n")
        qr.terminal(out=self.stdout, compact=True)
        self.stdout.write(
            f"\nor enter: {totp.config_url}\n\nRecovery codes (each works once; keep them safe):"
        )
        for code in codes:
            self.stdout.write(f"  {code}")
