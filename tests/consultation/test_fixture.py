from __future__ import annotations

from django.core.management import call_command

from consultation.models import AgendaItem, Consultation, Organisation, Organiser
from workgroups.models import GroupLead, WorkingGroup


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Consultation, Organisation, Organiser, AgendaItem, WorkingGroup, GroupLead)
    }


def test_fixture_loads_the_2015_consultation(consultation_2015):
    assert consultation_2015.title_lv.startswith("Pilsoniskās sabiedrības, biedrību un nodibinājumu")
    assert consultation_2015.venue_name == "Nordic Club House"
    assert consultation_2015.venue_address == "Kalēju iela 3"
    assert len(consultation_2015.rationale_points) == 3


def test_fixture_loaded_twice_duplicates_nothing(consultation_2015):
    before = _counts()

    call_command("loaddata", "consultation_2015", verbosity=0)

    assert _counts() == before
    assert before == {
        "Consultation": 1,
        "Organisation": 19,
        "Organiser": 16,
        "AgendaItem": 21,
        "WorkingGroup": 7,
        "GroupLead": 9,
    }
