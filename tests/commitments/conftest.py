from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from consultation.protection import form_started_token
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
        "form_started": form_started_token(seconds_ago=60),
    }
