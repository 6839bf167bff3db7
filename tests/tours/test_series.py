"""The departure series generator: weekdays × times over a date range, in Vietnam time."""

from datetime import UTC, date, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from tours import services
from tours.models import Departure

from .builders import utc

pytestmark = pytest.mark.django_db

MONDAY, WEDNESDAY, SATURDAY = 0, 2, 5


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(utc(2026, 7, 1, 0, 0), tick=False) as traveller:
        yield traveller


def generate(tour, **overrides):
    arguments = {
        "first_day": date(2026, 8, 3),  # a Monday
        "last_day": date(2026, 8, 16),  # a Sunday, two weeks later
        "weekdays": [MONDAY, WEDNESDAY],
        "times": [time(8, 0), time(14, 0)],
        "capacity": 12,
    } | overrides
    return services.generate_series(tour, **arguments)


def local_starts(tour):
    return [
        timezone.localtime(start).strftime("%a %d/%m %H:%M")
        for start in Departure.objects.filter(tour=tour).values_list("starts_at", flat=True)
    ]


def test_one_departure_per_chosen_weekday_and_time_in_the_range(tour):
    result = generate(tour)
    assert result == services.SeriesResult(created=8, existing=0, past=0)
    assert local_starts(tour) == [
        "Mon 03/08 08:00",
        "Mon 03/08 14:00",
        "Wed 05/08 08:00",
        "Wed 05/08 14:00",
        "Mon 10/08 08:00",
        "Mon 10/08 14:00",
        "Wed 12/08 08:00",
        "Wed 12/08 14:00",
    ]
    assert set(Departure.objects.values_list("capacity", flat=True)) == {12}


def test_times_are_vietnam_wall_clock_stored_in_utc(tour):
    generate(tour, first_day=date(2026, 8, 3), last_day=date(2026, 8, 3), times=[time(6, 30)])
    stored = Departure.objects.get().starts_at
    # 06:30 on Monday in Hà Nội is 23:30 UTC on the Sunday before.
    assert stored.astimezone(UTC) == utc(2026, 8, 2, 23, 30)


def test_both_ends_of_the_range_are_included(tour):
    result = generate(
        tour, first_day=date(2026, 8, 1), last_day=date(2026, 8, 8), weekdays=[SATURDAY]
    )
    assert result.created == 4  # Saturdays 1 and 8 August, two times each


def test_running_the_same_series_twice_creates_no_duplicates(tour):
    generate(tour)
    again = generate(tour)
    assert again == services.SeriesResult(created=0, existing=8, past=0)
    assert Departure.objects.count() == 8


def test_an_overlapping_series_adds_only_the_new_times(tour):
    generate(tour)
    result = generate(tour, times=[time(8, 0), time(10, 0)])
    assert (result.created, result.existing) == (4, 4)
    assert Departure.objects.count() == 12


def test_times_already_past_are_skipped(tour, frozen):
    frozen.move_to(utc(2026, 8, 3, 4, 0))  # 11:00 on Monday 3 August in Hà Nội
    result = generate(tour)
    assert result == services.SeriesResult(created=7, existing=0, past=1)
    assert local_starts(tour)[0] == "Mon 03/08 14:00"


def test_price_overrides_are_applied(tour):
    generate(tour, price_adult_override=300_000, price_child_override=0)
    departure = Departure.objects.first()
    assert (departure.price_adult, departure.price_child) == (300_000, 0)


@pytest.mark.parametrize(
    "overrides",
    [
        {"last_day": date(2026, 8, 2)},
        {"weekdays": []},
        {"weekdays": [7]},
        {"times": []},
        {"capacity": 0},
        {"last_day": date(2026, 8, 3) + timedelta(days=366)},
    ],
)
def test_bad_series_are_refused_and_create_nothing(tour, overrides):
    with pytest.raises(services.InvalidSeries):
        generate(tour, **overrides)
    assert not Departure.objects.exists()
