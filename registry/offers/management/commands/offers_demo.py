"""Sample resource-wall cards and questionnaire services for the demo (approved, so the pages show something)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from consultation.models import Consultation
from registry.offers.models import Offer, QuestionnaireResponse
from registry.offers.services import offer_approve

# Every sample offer carries this fictional address: it marks them as samples and makes a rerun add nothing.
SAMPLE_EMAIL = "demo@example.org"

CARDS = [
    (
        "Ilze",
        5,
        "language",
        ["riga"],
        ["refugees"],
        "Varu mācīt latviešu valodu iesācējiem divas reizes nedēļā.",
    ),
    (
        "Jānis",
        2,
        "transport",
        ["riga", "pieriga"],
        ["refugees"],
        "Ar savu auto palīdzēšu nokļūt pie ārsta vai iestādēs.",
    ),
    (
        "Biedrība “Kopā”",
        5,
        "premises",
        ["latgale"],
        ["public"],
        "Telpas tikšanās vakariem Daugavpilī, līdz 40 cilvēkiem.",
    ),
    ("Anna", 7, "volunteering", ["vidzeme"], ["children"], "Pieskatīšu bērnus, kamēr vecāki mācās valodu."),
    (
        "Pēteris",
        3,
        "expertise",
        ["online"],
        ["refugees"],
        "Juridiskas konsultācijas par patvēruma procedūru (angliski).",
    ),
    ("Līga", 6, "goods", ["kurzeme"], ["children", "women"], "Bērnu apģērbi un apavi, 2–8 gadi."),
]
SERVICES = [
    (
        4,
        "service",
        ["riga", "online"],
        ["refugees", "professionals"],
        "Karjeras konsultācijas un CV sagatavošana.",
    ),
    (
        6,
        "service",
        ["riga"],
        ["refugees", "women"],
        "Psihologa konsultācijas latviešu, krievu un angļu valodā.",
    ),
]


class Command(BaseCommand):
    help = "Add approved sample offers to a consultation (default: the current one)."

    def add_arguments(self, parser):
        parser.add_argument("--consultation", help="slug of the consultation")

    def handle(self, *args, consultation=None, **options):
        target = (
            Consultation.objects.filter(slug=consultation).first()
            if consultation
            else Consultation.objects.current()
        )
        if target is None:
            raise CommandError("No such consultation; load one first (manage.py demo_setup).")
        areas = {group.number: group for group in target.working_groups.all()}
        if not areas:
            raise CommandError("The consultation has no working groups.")
        if Offer.objects.filter(consultation=target, contact_email=SAMPLE_EMAIL).exists():
            self.stdout.write(f"The sample offers are already on {target.slug}'s wall; nothing added.")
            return
        with transaction.atomic():
            offers = []
            for name, number, kind, regions, groups, text in CARDS:
                offers.append(
                    Offer.objects.create(
                        consultation=target,
                        area=areas.get(number) or next(iter(areas.values())),
                        kind=kind,
                        regions=regions,
                        target_groups=groups,
                        author_name=name,
                        contact_email=SAMPLE_EMAIL,
                        description=text,
                        period=target.period(),
                    )
                )
            response = QuestionnaireResponse.objects.create(
                consultation=target,
                organisation_name="Biedrība “Atbalsta tīkls”",
                contact_name="Demo",
                contact_email=SAMPLE_EMAIL,
            )
            for number, kind, regions, groups, text in SERVICES:
                offers.append(
                    Offer.objects.create(
                        consultation=target,
                        response=response,
                        source=Offer.Source.QUESTIONNAIRE,
                        area=areas.get(number) or next(iter(areas.values())),
                        kind=kind,
                        regions=regions,
                        target_groups=groups,
                        languages=["lv", "ru", "en"],
                        cost="free",
                        author_name=response.organisation_name,
                        contact_email=response.contact_email,
                        description=text,
                        period=target.period(),
                    )
                )
            approved = offer_approve(
                offers=Offer.objects.filter(pk__in=[o.pk for o in offers[1:]]).select_related("consultation")
            )
        self.stdout.write(
            f"{approved} approved sample offers and 1 waiting for moderation added to {target.slug}."
        )
