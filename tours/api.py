"""Tours JSON (docs/interfaces.md), as Django REST framework views.

GET  /api/tours/departures/?tour=ID&from=YYYY-MM-DD&to=YYYY-MM-DD  (only departures still to come)
POST /api/tours/departures/ID/holds/   {"adults": n, "children": m}

Both are ``ocop.api_security.JsonApiView``s: the POST needs the CSRF token
(``X-CSRFToken``) and ``Content-Type: application/json``; errors are JSON
``{"error": {"code", "message", ...}}`` in the caller's language: 400 for invalid
input, 403 without the CSRF token, 404 for an unknown tour or departure (or one of
a tour not everyone may see: unpublished or with view restrictions), 409 when the
seats are not there or the departure takes no bookings, 415 for a body that is
not JSON, 429 when the client holds too many seats or has held too often
(tours.services, per-client limits). The OpenAPI schema is at /api/schema/.
"""

from datetime import date, datetime, time, timedelta

from django.urls import path, re_path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from ocop.api_security import UNSAFE_ERRORS, ApiError, JsonApiView, error_responses

from . import services
from .clients import client_key
from .models import DepartureStatus

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


def tour_error(error):
    return ApiError(STATUS_BY_CODE.get(error.code, 400), error.code, error.message, **error.details)


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
        "confirm_url": request.build_absolute_uri(hold.departure.tour.booking_contact_url(hold)),
    }


def invalid(message, **details):
    return ApiError(400, "invalid", message, **details)


def parse_date(params, name, default):
    text = params.get(name)
    if not text:
        return default
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise invalid(
            _("“%(name)s” phải là ngày dạng YYYY-MM-DD.") % {"name": name}, field=name
        ) from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise invalid(
            _("“%(name)s” phải từ năm %(first)s đến năm %(last)s.")
            % {"name": name, "first": EARLIEST_DATE.year, "last": LATEST_DATE.year},
            field=name,
        )
    return day


def parse_range(params):
    first = parse_date(params, "from", timezone.localdate())
    last = parse_date(params, "to", first + timedelta(days=DEFAULT_RANGE_DAYS))
    if last < first:
        raise invalid(_("“to” phải từ “from” trở đi."), field="to")
    if (last - first).days > MAX_RANGE_DAYS:
        raise invalid(_("Khoảng ngày tối đa %(days)s ngày.") % {"days": MAX_RANGE_DAYS})
    return first, last


def parse_tour_id(params):
    try:
        return int(params["tour"])
    except KeyError:
        raise invalid(_("Cần tham số “tour” (mã tour)."), field="tour") from None
    except ValueError:
        raise invalid(_("“tour” phải là một số."), field="tour") from None


def parse_participants(data):
    if not isinstance(data, dict):
        raise invalid(_("Nội dung phải là một đối tượng JSON."))
    if "adults" not in data:
        raise invalid(_("Cần trường “adults”."), field="adults")
    return data["adults"], data.get("children", 0)


# --- Schema ----------------------------------------------------------------------


class TourSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class DepartureSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tour = serializers.IntegerField()
    starts_at = serializers.DateTimeField(help_text="Asia/Ho_Chi_Minh, ISO 8601")
    ends_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=DepartureStatus.values)
    capacity = serializers.IntegerField(min_value=0)
    seats_left = serializers.IntegerField(min_value=0)
    price_adult = serializers.IntegerField(min_value=0, help_text="Whole đồng")
    price_child = serializers.IntegerField(min_value=0, help_text="Whole đồng")
    currency = serializers.ChoiceField(choices=["VND"])
    bookable = serializers.BooleanField()


class DepartureListSerializer(serializers.Serializer):
    tour = TourSummarySerializer()
    to = serializers.DateField()
    departures = DepartureSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField()  # a Python keyword, so not declared above
        return fields


class HoldRequestSerializer(serializers.Serializer):
    adults = serializers.IntegerField(min_value=1, help_text="At least one adult")
    children = serializers.IntegerField(min_value=0, required=False, default=0)


class HoldSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    departure = serializers.IntegerField()
    adults = serializers.IntegerField()
    children = serializers.IntegerField()
    seats = serializers.IntegerField()
    price_adult = serializers.IntegerField()
    price_child = serializers.IntegerField()
    amount = serializers.IntegerField(help_text="Whole đồng")
    currency = serializers.ChoiceField(choices=["VND"])
    expires_at = serializers.DateTimeField()
    confirm_url = serializers.URLField(help_text="Where the visitor enters contact details")


# --- Views -----------------------------------------------------------------------


class DepartureList(JsonApiView):
    @extend_schema(
        operation_id="tours_departures_list",
        summary="Upcoming departures of a tour, with seats left",
        parameters=[
            OpenApiParameter("tour", int, required=True, description="Tour page id"),
            OpenApiParameter("from", date, description="First day (default: today)"),
            OpenApiParameter("to", date, description="Last day (default: from + 60 days)"),
        ],
        responses={200: DepartureListSerializer, **error_responses(400, 404)},
    )
    def get(self, request):
        params = request.query_params
        tour_id = parse_tour_id(params)
        first, last = parse_range(params)
        try:
            if not 0 < tour_id <= MAX_ID:
                raise services.UnknownTour()
            tour = services.find_public_tour(tour_id)
        except services.TourError as error:
            raise tour_error(error) from None
        zone = timezone.get_current_timezone()
        start = datetime.combine(first, time(0), tzinfo=zone)
        end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
        now = timezone.now()
        rows = (
            tour.upcoming_departures(now)
            .filter(starts_at__gte=start, starts_at__lt=end)
            .select_related("tour")
        )
        return Response(
            {
                "tour": {"id": tour.pk, "title": tour.title, "url": tour.full_url},
                "from": first.isoformat(),
                "to": last.isoformat(),
                "departures": [departure_json(departure, now) for departure in rows],
            }
        )


class HoldCreate(JsonApiView):
    @extend_schema(
        operation_id="tours_holds_create",
        summary="Hold seats on a departure for a few minutes",
        parameters=[
            OpenApiParameter(
                "departure_id",
                int,
                OpenApiParameter.PATH,
                description="Departure id",
            )
        ],
        request=HoldRequestSerializer,
        responses={
            201: HoldSerializer,
            **error_responses(*UNSAFE_ERRORS, 404, 409, 429),
        },
    )
    def post(self, request, departure_id):
        adults, children = parse_participants(request.data)
        try:
            departure_pk = int(departure_id)
            if not 0 < departure_pk <= MAX_ID:
                raise services.UnknownDeparture()
            hold = services.hold_seats(
                departure_pk, adults, children, client=client_key(request), only_public_tours=True
            )
        except ValueError:
            raise tour_error(services.UnknownDeparture()) from None
        except services.TourError as error:
            raise tour_error(error) from None
        return Response(hold_json(request, hold), status=201)


urlpatterns = [
    path("departures/", DepartureList.as_view(), name="departures"),
    # Any segment: a departure id that is not a number is a JSON 404, not an HTML page.
    re_path(r"^departures/(?P<departure_id>[^/]+)/holds/$", HoldCreate.as_view(), name="holds"),
]
