from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LocalizedNameMixin:
    """``display_name``: the English name when the interface is in English."""

    @property
    def display_name(self):
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class ProductCategory(LocalizedNameMixin, models.Model):
    """One of the 6 OCOP categories (ngành). Loaded by migration."""

    slug = models.SlugField(_("mã"), unique=True)
    name = models.CharField(_("tên"), max_length=100)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("ngành sản phẩm")
        verbose_name_plural = _("ngành sản phẩm")

    def __str__(self):
        return self.name


class ProductSet(LocalizedNameMixin, models.Model):
    """One of the 26 OCOP product sets (bộ sản phẩm), numbered 1–26. Loaded by migration."""

    number = models.PositiveSmallIntegerField(_("số"), unique=True)
    slug = models.SlugField(_("mã"), unique=True)
    name = models.CharField(_("tên"), max_length=150)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=150, blank=True)
    category = models.ForeignKey(
        ProductCategory,
        verbose_name=_("ngành"),
        on_delete=models.PROTECT,
        related_name="product_sets",
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("bộ sản phẩm")
        verbose_name_plural = _("bộ sản phẩm")

    def __str__(self):
        return f"{self.number}. {self.name}"


class QualityStandard(models.Model):
    """A quality or safety standard a product meets (VietGAP, HACCP, ...)."""

    slug = models.SlugField(_("mã"), unique=True)
    name = models.CharField(_("tên"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("tiêu chuẩn chất lượng")
        verbose_name_plural = _("tiêu chuẩn chất lượng")

    def __str__(self):
        return self.name
