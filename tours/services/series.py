"""Weekly series of departures, created in one go from the admin."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Departure
from .departures import MAX_YEARS_AHEAD, latest_start
from .errors import InvalidSeries

MAX_SERIES_DAYS = 366
MAX_SERIES_DEPARTURES = 2000


@dataclass(frozen=True)
class SeriesResult:
    created: int
    existing: int
    past: int


def series_start_times(first_day, last_day, weekdays, times):
    """Every local start time on the chosen weekdays (0 = Monday) between two dates."""
    zone = timezone.get_default_timezone()
    days = (first_day + timedelta(days=offset) for offset in range((last_day - first_day).days + 1))
    return [
        datetime.combine(day, moment, tzinfo=zone)
        for day in days
        if day.weekday() in weekdays
        for moment in sorted(set(times))
    ]


def check_series(first_day, last_day, weekdays, times, capacity):
    if not isinstance(first_day, date) or not isinstance(last_day, date):
        raise InvalidSeries(_("Cần ngày bắt đầu và ngày kết thúc."))
    if last_day < first_day:
        raise InvalidSeries(_("Ngày kết thúc trước ngày bắt đầu."))
    if (last_day - first_day).days >= MAX_SERIES_DAYS:
        raise InvalidSeries(_("Mỗi lần tạo tối đa %(days)s ngày.") % {"days": MAX_SERIES_DAYS})
    if not weekdays or not set(weekdays) <= set(range(7)):
        raise InvalidSeries(_("Chọn ít nhất một thứ trong tuần."))
    if not times or not all(isinstance(moment, time) for moment in times):
        raise InvalidSeries(_("Nhập ít nhất một giờ khởi hành."))
    if not isinstance(capacity, int) or capacity < 1:
        raise InvalidSeries(_("Số chỗ phải từ 1 trở lên."))


def generate_series(
    tour,
    *,
    first_day,
    last_day,
    weekdays,
    times,
    capacity,
    price_adult_override=None,
    price_child_override=None,
    now=None,
):
    """Create the departures of a weekly pattern; times are Asia/Ho_Chi_Minh wall-clock.

    Departures that already exist at the same start time, or that would start in
    the past, are skipped: running the same series twice creates nothing new.
    """
    check_series(first_day, last_day, weekdays, times, capacity)
    now = now or timezone.now()
    if last_day > timezone.localtime(latest_start(now)).date():
        raise InvalidSeries(
            _("Giờ khởi hành phải trong vòng %(years)s năm tới.") % {"years": MAX_YEARS_AHEAD}
        )
    starts = series_start_times(first_day, last_day, set(weekdays), times)
    if len(starts) > MAX_SERIES_DEPARTURES:
        raise InvalidSeries(
            _("Quá nhiều lịch khởi hành (%(count)s); tối đa %(max)s mỗi lần.")
            % {"count": len(starts), "max": MAX_SERIES_DEPARTURES}
        )
    future = [start for start in starts if start > now]
    with transaction.atomic():
        existing = set(
            Departure.objects.filter(tour=tour, starts_at__in=future).values_list(
                "starts_at", flat=True
            )
        )
        new = [
            Departure(
                tour=tour,
                starts_at=start,
                capacity=capacity,
                price_adult_override=price_adult_override,
                price_child_override=price_child_override,
            )
            for start in future
            if start not in existing
        ]
        # The unique (tour, starts_at) constraint settles a race with a parallel run.
        Departure.objects.bulk_create(new, ignore_conflicts=True)
    return SeriesResult(
        created=len(new), existing=len(future) - len(new), past=len(starts) - len(future)
    )
