"""Orders: one checkout → one Order → one SubOrder per producer → lines.

Lines copy what was bought (name, SKU, price and where the price came from), so
later edits of the product pages never change an order. Tour seats become
``tours.Booking`` rows, each linked to the order through its line.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_order_token():
    """The secret in the order page's address: knowing it is what lets you see the order."""
    return secrets.token_urlsafe(18)


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Thanh toán khi nhận hàng")
    CARD = "card", _("Thẻ (Stripe)")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")  # card: waiting for Stripe
    ON_DELIVERY = "on_delivery", _("Thu khi giao hàng / khi đến")
    PAID = "paid", _("Đã thanh toán")
    PARTLY_REFUNDED = "partly_refunded", _("Đã hoàn một phần")
    REFUNDED = "refunded", _("Đã hoàn tiền")
    EXPIRED = "expired", _("Hết hạn thanh toán")


class PaymentProblem(models.TextChoices):
    """Why a card order needs a person to look at its money (empty: nothing wrong)."""

    NONE = "", _("Không")
    MISMATCH = "mismatch", _("Số tiền hoặc tiền tệ không khớp đơn")
    LATE = "late", _("Thanh toán sau khi hết hạn: đã hoàn tiền")
    DUPLICATE = "duplicate", _("Thanh toán trùng: đã hoàn tiền")
    REFUND_FAILED = "refund_failed", _("Hoàn tiền qua Stripe bị lỗi")


class OrderStatus(models.TextChoices):
    PLACED = "placed", _("Đã đặt")
    CANCELLED = "cancelled", _("Đã hủy")


class SubOrderStatus(models.TextChoices):
    PLACED = "placed", _("Mới đặt")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    SHIPPED = "shipped", _("Đang giao")
    DELIVERED = "delivered", _("Đã giao")
    CANCELLED = "cancelled", _("Đã hủy")
    REFUNDED = "refunded", _("Đã hoàn tiền")


class LineKind(models.TextChoices):
    PRODUCT = "product", _("Sản phẩm")
    TOUR = "tour", _("Tour")


class Order(models.Model):
    number = models.CharField(_("mã đơn"), max_length=20, unique=True, null=True, editable=False)
    token = models.CharField(max_length=32, unique=True, default=new_order_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    contact_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại"), max_length=20)
    email = models.EmailField(_("e-mail"))
    # Delivery address (empty for a tours-only order): today's unit codes and their names
    # at the time of the order.
    province_code = models.PositiveSmallIntegerField(_("mã tỉnh"), null=True, blank=True)
    province_name = models.CharField(_("tỉnh/thành phố"), max_length=100, blank=True)
    ward_code = models.PositiveIntegerField(_("mã xã/phường"), null=True, blank=True)
    ward_name = models.CharField(_("xã/phường"), max_length=100, blank=True)
    street = models.CharField(_("số nhà, đường"), max_length=255, blank=True)
    payment_method = models.CharField(
        _("thanh toán"), max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.COD
    )
    payment_status = models.CharField(
        _("tình trạng thanh toán"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.ON_DELIVERY,
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.PLACED
    )
    goods_total = models.PositiveBigIntegerField(_("tiền hàng (đồng)"), default=0)
    delivery_total = models.PositiveBigIntegerField(_("phí giao hàng (đồng)"), default=0)
    tours_total = models.PositiveBigIntegerField(_("tiền tour (đồng)"), default=0)
    total = models.PositiveBigIntegerField(_("tổng cộng (đồng)"), default=0)
    refunded_total = models.PositiveBigIntegerField(_("đã hoàn (đồng)"), default=0)
    # Card orders: the stock and seats are kept until ``payment_due_at``; then the order expires.
    payment_due_at = models.DateTimeField(_("hạn thanh toán"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    payment_problem = models.CharField(
        _("vấn đề thanh toán"),
        max_length=16,
        choices=PaymentProblem.choices,
        default=PaymentProblem.NONE,
        blank=True,
        db_index=True,
    )
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    created_at = models.DateTimeField(_("đặt lúc"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("đơn hàng")
        verbose_name_plural = _("đơn hàng")
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.number or f"#{self.pk}"

    @property
    def address(self):
        parts = [self.street, self.ward_name, self.province_name]
        return ", ".join(part for part in parts if part)


class SubOrder(models.Model):
    """What one producer ships (and the tours it runs) for one order."""

    order = models.ForeignKey(
        Order, verbose_name=_("đơn hàng"), on_delete=models.CASCADE, related_name="sub_orders"
    )
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("chủ thể"),
        on_delete=models.PROTECT,
        related_name="sub_orders",
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=SubOrderStatus.choices,
        default=SubOrderStatus.PLACED,
        db_index=True,
    )
    goods_total = models.PositiveBigIntegerField(_("tiền hàng (đồng)"), default=0)
    delivery_fee = models.PositiveIntegerField(_("phí giao hàng (đồng)"), default=0)
    tours_total = models.PositiveBigIntegerField(_("tiền tour (đồng)"), default=0)
    total = models.PositiveBigIntegerField(_("tổng cộng (đồng)"), default=0)
    refunded_amount = models.PositiveBigIntegerField(_("đã hoàn (đồng)"), default=0)
    carrier = models.CharField(_("đơn vị vận chuyển"), max_length=100, blank=True)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=64, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("giao cho vận chuyển lúc"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("đã giao lúc"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)

    class Meta:
        ordering = ["order", "producer__name", "pk"]
        verbose_name = _("đơn của chủ thể")
        verbose_name_plural = _("đơn của chủ thể")
        constraints = [
            models.UniqueConstraint(fields=["order", "producer"], name="one_sub_order_per_producer")
        ]

    def __str__(self):
        return f"{self.order} – {self.producer}"

    @property
    def has_goods(self):
        return self.goods_total > 0


class OrderLine(models.Model):
    sub_order = models.ForeignKey(
        SubOrder, verbose_name=_("đơn của chủ thể"), on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=LineKind.choices)
    # Product lines: the variant (kept only as a link) and a copy of what was sold.
    variant = models.ForeignKey(
        "catalog.ProductVariant",
        verbose_name=_("phân loại"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,  # page revisions may delete and re-create variant rows
    )
    sku = models.CharField(_("mã SKU"), max_length=64, blank=True)
    # Tour lines: the booking made for the seats.
    booking = models.OneToOneField(
        "tours.Booking",
        verbose_name=_("đặt chỗ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_line",
    )
    name = models.CharField(_("sản phẩm / tour"), max_length=255)
    detail = models.CharField(_("phân loại / số khách"), max_length=255, blank=True)
    unit_price = models.PositiveIntegerField(_("đơn giá (đồng)"))
    quantity = models.PositiveIntegerField(_("số lượng"))
    total = models.PositiveBigIntegerField(_("thành tiền (đồng)"))
    price_source = models.CharField(_("nguồn giá"), max_length=100, default="list")
    # The fair or livestream offer the price came from, and a copy of its name (kept
    # if the offer is deleted). Reports reach the campaign through ``offer.fair``.
    offer = models.ForeignKey(
        "fairs.Offer",
        verbose_name=_("ưu đãi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    offer_label = models.CharField(_("tên ưu đãi"), max_length=150, blank=True)

    class Meta:
        ordering = ["sub_order", "pk"]
        verbose_name = _("dòng đơn hàng")
        verbose_name_plural = _("dòng đơn hàng")

    def __str__(self):
        return f"{self.name} × {self.quantity}"
