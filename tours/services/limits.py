"""How long holds last and how much one public client may hold, look up and retry.

A public client (the API and the booking form pass a ``client`` key, see
tours.clients) may not sit on seats: its unexpired holds on one departure stay
within one group (``max_group_size``), it keeps at most
``TOURS_MAX_LIVE_HOLDS_PER_CLIENT`` unexpired holds at once, it holds one
departure at most ``TOURS_HOLDS_PER_CLIENT_PER_DEPARTURE`` times in 24 hours
without confirming, and it makes at most ``TOURS_HOLDS_PER_CLIENT_PER_DAY``
holds a day. The daily counts are in ocop.shared_state (Redis in production),
each checked and counted in one atomic step.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from ocop import shared_state

from ..models import HoldStatus, SeatHold
from .errors import HoldRateLimited, TooManyHolds

DEFAULT_HOLD_MINUTES = 15
DEFAULT_MAX_LIVE_HOLDS_PER_CLIENT = 5
DEFAULT_HOLDS_PER_CLIENT_PER_DAY = 30
DEFAULT_HOLDS_PER_CLIENT_PER_DEPARTURE = 5
DEFAULT_LOOKUPS_PER_CLIENT_PER_HOUR = 10
HOLD_COUNT_SECONDS = 24 * 3600
LOOKUP_COUNT_SECONDS = 3600


def hold_minutes():
    return getattr(settings, "TOURS_HOLD_MINUTES", DEFAULT_HOLD_MINUTES)


def max_live_holds_per_client():
    return getattr(settings, "TOURS_MAX_LIVE_HOLDS_PER_CLIENT", DEFAULT_MAX_LIVE_HOLDS_PER_CLIENT)


def holds_per_client_per_day():
    return getattr(settings, "TOURS_HOLDS_PER_CLIENT_PER_DAY", DEFAULT_HOLDS_PER_CLIENT_PER_DAY)


def holds_per_client_per_departure():
    return getattr(
        settings, "TOURS_HOLDS_PER_CLIENT_PER_DEPARTURE", DEFAULT_HOLDS_PER_CLIENT_PER_DEPARTURE
    )


def lookups_per_client_per_hour():
    return getattr(
        settings, "TOURS_LOOKUPS_PER_CLIENT_PER_HOUR", DEFAULT_LOOKUPS_PER_CLIENT_PER_HOUR
    )


def check_client_holds(client, departure, seats, now):
    """One client never sits on a departure's seats: few live holds, one group, few retries.

    Runs under the departure's lock, so the per-departure counts are exact. The
    three counts come from one statement over the client's holds: it runs while
    the lock is held, so each round trip saved is one the next visitor waits less.
    """
    live = Q(status=HoldStatus.ACTIVE, expires_at__gt=now)
    here_today = Q(departure=departure, created_at__gt=now - timedelta(days=1))
    counts = (
        SeatHold.objects.filter(client=client)
        .filter(live | here_today)
        .aggregate(
            live_holds=Count("pk", filter=live),
            held_here=Sum(F("adults") + F("children"), filter=live & Q(departure=departure)),
            unconfirmed_today=Count("pk", filter=here_today & ~Q(status=HoldStatus.CONFIRMED)),
        )
    )
    check_live_holds(counts["live_holds"])
    check_seats_held_here(counts["held_here"] or 0, departure, seats)
    check_repeated_holds(counts["unconfirmed_today"])


def check_live_holds(count):
    if count >= max_live_holds_per_client():
        raise TooManyHolds(
            _(
                "Bạn đang giữ chỗ ở %(count)s lượt chưa xác nhận. "
                "Hãy hoàn tất hoặc trả lại chỗ trước khi giữ thêm."
            )
            % {"count": count},
            live_holds=count,
        )


def check_seats_held_here(held_here, departure, seats):
    if held_here + seats > departure.tour.max_group_size:
        raise TooManyHolds(
            _(
                "Bạn đang giữ %(held)s chỗ cho lịch khởi hành này; "
                "mỗi lượt đặt tối đa %(max)s khách."
            )
            % {"held": held_here, "max": departure.tour.max_group_size},
            seats_held=held_here,
            max_group_size=departure.tour.max_group_size,
        )


def check_repeated_holds(unconfirmed_today):
    """Holding the same seats again and again as each hold expires is sitting on them."""
    if unconfirmed_today >= holds_per_client_per_departure():
        raise TooManyHolds(
            _(
                "Bạn đã giữ chỗ cho lịch khởi hành này %(count)s lần mà chưa xác nhận. "
                "Vui lòng thử lại sau hoặc liên hệ đơn vị tổ chức."
            )
            % {"count": unconfirmed_today},
            unconfirmed_holds=unconfirmed_today,
        )


def hold_count_key(client):
    return f"tours:holds-today:{client}"


def take_hold_count(client):
    """One more hold in the client's 24-hour window (which starts at its first hold),
    checked and counted in one step; HoldRateLimited past the limit."""
    allowed = shared_state.take(
        hold_count_key(client), holds_per_client_per_day(), HOLD_COUNT_SECONDS
    )
    if not allowed:
        raise HoldRateLimited()
