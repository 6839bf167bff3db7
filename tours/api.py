"""Tours JSON (DESIGN.md, "Public interfaces").

GET  /api/tours/departures/?tour=ID&from=YYYY-MM-DD&to=YYYY-MM-DD  (only departures still to come)
POST /api/tours/departures/ID/holds/   {"adults": n, "children": m}

Messages are in the language the caller asks for (the language cookie, else
Accept-Language), Vietnamese by default. Errors are JSON
``{"error": {"code", "message", ...}}``: 400 for invalid input, 404 for an
unknown tour or departure (or one of a tour not everyone may see: unpublished
or with view restrictions), 409 when the seats are not there or the departure
takes no bookings, 429 when the client holds too many seats or has held too
often (tours.services, per-client limits), 405 for another method.
"""

import json
from datetime import date, datetime, time, timedelta
from functools import wraps

from django.http import JsonResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import services
from .clients import client_key

app_name = "tours_api"

DEFAULT_RANGE_DAYS = 60
MAX_RANGE_DAYS = 366
# Dates outside these years name no departure (and far ones overflow date arithmetic).
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2999, 12, 31)
MAX_ID = 2**31 - 1  # page and departure ids are 32-bit

STATUS_BY_CODE = {
    services.UnknownTour.code: 404,
    services.UnknownDeparture.code: 404,
    services.DepartureNotBookable.code: 409,
    services.NotEnoughSeats.code: 409,
    services.TooManyHolds.code: 429,
    services.HoldRateLimited.code: 429,
}


def json_response(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error_response(status, code, message, **details):
    return json_response({"error": {"code": code, "message": str(message), **details}}, status)


def tour_error_response(error):
    status = STATUS_BY_CODE.get(error.code, 400)
    return error_response(status, error.code, error.message, **error.details)


def method_not_allowed(allowed):
    response = error_response(405, "method_not_allowed", _("Phương thức không được hỗ trợ."))
    response["Allow"] = allowed
    return response


def in_callers_language(view):
    """Pages ignore Accept-Language (cms.middleware); a program calling the API may use it."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        with translation.override(translation.get_language_from_request(request)):
            return view(request, *args, **kwargs)

    return answer


def local_iso(moment):
    return timezone.localtime(moment).isoformat()


def departure_json(departure, now):
    return {
        "id": departure.pk,
        "tour": departure.tour_id,
        "starts_at": local_iso(departure.starts_at),
        "ends_at": local_iso(departure.ends_at),
        "status": departure.status,
        "capacity": departure.capacity,
        "seats_left": departure.seats_left,
        "price_adult": departure.price_adult,
        "price_child": departure.price_child,
        "currency": "VND",
        "bookable": departure.has_seats_to_book(now),
    }


def hold_json(request, hold):
    from .views import contact_url

    tour = hold.departure.tour
    return {
        "id": str(hold.pk),
        "departure": hold.departure_id,
        "adults": hold.adults,
        "children": hold.children,
        "seats": hold.seats,
        "price_adult": hold.price_adult,
        "price_child": hold.price_child,
        "amount": hold.amount,
        "currency": "VND",
        "expires_at": local_iso(hold.expires_at),
        "confirm_url": request.build_absolute_uri(contact_url(tour, hold)),
    }


class BadRequest(Exception):
    def __init__(self, message, **details):
        super().__init__(message)
        self.message = message
        self.details = details


def parse_date(params, name, default):
    text = params.get(name)
    if not text:
        return default
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise BadRequest(
            _("“%(name)s” phải là ngày dạng YYYY-MM-DD.") % {"name": name}, field=name
        ) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise BadRequest(
            _("“%(name)s” phải từ năm %(first)s đến năm %(last)s.")
            % {"name": name, "first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
            field=name,
        )
    return day


def parse_range(params):
    first = parse_date(params, "from", timezone.localdate())
    last = parse_date(params, "to", first + timedelta(days=DEFAULT_RANGE_DAYS))
    if last < first:
        raise BadRequest(_("“to” phải từ “from” trở đi."), field="to")
    if (last - first).days > MAX_RANGE_DAYS:
        raise BadRequest(_("Khoảng ngày tối đa %(days)s ngày.") % {"days": MAX_RANGE_DAYS})
    return first, last


def parse_tour_id(params):
    try:
        return int(params["tour"])
    except KeyError:
        raise BadRequest(_("Cần tham số “tour” (mã tour)."), field="tour") from None
    except ValueError:
        raise BadRequest(_("“tour” phải là một số."), field="tour") from None


@in_callers_language
def departures(request):
    if request.method != "GET":
        return method_not_allowed("GET")
    try:
        tour_id = parse_tour_id(request.GET)
        first, last = parse_range(request.GET)
    except BadRequest as error:
        return error_response(400, "invalid", error.message, **error.details)
    try:
        if tour_id > MAX_ID:
            raise services.UnknownTour()
        tour = services.find_public_tour(tour_id)
    except services.TourError as error:
        return tour_error_response(error)
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    now = timezone.now()
    rows = (
        tour.upcoming_departures(now)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("tour")
    )
    return json_response(
        {
            "tour": {"id": tour.pk, "title": tour.title, "url": tour.full_url},
            "from": first.isoformat(),
            "to": last.isoformat(),
            "departures": [departure_json(departure, now) for departure in rows],
        }
    )


def parse_participants(body):
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(_("Nội dung phải là JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest(_("Nội dung phải là một đối tượng JSON."))
    if "adults" not in data:
        raise BadRequest(_("Cần trường “adults”."), field="adults")
    return data["adults"], data.get("children", 0)


@csrf_exempt  # anonymous and cookie-less: a hold changes no user's state
@in_callers_language
def create_hold(request, departure_id):
    if request.method != "POST":
        return method_not_allowed("POST")
    try:
        adults, children = parse_participants(request.body)
    except BadRequest as error:
        return error_response(400, "invalid", error.message, **error.details)
    try:
        hold = services.hold_seats(
            departure_id, adults, children, client=client_key(request), only_public_tours=True
        )
    except services.TourError as error:
        return tour_error_response(error)
    return json_response(hold_json(request, hold), status=201)


urlpatterns = [
    path("departures/", departures, name="departures"),
    path("departures/<int:departure_id>/holds/", create_hold, name="holds"),
]
