"""Factories for participants."""

from __future__ import annotations

import factory

from registry.participants.models import Participant, Sector, registration_code_new
from tests.factories import ConsultationFactory, WorkingGroupFactory


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    consultation = factory.SubFactory(ConsultationFactory)
    group = factory.SubFactory(WorkingGroupFactory, consultation=factory.SelfAttribute("..consultation"))
    first_choice = factory.SelfAttribute("group")
    code = factory.LazyFunction(registration_code_new)
    first_name = factory.Sequence(lambda n: f"Anna{n}")
    last_name = factory.Sequence(lambda n: f"Bērziņa{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    sector = Sector.NGO
    status = Participant.Status.CONFIRMED
    consent_data = True
