from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

_LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def language_url(path: str, code: str) -> str:
    """``path`` in language ``code``: only the language prefix changes, since no address is translated.

    What ``django.urls.translate_url`` answers for these addresses, without resolving and reversing the path
    on every page (tests/consultation/test_context_processors.py holds the two to the same answers).
    """
    prefix, _slash, rest = path.lstrip("/").partition("/")
    if prefix in _LANGUAGE_CODES and code in _LANGUAGE_CODES:
        return f"/{code}/{rest}"
    return path


def site(request: HttpRequest) -> dict:
    """Links to the same page in every language, for the switcher on every page."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": language_url(path, code)} for code, name in settings.LANGUAGES
        ],
    }
