"""Factories for offers: wall cards and questionnaire answers."""

from __future__ import annotations

import factory

from consultation.protection import HONEYPOT_FIELD, STARTED_FIELD, form_started_token
from registry.offers.models import Offer, OfferKind, Period, QuestionnaireResponse, Region, TargetGroup
from tests.factories import ConsultationFactory, WorkingGroupFactory


class QuestionnaireResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionnaireResponse

    consultation = factory.SubFactory(ConsultationFactory)
    organisation_name = factory.Sequence(lambda n: f"Biedrība “Palīgs {n}”")
    contact_name = "Anna Bērziņa"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    contact_phone = "+371 20000001"


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    consultation = factory.SubFactory(ConsultationFactory)
    area = factory.SubFactory(WorkingGroupFactory, consultation=factory.SelfAttribute("..consultation"))
    source = Offer.Source.WALL
    status = Offer.Status.APPROVED
    author_name = factory.Sequence(lambda n: f"Jānis Kalniņš {n}")
    contact_email = factory.Sequence(lambda n: f"author{n}@example.org")
    contact_phone = "+371 29999999"
    kind = OfferKind.VOLUNTEERING
    description = factory.Sequence(lambda n: f"Varu palīdzēt ar latviešu valodas nodarbībām ({n})")
    regions = factory.LazyFunction(lambda: [Region.RIGA])
    target_groups = factory.LazyFunction(lambda: [TargetGroup.REFUGEES])
    languages = factory.LazyFunction(list)
    period = Period.BEFORE


class ServiceFactory(OfferFactory):
    """A questionnaire service: an offer belonging to a response (and its organisation, once known)."""

    source = Offer.Source.QUESTIONNAIRE
    response = factory.SubFactory(
        QuestionnaireResponseFactory, consultation=factory.SelfAttribute("..consultation")
    )
    author_name = factory.SelfAttribute("response.organisation_name")
    contact_email = factory.SelfAttribute("response.contact_email")
    kind = OfferKind.SERVICE


def human_fields(prefix: str = "") -> dict[str, str]:
    """The protection fields as a person's browser sends them: honeypot empty, form shown a while ago."""
    name = f"{prefix}-" if prefix else ""
    return {f"{name}{HONEYPOT_FIELD}": "", f"{name}{STARTED_FIELD}": form_started_token(seconds_ago=30)}
