"""The departures calendar of a tour page: month grids, computed server-side."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    departures: list = field(default_factory=list)


@dataclass
class Month:
    first_day: date
    weeks: list
    previous: date | None
    next: date | None

    @property
    def has_departures(self):
        return any(day.departures for week in self.weeks for day in week if day.in_month)


def parse_month(text, default):
    """'2026-08' → date(2026, 8, 1); anything unreadable gives ``default``."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        return date(year, month, 1)
    except (ValueError, OverflowError):
        return default


def month_of(day):
    return day.replace(day=1)


def add_months(first_day, count):
    index = first_day.year * 12 + first_day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def build_month(first_day, departures, *, earliest, latest):
    """A Monday-first grid of ``first_day``'s month; each day holds its departures.

    ``departures`` are those of the month; ``earliest``/``latest`` bound the
    months one can page to.
    """
    by_day = {}
    for departure in departures:
        by_day.setdefault(timezone.localtime(departure.starts_at).date(), []).append(departure)
    weeks = [
        [CalendarDay(day, day.month == first_day.month, by_day.get(day, [])) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
            first_day.year, first_day.month
        )
    ]
    previous = add_months(first_day, -1)
    following = add_months(first_day, 1)
    return Month(
        first_day=first_day,
        weeks=weeks,
        previous=previous if previous >= month_of(earliest) else None,
        next=following if following <= month_of(latest) else None,
    )
