"""The outcomes: commitments, the published commitment document and its follow-up."""

from __future__ import annotations

import functools
import operator
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from consultation.i18n import (
    TranslatedField,
    active_content_language,
    content_languages,
    primary_language,
    translated_language,
    translated_names,
)
from consultation.links import Linkable
from consultation.mail import Mailable
from consultation.models import Consultation, Organisation
from consultation.text import NormalisedTextModel
from workgroups.models import WorkingGroup


class Commitment(NormalisedTextModel, Linkable, Mailable):
    """What one organisation commits to do for one working group's area, curated by the organisers."""

    link_view_name = "commitments:private"
    link_purpose = _("your commitment")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("commitment status", "proposed")
        RETURNED = "returned", _("returned to the author")
        APPROVED = "approved", pgettext_lazy("commitment status", "approved")
        REJECTED = "rejected", pgettext_lazy("commitment status", "rejected")
        WITHDRAWN = "withdrawn", _("withdrawn by the author")

    class Resource(models.TextChoices):
        TIME = "time", _("people's time and volunteering")
        EXPERTISE = "expertise", _("expertise and advice")
        SERVICES = "services", _("services to people")
        PREMISES = "premises", _("premises and equipment")
        MONEY = "money", _("funding")
        INFORMATION = "information", _("information and communication")
        POLICY = "policy", _("policy and decisions")
        OTHER = "other", _("other")

    class Progress(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("consultation")
    )
    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("working group"),
        help_text=_("The working group whose area the commitment belongs to."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("organisation"),
        help_text=_("Empty while the organisation is new; approving creates it from the proposed name."),
    )
    proposed_organisation_name = models.CharField(
        _("new organisation's name"),
        max_length=200,
        blank=True,
        help_text=_("The name the author typed for an organisation not yet in the list."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"), max_length=254)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    text = TranslatedField(models.TextField, verbose_name=_("commitment"), max_length=2000)
    resource = models.CharField(_("kind of resource"), max_length=20, choices=Resource.choices)
    starts_on = models.DateField(_("from (or on)"))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty for a single date."))
    may_publish_name = models.BooleanField(
        _("the organisation may be named"),
        default=True,
        help_text=_("Whether the organisation agrees to be named in the published document."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    review_note = models.TextField(
        _("note to the author"),
        max_length=2000,
        blank=True,
        help_text=_("Why the commitment was returned or rejected; the author sees it through their link."),
    )
    position = models.PositiveIntegerField(
        pgettext_lazy("order", "position"), default=0, help_text=_("Order within its group.")
    )
    progress = models.CharField(
        _("progress"), max_length=20, choices=Progress.choices, default=Progress.PLANNED
    )
    language = models.CharField(
        _("author's language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=primary_language(),
        help_text=_("The language the author wrote in; e-mails to them use it."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("The group leader who recorded it on the organisation's behalf; empty if self-recorded."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["group__number", "position", "id"]
        indexes = [models.Index(fields=["consultation", "status"], name="commitment_consultation_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="commitment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(proposed_organisation_name=""),
                name="commitment_has_organisation",
            ),
            models.CheckConstraint(
                condition=functools.reduce(
                    operator.or_, (~Q(**{name: ""}) for name in translated_names("text"))
                ),
                name="commitment_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name}: {self.text}"[:120]

    def clean(self) -> None:
        if self.group_id and self.consultation_id and self.group.consultation_id != self.consultation_id:
            raise ValidationError({"group": _("This working group belongs to another consultation.")})
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})

    @property
    def text_language(self) -> str:
        """The language ``text`` is in, for the page's ``lang`` attribute (a Latvian text on an English page)."""
        return translated_language(self, "text")

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.proposed_organisation_name

    @property
    def is_editable_by_author(self) -> bool:
        return self.status in (self.Status.PROPOSED, self.Status.RETURNED)

    @property
    def is_followed_up(self) -> bool:
        return self.status == self.Status.APPROVED


class ProgressNote(NormalisedTextModel):
    """A dated note on how an approved commitment is going, by its organisation or the organisers."""

    class Author(models.TextChoices):
        ORGANISATION = "organisation", _("the organisation")
        ORGANISERS = "organisers", _("the organisers")

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="progress_notes", verbose_name=_("commitment")
    )
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("note"), max_length=2000)
    progress = models.CharField(
        _("progress"), max_length=20, choices=Commitment.Progress.choices, default=Commitment.Progress.PLANNED
    )
    author = models.CharField(
        _("written by"), max_length=20, choices=Author.choices, default=Author.ORGANISERS
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-noted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.noted_on}: {self.text[:60]}"


class DocumentSettings(NormalisedTextModel):
    """The parts of the commitment document that organisers write: its introduction, in every language."""

    consultation = models.OneToOneField(
        Consultation,
        on_delete=models.CASCADE,
        related_name="document_settings",
        verbose_name=_("consultation"),
    )
    introduction = TranslatedField(
        models.TextField,
        verbose_name=_("introduction"),
        max_length=10000,
        help_text=_("One point per paragraph. Empty: the consultation's 'why it is needed' points."),
    )

    class Meta:
        verbose_name = _("document introduction")
        verbose_name_plural = _("document introductions")

    def __str__(self) -> str:
        return str(self.consultation)


def _edition_pdf_path(translation: EditionTranslation, filename: str) -> str:
    return f"commitments/{translation.edition.consultation.slug}/{filename}"


class Edition(models.Model):
    """A published, frozen edition of the commitment document; its content and PDF per language are its
    ``translations`` (prefetch them where editions are listed)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="editions", verbose_name=_("consultation")
    )
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    commitment_count = models.PositiveIntegerField(_("commitments"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["consultation_id", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="edition_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} — {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("commitments:edition", kwargs={"slug": self.consultation.slug, "number": self.number})

    def translation_for(self, language: str) -> EditionTranslation | None:
        """The edition in ``language`` (from the prefetched ``translations`` when they are)."""
        return next((t for t in self.translations.all() if t.language == language), None)

    @property
    def content(self) -> str:
        """The frozen document in the active language, else in the primary language."""
        for language in (active_content_language(), primary_language()):
            translation = self.translation_for(language)
            if translation is not None:
                return translation.content
        return ""

    def pdf_for(self, language: str) -> models.fields.files.FieldFile | None:
        translation = self.translation_for(language)
        return translation.pdf if translation is not None else None

    @property
    def languages(self) -> list[str]:
        """The configured languages this edition was published in, in the settings' order."""
        published = {t.language for t in self.translations.all()}
        return [code for code in content_languages() if code in published]


class EditionTranslation(models.Model):
    """One language of an edition: its frozen content and the PDF built from it."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="translations", verbose_name=_("edition")
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    content = models.TextField(_("content"), editable=False)
    pdf = models.FileField(_("PDF"), upload_to=_edition_pdf_path, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("edition language")
        verbose_name_plural = _("edition languages")
        ordering = ["edition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "language"], name="edition_translation_unique_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} ({self.get_language_display()})"


def _new_screen_secret() -> str:
    return secrets.token_urlsafe(24)


class ResultsScreen(models.Model):
    """The 15:30 results screen of one consultation: who may see it and which step the presenter is on.

    The state lives here, not in anyone's browser, so the projector's laptop and the presenter's phone see the
    same step; the screen asks for it every few seconds.
    """

    OVERVIEW = 0

    consultation = models.OneToOneField(
        Consultation, on_delete=models.CASCADE, related_name="results_screen", verbose_name=_("consultation")
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Anyone with the address sees the screen; otherwise a staff login or the secret link."),
    )
    secret = models.CharField(
        _("secret link key"),
        max_length=64,
        default=_new_screen_secret,
        help_text=_(
            "Opens the screen without a login, for the projector's laptop. Change it to revoke old links."
        ),
    )
    step = models.PositiveSmallIntegerField(
        _("step"), default=OVERVIEW, help_text=_("0 shows the overall picture; a number shows that group.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("results screen")
        verbose_name_plural = _("results screens")

    def __str__(self) -> str:
        return str(self.consultation)

    def renew_secret(self) -> None:
        self.secret = _new_screen_secret()
