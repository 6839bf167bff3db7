"""Cart pages: plain forms, no JavaScript. The rules are in marketplace.services."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from marketplace import services


def _back(request, default="marketplace:cart"):
    """Redirect to the form's ``next`` page when it is on this site, else to ``default``."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse(default)
    return redirect(target)


@require_GET
def cart(request):
    return render(request, "marketplace/cart.html", {"cart": services.view_cart(request.session)})


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
    return redirect("marketplace:cart")


@require_POST
def cart_update(request):
    try:
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
        services.remove_from_cart(request.session, request.POST.get("variant"))
    except services.CartError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã bỏ sản phẩm khỏi giỏ hàng."))
    return redirect("marketplace:cart")
