"""The configured content languages in templates: ``{% content_languages as codes %}``, ``code|language_name``."""

from __future__ import annotations

from django import template

from consultation import i18n

register = template.Library()


@register.simple_tag
def content_languages() -> list[str]:
    return i18n.content_languages()


@register.filter
def translations(obj: object, name: str) -> list[tuple[str, str]]:
    """``{% for code, text in report|translations:"findings" %}``: the field in every language it has."""
    return i18n.translations(obj, name)


@register.filter
def language_name(code: str) -> str:
    """The language's name from the settings, in the active language; the code itself if not configured."""
    return i18n.language_name(code) if code in i18n.content_languages() else code
