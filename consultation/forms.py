"""Forms of the shared pages (asking for a fresh private link), and widgets for long lists."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .i18n import translated_names
from .models import Organisation
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


class LongSelect(forms.Select):
    """A ``<select>`` for long lists (every organisation): the same HTML as Django's, its options written in
    one pass in Python instead of a template rendered per option, which took most of a form page's time."""

    template_name = "consultation/widgets/long_select.html"

    def get_context(self, name, value, attrs) -> dict:
        context = super().get_context(name, value, attrs)
        options = (
            (option["value"], mark_safe(" selected") if option["selected"] else "", option["label"])
            for _group, group_options, _index in context["widget"]["optgroups"]
            for option in group_options
        )
        context["widget"]["options_html"] = format_html_join("", '<option value="{}"{}>{}</option>', options)
        return context


def datalist_options(names: Iterable[str]) -> SafeString:
    """The ``<option>`` elements of a ``<datalist>`` (suggestions as you type), written in one pass."""
    return format_html_join("", '<option value="{}">', ((name,) for name in names))


def organisation_options(*, listed_only: bool = False) -> SafeString:
    """Every known organisation's name in the active language, as the suggestions of a datalist; on public
    pages (``listed_only``) without the organisations that asked not to be named."""
    organisations = Organisation.objects.listed() if listed_only else Organisation.objects.all()
    return datalist_options(
        organisation.name for organisation in organisations.only(*translated_names("name"))
    )
