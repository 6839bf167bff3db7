"""Stock on hand, one row per SKU, kept outside the product pages' revisions.

A variant's price and label are page content (revisioned, moderated); how many
are on the shelf is not. Publishing or reverting a page never touches these rows:
only ``marketplace.services.inventory`` changes them, under a row lock, and every
change leaves a ``StockMovement``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Inventory(models.Model):
    sku = models.CharField(_("mã SKU"), max_length=64, unique=True)
    quantity = models.PositiveIntegerField(_("tồn kho"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        ordering = ["sku"]
        verbose_name = _("tồn kho")
        verbose_name_plural = _("tồn kho")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0), name="inventory_never_negative"
            )
        ]

    def __str__(self):
        return f"{self.sku}: {self.quantity}"


class MovementReason(models.TextChoices):
    INITIAL = "initial", _("Tồn kho ban đầu")
    SALE = "sale", _("Bán")
    CANCELLATION = "cancellation", _("Hủy đơn")
    REFUND = "refund", _("Hoàn tiền")
    EXPIRY = "expiry", _("Đơn hết hạn thanh toán")
    ADJUSTMENT = "adjustment", _("Điều chỉnh")


class StockMovement(models.Model):
    """One change of an inventory row: how much, why, by whom, for which order line."""

    inventory = models.ForeignKey(
        Inventory, verbose_name=_("tồn kho"), on_delete=models.CASCADE, related_name="movements"
    )
    change = models.IntegerField(_("thay đổi"))
    quantity_after = models.PositiveIntegerField(_("tồn kho sau"))
    reason = models.CharField(_("lý do"), max_length=20, choices=MovementReason.choices)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    order_line = models.ForeignKey(
        "marketplace.OrderLine",
        verbose_name=_("dòng đơn hàng"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stock_movements",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("biến động tồn kho")
        verbose_name_plural = _("biến động tồn kho")

    def __str__(self):
        return f"{self.inventory.sku} {self.change:+d} ({self.get_reason_display()})"
