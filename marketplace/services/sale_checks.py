"""Why a cart line cannot be bought now: the shopper's words for each refusal.

The cart (when a line is added and when it is shown) and checkout (under the row
locks) ask the same questions here, so a line is judged the same way everywhere.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import ProductVariant
from catalog.rules import NotSellable
from tours import services as tours

# --- Why a product cannot be bought ---------------------------------------------


def _reason_text(reason, certification):
    """The shopper's words for a ``catalog.rules.NotSellable`` reason, with its dates."""
    if reason == NotSellable.UNCERTIFIED:
        return _("Sản phẩm chưa có chứng nhận OCOP.")
    if reason == NotSellable.REVOKED:
        return _("Chứng nhận OCOP của sản phẩm đã bị thu hồi ngày %(date)s.") % {
            "date": certification.revoked_on.strftime("%d/%m/%Y")
        }
    if reason == NotSellable.EXPIRED:
        return _("Chứng nhận OCOP của sản phẩm đã hết hiệu lực từ sau ngày %(date)s.") % {
            "date": certification.valid_until.strftime("%d/%m/%Y")
        }
    if reason == NotSellable.NOT_YET_VALID:
        return _("Chứng nhận OCOP của sản phẩm có hiệu lực từ ngày %(date)s.") % {
            "date": certification.decision_date.strftime("%d/%m/%Y")
        }
    return ngettext(
        "Sản phẩm đạt %(stars)s sao: chỉ sản phẩm từ 3 sao trở lên được công nhận OCOP.",
        "Sản phẩm đạt %(stars)s sao: chỉ sản phẩm từ 3 sao trở lên được công nhận OCOP.",
        certification.stars,
    ) % {"stars": certification.stars}


def not_for_sale(page):
    """Why the product of ``page`` cannot be bought today, or "" when it can.

    The same rule as ``ProductPage.objects.purchasable()`` (a live page and the
    catalogue's one sale rule), told reason by reason.
    """
    if not page.live:
        return _("Sản phẩm đã ngừng đăng bán trên Chợ OCOP.")
    product = page.product
    reason = product.not_sellable_reason()
    if reason is None:
        return ""
    return _reason_text(reason, product.current_certification)


def variant_problem(variant):
    """Why this variant cannot be bought at all right now (stock aside), or ""."""
    problem = not_for_sale(variant.page)
    if problem:
        return problem
    if not variant.is_active:
        return _("Phân loại này đã ngừng bán.")
    return ""


def stock_problem(variant, quantity, stock):
    if stock == 0:
        return _("Phân loại này đã hết hàng.")
    if quantity > stock:
        return ngettext("Chỉ còn %(stock)s sản phẩm.", "Chỉ còn %(stock)s sản phẩm.", stock) % {
            "stock": stock
        }
    return ""


def variants():
    return ProductVariant.objects.select_related(
        "page__product__producer", "page__product__current_certification"
    )


def seats_left_text(seats_left):
    if seats_left == 0:
        return _("Lịch khởi hành này đã hết chỗ.")
    return ngettext(
        "Lịch khởi hành này chỉ còn %(seats)s chỗ.",
        "Lịch khởi hành này chỉ còn %(seats)s chỗ.",
        seats_left,
    ) % {"seats": seats_left}


def seats_problem(departure, adults, children, public_tour_ids):
    """Why this party cannot be booked on the departure now, or "" (needs ``with_seats()``)."""
    if departure.tour_id not in public_tour_ids:
        return _("Tour này hiện không nhận đặt chỗ.")
    try:
        tours.check_bookable(departure, timezone.now())
        tours.check_group_size(departure.tour, adults, children)
    except tours.TourError as error:
        return str(error)
    if adults + children > departure.seats_left:
        return seats_left_text(departure.seats_left)
    return ""
