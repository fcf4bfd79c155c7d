"""Writes of the shared vocabulary: the back office's groups and accounts, fresh private links."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from .links import Linkable
from .mail import mail_send
from .models import Consultation
from .roles import GROUP_LEADERS_GROUP, ORGANISERS_GROUP

ORGANISER_APPS = ["consultation", "workgroups", "participants", "offers", "commitments", "django_tasks_db"]
# What a group leader may touch in the admin (narrowed to their own groups there); commitments they
# record and reports they write in their workspace, which checks WorkingGroup.leaders itself.
GROUP_LEADER_PERMISSIONS = [
    ("workgroups", "view_workinggroup"),
    ("workgroups", "change_workinggroup"),
    ("workgroups", "view_groupreport"),
    ("workgroups", "add_groupreport"),
    ("workgroups", "change_groupreport"),
    ("participants", "view_participant"),
    ("participants", "change_participant"),
]


def organisers_group_sync() -> Group:
    """Give the organisers' group every permission on the platform's own apps (new models included)."""
    group, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANISER_APPS))
    return group


def group_leaders_group_sync() -> Group:
    """Give the group leaders' group its (narrow) permissions; those of models not built yet are skipped."""
    group, _ = Group.objects.get_or_create(name=GROUP_LEADERS_GROUP)
    wanted = Q()
    for app_label, codename in GROUP_LEADER_PERMISSIONS:
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def organiser_create(*, username: str, email: str = "") -> tuple[object, str | None]:
    """Create a staff account in the organisers' group; returns (user, password) or (user, None) if it existed."""
    User = get_user_model()
    with transaction.atomic():
        group = organisers_group_sync()
        group_leaders_group_sync()
        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(group)
            return user, None
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, email=email, password=password, is_staff=True)
        user.groups.add(group)
    return user, password


def private_links_send(*, model: type[Linkable], consultation: Consultation, email: str) -> int:
    """E-mail a fresh private link to each of ``model``'s objects of ``consultation`` with this address.

    The caller answers the same whether or not any matched, so a stranger learns nothing.
    """
    owners = list(model.link_owners(consultation=consultation, email=email)) if email.strip() else []
    for obj in owners:
        mail_send(obj, template="consultation/email/private_link")
    return len(owners)


def private_link_replace(*, obj: Linkable) -> None:
    """The person stops their link: every link sent before dies, and a fresh one goes to their address."""
    with transaction.atomic():
        obj.link_revoke()
        mail_send(obj, template="consultation/email/private_link")
