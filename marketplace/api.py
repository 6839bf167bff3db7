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
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from marketplace import services
from marketplace.models import CURRENCY, PaymentMethod, PaymentState
from marketplace.services import checkout
from ocop.api_security import UNSAFE_ERRORS, error_responses
from ocop.api_security import JsonApiView as BaseJsonApiView

MAX_ID = 2**31 - 1


class JsonApiView(BaseJsonApiView):
    """The site's JSON base (CSRF on every write, JSON only); carts are never cached."""

    permission_classes = [AllowAny]

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


# --- What the schema says the answers are -------------------------------------------------

ProducerRef = inline_serializer(
    name="ProducerRef", fields={"id": serializers.IntegerField(), "name": serializers.CharField()}
)


class CartLineSerializer(serializers.Serializer):
    id = serializers.CharField(help_text='"v<variant id>" or "d<departure id>"')
    type = serializers.ChoiceField(choices=["product", "tour"])
    name = serializers.CharField()
    detail = serializers.CharField()
    url = serializers.CharField(allow_null=True)
    problem = serializers.CharField(help_text="Why the line cannot be bought now, or empty")
    notice = serializers.CharField()
    total = serializers.IntegerField(help_text="đồng; 0 for a line with a problem")
    variant = serializers.IntegerField(required=False)
    unit_price = serializers.IntegerField(required=False)
    quantity = serializers.IntegerField(required=False)
    departure = serializers.IntegerField(required=False)
    adults = serializers.IntegerField(required=False)
    children = serializers.IntegerField(required=False)
    price_adult = serializers.IntegerField(required=False)
    price_child = serializers.IntegerField(required=False)


class CartGroupSerializer(serializers.Serializer):
    producer = ProducerRef
    lines = serializers.ListField(child=serializers.CharField())
    subtotal = serializers.IntegerField()
    delivery = serializers.IntegerField()
    total = serializers.IntegerField()


class CartSerializer(serializers.Serializer):
    lines = CartLineSerializer(many=True)
    groups = CartGroupSerializer(many=True)
    subtotal = serializers.IntegerField()
    delivery = serializers.IntegerField()
    total = serializers.IntegerField()
    count = serializers.IntegerField()


class AddedLineSerializer(serializers.Serializer):
    line = serializers.CharField()
    cart = CartSerializer()


class SubOrderSummarySerializer(serializers.Serializer):
    producer = ProducerRef
    total = serializers.IntegerField()
    delivery = serializers.IntegerField()
    status = serializers.CharField()


class PaymentSerializer(serializers.Serializer):
    url = serializers.CharField()
    amount = serializers.IntegerField()
    currency = serializers.CharField()
    due_at = serializers.CharField(allow_null=True)
    publishable_key = serializers.CharField()
    client_secret = serializers.CharField(allow_null=True)


class OrderSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    payment_method = serializers.CharField()
    payment_status = serializers.CharField()
    total = serializers.IntegerField()
    url = serializers.CharField()
    sub_orders = SubOrderSummarySerializer(many=True)
    payment = PaymentSerializer(required=False, help_text="Card orders only")
    payment_url = serializers.CharField(required=False)


LINE_PARAMETER = OpenApiParameter(
    "line", str, OpenApiParameter.PATH, description='A line id from the cart: "v12", "d7"'
)


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
    @extend_schema(operation_id="cart_read", summary="The session's cart", responses=CartSerializer)
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
    @extend_schema(
        operation_id="cart_lines_create",
        summary="Put a variant or a party on a departure into the cart",
        request=NewLineSerializer,
        responses={201: AddedLineSerializer, **error_responses(*UNSAFE_ERRORS, 404, 409)},
    )
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
    @extend_schema(
        operation_id="cart_lines_update",
        summary="Change a line's quantity, or a tour line's party",
        parameters=[LINE_PARAMETER],
        request=ChangeLineSerializer,
        responses={200: CartSerializer, **error_responses(*UNSAFE_ERRORS, 404, 409)},
    )
    def patch(self, request, line):
        serializer = ChangeLineSerializer(data=_json_object(request))
        if not serializer.is_valid():
            return invalid(serializer)
        try:
            services.update_line(request.session, line, **serializer.validated_data)
        except services.CartError as exception:
            return cart_error(exception)
        return Response(cart_json(services.view_cart(request.session)))

    @extend_schema(
        operation_id="cart_lines_delete",
        summary="Take a line out of the cart",
        parameters=[LINE_PARAMETER],
        request=None,
        responses={200: CartSerializer, **error_responses(*UNSAFE_ERRORS, 404)},
    )
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
    @extend_schema(
        operation_id="checkout_create",
        summary="Place the cart as one order, split per producer",
        request=CheckoutSerializer,
        responses={201: OrderSerializer, **error_responses(*UNSAFE_ERRORS, 409)},
    )
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
