"""Cart, checkout and order pages: plain forms, no JavaScript needed.

The rules are in marketplace.services; these views pass the shopper's input and
show the outcome.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace import services
from marketplace.forms import CheckoutForm, FindOrderForm
from marketplace.models import PaymentMethod, PaymentState, PaymentStatus
from marketplace.services import checkout, expiry, orders, stripe_payments
from ocop.responses import private, same_site_path
from tours.clients import client_key


def _back(request, default="marketplace:cart"):
    """Redirect to the form's ``next`` page when it is a path on this site, else to ``default``."""
    return redirect(same_site_path(request, request.POST.get("next")) or reverse(default))


@require_GET
def cart(request):
    context = {"cart": services.view_cart(request.session)}
    return private(TemplateResponse(request, "marketplace/cart.html", context))


@require_POST
def cart_add(request):
    try:
        variant, quantity = services.add_to_cart(
            request.session, request.POST.get("variant"), request.POST.get("quantity", "1")
        )
    except services.CartError as error:
        messages.error(request, str(error))
        return _back(request)
    messages.success(
        request,
        _("Đã thêm “%(product)s – %(label)s” vào giỏ hàng (%(quantity)s trong giỏ).")
        % {"product": variant.page.title, "label": variant.label, "quantity": quantity},
    )
    if request.POST.get("stay"):  # a livestream's buy buttons: back to the live page
        return _back(request)
    return redirect("marketplace:cart")


@require_POST
def cart_add_seats(request):
    try:
        departure = services.add_seats_to_cart(
            request.session,
            request.POST.get("departure"),
            request.POST.get("adults"),
            request.POST.get("children") or 0,
        )
    except services.CartError as error:
        messages.error(request, str(error))
        return _back(request)
    messages.success(
        request, _("Đã thêm tour “%(tour)s” vào giỏ hàng.") % {"tour": departure.tour.title}
    )
    return redirect("marketplace:cart")


@require_POST
def cart_update(request):
    try:
        if request.POST.get("departure"):
            services.add_seats_to_cart(
                request.session,
                request.POST.get("departure"),
                request.POST.get("adults"),
                request.POST.get("children") or 0,
            )
        else:
            services.update_cart_line(
                request.session, request.POST.get("variant"), request.POST.get("quantity")
            )
    except services.CartError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã cập nhật giỏ hàng."))
    return redirect("marketplace:cart")


@require_POST
def cart_remove(request):
    try:
        if request.POST.get("departure"):
            services.remove_seats_from_cart(request.session, request.POST.get("departure"))
        else:
            services.remove_from_cart(request.session, request.POST.get("variant"))
    except services.CartError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã bỏ khỏi giỏ hàng."))
    return redirect("marketplace:cart")


# --- Checkout ------------------------------------------------------------------------


def _initial_contact(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name(), "email": user.email}


@require_http_methods(["GET", "POST"])
def checkout_page(request):
    cart_now = services.view_cart(request.session)
    if not cart_now.lines:
        messages.info(request, _("Giỏ hàng đang trống."))
        return redirect("marketplace:cart")
    needs_address = any(line.kind == "product" for line in cart_now.lines)
    data = request.POST if request.method == "POST" else None
    form = CheckoutForm(data, needs_address=needs_address, initial=_initial_contact(request))
    choosing_ward = data is not None and "choose_province" in data
    if data is not None and not choosing_ward and form.is_valid():
        order = _place(request, form)
        if order is not None and order.payment_method == PaymentMethod.CARD:
            return redirect("marketplace:payment", token=order.token)
        if order is not None:
            return redirect("marketplace:order", token=order.token)
        cart_now = services.view_cart(request.session)  # prices the refusal named
    context = {"cart": cart_now, "form": form, "choosing_ward": choosing_ward}
    return private(TemplateResponse(request, "marketplace/checkout.html", context))


def _place(request, form):
    details = checkout.Details(
        **{
            name: form.cleaned_data.get(name)
            for name in ("name", "phone", "email", "province", "ward", "street", "payment", "notes")
        }
    )
    try:
        return checkout.place_order(
            request.session, details, user=request.user, language=get_language() or "vi"
        )
    except checkout.CheckoutError as error:
        for field, message in error.errors.items():
            form.add_error(field if field in form.fields else None, message)
    except checkout.CheckoutRefused as refusal:
        for _line_id, name, reason in refusal.failures:
            form.add_error(None, f"{name}: {reason}")
    return None


# --- The order page and finding an order -----------------------------------------------


@require_GET
def order_page(request, token):
    order = orders.find_order(token)
    if order is None:
        raise Http404
    return private(TemplateResponse(request, "marketplace/order.html", {"order": order}))


STRIPE_JS = "https://js.stripe.com/v3/"


@require_GET
def payment_page(request, token):
    """Card payment with Stripe's Payment Element (the site's only JavaScript that is needed)."""
    order = orders.find_order(token)
    if order is None:
        raise Http404
    # Past its time (before the sweep came by): no new payment, the order expires now.
    if not stripe_payments.awaiting_payment(order) or expiry.expire_if_due(order.pk):
        return redirect("marketplace:order", token=order.token)
    status, payment, problem = 200, None, ""
    try:
        payment = stripe_payments.ensure_attempt(order)
    except stripe_payments.PaymentUnavailable as error:
        status, problem = 503, str(error)
    if payment is None and not problem:
        return redirect("marketplace:order", token=order.token)
    earlier = order.payments.exclude(pk=payment.pk) if payment else order.payments.all()
    failed = earlier.exclude(error="").order_by("-attempt").first()
    context = {
        "order": order,
        "payment": payment,
        "problem": problem,
        "failed": failed,
        "stripe_js": STRIPE_JS,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "return_url": request.build_absolute_uri(
            reverse("marketplace:payment_return", kwargs={"token": order.token})
        ),
    }
    response = TemplateResponse(request, "marketplace/payment.html", context, status=status)
    return private(response)


@require_GET
def payment_return(request, token):
    """Where Stripe sends the shopper back: ask Stripe itself (the webhook may come later).

    The query string Stripe adds is not trusted: the order's own attempts are looked up.
    """
    order = orders.find_order(token)
    if order is None:
        raise Http404
    stripe_payments.refresh_from_stripe(order)
    order.refresh_from_db()
    latest = order.payments.order_by("-attempt").first()
    if order.payment_status == PaymentStatus.PAID:
        messages.success(request, _("Thanh toán thành công. Cảm ơn bạn!"))
    elif latest is not None and latest.state == PaymentState.PROCESSING:
        messages.info(
            request,
            _("Thanh toán đang được xử lý. Hãy tải lại trang này sau ít phút để xem kết quả."),
        )
    elif stripe_payments.awaiting_payment(order):
        messages.error(request, _("Thanh toán chưa thành công. Bạn có thể thử lại."))
        return redirect("marketplace:payment", token=order.token)
    return redirect("marketplace:order", token=order.token)


@require_http_methods(["GET", "POST"])
def find_order(request):
    form = FindOrderForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            order = orders.find_order_by_number(
                form.cleaned_data["number"], form.cleaned_data["email"], client=client_key(request)
            )
        except orders.LookupRateLimited as error:
            form.add_error(None, str(error))
            status = 429
        except orders.OrderNotFound as error:
            form.add_error(None, str(error))
        else:
            return redirect("marketplace:order", token=order.token)
    response = render(request, "marketplace/find_order.html", {"form": form}, status=status)
    return private(response)
