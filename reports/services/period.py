"""Days of the period as an aware [start, end) range in local time (Asia/Ho_Chi_Minh)."""

from datetime import datetime, time, timedelta

from django.utils import timezone


def local_day_range(first_day, last_day):
    zone = timezone.get_current_timezone()
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end
