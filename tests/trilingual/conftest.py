from __future__ import annotations

import pytest
from django.conf import settings

from tests.factories import ConsultationFactory, WorkingGroupFactory


def pytest_collection_modifyitems(config, items):
    if [code for code, _name in settings.LANGUAGES][-1:] != ["lt"]:
        pytest.exit("tests/trilingual runs with --ds tests.settings_trilingual --no-migrations", returncode=4)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def consultation(db):
    return ConsultationFactory(
        is_current=True,
        title_lt="Pilietinės visuomenės konsultacija",
        city_lt="Ryga",
        audience_lt="Visi, kurie dirba su pabėgėliais",
        rationale_lt="Pirma priežastis.\n\nAntra priežastis.",
    )


@pytest.fixture
def group(consultation):
    return WorkingGroupFactory(
        consultation=consultation,
        number=1,
        title_lt="Švietimas ir kalba",
        goal_lt="Mokyti kalbos suaugusiuosius.",
    )
