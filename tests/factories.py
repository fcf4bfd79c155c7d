"""Factories for the shared vocabulary: consultations, organisations, agenda items, working groups, users."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from consultation.models import AgendaItem, Consultation, Organisation, Organiser
from workgroups.models import GroupLead, WorkingGroup


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class StaffFactory(UserFactory):
    is_staff = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name_lv = factory.Sequence(lambda n: f"Biedrība Nr. {n}")
    name_en = factory.Sequence(lambda n: f"Association No. {n}")
    kind = Organisation.Kind.NGO


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    slug = factory.Sequence(lambda n: f"consultation-{n}")
    title_lv = factory.Sequence(lambda n: f"Konsultācija {n}")
    title_en = factory.Sequence(lambda n: f"Consultation {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda c: c.starts_at + datetime.timedelta(hours=8))
    venue_name = "Nordic Club House"
    venue_address = "Kalēju iela 3"
    city_lv = "Rīga"
    city_en = "Riga"
    audience_lv = "Ikviens"
    audience_en = "Everyone"
    rationale_lv = "Pirmais.\n\nOtrais."
    rationale_en = "First.\n\nSecond."
    is_published = True


class OrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organiser

    consultation = factory.SubFactory(ConsultationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = factory.Sequence(int)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    consultation = factory.SubFactory(ConsultationFactory)
    slug = factory.Sequence(lambda n: f"item-{n}")
    position = factory.Sequence(int)
    title_lv = factory.Sequence(lambda n: f"Punkts {n}")
    title_en = factory.Sequence(lambda n: f"Item {n}")
    starts_at = factory.LazyAttribute(lambda item: item.consultation.starts_at)
    ends_at = factory.LazyAttribute(lambda item: item.starts_at + datetime.timedelta(minutes=30))


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    consultation = factory.SubFactory(ConsultationFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_lv = factory.Sequence(lambda n: f"Grupa {n}")
    title_en = factory.Sequence(lambda n: f"Group {n}")
    capacity = 10


class GroupLeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupLead

    group = factory.SubFactory(WorkingGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)
