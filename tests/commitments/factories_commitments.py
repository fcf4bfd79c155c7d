"""Factories for commitments, progress notes and editions."""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from commitments.models import Commitment, DocumentSettings, ProgressNote
from tests.factories import ConsultationFactory, OrganisationFactory, WorkingGroupFactory


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    consultation = factory.SubFactory(ConsultationFactory)
    group = factory.SubFactory(WorkingGroupFactory, consultation=factory.SelfAttribute("..consultation"))
    organisation = factory.SubFactory(OrganisationFactory)
    contact_name = "Anna Bērziņa"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    contact_phone = "+371 20000000"
    text_lv = factory.Sequence(lambda n: f"Apņemamies sniegt atbalstu Nr. {n}")
    text_en = factory.Sequence(lambda n: f"We commit to support No. {n}")
    resource = Commitment.Resource.TIME
    starts_on = datetime.date(2015, 11, 1)
    may_publish_name = True
    status = Commitment.Status.PROPOSED


class ApprovedCommitmentFactory(CommitmentFactory):
    status = Commitment.Status.APPROVED
    approved_at = factory.LazyFunction(timezone.now)
    position = factory.Sequence(int)


class ProgressNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressNote

    commitment = factory.SubFactory(ApprovedCommitmentFactory)
    noted_on = factory.LazyFunction(timezone.localdate)
    text = "Sākām darbu."


class DocumentSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentSettings

    consultation = factory.SubFactory(ConsultationFactory)
    introduction_lv = "Pirmkārt.\n\nOtrkārt.\n\nTreškārt."
    introduction_en = "First.\n\nSecond.\n\nThird."
