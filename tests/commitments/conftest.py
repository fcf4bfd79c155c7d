from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import signing
from django.core.cache import cache
from django.utils import timezone, translation

from commitments import throttle
from tests.factories import ConsultationFactory, OrganisationFactory, WorkingGroupFactory


@pytest.fixture(autouse=True)
def _latvian():
    """Every test starts in Latvian, whatever language the previous test's request switched to."""
    with translation.override("lv"):
        yield


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def consultation(db):
    return ConsultationFactory()


@pytest.fixture
def group(consultation):
    return WorkingGroupFactory(consultation=consultation, number=1)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name_lv="Biedrība „Ģimeņu ūdeņi”", name_en="Family Waters")


def human_stamp(seconds_ago: int = 60) -> str:
    """The signed 'form shown at' stamp of a form a person opened ``seconds_ago``."""
    with time_machine.travel(timezone.now() - datetime.timedelta(seconds=seconds_ago), tick=False):
        return signing.TimestampSigner(salt=throttle.SALT).sign("form")


@pytest.fixture
def form_data(group, organisation):
    return {
        "organisation": str(organisation.pk),
        "new_organisation_name": "",
        "group": str(group.pk),
        "text": "Apņemamies vadīt divus seminārus.",
        "resource": "expertise",
        "starts_on": "2015-11-02",
        "ends_on": "2015-12-20",
        "contact_name": "Anna Bērziņa",
        "contact_email": "anna@example.org",
        "contact_phone": "+371 20000000",
        "may_publish_name": "on",
        "website": "",
        "rendered_at": human_stamp(),
    }
