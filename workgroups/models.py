"""The seven (or any number of) parallel working groups of a consultation, and their reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consultation.i18n import Translated
from consultation.models import Consultation, Organisation


class WorkingGroupManager(models.Manager):
    def get_by_natural_key(self, consultation_slug: str, number: int) -> WorkingGroup:
        return self.get(consultation__slug=consultation_slug, number=number)

    def with_leads(self) -> models.QuerySet[WorkingGroup]:
        """Groups with their consultation and leading organisations: two queries for any number of groups
        (``consultation.working_groups.with_leads()`` from the event's pages, which cannot import this app)."""
        leads = models.Prefetch("grouplead_set", queryset=GroupLead.objects.select_related("organisation"))
        return self.get_queryset().select_related("consultation").prefetch_related(leads)


class WorkingGroup(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="working_groups", verbose_name=_("consultation")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title_lv = models.CharField(_("title (Latvian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    goal_lv = models.TextField(_("goal (Latvian)"), max_length=5000, blank=True)
    goal_en = models.TextField(_("goal (English)"), max_length=5000, blank=True)
    lead_organisations = models.ManyToManyField(
        Organisation,
        through="GroupLead",
        related_name="led_groups",
        verbose_name=_("leading organisations"),
    )
    moderator = models.CharField(_("moderator"), max_length=200, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=30, help_text=_("Places in the group."))
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_working_groups",
        verbose_name=_("leaders (user accounts)"),
        help_text=_("Staff accounts that may manage this group and write its report."),
    )

    title = Translated()
    goal = Translated()
    objects = WorkingGroupManager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="working_group_unique_number"),
            models.CheckConstraint(condition=Q(capacity__gte=0), name="working_group_capacity_not_negative"),
            models.CheckConstraint(condition=Q(number__gte=1), name="working_group_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_lv}"

    def get_absolute_url(self) -> str:
        return reverse("workgroups:detail", kwargs={"slug": self.consultation.slug, "number": self.number})

    def natural_key(self) -> tuple[str, int]:
        return (self.consultation.slug, self.number)

    @property
    def leading_organisations(self) -> list[Organisation]:
        """Leading organisations in the invitation's order; prefetch ``grouplead_set__organisation`` for lists."""
        return [lead.organisation for lead in self.grouplead_set.all()]

    natural_key.dependencies = ["consultation.consultation", "consultation.organisation"]


class GroupLeadManager(models.Manager):
    def get_by_natural_key(self, consultation_slug: str, number: int, organisation_slug: str) -> GroupLead:
        return self.get(
            group__consultation__slug=consultation_slug,
            group__number=number,
            organisation__slug=organisation_slug,
        )


class GroupLead(models.Model):
    """An organisation leading a working group, in the order the invitation names them."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, verbose_name=_("working group"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    objects = GroupLeadManager()

    class Meta:
        verbose_name = _("leading organisation")
        verbose_name_plural = _("leading organisations")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "organisation"], name="group_lead_unique_per_group")
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def natural_key(self) -> tuple[str, int, str]:
        return (*self.group.natural_key(), self.organisation.slug)

    natural_key.dependencies = ["workgroups.workinggroup", "consultation.organisation"]


class GroupReport(models.Model):
    """What a working group found and proposes, written by its leaders; published when they say so."""

    group = models.OneToOneField(
        WorkingGroup, on_delete=models.CASCADE, related_name="report", verbose_name=_("working group")
    )
    findings_lv = models.TextField(_("findings (Latvian)"), max_length=20000, blank=True)
    findings_en = models.TextField(_("findings (English)"), max_length=20000, blank=True)
    solutions_lv = models.TextField(_("proposed solutions (Latvian)"), max_length=20000, blank=True)
    solutions_en = models.TextField(_("proposed solutions (English)"), max_length=20000, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    findings = Translated()
    solutions = Translated()

    class Meta:
        verbose_name = _("group report")
        verbose_name_plural = _("group reports")

    def __str__(self) -> str:
        return str(self.group)
