from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.management import call_command

from consultation.models import AgendaItem, Consultation, Organisation, Organiser
from workgroups.models import GroupLead, WorkingGroup

RIGA = zoneinfo.ZoneInfo("Europe/Riga")


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


ORGANISERS_LV = [
    "Latvijas Samariešu apvienība",
    "Patvērums „Drošā māja”",
    "Sabiedriskās politikas centrs „Providus”",
    "Starptautiskā Migrācijas organizācija Latvijā",
    "Latvijas Cilvēktiesību centrs",
    "Latvijas Pilsoniskā alianse",
    "Fonds atvērtai sabiedrībai DOTS",
    "Latvijas Platforma attīstības sadarbībai",
    "Izglītības attīstības centrs",
    "resursu centrs sievietēm „Marta”",
    "Rīgas senioru alianse „Rasa”",
    "Latvijas SOS Bērnu ciematu asociācija",
    "onkoloģisko pacientu atbalsta biedrība „Dzīvības koks”",
    "biedrība „Ascendum”",
    "Nodarbinātības valsts aģentūra",
    "Nordic Club House",
]

GROUPS = {
    1: ("Politikas iniciatīvas", ["Sabiedriskās politikas centrs „Providus”"]),
    2: (
        "Sociālā palīdzība jeb pakalpojumu grozs un vajadzības",
        ["Patvērums „Drošā māja”", "Latvijas Samariešu apvienība"],
    ),
    3: ("Juridiskais atbalsts iegūstot statusu", ["Latvijas Cilvēktiesību centrs"]),
    4: (
        "Nodarbinātība un pieaugušo izglītība",
        ["Izglītības attīstības centrs", "Nodarbinātības valsts aģentūra"],
    ),
    5: ("Sabiedrības izpratne", ["Fonds atvērtai sabiedrībai DOTS"]),
    6: ("Veselība", ["onkoloģisko pacientu atbalsta biedrība „Dzīvības koks”"]),
    7: ("Bērnu grupa", ["Latvijas SOS Bērnu ciematu asociācija"]),
}

# (slug, kind, clock time or duration, speaker, tbc)
AGENDA = [
    ("registration", "registration", "09:00-09:30", "", False),
    ("opening", "plenary", "09:30-09:45", "", False),
    ("mapping", "plenary", "09:45-11:30", "", False),
    ("context", "talk", 20, "Aija Lulle", True),
    ("state-plans", "talk", 30, "Ilze Pētersone-Godmane", True),
    ("ngo-offer", "plenary", 30, "", False),
    ("ngo-civic-alliance", "talk", 5, "", False),
    ("ngo-drosa-maja", "talk", 5, "", False),
    ("ngo-human-rights", "talk", 5, "", False),
    ("ngo-providus", "talk", 5, "", False),
    ("ngo-lps", "talk", 5, "Rita Vecstirāne", False),
    ("discussion", "plenary", 30, "", False),
    ("lunch-break", "break", "11:35-12:30", "", False),
    ("tasks-intro", "plenary", "12:30-12:35", "", False),
    ("parallel", "parallel", "12:35-15:00", "", False),
    ("group-introduction", "plenary", 15, "", False),
    ("group-acquaintance", "plenary", 15, "", False),
    ("group-work", "plenary", 120, "", False),
    ("afternoon-break", "break", "15:00-15:30", "", False),
    ("reports", "plenary", "15:30-16:30", "Inese Vaivare", False),
    ("closing", "plenary", "16:30-17:00", "", False),
]


def test_fixture_names_all_sixteen_organisers_in_the_invitations_order(consultation_2015):
    names = [organiser.organisation.name_lv for organiser in consultation_2015.organiser_set.all()]

    assert names == ORGANISERS_LV


def test_fixture_gives_every_organisation_an_english_name(consultation_2015):
    assert not Organisation.objects.filter(name_en="").exists()


def test_fixture_has_the_seven_groups_with_their_leading_organisations(consultation_2015):
    groups = {
        group.number: (
            group.title_lv,
            [lead.name_lv for lead in group.lead_organisations.order_by("grouplead")],
        )
        for group in WorkingGroup.objects.filter(consultation=consultation_2015)
    }

    assert groups == GROUPS


def test_fixture_carries_the_goal_texts_of_groups_four_and_five(consultation_2015):
    groups = WorkingGroup.objects.filter(consultation=consultation_2015)

    assert groups.get(number=4).goal_lv.startswith("Apzināt esošos resursus")
    assert "grass-roots" in groups.get(number=5).goal_lv
    assert all(group.goal_en for group in groups.filter(number__in=[4, 5]))


def test_fixture_programme_has_every_item_with_its_kind_time_and_speaker(consultation_2015):
    items = {item.slug: item for item in AgendaItem.objects.filter(consultation=consultation_2015)}

    assert set(items) == {slug for slug, *_ in AGENDA}
    for slug, kind, when, speaker, tbc in AGENDA:
        item = items[slug]
        assert (item.kind, item.speaker_name, item.to_be_confirmed) == (kind, speaker, tbc), slug
        if isinstance(when, int):
            assert item.duration_minutes == when, slug
        else:
            local = f"{item.starts_at.astimezone(RIGA):%H:%M}-{item.ends_at.astimezone(RIGA):%H:%M}"
            assert local == when, slug
        assert item.title_lv and item.title_en, slug


def test_fixture_nests_the_five_minute_ngo_talks_under_the_ngo_offer(consultation_2015):
    talks = AgendaItem.objects.filter(consultation=consultation_2015, parent__slug="ngo-offer")

    assert [talk.speaker_organisation.slug for talk in talks] == [
        "latvian-civic-alliance",
        "drosa-maja",
        "latvian-centre-for-human-rights",
        "providus",
        "lps",
    ]


def test_fixture_keeps_the_time_windows_open(consultation_2015):
    assert consultation_2015.registration_is_open
    assert consultation_2015.questionnaire_is_open
    assert consultation_2015.private_link_days is None


def test_fixture_spells_as_the_plain_invitation_not_the_annotated_copy():
    text = (settings.BASE_DIR / "fixtures" / "consultation_2015.json").read_text(encoding="utf-8")

    for typo in ("cilvēciņ", "atvērtaī", "atvērtais sabiedrībai", "**"):
        assert typo not in text
