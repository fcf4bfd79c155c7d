"""Writes of the shared vocabulary: the back office's groups and accounts, fresh private links."""

from __future__ import annotations

import hashlib
import secrets
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction

from .links import Linkable
from .mail import mail_send
from .models import Consultation
from .roles import DESK_GROUP, GROUP_LEADERS_GROUP, ORGANISERS_GROUP, roles_sync


def roles_group_sync() -> None:
    """Create the three roles if missing and give each its permissions (consultation.roles)."""
    roles_sync(group_model=Group, permission_model=Permission)


def organisers_group_sync() -> Group:
    """The organisers' group, with every permission on the platform's own apps (new models included)."""
    roles_group_sync()
    return Group.objects.get(name=ORGANISERS_GROUP)


def group_leaders_group_sync() -> Group:
    """The group leaders' group, with its (narrow) permissions."""
    roles_group_sync()
    return Group.objects.get(name=GROUP_LEADERS_GROUP)


def desk_group_sync() -> Group:
    """The desk volunteers' group: the registration desk and nothing else."""
    roles_group_sync()
    return Group.objects.get(name=DESK_GROUP)


def organiser_create(*, username: str, email: str = "") -> tuple[object, str | None]:
    """Create a staff account in the organisers' group; returns (user, password) or (user, None) if it existed."""
    User = get_user_model()
    with transaction.atomic():
        group = organisers_group_sync()
        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(group)
            return user, None
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username=username, email=email, password=password, is_staff=True)
        user.groups.add(group)
    return user, password


def _link_mail_allowed(email: str) -> bool:
    """At most PRIVATE_LINK_MAILS_PER_DAY link mails to one address a day, whoever asks for them.

    Anyone can re-register a known address or ask for its link; without a bound on the recipient, a stranger
    could fill its owner's mailbox from many browsers and addresses.
    """
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    key = f"link-mail:{digest}:{int(time.time() // 86400)}"
    cache.add(key, 0, timeout=86400 + 60)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=86400 + 60)
        count = 1
    return count <= settings.PRIVATE_LINK_MAILS_PER_DAY


def private_links_send(*, model: type[Linkable], consultation: Consultation, email: str) -> int:
    """E-mail a fresh private link to each of ``model``'s objects of ``consultation`` with this address.

    The caller answers the same whether or not any matched, so a stranger learns nothing; past the daily
    bound for the address nothing more is sent (the answer is still the same).
    """
    owners = list(model.link_owners(consultation=consultation, email=email)) if email.strip() else []
    if owners and not _link_mail_allowed(email):
        return 0
    for obj in owners:
        mail_send(obj, template="consultation/email/private_link")
    return len(owners)


def private_link_replace(*, obj: Linkable) -> None:
    """The person stops their link: every link sent before dies, and a fresh one goes to their address."""
    with transaction.atomic():
        obj.link_revoke()
        mail_send(obj, template="consultation/email/private_link")
