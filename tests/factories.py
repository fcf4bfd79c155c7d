"""Factories for the shared vocabulary: consultations, organisations, agenda items, working groups, users."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from consultation.models import AgendaItem, Consultation, Organisation, Organiser
from workgroups.models import GroupLead, GroupReport, WorkingGroup


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


class GroupReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupReport

    group = factory.SubFactory(WorkingGroupFactory)
    findings_lv = "Valodas kursu trūkst."
    findings_en = "There are too few language courses."
    solutions_lv = "Vakara kursi pašvaldību telpās."
    version = 1


def report_post_data(*, version: int = 0, needs=(), actions=(), action: str = "save", **texts) -> dict:
    """What the leaders' report form posts: its texts, the version it was built from, needs and actions rows.

    ``needs`` are ``(area_pk, text_lv)`` pairs, ``actions`` ``(owner, action_lv, deadline)`` triples.
    """
    data = {
        "action": action,
        "report-version": str(version),
        "report-participant_count": texts.pop("participant_count", ""),
        **{f"report-{name}": "" for name in GroupReport.TEXT_FIELDS},
        **{f"report-{name}": value for name, value in texts.items()},
        "needs-TOTAL_FORMS": str(len(needs) + 1),
        "needs-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": str(len(actions) + 1),
        "actions-INITIAL_FORMS": "0",
    }
    for index, (area, text) in enumerate(needs):
        data.update(
            {f"needs-{index}-area": str(area), f"needs-{index}-text_lv": text, f"needs-{index}-text_en": ""}
        )
    for index, (owner, what, deadline) in enumerate(actions):
        data.update(
            {
                f"actions-{index}-owner": owner,
                f"actions-{index}-action_lv": what,
                f"actions-{index}-action_en": "",
                f"actions-{index}-deadline": deadline,
            }
        )
    return data
