"""An offer: a campaign price (or percentage off) on one variant, inside a fair's or a
livestream's window, optionally limited to a number of units.

Offers are rows of their own, outside the page revisions, because ``sold`` is live
state like stock: it changes only in ``fairs.services.offers`` under the row's lock
(checkout takes, cancellation gives back), and the database refuses ``sold`` above
``limit`` whatever the code does.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_PERCENT_OFF = 90


class Offer(models.Model):
    campaign = models.ForeignKey(
        "fairs.FairCampaignPage",
        verbose_name=_("hội chợ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="offers",
    )
    livestream = models.ForeignKey(
        "fairs.LivestreamEventPage",
        verbose_name=_("livestream"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="offers",
        help_text=_("Giá chỉ trong giờ livestream."),
    )
    product = models.ForeignKey(
        "catalog.ProductPage",
        verbose_name=_("sản phẩm"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The variant by SKU, as stock is: page revisions may re-create variant rows.
    sku = models.CharField(_("mã SKU"), max_length=64, db_index=True)
    label = models.CharField(_("tên ưu đãi"), max_length=150, blank=True)
    price = models.PositiveIntegerField(
        _("giá ưu đãi (đồng)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    percent_off = models.PositiveSmallIntegerField(
        _("giảm (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PERCENT_OFF)],
    )
    limit = models.PositiveIntegerField(
        _("giới hạn số lượng"), null=True, blank=True, help_text=_("Để trống: không giới hạn.")
    )
    sold = models.PositiveIntegerField(_("đã bán"), default=0, editable=False)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ưu đãi")
        verbose_name_plural = _("ưu đãi")
        constraints = [
            models.CheckConstraint(
                condition=Q(campaign__isnull=False, livestream__isnull=True)
                | Q(campaign__isnull=True, livestream__isnull=False),
                name="offer_of_a_campaign_or_a_livestream",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=False, percent_off__isnull=True)
                | Q(price__isnull=True, percent_off__isnull=False),
                name="offer_price_or_percent",
            ),
            models.CheckConstraint(
                condition=Q(limit__isnull=True) | Q(sold__lte=F("limit")),
                name="offer_never_oversold",
            ),
        ]

    def __str__(self):
        return self.display_label

    @property
    def owner(self):
        """The campaign or livestream page the offer belongs to."""
        return self.campaign if self.campaign_id else self.livestream

    @property
    def fair(self):
        """The fair campaign the offer counts for (a livestream's own campaign, if any)."""
        if self.campaign_id:
            return self.campaign
        return self.livestream.campaign if self.livestream_id else None

    @property
    def window(self):
        owner = self.owner
        return owner.starts_at, owner.ends_at

    @property
    def display_label(self):
        if self.label:
            return self.label
        owner = self.owner
        kind = _("Giá hội chợ") if self.campaign_id else _("Giá livestream")
        return f"{kind}: {owner.title}" if owner else str(kind)

    @property
    def remaining(self):
        """Units still to sell at this price (None: no limit)."""
        return None if self.limit is None else max(self.limit - self.sold, 0)

    def covers(self, quantity):
        return self.limit is None or self.sold + quantity <= self.limit

    def amount_for(self, list_price):
        """The unit price under this offer for a variant listed at ``list_price``."""
        if self.price is not None:
            return min(self.price, list_price)
        return list_price - (list_price * self.percent_off + 50) // 100

    def clean(self):
        super().clean()
        if bool(self.campaign_id) == bool(self.livestream_id):
            raise ValidationError(_("Chọn hoặc một hội chợ, hoặc một livestream."))
        if (self.price is None) == (self.percent_off is None):
            raise ValidationError(_("Ghi hoặc giá ưu đãi, hoặc phần trăm giảm."))
        if self.limit is not None and self.sold > self.limit:
            raise ValidationError(
                {"limit": _("Đã bán %(sold)s: giới hạn không thể nhỏ hơn.") % {"sold": self.sold}}
            )
