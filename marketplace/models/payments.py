"""Card payments through Stripe: one ``Payment`` per attempt, ``Refund``s, webhook events.

Money is whole đồng everywhere. VND is a zero-decimal currency for Stripe, so the
amounts stored here are exactly the amounts Stripe holds (never ×100).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CURRENCY = "vnd"


def new_idempotency_key():
    return uuid.uuid4().hex


class PaymentState(models.TextChoices):
    NEW = "new", _("Đang tạo")  # our row exists, the PaymentIntent not yet (or unknown)
    OPEN = "open", _("Chờ khách thanh toán")
    PROCESSING = "processing", _("Đang xử lý")
    SUCCEEDED = "succeeded", _("Thành công")
    FAILED = "failed", _("Thất bại")
    CANCELED = "canceled", _("Đã hủy")


class Payment(models.Model):
    """One payment attempt for an order: one Stripe PaymentIntent, one idempotency key.

    A failed attempt is never reused: trying again makes a new attempt (and a new key).
    """

    order = models.ForeignKey(
        "marketplace.Order",
        verbose_name=_("đơn hàng"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    attempt = models.PositiveSmallIntegerField(_("lần thanh toán"))
    idempotency_key = models.CharField(max_length=64, unique=True, default=new_idempotency_key)
    intent_id = models.CharField(_("PaymentIntent"), max_length=255, unique=True, null=True)
    client_secret = models.CharField(max_length=255, blank=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    currency = models.CharField(_("tiền tệ"), max_length=3, default=CURRENCY)
    amount_received = models.PositiveBigIntegerField(_("đã nhận (đồng)"), default=0)
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=PaymentState.choices, default=PaymentState.NEW
    )
    error = models.CharField(_("lỗi"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["order", "attempt"]
        verbose_name = _("lần thanh toán thẻ")
        verbose_name_plural = _("lần thanh toán thẻ")
        constraints = [
            models.UniqueConstraint(fields=["order", "attempt"], name="one_payment_per_attempt")
        ]

    def __str__(self):
        return f"{self.order} #{self.attempt} ({self.intent_id or '–'})"


class RefundReason(models.TextChoices):
    SUB_ORDER = "sub_order", _("Hủy đơn của chủ thể")
    LATE_PAYMENT = "late_payment", _("Thanh toán sau khi đơn hết hạn")
    DUPLICATE = "duplicate", _("Thanh toán trùng")


class RefundState(models.TextChoices):
    PENDING = "pending", _("Đang hoàn")
    SUCCEEDED = "succeeded", _("Đã hoàn")
    FAILED = "failed", _("Hoàn tiền lỗi")


class Refund(models.Model):
    """Money sent back through Stripe: recorded first, then sent with its own idempotency key."""

    order = models.ForeignKey(
        "marketplace.Order",
        verbose_name=_("đơn hàng"),
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    sub_order = models.ForeignKey(
        "marketplace.SubOrder",
        verbose_name=_("đơn của chủ thể"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refunds",
    )
    payment = models.ForeignKey(
        Payment, verbose_name=_("lần thanh toán"), on_delete=models.PROTECT, related_name="refunds"
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    reason = models.CharField(_("lý do"), max_length=16, choices=RefundReason.choices)
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=RefundState.choices, default=RefundState.PENDING
    )
    idempotency_key = models.CharField(max_length=64, unique=True, default=new_idempotency_key)
    stripe_id = models.CharField(_("mã hoàn tiền Stripe"), max_length=255, blank=True)
    error = models.CharField(_("lỗi"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("hoàn tiền")
        verbose_name_plural = _("hoàn tiền")

    def __str__(self):
        return f"{self.order}: {self.amount} ({self.get_state_display()})"


class WebhookEvent(models.Model):
    """A Stripe event, stored by its id: the unique id is what makes processing happen once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    outcome = models.CharField(_("kết quả"), max_length=100, blank=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("sự kiện Stripe")
        verbose_name_plural = _("sự kiện Stripe")

    def __str__(self):
        return f"{self.event_id} {self.type}"
