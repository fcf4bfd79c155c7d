"""The public commitment form's rate limit: a longer window than the default, counted by consultation.protection.

The honeypot and the minimum fill time come from ``consultation.protection.ProtectedFormMixin``.
"""

from __future__ import annotations

from django.http import HttpRequest

from consultation import protection

RATE_LIMIT = 20  # submissions per client
RATE_WINDOW_SECONDS = 3600


def rate_limit_hit(request: HttpRequest, scope: str) -> bool:
    """Count one submission for this client; True when it has sent more than RATE_LIMIT in the window."""
    return protection.rate_limit_hit(
        request=request, scope=f"commitments:{scope}", limit=RATE_LIMIT, period=RATE_WINDOW_SECONDS
    )
