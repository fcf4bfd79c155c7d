from __future__ import annotations

import pytest
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _latvian_by_default():
    """Requests switch the thread's language (LocaleMiddleware); start every test in Latvian, the default."""
    translation.activate("lv")
    yield
    translation.activate("lv")
