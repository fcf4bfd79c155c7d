"""The 2015 consultation with something on every page: cards, services, commitments, an edition, people.

Browser tests that need every page filled (the accessibility sweep, the keyboard journeys) build it with
``scenario()``; journeys that create their own data through the browser start from the bare fixture.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.management import call_command
from django.utils import timezone

from commitments.models import Commitment, Edition, ProgressNote
from commitments.pdf import document_fragment
from consultation.i18n import content_languages
from consultation.links import private_path
from consultation.models import Consultation, Organisation
from consultation.services import organisers_group_sync
from registry.offers.models import Offer, OfferKind, Region, TargetGroup
from tests.factories import StaffFactory
from tests.offers.factories import OfferFactory, QuestionnaireResponseFactory, ServiceFactory
from tests.participants.factories import ParticipantFactory

PASSWORD = "correct horse battery staple"


@dataclass
class Scenario:
    consultation: Consultation
    organiser: object
    participant_url: str
    offer: Offer
    offer_manage_url: str
    questionnaire_url: str
    commitment_url: str
    approved_commitment_url: str
    organisation: Organisation


def scenario() -> Scenario:
    call_command("loaddata", "consultation_2015", verbosity=0)
    consultation = Consultation.objects.get(slug="riga-2015")
    groups = {group.number: group for group in consultation.working_groups.all()}
    organisation = Organisation.objects.get(name_lv="Latvijas Pilsoniskā alianse")
    organiser = StaffFactory(username="organiser", first_name="Inga", last_name="Organizatore")
    organiser.groups.add(organisers_group_sync())

    participant = ParticipantFactory(
        consultation=consultation, group=groups[3], first_name="Ilze", last_name="Ozola", consent_listing=True
    )
    ParticipantFactory(consultation=consultation, group=groups[3], first_name="Jānis", last_name="Kalns")

    offer = OfferFactory(
        consultation=consultation,
        area=groups[5],
        kind=OfferKind.LANGUAGE,
        author_name="Ilze",
        description="Palīdzēšu bēgļiem ar latviešu valodu divas reizes nedēļā.",
        regions=[Region.RIGA, Region.LATGALE],
    )
    OfferFactory(
        consultation=consultation,
        area=groups[7],
        organisation=organisation,
        kind=OfferKind.GOODS,
        description="Bērnu grāmatas latviešu un angļu valodā.",
        target_groups=[TargetGroup.CHILDREN],
        available_from=datetime.date(2015, 10, 26),
    )
    OfferFactory(consultation=consultation, area=groups[2], status=Offer.Status.PENDING, description="Gaida.")
    response = QuestionnaireResponseFactory(
        consultation=consultation, organisation_name="Biedrība “Atbalsts”"
    )
    ServiceFactory(
        consultation=consultation, response=response, area=groups[4], description="Psihologa konsultācijas"
    )

    commitment = Commitment.objects.create(
        consultation=consultation,
        group=groups[1],
        organisation=organisation,
        contact_name="Anna Bērziņa",
        contact_email="anna@example.org",
        text_lv="Apņemamies rīkot divas apmācības ģimenēm.",
        resource=Commitment.Resource.EXPERTISE,
        starts_on=datetime.date(2015, 11, 15),
        may_publish_name=True,
    )
    approved = Commitment.objects.create(
        consultation=consultation,
        group=groups[2],
        organisation=Organisation.objects.exclude(pk=organisation.pk).order_by("pk").first(),
        contact_name="Pēteris Liepa",
        contact_email="peteris@example.org",
        text_lv="Apņemamies uzturēt brīvprātīgo tīklu.",
        text_en="We commit to keep a network of volunteers.",
        resource=Commitment.Resource.TIME,
        starts_on=datetime.date(2015, 11, 1),
        ends_on=datetime.date(2016, 3, 1),
        may_publish_name=True,
        status=Commitment.Status.APPROVED,
        approved_at=timezone.now(),
        position=1,
    )
    ProgressNote.objects.create(
        commitment=approved,
        noted_on=datetime.date(2015, 12, 1),
        text="Sākām darbu.",
        progress=Commitment.Progress.IN_PROGRESS,
    )
    edition = Edition.objects.create(
        consultation=consultation,
        number=1,
        published_at=timezone.now(),
        published_by=organiser,
        commitment_count=1,
    )
    for language in content_languages():
        edition.translations.create(
            language=language,
            content=document_fragment(consultation=consultation, language=language, edition=edition),
        )
    return Scenario(
        consultation=consultation,
        organiser=organiser,
        participant_url=private_path(participant, language="lv"),
        offer=offer,
        offer_manage_url=private_path(offer, language="lv"),
        questionnaire_url=private_path(response, language="lv"),
        commitment_url=private_path(commitment, language="lv"),
        approved_commitment_url=private_path(approved, language="lv"),
        organisation=organisation,
    )
