"""The programme as an iCalendar file (RFC 5545): one event per agenda item, in Europe/Riga time."""

from __future__ import annotations

import zoneinfo
from typing import Protocol

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AgendaItem, Consultation
from .selectors import agenda_flat

CALENDAR_DOMAIN = "consultation.lv"


class GroupSession(Protocol):
    """What the calendar needs of a working group (workgroups sits above this app, so no import)."""

    number: int
    title: str
    room: str


def programme_calendar(*, consultation: Consultation, group: GroupSession | None = None) -> bytes:
    """Build the calendar in the active language; items without a time of their own are left out.

    With ``group`` (a participant's own working group) the parallel session is named after that group and
    held in its room, so the person's calendar says where to go at 12:35.
    """
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
        summary, where = item.title, location
        if group is not None and item.kind == AgendaItem.Kind.PARALLEL:
            summary = _("%(session)s: working group %(number)s, %(title)s") % {
                "session": item.title,
                "number": group.number,
                "title": group.title,
            }
            if group.room:
                where = f"{group.room}, {location}"
        event.add("summary", summary)
        speaker = ", ".join(
            part
            for part in (
                item.speaker_name,
                item.speaker_role,
                item.speaker_organisation and item.speaker_organisation.name,
            )
            if part
        )
        description = [speaker] if speaker else []
        if item.to_be_confirmed:
            description.append(_("to be confirmed"))
            event.add("status", "TENTATIVE")
        if description:
            event.add("description", "; ".join(description))
        event.add("location", where)
        event.add("categories", [item.get_kind_display()])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
