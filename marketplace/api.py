"""Cart and checkout JSON (docs/interfaces): Django REST framework views.

GET  /api/cart/                      the cart: lines, groups per producer, totals
POST /api/cart/lines/                {"variant": ID, "quantity": n} or
                                     {"departure": ID, "adults": a, "children": c}
PATCH/DELETE /api/cart/lines/LINE/   LINE is a line's id from the cart ("v12", "d7")
POST /api/checkout/                  contact, address (goods only) and payment → the order;
                                     a card order also has ``payment_url`` and ``payment``
                                     (client_secret and publishable_key for Stripe.js)

The cart lives in the session cookie. Every POST, PATCH and DELETE needs the CSRF
token (X-CSRFToken header) and ``Content-Type: application/json``, logged in or
not. Errors are ``{"error": {"code", "message", ...}}``: 400 invalid input, 403
without the CSRF token, 404 unknown line, 409 without stock or seats, 415 another
content type.
"""

from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from marketplace import services
from marketplace.models import CURRENCY, PaymentMethod, PaymentState
from marketplace.services import checkout

MAX_ID = 2**31 - 1


class CsrfForEveryone(SessionAuthentication):
    """Session authentication that checks the CSRF token on every unsafe request.

    DRF's own only checks it for logged-in users, so an anonymous cart could be
    changed from another site.
    """

    def authenticate(self, request):
        self.enforce_csrf(request)
        user = getattr(request._request, "user", None)
        if not user or not user.is_active:
            return None
        return (user, None)


class StrictJSONParser(JSONParser):
    """JSON only; nesting too deep to parse is a 400 like any other malformed body."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON lồng quá sâu.")) from None


class JsonApiView(APIView):
    authentication_classes = [CsrfForEveryone]
    permission_classes = [AllowAny]
    parser_classes = [StrictJSONParser]

    def handle_exception(self, exc):
        """DRF's own refusals (403, 405, 415, malformed JSON) in our error shape."""
        response = super().handle_exception(exc)
        if isinstance(exc, APIException):
            detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
            response.data = {"error": {"code": exc.get_codes(), "message": detail}}
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


def error(status_code, code, message, **details):
    return Response({"error": {"code": code, "message": str(message), **details}}, status_code)


def invalid(serializer):
    fields = {name: [str(m) for m in messages] for name, messages in serializer.errors.items()}
    return error(400, "invalid", _("Dữ liệu không hợp lệ."), fields=fields)


def cart_error(exception):
    code = {409: "unavailable", 404: "not_found"}.get(exception.status, "invalid")
    return error(exception.status, code, exception)


# --- Cart as JSON ---------------------------------------------------------------------


def line_json(line):
    data = {
        "id": line.id,
        "type": line.kind,
        "name": line.name,
        "detail": line.detail,
        "url": line.page.url,
        "problem": line.problem,
        "notice": line.notice,
        "total": 0 if line.problem else line.total,
    }
    if line.kind == "product":
        data.update(variant=line.variant.pk, unit_price=line.unit_price, quantity=line.quantity)
    else:
        data.update(
            departure=line.departure.pk,
            adults=line.adults,
            children=line.children,
            price_adult=line.price_adult,
            price_child=line.price_child,
        )
    return data


def cart_json(cart):
    return {
        "lines": [line_json(line) for line in cart.lines],
        "groups": [
            {
                "producer": {"id": group.producer.pk, "name": group.producer.name},
                "lines": [line.id for line in group.lines],
                "subtotal": group.subtotal,
                "delivery": group.delivery_fee,
                "total": group.total,
            }
            for group in cart.groups
        ],
        "subtotal": cart.subtotal,
        "delivery": cart.delivery_total,
        "total": cart.total,
        "count": cart.item_count,
    }


class CartView(JsonApiView):
    def get(self, request):
        return Response(cart_json(services.view_cart(request.session)))


MAX_QUANTITY = services.cart.MAX_QUANTITY


class NewLineSerializer(serializers.Serializer):
    variant = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    quantity = serializers.IntegerField(min_value=1, max_value=MAX_QUANTITY, default=1)
    departure = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    adults = serializers.IntegerField(min_value=0, max_value=1000, required=False)
    children = serializers.IntegerField(min_value=0, max_value=1000, default=0)

    def validate(self, data):
        if ("variant" in data) == ("departure" in data):
            raise serializers.ValidationError(_("Gửi “variant” hoặc “departure”, không cả hai."))
        if "departure" in data and "adults" not in data:
            raise serializers.ValidationError({"adults": _("Cần số người lớn.")})
        return data


class ChangeLineSerializer(serializers.Serializer):
    quantity = serializers.IntegerField(min_value=0, max_value=MAX_QUANTITY, required=False)
    adults = serializers.IntegerField(min_value=0, max_value=1000, required=False)
    children = serializers.IntegerField(min_value=0, max_value=1000, required=False)

    def validate(self, data):
        if not data:
            raise serializers.ValidationError(_("Gửi “quantity”, hoặc “adults”/“children”."))
        return data


def _json_object(request):
    if not isinstance(request.data, dict):
        raise ParseError(_("Cần một đối tượng JSON."))
    return request.data


class CartLinesView(JsonApiView):
    def post(self, request):
        serializer = NewLineSerializer(data=_json_object(request))
        if not serializer.is_valid():
            return invalid(serializer)
        data = serializer.validated_data
        try:
            if "variant" in data:
                variant, _quantity = services.add_to_cart(
                    request.session, data["variant"], data["quantity"]
                )
                line_id = f"v{variant.pk}"
            else:
                departure = services.add_seats_to_cart(
                    request.session, data["departure"], data["adults"], data["children"]
                )
                line_id = f"d{departure.pk}"
        except services.CartError as exception:
            return cart_error(exception)
        cart = services.view_cart(request.session)
        return Response({"line": line_id, "cart": cart_json(cart)}, status=status.HTTP_201_CREATED)


class CartLineView(JsonApiView):
    def patch(self, request, line):
        serializer = ChangeLineSerializer(data=_json_object(request))
        if not serializer.is_valid():
            return invalid(serializer)
        try:
            services.update_line(request.session, line, **serializer.validated_data)
        except services.CartError as exception:
            return cart_error(exception)
        return Response(cart_json(services.view_cart(request.session)))

    def delete(self, request, line):
        try:
            services.remove_line(request.session, line)
        except services.CartError as exception:
            return cart_error(exception)
        return Response(cart_json(services.view_cart(request.session)))


# --- Checkout ------------------------------------------------------------------------


class AddressSerializer(serializers.Serializer):
    province = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    ward = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    street = serializers.CharField(max_length=255)


class CheckoutSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    phone = serializers.CharField(max_length=20)
    email = serializers.EmailField(max_length=254)
    address = AddressSerializer(required=False)
    payment = serializers.CharField(max_length=10, default="cod")
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


def payment_json(order):
    """What a client needs to pay a card order: the payment page, or Stripe.js's client secret."""
    from django.conf import settings

    from marketplace.emails import absolute

    payment = order.payments.order_by("-attempt").first()
    ready = payment is not None and payment.intent_id and payment.state == PaymentState.OPEN
    return {
        "url": absolute(reverse("marketplace:payment", kwargs={"token": order.token})),
        "amount": order.total,
        "currency": CURRENCY,
        "due_at": order.payment_due_at.isoformat() if order.payment_due_at else None,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "client_secret": payment.client_secret if ready else None,
    }


def order_json(order):
    from marketplace.emails import order_url

    data = {
        "number": order.number,
        "status": order.status,
        "payment_method": order.payment_method,
        "payment_status": order.payment_status,
        "total": order.total,
        "url": order_url(order),
        "sub_orders": [
            {
                "producer": {"id": sub.producer_id, "name": sub.producer.name},
                "total": sub.total,
                "delivery": sub.delivery_fee,
                "status": sub.status,
            }
            for sub in order.sub_orders.select_related("producer")
        ],
    }
    if order.payment_method == PaymentMethod.CARD:
        data["payment"] = payment_json(order)
        data["payment_url"] = data["payment"]["url"]
    return data


class CheckoutView(JsonApiView):
    def post(self, request):
        serializer = CheckoutSerializer(data=_json_object(request))
        if not serializer.is_valid():
            return invalid(serializer)
        data = dict(serializer.validated_data)
        address = data.pop("address", None) or {}
        details = checkout.Details(**data, **address)
        try:
            order = checkout.place_order(
                request.session, details, user=request.user, language=get_language() or "vi"
            )
        except checkout.CheckoutError as exception:
            fields = {name: [str(message)] for name, message in exception.errors.items()}
            return error(400, "invalid", _("Dữ liệu không hợp lệ."), fields=fields)
        except checkout.CheckoutRefused as refusal:
            lines = [
                {"id": line_id, "name": name, "reason": str(reason)}
                for line_id, name, reason in refusal.failures
            ]
            message = _("Một số dòng không còn đủ hàng hoặc chỗ: chưa có gì được lấy.")
            return error(409, "unavailable", message, lines=lines)
        return Response(order_json(order), status=status.HTTP_201_CREATED)


app_name = "marketplace_api"

urlpatterns = [
    path("cart/", CartView.as_view(), name="cart"),
    path("cart/lines/", CartLinesView.as_view(), name="cart_lines"),
    path("cart/lines/<str:line>/", CartLineView.as_view(), name="cart_line"),
    path("checkout/", CheckoutView.as_view(), name="checkout"),
]
