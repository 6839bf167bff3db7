"""Delivery fees: a site-wide default, and each producer's own fee and threshold."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

MAX_FEE = 10_000_000  # 10 triệu đồng: far above any real parcel


@register_setting(icon="cogs")
class DeliverySettings(BaseGenericSetting):
    default_fee = models.PositiveIntegerField(
        _("phí giao hàng mặc định (đồng)"),
        default=30_000,
        validators=[MaxValueValidator(MAX_FEE)],
    )
    default_free_threshold = models.PositiveBigIntegerField(
        _("miễn phí giao hàng từ (đồng)"),
        null=True,
        blank=True,
        default=500_000,
        help_text=_(
            "Đơn của một chủ thể từ mức này được miễn phí giao hàng. Để trống: không miễn."
        ),
    )

    panels = [FieldPanel("default_fee"), FieldPanel("default_free_threshold")]

    class Meta:
        verbose_name = _("giao hàng")


class ProducerDelivery(models.Model):
    """A producer's own delivery terms; an empty field falls back to the site default."""

    producer = models.OneToOneField(
        "catalog.Producer",
        verbose_name=_("chủ thể"),
        on_delete=models.CASCADE,
        related_name="delivery",
    )
    fee = models.PositiveIntegerField(
        _("phí giao hàng (đồng)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_FEE)],
        help_text=_("Để trống: dùng mức chung của sàn."),
    )
    free_threshold = models.PositiveBigIntegerField(
        _("miễn phí giao hàng từ (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống: dùng mức chung của sàn."),
    )

    panels = [FieldPanel("producer"), FieldPanel("fee"), FieldPanel("free_threshold")]

    class Meta:
        verbose_name = _("phí giao hàng của chủ thể")
        verbose_name_plural = _("phí giao hàng của chủ thể")

    def __str__(self):
        return str(self.producer)
