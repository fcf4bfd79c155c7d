from __future__ import annotations

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

RIGA = zoneinfo.ZoneInfo("Europe/Riga")


def _calendar(client, language: str = "lv") -> icalendar.Calendar:
    response = client.get(f"/{language}/riga-2015/programme.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="riga-2015-programme.ics"' in response["Content-Disposition"]
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_has_one_event_per_agenda_item(client, consultation_2015):
    calendar = _calendar(client)

    events = calendar.walk("VEVENT")
    assert len(events) == consultation_2015.agenda_items.count() == 21
    assert len({str(event["UID"]) for event in events}) == 21


def test_calendar_events_are_in_riga_time(client, consultation_2015):
    events = {str(event["UID"]).split("@")[0]: event for event in _calendar(client).walk("VEVENT")}

    registration = events["riga-2015-registration"]
    start = registration.decoded("DTSTART")
    assert registration["DTSTART"].params["TZID"] == "Europe/Riga"
    assert start == datetime.datetime(2015, 10, 26, 9, 0, tzinfo=RIGA)
    assert registration.decoded("DTEND") == datetime.datetime(2015, 10, 26, 9, 30, tzinfo=RIGA)


def test_calendar_gives_sub_items_consecutive_times_from_their_durations(client, consultation_2015):
    events = {str(event["UID"]).split("@")[0]: event for event in _calendar(client).walk("VEVENT")}

    context, state = events["riga-2015-context"], events["riga-2015-state-plans"]
    assert context.decoded("DTSTART") == datetime.datetime(2015, 10, 26, 9, 45, tzinfo=RIGA)
    assert (
        context.decoded("DTEND")
        == state.decoded("DTSTART")
        == datetime.datetime(2015, 10, 26, 10, 5, tzinfo=RIGA)
    )
    assert events["riga-2015-ngo-civic-alliance"].decoded("DTSTART") == datetime.datetime(
        2015, 10, 26, 10, 35, tzinfo=RIGA
    )


def test_calendar_names_the_venue_and_speakers_in_the_requested_language(client, consultation_2015):
    events = {str(event["UID"]).split("@")[0]: event for event in _calendar(client, "en").walk("VEVENT")}

    context = events["riga-2015-context"]
    assert str(context["SUMMARY"]) == "Context: insight into the problem"
    assert "Aija Lulle" in str(context["DESCRIPTION"]) and "University of Latvia" in str(
        context["DESCRIPTION"]
    )
    assert str(context["LOCATION"]) == "Nordic Club House, Kalēju iela 3, Riga"


def test_calendar_includes_the_riga_time_zone_definition(client, consultation_2015):
    calendar = _calendar(client)

    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Riga"]


def test_calendar_of_an_unknown_consultation_is_not_found(client):
    response = client.get(reverse("consultation:programme_ics", kwargs={"slug": "nope"}))

    assert response.status_code == 404


def test_calendar_keeps_each_items_stated_length_even_past_its_session(client, consultation_2015):
    events = {str(event["UID"]).split("@")[0]: event for event in _calendar(client).walk("VEVENT")}

    discussion = events["riga-2015-discussion"]
    assert discussion.decoded("DTEND") - discussion.decoded("DTSTART") == datetime.timedelta(minutes=30)


def test_calendar_marks_items_to_be_confirmed_as_tentative(client, consultation_2015):
    events = {str(event["UID"]).split("@")[0]: event for event in _calendar(client, "en").walk("VEVENT")}

    state_plans = events["riga-2015-state-plans"]
    assert (str(state_plans["STATUS"]), str(state_plans["DESCRIPTION"]).endswith("to be confirmed")) == (
        "TENTATIVE",
        True,
    )
    assert "STATUS" not in events["riga-2015-opening"]


def test_calendar_for_a_participant_names_their_group_and_room(consultation_2015):
    from django.utils import translation

    from consultation.calendar import programme_calendar

    group = consultation_2015.working_groups.get(number=4)
    group.room = "Zāle B"
    with translation.override("en"):
        calendar = icalendar.Calendar.from_ical(
            programme_calendar(consultation=consultation_2015, group=group)
        )

    events = {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}
    parallel = events["riga-2015-parallel"]
    assert (
        str(parallel["SUMMARY"]) == f"{parallel_title(consultation_2015)}: working group 4, {group.title_en}"
    )
    assert str(parallel["LOCATION"]) == "Zāle B, Nordic Club House, Kalēju iela 3, Riga"


def parallel_title(consultation) -> str:
    return consultation.agenda_items.get(slug="parallel").title_en
