from __future__ import annotations

import pytest

from tests.factories import ConsultationFactory, WorkingGroupFactory


@pytest.fixture
def consultation(db):
    return ConsultationFactory(slug="riga-test")


@pytest.fixture
def group(consultation):
    return WorkingGroupFactory(consultation=consultation, number=1)
