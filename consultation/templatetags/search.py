"""``{{ text|highlight:query }}``: the words of ``text`` that a search for ``query`` matched, inside <mark>."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from consultation.search_text import highlight as highlight_text

register = template.Library()


@register.filter
def highlight(text: str, query: str) -> SafeString:
    return highlight_text(text, query or "")
