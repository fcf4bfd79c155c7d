"""Participants: registration, waiting list, check-in."""

from __future__ import annotations

import io
import secrets
from email.mime.image import MIMEImage

import segno
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consultation.calendar import programme_calendar
from consultation.i18n import primary_language, translated_values
from consultation.links import Linkable
from consultation.mail import Mailable
from consultation.models import Consultation, Organisation
from consultation.roles import reaches_every_group
from consultation.search_text import searchable
from consultation.text import NormalisedTextModel
from workgroups.models import WorkingGroup

__all__ = ["DeskAction", "Participant", "Sector", "registration_code_new", "CODE_ALPHABET", "CODE_LENGTH"]

# Letters and digits nobody confuses when reading aloud or off a screen: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"
CODE_LENGTH = 6


def registration_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Sector(models.TextChoices):
    NGO = "ngo", _("NGO")
    STATE = "state", _("state institution")
    MUNICIPALITY = "municipality", _("municipality")
    INTERNATIONAL = "international", _("international organisation")
    ACADEMIA = "academia", _("academia")
    RESIDENT = "resident", _("resident")
    BUSINESS = "business", _("business")
    MEDIA = "media", _("media")
    OTHER = "other", _("other")


class ParticipantQuerySet(models.QuerySet):
    def active(self) -> ParticipantQuerySet:
        return self.exclude(status=Participant.Status.CANCELLED)

    def confirmed(self) -> ParticipantQuerySet:
        return self.filter(status=Participant.Status.CONFIRMED)

    def waiting(self) -> ParticipantQuerySet:
        return self.filter(status=Participant.Status.WAITING)

    def visible_to(self, user) -> ParticipantQuerySet:
        """Organisers see everyone; a working-group leader sees only the participants of their groups."""
        if reaches_every_group(user):
            return self
        return self.filter(group__leaders=user).distinct()


def registration_qr_png(*, code: str) -> bytes:
    """The code as a QR code (error correction M, so a crumpled printout still scans)."""
    buffer = io.BytesIO()
    segno.make_qr(code, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


QR_CONTENT_ID = "registration-code"
REGISTRATION_EMAIL = "participants/emails/registration"
CANCELLATION_EMAIL = "participants/emails/registration_cancelled"


class Participant(NormalisedTextModel, Linkable, Mailable):
    link_view_name = "participants:registration_manage"
    link_email_field = mail_address_field = "email"
    link_purpose = _("your registration")

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participants", verbose_name=_("consultation")
    )
    code = models.CharField(
        _("registration code"),
        max_length=CODE_LENGTH,
        editable=False,
        help_text=_("Short code the participant shows or reads out at the desk."),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(
        _("e-mail"),
        max_length=254,
        blank=True,
        help_text=_("Only walk-ins registered at the desk may have none."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("organisation"),
        help_text=_("One of the known organisations."),
    )
    organisation_name = models.CharField(
        _("organisation (as typed)"),
        max_length=200,
        blank=True,
        help_text=_("A new organisation the participant typed; organisers merge it into a known one."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    position = models.CharField(_("position"), max_length=200, blank=True, help_text=_("Job title or role."))
    first_choice = models.ForeignKey(
        WorkingGroup, on_delete=models.PROTECT, related_name="+", verbose_name=_("first choice")
    )
    second_choice = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("second choice"),
    )
    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("working group"),
        help_text=_("The group the participant is confirmed in, or waiting for."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    waiting_position = models.PositiveIntegerField(
        _("place on the waiting list"), null=True, blank=True, editable=False
    )
    needs_accessibility = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    needs_diet = models.CharField(_("diet for the break"), max_length=200, blank=True)
    needs_other = models.CharField(_("other needs"), max_length=500, blank=True)
    consent_data = models.BooleanField(_("consents to the processing of personal data"), default=False)
    consent_listing = models.BooleanField(_("agrees to be listed by name on the group page"), default=False)
    language = models.CharField(
        _("language"), max_length=5, default=primary_language(), help_text=_("For e-mails.")
    )
    is_walk_in = models.BooleanField(_("walk-in"), default=False, help_text=_("Registered at the desk."))
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    submission_token = models.UUIDField(_("submission token"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = models.TextField(_("search text"), editable=False, default="")

    objects = ParticipantQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "code"], name="participant_unique_code"),
            models.UniqueConstraint(
                Lower("email"),
                "consultation",
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="participant_unique_active_email",
                violation_error_message=_("This e-mail address is already registered."),
            ),
            models.UniqueConstraint(fields=["submission_token"], name="participant_unique_submission"),
            models.UniqueConstraint(
                fields=["group", "waiting_position"],
                condition=Q(status="waiting"),
                name="participant_unique_waiting_position",
            ),
            models.CheckConstraint(
                condition=Q(status="waiting", waiting_position__isnull=False)
                | (~Q(status="waiting") & Q(waiting_position__isnull=True)),
                name="participant_waiting_has_position",
            ),
        ]
        indexes = [
            models.Index(fields=["consultation", "status"], name="participant_status_idx"),
            models.Index(fields=["group", "status"], name="participant_group_status_idx"),
            # The results screen's counts (registered and arrived, per group and per sector) read this index
            # alone: COUNT(*) and COUNT(checked_in_at), an index-only scan instead of the table.
            models.Index(
                fields=["consultation", "group", "sector", "status", "checked_in_at"],
                name="participant_tally",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        """The names the desk and the admin find a participant by, in every spelling (consultation.search_text)."""
        organisation = self.organisation if self.organisation_id else None
        names = [*translated_values(organisation, "name"), organisation.short_name] if organisation else []
        return searchable(self.first_name, self.last_name, self.organisation_name, *names)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def organisation_display(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def code_display(self) -> str:
        """The code in two halves, easier to read aloud: 'K7M-R4P'."""
        half = CODE_LENGTH // 2
        return f"{self.code[:half]}-{self.code[half:]}"

    @property
    def is_checked_in(self) -> bool:
        return self.checked_in_at is not None

    @classmethod
    def link_owners(cls, *, consultation: Consultation, email: str):
        """The active registration with this address (a cancelled one needs no link)."""
        return (
            super().link_owners(consultation=consultation, email=email).exclude(status=cls.Status.CANCELLED)
        )

    def mail_context(self, *, template: str) -> dict:
        return {
            "participant": self,
            "desk": self.consultation.registration_desk(),
            "qr_content_id": QR_CONTENT_ID,
        }

    def mail_superseded(self, *, template: str) -> bool:
        """A registration's message (registered, changed, promoted) still queued when the person cancelled:
        the cancellation's own message says what is true."""
        return template == REGISTRATION_EMAIL and self.status == self.Status.CANCELLED

    def mail_attachments(self, *, template: str) -> list:
        """The registration mail carries the code as a QR code and the programme; a cancellation carries neither."""
        if template != REGISTRATION_EMAIL:
            return []
        image = MIMEImage(registration_qr_png(code=self.code), "png")
        image.add_header("Content-ID", f"<{QR_CONTENT_ID}>")
        image.add_header("Content-Disposition", "inline", filename=f"{self.code}.png")
        calendar = programme_calendar(consultation=self.consultation, group=self.group)
        return [image, (f"{self.consultation.slug}.ics", calendar, "text/calendar")]

    def admin_url(self) -> str:
        return reverse("admin:participants_participant_change", args=[self.pk])


# --- the desk's actions ---------------------------------------------------------------------------------
# A desk that works offline queues its actions and sends them when the network returns, perhaps twice (a
# reply lost on the way back). The unique ``client_id`` makes the second delivery find the first one's
# outcome instead of acting again, so every action takes effect exactly once (``services_desk``).


class DeskAction(models.Model):
    class Kind(models.TextChoices):
        CHECK_IN = "check_in", _("check-in")
        UNDO = "undo", _("check-in undone")
        WALK_IN = "walk_in", _("walk-in")

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("applied")
        ALREADY = "already", _("already so (another desk)")
        WAITING = "waiting", _("walk-in on the waiting list")
        REFUSED = "refused", _("refused")

    client_id = models.UUIDField(
        _("desk's action id"),
        unique=True,
        help_text=_("Generated by the desk; a repeated delivery finds this row."),
    )
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="desk_actions", verbose_name=_("consultation")
    )
    kind = models.CharField(_("action"), max_length=10, choices=Kind.choices)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_actions",
        verbose_name=_("participant"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("volunteer"),
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    message = models.CharField(_("message"), max_length=300, blank=True)
    happened_at = models.DateTimeField(_("done at the desk"), help_text=_("The desk's clock, maybe offline."))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("desk action")
        verbose_name_plural = _("desk actions")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_outcome_display()}"
