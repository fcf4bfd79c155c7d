"""The seven (or any number of) parallel working groups of a consultation, and their reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from consultation.i18n import TranslatedField, translated_names
from consultation.models import Consultation, Organisation
from consultation.text import NormalisedTextModel

REPORT_TEXT_MAX = 10000


class WorkingGroupManager(models.Manager):
    def get_by_natural_key(self, consultation_slug: str, number: int) -> WorkingGroup:
        return self.get(consultation__slug=consultation_slug, number=number)

    def with_leads(self) -> models.QuerySet[WorkingGroup]:
        """Groups with their leading organisations: two queries for any number of groups. Call it through the
        relation, ``consultation.working_groups.with_leads()``, so every group knows its consultation without
        a join (the event's pages cannot import this app)."""
        leads = models.Prefetch("grouplead_set", queryset=GroupLead.objects.select_related("organisation"))
        return self.get_queryset().prefetch_related(leads)


class WorkingGroup(NormalisedTextModel):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="working_groups", verbose_name=_("consultation")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=200, primary_blank=False)
    goal = TranslatedField(models.TextField, verbose_name=_("goal"), max_length=5000)
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

    objects = WorkingGroupManager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["consultation_id", "number"]  # the column: no join to the consultation
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="working_group_unique_number"),
            models.CheckConstraint(condition=Q(capacity__gte=0), name="working_group_capacity_not_negative"),
            models.CheckConstraint(condition=Q(number__gte=1), name="working_group_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

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


class GroupReport(NormalisedTextModel):
    """What a working group found and proposes, written by its leaders for the 15:30 session.

    A report moves draft → submitted → (returned with a note → submitted again) → published; only organisers
    return and publish. ``version`` grows by one on every save, so a save based on an older version is refused
    instead of overwriting someone else's words (see ``workgroups.services``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned to the leaders")
        PUBLISHED = "published", _("published")

    group = models.OneToOneField(
        WorkingGroup, on_delete=models.CASCADE, related_name="report", verbose_name=_("working group")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    findings = TranslatedField(models.TextField, verbose_name=_("key findings"), max_length=REPORT_TEXT_MAX)
    solutions = TranslatedField(
        models.TextField, verbose_name=_("proposed solutions"), max_length=REPORT_TEXT_MAX
    )
    resources = TranslatedField(
        models.TextField, verbose_name=_("resources identified"), max_length=REPORT_TEXT_MAX
    )
    participant_count = models.PositiveIntegerField(
        _("people who took part"), null=True, blank=True, help_text=_("Prefilled from the check-ins.")
    )
    return_note = models.TextField(
        _("note from the organisers"),
        max_length=2000,
        blank=True,
        help_text=_("Why the report was returned; shown to the group's leaders."),
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])

    TEXT_FIELDS = [
        *translated_names("findings"),
        *translated_names("solutions"),
        *translated_names("resources"),
    ]

    class Meta:
        verbose_name = _("group report")
        verbose_name_plural = _("group reports")
        ordering = ["group__consultation_id", "group__number"]

    def __str__(self) -> str:
        return str(self.group)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        """Leaders write until the report is published; organisers return it to reopen it."""
        return self.status != self.Status.PUBLISHED

    @property
    def can_submit(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def can_publish(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def can_return(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.PUBLISHED)

    @property
    def is_presentable(self) -> bool:
        """Submitted or published: what the results screen shows at 15:30."""
        return self.status in (self.Status.SUBMITTED, self.Status.PUBLISHED)


class ReportNeed(models.Model):
    """A need the group identified, in one of the areas (the working groups' themes) offers are filed under."""

    report = models.ForeignKey(
        GroupReport, on_delete=models.CASCADE, related_name="needs", verbose_name=_("report")
    )
    area = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        related_name="report_needs",
        verbose_name=_("area"),
        help_text=_("The area of the resource wall and the questionnaire this need belongs to."),
    )
    text = TranslatedField(models.CharField, verbose_name=_("need"), max_length=500)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need identified")
        verbose_name_plural = _("needs identified")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class ReportAction(models.Model):
    """Who does what by when: one agreed action of the group."""

    report = models.ForeignKey(
        GroupReport, on_delete=models.CASCADE, related_name="actions", verbose_name=_("report")
    )
    owner = models.CharField(_("owner organisation"), max_length=200)
    action = TranslatedField(models.CharField, verbose_name=_("action"), max_length=500)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.owner}: {self.action}"
