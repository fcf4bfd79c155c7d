from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    default = True
    name = "consultation"
    verbose_name = _("Consultation")


class StaffAdminConfig(admin_apps.AdminConfig):
    """The admin with the staff login of consultation/staff_login.py (two-factor, lockouts)."""

    default = False
    default_site = "consultation.staff_login.StaffAdminSite"
