"""Spam protection for the public commitment forms that costs a human nothing.

A honeypot field people never see, a minimum time between showing and sending the form, and a
per-client rate limit (counted by consultation.protection, like every public form).
"""

from __future__ import annotations

from django import forms
from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from consultation import protection

MIN_FILL_SECONDS = 3
MAX_FILL_SECONDS = 24 * 3600
RATE_LIMIT = 20  # submissions per client
RATE_WINDOW_SECONDS = 3600
SALT = "commitments.form-rendered-at"


def rate_limit_hit(request: HttpRequest, scope: str) -> bool:
    """Count one submission for this client; True when it has sent more than RATE_LIMIT in the window."""
    return protection.rate_limit_hit(
        request=request, scope=f"commitments:{scope}", limit=RATE_LIMIT, period=RATE_WINDOW_SECONDS
    )


class HumanCheckMixin(forms.Form):
    """Adds a hidden honeypot and a signed 'form shown at' stamp; bots fill the first or rush the second."""

    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    rendered_at = forms.CharField(widget=forms.HiddenInput, required=False)

    human_error = _("We could not accept the form. Please wait a moment and send it again.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rendered_at"].initial = signing.TimestampSigner(salt=SALT).sign("form")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(self.human_error, code="honeypot")
        signer = signing.TimestampSigner(salt=SALT)
        stamp = cleaned.get("rendered_at") or ""
        try:
            signer.unsign(stamp, max_age=MAX_FILL_SECONDS)
        except signing.BadSignature:
            raise forms.ValidationError(self.human_error, code="stamp") from None
        try:
            signer.unsign(stamp, max_age=MIN_FILL_SECONDS)
        except signing.SignatureExpired:
            return cleaned  # older than the minimum: a human took their time
        raise forms.ValidationError(
            _("That was very quick. Please check the form and send it again."), code="too_fast"
        )
