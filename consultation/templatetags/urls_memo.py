"""``{% url %}`` that reverses each address once per process (a template builtin, so every template uses it).

Reversing walks the URLconf each time, and a page names the same few addresses again and again (the menu
on every page, a link per card). The answer depends only on the view name, its arguments, the current app,
the active language, the URLconf and the script prefix, so it is kept under exactly that key (arguments
that are plain strings and numbers; anything else is reversed as Django does). An address that does not
reverse is handled by Django's own tag, with its error or ``as`` variable.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

_PLAIN = (str, int)


@lru_cache(maxsize=8192)
def _reversed(view_name, args, kwargs, current_app, language, urlconf, prefix) -> str:
    return reverse(view_name, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)


class MemoURLNode(URLNode):
    def render(self, context) -> str:
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple((name, value.resolve(context)) for name, value in self.kwargs.items())
        view_name = self.view_name.resolve(context)
        if not all(isinstance(value, _PLAIN) for value in (view_name, *args, *(v for _k, v in kwargs))):
            return super().render(context)
        request = context.get("request")
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            match = getattr(request, "resolver_match", None)
            current_app = match.namespace if match else None
        try:
            url = _reversed(
                view_name, args, kwargs, current_app, get_language(), get_urlconf(), get_script_prefix()
            )
        except NoReverseMatch:
            return super().render(context)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token) -> MemoURLNode:
    node = django_url(parser, token)
    node.__class__ = MemoURLNode
    return node
