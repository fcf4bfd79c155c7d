"""Fixtures of the participant tests: a consultation and two working groups of two places each."""

from __future__ import annotations

import pytest

from tests.factories import ConsultationFactory, WorkingGroupFactory


@pytest.fixture
def consultation(db):
    return ConsultationFactory()


@pytest.fixture
def group(consultation):
    return WorkingGroupFactory(consultation=consultation, capacity=2, number=1)


@pytest.fixture
def other_group(consultation):
    return WorkingGroupFactory(consultation=consultation, capacity=2, number=2)
