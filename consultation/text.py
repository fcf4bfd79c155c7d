"""Text is normalised on the way in (forms and model validation), never markup on the way out.

Letters typed with a combining mark (a + U+0304) are composed into one character (ā) when they are
validated, so every font renders them and search matches them. Rendered HTML is never normalised: NFC of
escaped markup composes a tag's ``>`` with a combining mark that follows it (``>`` + U+0338 is ``≯``),
which leaves the tag open to the text after it.
"""

from __future__ import annotations

import unicodedata

from django.db import models


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed letters)."""
    return unicodedata.normalize("NFC", text)


class NormalisedTextFormMixin:
    """Mix into a ``forms.Form``/``ModelForm``: every text value it cleans is stored composed (NFC)."""

    def _post_clean(self) -> None:
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                self.cleaned_data[name] = nfc(value)
        super()._post_clean()


class NormalisedTextModel(models.Model):
    """A model whose text fields are composed (NFC) when validated: in the admin, imports and model forms."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None) -> None:
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, nfc(value))
        super().clean_fields(exclude=exclude)
