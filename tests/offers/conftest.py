"""Fixtures of the offer tests; test modules import them with ``from .offer_fixtures import *``."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from consultation.protection import HONEYPOT_FIELD, STARTED_FIELD, form_started_token
from tests.factories import ConsultationFactory, WorkingGroupFactory

__all__ = ["area", "clear_rate_limits", "consultation", "human_fields", "second_area"]


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(db):
    return ConsultationFactory(slug="riga", questionnaire_opens_at=None, questionnaire_closes_at=None)


@pytest.fixture
def area(consultation):
    return WorkingGroupFactory(consultation=consultation, number=2, title_lv="Sociālā palīdzība")


@pytest.fixture
def second_area(consultation):
    return WorkingGroupFactory(consultation=consultation, number=6, title_lv="Veselība")


def human_fields(prefix: str = "") -> dict[str, str]:
    """The protection fields as a person's browser sends them: honeypot empty, form shown a while ago."""
    name = f"{prefix}-" if prefix else ""
    return {f"{name}{HONEYPOT_FIELD}": "", f"{name}{STARTED_FIELD}": form_started_token(seconds_ago=30)}
