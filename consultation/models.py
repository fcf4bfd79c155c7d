"""The event and the vocabulary every other app shares: consultations, their programme, organisations."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .i18n import TranslatedField, content_languages, primary_name, translated_names, translated_text
from .text import NormalisedTextModel


class OrganisationManager(models.Manager):
    def get_by_natural_key(self, slug: str) -> Organisation:
        return self.get(slug=slug)

    def named(self, name: str) -> models.QuerySet[Organisation]:
        """Organisations called ``name`` (any case) in any language or by their short name."""
        condition = Q(short_name__iexact=name)
        for column in translated_names("name"):
            condition |= Q(**{f"{column}__iexact": name})
        return self.filter(condition)

    def listed(self) -> models.QuerySet[Organisation]:
        """Organisations public lists may offer (datalists, selects): not those that asked not to be named."""
        return self.filter(is_listed=True)


class Organisation(NormalisedTextModel):
    class Kind(models.TextChoices):
        NGO = "ngo", _("non-governmental organisation")
        STATE = "state", _("state institution")
        MUNICIPALITY = "municipality", _("municipality or association of municipalities")
        INTERNATIONAL = "international", _("international organisation")
        ACADEMIA = "academia", _("academia")
        BUSINESS = "business", _("business")
        OTHER = "other", _("other")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    name = TranslatedField(models.CharField, verbose_name=_("name"), max_length=200, primary_blank=False)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        help_text=_("An acronym or the name people use, e.g. LAPAS."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NGO)
    website = models.URLField(_("website"), blank=True)
    is_listed = models.BooleanField(
        _("listed publicly"),
        default=True,
        help_text=_(
            "Offered in the public forms' lists of organisations. Off for an organisation that asked not to "
            "be named (set when its commitment, not to be published under its name, is approved)."
        ),
    )

    objects = OrganisationManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = [primary_name("name")]

    def __str__(self) -> str:
        return self.name

    # What ``__str__`` reads, for long lists read as rows (consultation.forms.LongSelect).
    @staticmethod
    def label_columns() -> list[str]:
        return translated_names("name")

    @staticmethod
    def label_from_columns(names: tuple[str, ...]) -> str:
        return translated_text(dict(zip(content_languages(), names, strict=True)))

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ConsultationQuerySet(models.QuerySet):
    def published(self) -> ConsultationQuerySet:
        return self.filter(is_published=True)


class ConsultationManager(models.Manager.from_queryset(ConsultationQuerySet)):
    def get_by_natural_key(self, slug: str) -> Consultation:
        return self.get(slug=slug)

    def current(self) -> Consultation | None:
        """The consultation the home page shows: the one marked current, else the latest published."""
        published = self.get_queryset().published()
        return published.order_by("-is_current", "-starts_at").first()


def _window_is_open(opens_at: datetime.datetime | None, closes_at: datetime.datetime | None) -> bool:
    now = timezone.now()
    return (opens_at is None or opens_at <= now) and (closes_at is None or now < closes_at)


class Consultation(NormalisedTextModel):
    slug = models.SlugField(
        _("identifier"), max_length=80, unique=True, help_text=_("Used in web addresses.")
    )
    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=300, primary_blank=False)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue_name = models.CharField(_("venue"), max_length=200)
    venue_address = models.CharField(_("venue address"), max_length=200)
    city = TranslatedField(models.CharField, verbose_name=_("city"), max_length=100, primary_blank=False)
    audience = TranslatedField(
        models.TextField, verbose_name=_("who takes part"), max_length=2000, primary_blank=False
    )
    rationale = TranslatedField(
        models.TextField,
        verbose_name=_("why it is needed"),
        max_length=10000,
        primary_blank=False,
        help_text=_("One point per paragraph; separate points with an empty line."),
    )
    organisers = models.ManyToManyField(
        Organisation,
        through="Organiser",
        related_name="organised_consultations",
        verbose_name=_("organisers"),
    )
    capacity = models.PositiveIntegerField(
        _("total capacity"),
        null=True,
        blank=True,
        help_text=_("Places at the whole event; empty means no limit."),
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True, help_text=_("Empty means open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True, help_text=_("Empty means it does not close.")
    )
    questionnaire_opens_at = models.DateTimeField(
        _("questionnaire opens at"), null=True, blank=True, help_text=_("Empty means open now.")
    )
    questionnaire_closes_at = models.DateTimeField(
        _("questionnaire closes at"), null=True, blank=True, help_text=_("Empty means it does not close.")
    )
    private_link_days = models.PositiveIntegerField(
        _("private links last (days)"),
        null=True,
        blank=True,
        help_text=_(
            "How long a private link sent to a participant or an organisation works after it is sent. "
            "Empty means until 180 days after the event (or after the link is sent, if that is later)."
        ),
    )
    content_version = models.PositiveBigIntegerField(
        _("content version"),
        default=0,
        editable=False,
        help_text=_("Grows with every change to what the public pages show; cached pages are keyed by it."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    is_current = models.BooleanField(
        _("current"), default=False, help_text=_("The consultation the home page shows.")
    )

    objects = ConsultationManager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_at"]
        # The registration desk's one right (consultation.roles.DESK_PERMISSION): find anyone, check in,
        # register walk-ins into any group; nothing in the admin.
        permissions = [("use_desk", _("Can find, check in and register walk-ins at the registration desk"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="consultation_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="consultation_registration_closes_after_open",
            ),
            models.CheckConstraint(
                condition=Q(questionnaire_opens_at__isnull=True)
                | Q(questionnaire_closes_at__isnull=True)
                | Q(questionnaire_closes_at__gt=F("questionnaire_opens_at")),
                name="consultation_questionnaire_closes_after_open",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultation:detail", kwargs={"slug": self.slug})

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def rationale_points(self) -> list[str]:
        return [point.strip() for point in self.rationale.split("\n\n") if point.strip()]

    @property
    def registration_is_open(self) -> bool:
        return _window_is_open(self.registration_opens_at, self.registration_closes_at)

    @property
    def questionnaire_is_open(self) -> bool:
        return _window_is_open(self.questionnaire_opens_at, self.questionnaire_closes_at)

    def private_link_expires_at(self, issued_at: datetime.datetime) -> datetime.datetime:
        """When a private link sent at ``issued_at`` stops working (see consultation/links.py)."""
        if self.private_link_days:
            return issued_at + datetime.timedelta(days=self.private_link_days)
        default = datetime.timedelta(days=settings.PRIVATE_LINK_DEFAULT_DAYS)
        return max(issued_at, self.ends_at) + default

    def registration_desk(self) -> AgendaItem | None:
        """The programme's registration slot (its clock times open and close the desk), if it has one."""
        return (
            self.agenda_items.filter(kind=AgendaItem.Kind.REGISTRATION)
            .exclude(starts_at=None)
            .order_by("starts_at")
            .first()
        )

    def period(self, moment: datetime.datetime | None = None) -> str:
        """Whether ``moment`` (default: now) is before, during or after the event: 'before', 'during' or 'after'."""
        moment = moment or timezone.now()
        if moment < self.starts_at:
            return "before"
        if moment < self.ends_at:
            return "during"
        return "after"


class OrganiserManager(models.Manager):
    def get_by_natural_key(self, consultation_slug: str, organisation_slug: str) -> Organiser:
        return self.get(consultation__slug=consultation_slug, organisation__slug=organisation_slug)


class Organiser(models.Model):
    """An organisation's role as one of a consultation's organisers, in the order the invitation names them."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, verbose_name=_("consultation"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    objects = OrganiserManager()

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "organisation"], name="organiser_unique_per_consultation"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def natural_key(self) -> tuple[str, str]:
        return (self.consultation.slug, self.organisation.slug)

    natural_key.dependencies = ["consultation.consultation", "consultation.organisation"]


class AgendaItemManager(models.Manager):
    def get_by_natural_key(self, consultation_slug: str, slug: str) -> AgendaItem:
        return self.get(consultation__slug=consultation_slug, slug=slug)


class AgendaItem(NormalisedTextModel):
    """One item of the day's programme; sub-items (talks inside a session) point to their parent."""

    MAX_DEPTH = 3  # a session, its parts, and the short talks inside a part

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("registration")
        PLENARY = "plenary", _("plenary")
        TALK = "talk", _("talk")
        BREAK = "break", pgettext_lazy("agenda item", "break")
        PARALLEL = "parallel", _("parallel working groups")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("consultation")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    slug = models.SlugField(_("identifier"), max_length=80)
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order", "position"), default=0, help_text=_("Order among its siblings.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    title = TranslatedField(models.CharField, verbose_name=_("title"), max_length=300, primary_blank=False)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        help_text=_("For parts of a session that have a length but no clock time of their own."),
    )
    speaker_name = models.CharField(_("speaker"), max_length=200, blank=True)
    speaker_role = TranslatedField(models.CharField, verbose_name=_("speaker's position"), max_length=200)
    speaker_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("speaker's organisation"),
    )
    to_be_confirmed = models.BooleanField(
        _("to be confirmed"), default=False, help_text=_("The speaker has not confirmed yet.")
    )

    objects = AgendaItemManager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["consultation_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "slug"], name="agenda_item_unique_slug"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="agenda_item_ends_after_start",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="agenda_item_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str, str]:
        return (self.consultation.slug, self.slug)

    natural_key.dependencies = ["consultation.consultation", "consultation.organisation"]

    @property
    def has_speaker_line(self) -> bool:
        """Whether a speaker is named beyond the title (a 5-minute talk titled by its organisation is not)."""
        if self.speaker_name:
            return True
        if not self.speaker_organisation_id:
            return False
        return getattr(self.speaker_organisation, primary_name("name")) != getattr(
            self, primary_name("title")
        )

    def clean(self) -> None:
        errors = {}
        if self.parent_id:
            if self.parent.consultation_id != self.consultation_id:
                errors["parent"] = _("A sub-item must belong to the same consultation as its parent.")
            depth, ancestor = 1, self.parent
            while ancestor is not None:
                if ancestor.pk == self.pk:
                    errors["parent"] = _("An item cannot be inside itself.")
                    break
                depth, ancestor = depth + 1, ancestor.parent
            else:
                if depth > self.MAX_DEPTH:
                    errors["parent"] = _("Items can be nested at most %(depth)s levels deep.") % {
                        "depth": self.MAX_DEPTH
                    }
        if not self.parent_id and not self.starts_at:
            errors["starts_at"] = _("A top-level item needs a start time.")
        if errors:
            raise ValidationError(errors)
