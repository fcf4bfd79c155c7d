"""One rule for "is an organiser" (consultation.roles.is_organiser), used by every app that asks."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from consultation.roles import is_organiser
from consultation.services import organisers_group_sync
from registry.participants.models import Participant
from registry.participants.selectors import groups_managed
from tests.factories import StaffFactory, UserFactory, WorkingGroupFactory
from tests.participants.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _organiser(**fields):
    user = StaffFactory(**fields)
    user.groups.add(organisers_group_sync())
    return user


def test_a_member_of_the_organisers_group_is_an_organiser():
    assert is_organiser(_organiser()) is True


def test_a_superuser_is_an_organiser():
    assert is_organiser(UserFactory(is_superuser=True)) is True


def test_a_deactivated_organiser_is_not_an_organiser():
    assert is_organiser(_organiser(is_active=False)) is False


def test_a_deactivated_superuser_is_not_an_organiser():
    assert is_organiser(UserFactory(is_superuser=True, is_active=False)) is False


def test_an_anonymous_visitor_is_not_an_organiser():
    assert is_organiser(AnonymousUser()) is False


def test_participants_and_groups_follow_the_same_rule_for_a_deactivated_organiser():
    group = WorkingGroupFactory()
    ParticipantFactory(consultation=group.consultation, group=group)
    deactivated = _organiser(is_active=False)

    assert list(Participant.objects.visible_to(deactivated)) == []
    assert list(groups_managed(user=deactivated)) == []


def test_participants_and_groups_are_all_visible_to_an_organiser():
    group = WorkingGroupFactory()
    participant = ParticipantFactory(consultation=group.consultation, group=group)
    organiser = _organiser()

    assert list(Participant.objects.visible_to(organiser)) == [participant]
    assert list(groups_managed(user=organiser)) == [group]
