"""Who may do what in the back office.

Three roles, each a Django group created by a migration (``consultation/migrations/0002_roles.py``) whose
permissions ``roles_sync`` keeps complete after every ``migrate``:

- **Organisers**: every permission of the platform's own apps, and the staff accounts (not superusers).
- **Group leaders**: their own groups, those groups' participants and reports (narrowed to the groups a
  person leads wherever they are read).
- **Desk**: the registration desk only (find, check in, register walk-ins) for every group.

A staff account in no group reaches nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

ORGANISERS_GROUP = "Organisers"
GROUP_LEADERS_GROUP = "Group leaders"
DESK_GROUP = "Desk"
ROLE_GROUPS = (ORGANISERS_GROUP, GROUP_LEADERS_GROUP, DESK_GROUP)

DESK_PERMISSION = "consultation.use_desk"

# Permissions by (model name, codename), so they hold whatever app a model lives in.
GROUP_LEADER_PERMISSIONS = [
    ("workinggroup", "view_workinggroup"),
    ("workinggroup", "change_workinggroup"),
    ("groupreport", "view_groupreport"),
    ("groupreport", "add_groupreport"),
    ("groupreport", "change_groupreport"),
    ("participant", "view_participant"),
    ("participant", "change_participant"),
]
DESK_PERMISSIONS = [("consultation", "use_desk")]
# Organisers manage staff accounts (never superusers: see consultation.admin.StaffUserAdmin), read the
# roles (their permissions are this module's, not typed in the admin) and the admin's log (exports, imports).
ORGANISER_OTHER_PERMISSIONS = [
    ("auth", "user", "view_user"),
    ("auth", "user", "add_user"),
    ("auth", "user", "change_user"),
    ("auth", "user", "delete_user"),
    ("auth", "group", "view_group"),
    ("admin", "logentry", "view_logentry"),
]
# Apps outside this project whose records organisers look after (the background tasks' results).
ORGANISER_EXTRA_APPS = ["django_tasks_database", "axes"]  # axes: organisers unlock locked-out staff logins


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


def works_at_desk(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Organisers and desk volunteers work at the desk for every group (group leaders for their own)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff and user.has_perm(DESK_PERMISSION))


def reaches_every_group(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether a person's reach is every group (organisers, the desk) rather than the groups they lead."""
    return is_organiser(user) or works_at_desk(user)


def project_app_labels(app_registry=global_apps) -> list[str]:
    """The platform's own apps (those whose code lives in this project), however they are split."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config.label
        for config in app_registry.get_app_configs()
        if base in Path(config.path).resolve().parents and ".venv" not in Path(config.path).parts
    ]


def _by_model(pairs: list[tuple[str, str]]) -> Q:
    wanted = Q(pk__in=[])
    for model, codename in pairs:
        wanted |= Q(content_type__model=model, codename=codename)
    return wanted


def _by_app_and_model(triples: list[tuple[str, str, str]]) -> Q:
    wanted = Q(pk__in=[])
    for app_label, model, codename in triples:
        wanted |= Q(content_type__app_label=app_label, content_type__model=model, codename=codename)
    return wanted


def roles_sync(*, group_model, permission_model, app_registry=global_apps) -> None:
    """Create the three roles if missing and give each exactly its permissions (new models included)."""
    organisers, _ = group_model.objects.get_or_create(name=ORGANISERS_GROUP)
    leaders, _ = group_model.objects.get_or_create(name=GROUP_LEADERS_GROUP)
    desk, _ = group_model.objects.get_or_create(name=DESK_GROUP)
    own_apps = project_app_labels(app_registry) + ORGANISER_EXTRA_APPS
    organisers.permissions.set(
        permission_model.objects.filter(
            Q(content_type__app_label__in=own_apps) | _by_app_and_model(ORGANISER_OTHER_PERMISSIONS)
        )
    )
    leaders.permissions.set(
        permission_model.objects.filter(
            _by_model(GROUP_LEADER_PERMISSIONS) & Q(content_type__app_label__in=own_apps)
        )
    )
    desk.permissions.set(
        permission_model.objects.filter(
            _by_model(DESK_PERMISSIONS) & Q(content_type__app_label="consultation")
        )
    )


def can_use_desk(user: AbstractBaseUser | AnonymousUser) -> bool:
    """The desk's door: organisers and desk volunteers (every group), group leaders (their own groups)."""
    if works_at_desk(user):
        return True
    return bool(
        user.is_authenticated and user.is_active and user.is_staff and user.led_working_groups.exists()
    )
