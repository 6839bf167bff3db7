"""A livestream as an iCalendar (.ics) event, made with the ``icalendar`` package."""

from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event


def livestream_ics(livestream, *, page_url, host):
    """The .ics bytes of one livestream: times in UTC, a stable UID."""
    calendar = Calendar()
    calendar.add("prodid", "-//OCOP Marketplace//Livestream//VI")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"livestream-{livestream.pk}@{host}")
    event.add("summary", livestream.title)
    event.add("dtstart", livestream.starts_at.astimezone(UTC))
    event.add("dtend", livestream.ends_at.astimezone(UTC))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("url", page_url)
    event.add("location", page_url)
    if livestream.description:
        event.add("description", livestream.description)
    calendar.add_component(event)
    return calendar.to_ical()
