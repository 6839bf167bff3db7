"""The payout ledger: what the platform owes each producer, one signed entry per event.

Append-only. An entry is never changed or deleted (the model refuses, the admin has no
edit view, and on PostgreSQL and SQLite a trigger refuses UPDATE and DELETE); a mistake
is corrected by a reversing entry. ``event_key`` is unique: the same event (a sub-order's
money coming in, a refund, a payout with its bank reference, a reversal) can never be
written twice. The rules that write entries are in ``marketplace.services.payouts``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    SALE = "sale", _("Tiền đơn đã thu")  # +: the sub-order's money is in
    COMMISSION = "commission", _("Phí sàn")  # −: the platform's commission on it
    REFUND = "refund", _("Hoàn tiền")  # −: money sent back to the shopper
    COMMISSION_BACK = "commission_back", _("Trả lại phí sàn")  # +: commission on a refund
    PAYOUT = "payout", _("Chuyển khoản cho chủ thể")  # −: paid out, with its bank reference
    REVERSAL = "reversal", _("Bút toán đảo")  # the exact opposite of an earlier entry


class AppendOnlyError(Exception):
    """Ledger entries are never changed or deleted: write a reversing entry instead."""


class PayoutEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("payout ledger entries are never updated")

    def delete(self):
        raise AppendOnlyError("payout ledger entries are never deleted")

    def balance(self):
        return self.aggregate(total=models.Sum("amount"))["total"] or 0


class PayoutEntry(models.Model):
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("chủ thể"),
        on_delete=models.PROTECT,
        related_name="payout_entries",
    )
    kind = models.CharField(_("loại"), max_length=20, choices=EntryKind.choices)
    amount = models.BigIntegerField(_("số tiền (đồng)"))  # + owed to the producer, − not
    event_key = models.CharField(_("mã sự kiện"), max_length=120, unique=True, editable=False)
    sub_order = models.ForeignKey(
        "marketplace.SubOrder",
        verbose_name=_("đơn của chủ thể"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_entries",
    )
    refund = models.ForeignKey(
        "marketplace.Refund",
        verbose_name=_("hoàn tiền"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payout_entries",
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("đảo bút toán"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    commission_basis_points = models.PositiveIntegerField(
        _("phí sàn (phần vạn)"), null=True, blank=True
    )
    bank_reference = models.CharField(_("mã chuyển khoản"), max_length=64, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    objects = PayoutEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bút toán công nợ")
        verbose_name_plural = _("sổ công nợ chủ thể")
        indexes = [models.Index(fields=["producer", "created_at"], name="payout_producer_time")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="payout_entry_amount_not_zero"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="payout") | ~models.Q(bank_reference=""),
                name="payout_needs_bank_reference",
            ),
        ]

    def __str__(self):
        return f"{self.producer_id} {self.get_kind_display()} {self.amount:+d}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise AppendOnlyError("payout ledger entries are never updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("payout ledger entries are never deleted")
