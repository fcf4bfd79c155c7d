"""Writes of the shared vocabulary: the back office's groups and accounts, merging duplicate organisations."""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.db.models import Q

from .models import Organisation
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


def organisation_merge(*, keep: Organisation, duplicates: list[Organisation]) -> int:
    """Point everything that refers to the duplicates at ``keep``, then delete them; returns how many merged.

    Works for every model that refers to an organisation, including those of apps added later; a row that
    would break a uniqueness rule (the same organisation twice as organiser of one consultation) is dropped.
    """
    duplicates = [organisation for organisation in duplicates if organisation.pk != keep.pk]
    relations = [
        relation
        for relation in Organisation._meta.get_fields()
        if relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)
    ]
    with transaction.atomic():
        for duplicate in duplicates:
            for relation in relations:
                model, field = relation.related_model, relation.field.name
                for row in model._default_manager.filter(**{field: duplicate}):
                    setattr(row, field, keep)
                    try:
                        with transaction.atomic():
                            row.save(update_fields=[field])
                    except IntegrityError:
                        row.delete()
            for relation in Organisation._meta.many_to_many:
                getattr(keep, relation.name).add(*getattr(duplicate, relation.name).all())
            duplicate.delete()
    return len(duplicates)
