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


DESK_GROUP = "Desk"


def works_at_desk(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Organisers and desk volunteers (staff in the desk group) work at the desk for every group."""
    if not user.is_authenticated or not user.is_active or not user.is_staff:
        return False
    if is_organiser(user):
        return True
    cached = getattr(user, "_works_at_desk", None)
    if cached is None:
        cached = user.groups.filter(name=DESK_GROUP).exists()
        user._works_at_desk = cached
    return cached


def reaches_every_group(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether a person's reach is every group (organisers, the desk) rather than the groups they lead."""
    return is_organiser(user) or works_at_desk(user)


def can_use_desk(user: AbstractBaseUser | AnonymousUser) -> bool:
    """The desk's door: organisers and desk volunteers (every group), group leaders (their own groups)."""
    if works_at_desk(user):
        return True
    return bool(
        user.is_authenticated and user.is_active and user.is_staff and user.led_working_groups.exists()
    )
