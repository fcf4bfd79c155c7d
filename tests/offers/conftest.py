"""Fixtures of the offer tests: a consultation whose questionnaire is open, and two working groups (areas)."""

from __future__ import annotations

import pytest

from tests.factories import ConsultationFactory, WorkingGroupFactory


@pytest.fixture
def consultation(db):
    return ConsultationFactory(slug="riga", questionnaire_opens_at=None, questionnaire_closes_at=None)


@pytest.fixture
def area(consultation):
    return WorkingGroupFactory(consultation=consultation, number=2, title_lv="Sociālā palīdzība")


@pytest.fixture
def second_area(consultation):
    return WorkingGroupFactory(consultation=consultation, number=6, title_lv="Veselība")
