"""The programme as an iCalendar file (RFC 5545): one event per agenda item, in Europe/Riga time."""

from __future__ import annotations

import zoneinfo

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import Consultation
from .selectors import agenda_flat

CALENDAR_DOMAIN = "consultation.lv"


def programme_calendar(*, consultation: Consultation) -> bytes:
    """Build the calendar in the active language; items without a time of their own are left out."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Consultation platform//programme//LV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", consultation.title)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    location = f"{consultation.venue_name}, {consultation.venue_address}, {consultation.city}"
    stamp = timezone.now()
    for node in agenda_flat(consultation=consultation):
        if node.starts_at is None or node.ends_at is None:
            continue
        item = node.item
        event = icalendar.Event()
        event.add("uid", f"{consultation.slug}-{item.slug}@{CALENDAR_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", node.starts_at.astimezone(zone))
        event.add("dtend", node.ends_at.astimezone(zone))
        event.add("summary", item.title)
        speaker = ", ".join(
            part
            for part in (
                item.speaker_name,
                item.speaker_role,
                item.speaker_organisation and item.speaker_organisation.name,
            )
            if part
        )
        if speaker:
            event.add("description", speaker)
        event.add("location", location)
        event.add("categories", [item.get_kind_display()])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
