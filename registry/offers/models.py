"""Offers: resource-wall cards and the services organisations describe in the electronic questionnaire.

Both are rows of ``Offer``, so the wall, the directory, the coverage map and the open data read one table.
An offer is public only when an organiser has approved it (``Offer.objects.public()``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from consultation.i18n import primary_language, translated_values
from consultation.links import Linkable
from consultation.mail import Mailable
from consultation.models import Consultation, Organisation
from consultation.search_text import searchable
from consultation.text import NormalisedTextModel
from registry.offers.choice_set import ChoiceSetField
from workgroups.models import WorkingGroup

__all__ = [
    "Cost",
    "Language",
    "Offer",
    "OfferKind",
    "PendingOffer",
    "Period",
    "QuestionnaireResponse",
    "Region",
    "TargetGroup",
]


class OfferKind(models.TextChoices):
    VOLUNTEERING = "volunteering", _("volunteer time")
    EXPERTISE = "expertise", _("expertise or consultation")
    PREMISES = "premises", _("premises")
    GOODS = "goods", _("goods")
    TRANSPORT = "transport", _("transport")
    LANGUAGE = "language", _("language or interpreting")
    FUNDING = "funding", _("funding")
    SERVICE = "service", _("a service")
    OTHER = "other", pgettext_lazy("kind of contribution", "other")


class Region(models.TextChoices):
    """Latvia's statistical regions, plus the whole country and online."""

    RIGA = "riga", _("Rīga")
    PIERIGA = "pieriga", _("Pierīga")
    VIDZEME = "vidzeme", _("Vidzeme")
    KURZEME = "kurzeme", _("Kurzeme")
    ZEMGALE = "zemgale", _("Zemgale")
    LATGALE = "latgale", _("Latgale")
    NATIONWIDE = "nationwide", _("nationwide")
    ONLINE = "online", _("online")


class TargetGroup(models.TextChoices):
    REFUGEES = "refugees", _("refugees and asylum seekers")
    CHILDREN = "children", _("children")
    WOMEN = "women", _("women")
    SENIORS = "seniors", _("seniors")
    PROFESSIONALS = "professionals", _("professionals")
    VOLUNTEERS = "volunteers", _("volunteers")
    PUBLIC = "public", _("the public")


class Language(models.TextChoices):
    LATVIAN = "lv", _("Latvian")
    ENGLISH = "en", _("English")
    RUSSIAN = "ru", _("Russian")
    ARABIC = "ar", _("Arabic")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    OTHER = "other", pgettext_lazy("language", "other")


class Cost(models.TextChoices):
    FREE = "free", _("free of charge")
    PAID = "paid", _("paid")
    PARTLY = "partly", _("partly paid")


class Period(models.TextChoices):
    """When an offer was given, relative to the event (Consultation.period)."""

    BEFORE = "before", _("before the event")
    DURING = "during", _("during the event")
    AFTER = "after", _("after the event")


class QuestionnaireResponse(NormalisedTextModel, Linkable, Mailable):
    """One organisation's answers to the electronic questionnaire; its services are its offers."""

    link_view_name = "offers:questionnaire_edit"
    link_purpose = _("your questionnaire answers")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="questionnaire_responses",
        verbose_name=_("consultation"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questionnaire_responses",
        verbose_name=_("organisation"),
        help_text=_(
            "Set when the organisation is known; a new one is created when its first service is approved."
        ),
    )
    organisation_name = models.CharField(
        _("organisation name as given"), max_length=200, help_text=_("What the respondent typed.")
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(
        _("contact e-mail"), max_length=254, help_text=_("Never shown publicly.")
    )
    contact_phone = models.CharField(
        _("contact phone"), max_length=40, blank=True, help_text=_("Never shown publicly.")
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=primary_language(),
        help_text=_("The language the author used; e-mails to them are written in it."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.organisation_name


class OfferQuerySet(models.QuerySet):
    def public(self) -> OfferQuerySet:
        """Only what an organiser approved: the one gate of every public page and export."""
        return self.filter(status=Offer.Status.APPROVED)


class Offer(NormalisedTextModel, Linkable, Mailable):
    link_view_name = "offers:offer_manage"
    link_purpose = _("your card on the resource wall")

    class Source(models.TextChoices):
        WALL = "wall", _("resource wall")
        QUESTIONNAIRE = "questionnaire", _("questionnaire")
        IMPORT = "import", _("import")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for moderation")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn by the author")
        UNAVAILABLE = "unavailable", _("no longer available")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="offers", verbose_name=_("consultation")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.WALL)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    response = models.ForeignKey(
        QuestionnaireResponse,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("questionnaire response"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("organisation"),
    )
    author_name = models.CharField(
        _("name or organisation"), max_length=200, help_text=_("Shown publicly with the offer.")
    )
    show_author_name = models.BooleanField(
        _("name shown publicly"),
        default=False,
        help_text=_("The author chose to show their name; otherwise a card shows “private person”."),
    )
    contact_email = models.EmailField(
        _("e-mail"), max_length=254, blank=True, help_text=_("Never shown publicly.")
    )
    contact_phone = models.CharField(
        _("phone"), max_length=40, blank=True, help_text=_("Never shown publicly.")
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=primary_language(),
        help_text=_("The language the author used; e-mails to them are written in it."),
    )
    area = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("area"),
        help_text=_("One of the consultation's working groups."),
    )
    kind = models.CharField(_("kind of contribution"), max_length=20, choices=OfferKind.choices)
    description = models.TextField(_("what is offered"), max_length=2000)
    regions = ChoiceSetField(_("regions"), choices=Region.choices)
    target_groups = ChoiceSetField(_("target groups"), choices=TargetGroup.choices)
    languages = ChoiceSetField(_("languages"), choices=Language.choices)
    capacity = models.CharField(
        _("capacity"), max_length=100, blank=True, help_text=_("People per month; free text allowed.")
    )
    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(
        _("available until"), null=True, blank=True, help_text=_("Empty means ongoing.")
    )
    period = models.CharField(
        _("given"), max_length=10, choices=Period.choices, help_text=_("Before, during or after the event.")
    )
    moderation_note = models.TextField(
        _("note to the author"),
        max_length=1000,
        blank=True,
        help_text=_("Sent to the author with the decision; never shown publicly."),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    search_text = models.TextField(_("search text"), editable=False, default="")

    objects = OfferQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["consultation", "status", "-created_at", "-id"], name="offer_public_newest"),
            models.Index(
                fields=["consultation", "status", "area", "-created_at", "-id"],
                name="offer_public_area_newest",
            ),
            models.Index(fields=["consultation", "status", "kind"], name="offer_public_kind"),
            # The counts of the coverage page and the results screen (COUNT(*) by area, kind, source, regions)
            # read this index alone, not the table: an index-only scan, a third of the time at 10,000 offers.
            # (regions a key column, not an INCLUDE one: SQLite, the demo's database, has no INCLUDE)
            models.Index(
                fields=["consultation", "status", "area", "kind", "source", "regions"],
                name="offer_public_tally",
            ),
            models.Index(fields=["status", "organisation"], name="offer_public_organisation"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="offer_available_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.description[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("offers:offer_detail", kwargs={"slug": self.consultation.slug, "pk": self.pk})

    def build_search_text(self) -> str:
        return offer_search_text(self, self.organisation if self.organisation_id else None)

    @property
    def shows_author_name(self) -> bool:
        """An organisation's service shows its name; a person's card only if they chose to show it."""
        return self.source == self.Source.QUESTIONNAIRE or self.show_author_name

    @property
    def public_author(self) -> str:
        """Who the card is from, as the public sees it: never the name of a person who did not choose to."""
        if self.organisation_id and self.organisation:
            return self.organisation.name
        return self.author_name if self.shows_author_name else str(_("private person"))

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def kind_label(self) -> str:
        """The kind's label without ``get_kind_display``'s per-call choices dictionary (cards render often)."""
        try:
            return str(OfferKind(self.kind).label)
        except ValueError:
            return self.kind

    @property
    def short_description(self) -> str:
        return self.description if len(self.description) <= 160 else self.description[:159].rstrip() + "…"

    @property
    def region_labels(self) -> list[str]:
        return self._meta.get_field("regions").labels(self.regions)

    @property
    def target_group_labels(self) -> list[str]:
        return self._meta.get_field("target_groups").labels(self.target_groups)

    @property
    def language_labels(self) -> list[str]:
        return self._meta.get_field("languages").labels(self.languages)


def offer_search_text(offer, organisation) -> str:
    """The author's name (only when the card shows it) and the organisation's names (in every language), then the card's own text."""
    names = [*translated_values(organisation, "name"), organisation.short_name] if organisation else []
    author = offer.author_name if offer.shows_author_name else ""
    return searchable(author, *names, offer.description, offer.capacity)


class PendingOffer(Offer):
    """The moderation queue in the back office: the same rows, seen as offers waiting for a decision."""

    class Meta:
        proxy = True
        verbose_name = _("offer waiting for moderation")
        verbose_name_plural = _("moderation queue")
