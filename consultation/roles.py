"""Who may do what in the back office: organisers see everything, group leaders only their own groups."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

ORGANISERS_GROUP = "Organisers"
GROUP_LEADERS_GROUP = "Group leaders"


def is_organiser(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Superusers and members of the organisers' group manage every consultation and group."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_organiser", None)
    if cached is None:
        cached = user.groups.filter(name=ORGANISERS_GROUP).exists()
        user._is_organiser = cached
    return cached
