"""Forms of the shared pages: asking for a fresh private link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .protection import ProtectedFormMixin


class PrivateLinkRequestForm(ProtectedFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={
            "required": _("Please fill in this field."),
            "invalid": _("Enter a valid e-mail address, like name@example.org."),
        },
    )
