"""Irreversible one-click actions ask first: a JavaScript dialog where it runs, else a confirmation page.

The button's form carries ``data-confirm="question"`` and an empty hidden ``confirmed`` field; static/js/site.js
asks the question and fills the field. A POST without ``confirmed=yes`` gets the page from
``confirmation_page`` instead, whose button sends the same POST confirmed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED_FIELD = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRMED_FIELD) == "yes"


def confirmation_page(
    request: HttpRequest, *, question: str, explanation: str, confirm_label: str, back_url: str, **context
) -> HttpResponse:
    """Ask before doing it: the page repeats the POST (without its token) with ``confirmed=yes``."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRMED_FIELD)
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "explanation": explanation,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "fields": fields,
            "action": request.get_full_path(),
            **context,
        },
    )
