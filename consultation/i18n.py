"""Content fields stored once per language (<name>_lv, <name>_en), read in the active language."""

from __future__ import annotations

from django.utils.translation import get_language

CONTENT_LANGUAGES = ("lv", "en")


def active_content_language() -> str:
    language = (get_language() or CONTENT_LANGUAGES[0])[:2]
    return language if language in CONTENT_LANGUAGES else CONTENT_LANGUAGES[0]


class Translated:
    """Descriptor: ``title = Translated()`` reads ``title_<active language>``, falling back to Latvian."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> object:
        if obj is None:
            return self
        value = getattr(obj, f"{self.name}_{active_content_language()}", "")
        return value or getattr(obj, f"{self.name}_{CONTENT_LANGUAGES[0]}")


def translated_names(name: str) -> list[str]:
    """``findings`` → ``["findings_lv", "findings_en"]``: the columns of a translated field, in order."""
    return [f"{name}_{language}" for language in CONTENT_LANGUAGES]
