"""Content in every configured language: ``settings.LANGUAGES`` decides which, its first is the fallback.

A model declares ``title = TranslatedField(models.CharField, max_length=200, verbose_name=_("title"))``;
the model then has one column per language, ``title_lv``, ``title_en`` (…, ``title_<code>`` for a language
added to the settings, after ``makemigrations``), and ``obj.title`` reads the active language's column,
falling back to the primary language, then to any language that has the text. Everything that lists the
columns (forms, admin, import-export, search text, open data) asks ``translated_names("title")``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _


def content_languages() -> list[str]:
    """The language codes content is written in, the primary one first."""
    return [code for code, _name in settings.LANGUAGES]


def primary_language() -> str:
    return settings.LANGUAGES[0][0]


def language_name(code: str) -> str:
    """The language's name from the settings, in the active language ("Latvian", "latviešu")."""
    return str(dict(settings.LANGUAGES)[code])


def active_content_language() -> str:
    return _fallback_order()[0]


def translated_names(name: str) -> list[str]:
    """``findings`` → ``["findings_lv", "findings_en"]``: the columns of a translated field, in order."""
    return [f"{name}_{code}" for code in content_languages()]


def primary_name(name: str) -> str:
    """``title`` → ``title_lv``: the column of the primary language, the one that is always filled in."""
    return f"{name}_{primary_language()}"


def translations(obj: object, name: str) -> list[tuple[str, str]]:
    """``(code, text)`` of every language ``obj.<name>`` is written in, in the settings' order."""
    return [(code, value) for code in content_languages() if (value := getattr(obj, f"{name}_{code}", ""))]


def translated_values(obj: object, name: str) -> list[str]:
    """Every language's text of ``obj.<name>``, in the settings' order (for search text)."""
    return [getattr(obj, column) for column in translated_names(name)]


def _fallback_order() -> tuple[str, ...]:
    """The languages a translated text is read in, in order: the active one, the primary one, the others."""
    return _fallback_order_for(get_language())


@lru_cache(maxsize=64)
def _fallback_order_for(language: str | None) -> tuple[str, ...]:
    # Worked out once per active language: a page reads hundreds of translated texts (every organisation
    # of a long select), and the order is the same for each of them.
    codes, primary = content_languages(), primary_language()
    active = (language or primary)[:2]
    return tuple(dict.fromkeys([active if active in codes else primary, primary, *codes]))


@receiver(setting_changed)
def _languages_changed(*, setting: str, **kwargs) -> None:
    if setting == "LANGUAGES":  # the settings of a test, or of a third language (tests/trilingual)
        _fallback_order_for.cache_clear()


def translated_language(obj: object, name: str) -> str:
    """The language ``obj.<name>`` is read in: for the ``lang`` attribute of a text shown in another one."""
    for code in _fallback_order():
        if getattr(obj, f"{name}_{code}", ""):
            return code
    return active_content_language()


def translated_text(texts: dict[str, str]) -> str:
    """Of ``{code: text}``, the text ``TranslatedValue`` would read: the active language's, else the primary
    language's, else any language's (for rows read as values, without a model instance)."""
    for code in _fallback_order():
        if texts.get(code):
            return texts[code]
    return ""


def _language_verbose_name(verbose_name: str, code: str) -> str:
    # Translators: a field written once per language, e.g. "title (Latvian)"; language is its name.
    return _("%(field)s (%(language)s)") % {"field": verbose_name, "language": language_name(code)}


language_verbose_name = lazy(_language_verbose_name, str)


class TranslatedValue:
    """Descriptor: reads ``<name>_<active language>``, else the primary language's, else any language's."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return getattr(obj, f"{self.name}_{translated_language(obj, self.name)}", "")


class TranslatedField:
    """One concrete field per configured language, ``<name>_<code>``, and the reading descriptor ``<name>``.

    ``field_class`` is built with ``kwargs`` for every language; every language but the primary one may be
    left empty, and the primary one too unless ``primary_blank=False``. The per-language fields are made
    here, where the model's body declares them, so they keep their place among the model's fields.
    """

    def __init__(
        self,
        field_class: type[models.Field],
        *,
        verbose_name: str,
        primary_blank: bool = True,
        **kwargs: Any,
    ) -> None:
        self.fields = {
            code: field_class(
                verbose_name=language_verbose_name(verbose_name, code),
                blank=primary_blank if code == primary_language() else True,
                **kwargs,
            )
            for code in content_languages()
        }

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        for code, field in self.fields.items():
            cls.add_to_class(f"{name}_{code}", field)
        setattr(cls, name, TranslatedValue(name))
