"""People in every back-office role, and one record of every model the admin shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from commitments.models import Edition, ResultsScreen
from consultation.roles import DESK_GROUP, GROUP_LEADERS_GROUP, ORGANISERS_GROUP
from registry.offers.models import Offer, PendingOffer
from registry.participants.models import DeskAction
from tests.commitments.factories_commitments import CommitmentFactory, DocumentSettingsFactory
from tests.factories import (
    AgendaItemFactory,
    ConsultationFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.offers.factories import OfferFactory, QuestionnaireResponseFactory
from tests.participants.factories import ParticipantFactory
from workgroups.models import GroupReport


@dataclass
class Roles:
    bare_staff: object
    leader: object
    desk: object
    organiser: object

    def user(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def roles(db) -> Roles:
    # The roles come from the migrations (consultation/migrations/0003_roles.py and the sync after migrate).
    leader = StaffFactory(username="leader")
    leader.groups.add(Group.objects.get(name=GROUP_LEADERS_GROUP))
    desk = StaffFactory(username="desk")
    desk.groups.add(Group.objects.get(name=DESK_GROUP))
    organiser = StaffFactory(username="organiser")
    organiser.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    return Roles(bare_staff=StaffFactory(username="bare"), leader=leader, desk=desk, organiser=organiser)


@dataclass
class World:
    consultation: object
    own_group: object
    other_group: object
    records: dict  # model -> {"own": obj, "other": obj}; models a leader does not reach have only "other"


@pytest.fixture
def world(roles) -> World:
    consultation = ConsultationFactory(slug="riga")
    own_group = WorkingGroupFactory(consultation=consultation, number=1)
    own_group.leaders.add(roles.leader)
    other_group = WorkingGroupFactory(consultation=consultation, number=2)
    offer = OfferFactory(consultation=consultation, area=other_group)
    pending = OfferFactory(consultation=consultation, area=other_group, status="pending")
    records = {
        own_group.__class__: {"own": own_group, "other": other_group},
        GroupReport: {
            "own": GroupReport.objects.create(group=own_group),
            "other": GroupReport.objects.create(group=other_group),
        },
        ParticipantFactory._meta.model: {
            "own": ParticipantFactory(consultation=consultation, group=own_group),
            "other": ParticipantFactory(consultation=consultation, group=other_group),
        },
    }
    simple = [
        consultation,
        OrganisationFactory(),
        AgendaItemFactory(consultation=consultation),
        offer,
        QuestionnaireResponseFactory(consultation=consultation),
        CommitmentFactory(consultation=consultation, group=other_group),
        Edition.objects.create(consultation=consultation, number=1, published_at=timezone.now()),
        DocumentSettingsFactory(consultation=consultation),
        ResultsScreen.objects.create(consultation=consultation),
        UserFactory(username="someone", is_staff=True),
        Group.objects.get(name=DESK_GROUP),
        DeskAction.objects.create(
            client_id=uuid.uuid4(),
            consultation=consultation,
            kind=DeskAction.Kind.CHECK_IN,
            outcome=DeskAction.Outcome.APPLIED,
            happened_at=timezone.now(),
        ),
        DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path="consultation.tasks.example",
            backend_name="default",
            run_after=timezone.now(),
            exception_class_path="",
        ),
    ]
    for record in simple:
        records.setdefault(record.__class__, {})["other"] = record
    records[PendingOffer] = {"other": PendingOffer.objects.get(pk=pending.pk)}
    records[LogEntry] = {
        "other": LogEntry.objects.create(
            user=roles.organiser, content_type=ContentType.objects.get_for_model(Offer), action_flag=CHANGE
        )
    }
    return World(consultation=consultation, own_group=own_group, other_group=other_group, records=records)
