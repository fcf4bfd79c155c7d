"""A model field holding a set of choices (regions, target groups, languages) in one text column.

Stored as ``|riga|kurzeme|`` so that one ``contains`` lookup for ``|riga|`` finds every row offering a
choice, on PostgreSQL and SQLite alike, without a join table per vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SEPARATOR = "|"


def choice_set_pattern(code: str) -> str:
    """The substring that marks ``code`` inside a stored set; use with the ``contains`` lookup."""
    return f"{SEPARATOR}{code}{SEPARATOR}"


class ChoiceSetField(models.CharField):
    description = _("A set of choices")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection) -> list[str]:
        return self.to_python(value)

    def to_python(self, value) -> list[str]:
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [code for code in value.split(SEPARATOR) if code]
        return list(value)

    def get_prep_value(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, str):  # a lookup's pattern, e.g. "|riga|"
            return value
        codes = self._ordered(value)
        return f"{SEPARATOR}{SEPARATOR.join(codes)}{SEPARATOR}" if codes else ""

    def _ordered(self, codes: Iterable[str]) -> list[str]:
        order = [code for code, _label in self.flatchoices]
        chosen = set(codes)
        return [code for code in order if code in chosen] + sorted(chosen - set(order))

    def validate(self, value, model_instance) -> None:
        allowed = {code for code, _label in self.flatchoices}
        unknown = [code for code in value or [] if code not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(value)s."), code="invalid_choice", params={"value": ", ".join(unknown)}
            )
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def run_validators(self, value) -> None:
        super().run_validators(self.get_prep_value(value))

    def value_to_string(self, obj) -> str:
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("choices_form_class", None)
        defaults.pop("coerce", None)
        defaults.pop("max_length", None)
        defaults.pop("empty_value", None)
        return form_class(**defaults)

    def labels(self, value: Iterable[str]) -> list[str]:
        names = self.__dict__.get("_label_map")
        if (
            names is None
        ):  # built once per field; the labels stay lazy, so each is read in the active language
            names = self.__dict__["_label_map"] = dict(self.flatchoices)
        return [str(names.get(code, code)) for code in value]
