from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_sync(sender, **kwargs) -> None:
    """After every migrate, the roles hold the permissions of every model, new ones included."""
    from django.contrib.auth.models import Group, Permission

    from .roles import roles_sync

    roles_sync(group_model=Group, permission_model=Permission)


class ConsultationConfig(AppConfig):
    default = True
    name = "consultation"
    verbose_name = _("Consultation")

    def ready(self) -> None:
        post_migrate.connect(_roles_sync, dispatch_uid="consultation_roles_sync")
        from . import page_cache
        from .models import AgendaItem, Consultation, Organisation, Organiser
        from .organisations import organisation_reference
        from .protection import STARTED_FIELD, form_started_token

        organisation_reference("consultation.Organiser", "organisation")
        organisation_reference("consultation.AgendaItem", "speaker_organisation")
        # every consultation: which one the home page shows depends on them all
        page_cache.watch(Consultation, consultation=lambda consultation: None)
        page_cache.watch(AgendaItem)
        page_cache.watch(Organiser)
        page_cache.watch(Organisation, consultation=lambda organisation: None)  # shared by every consultation
        page_cache.per_visitor(STARTED_FIELD, form_started_token)


class StaffAdminConfig(admin_apps.AdminConfig):
    """The admin with the staff login of consultation/staff_login.py (two-factor, lockouts)."""

    default = False
    default_site = "consultation.staff_login.StaffAdminSite"
