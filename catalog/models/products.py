import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import rules
from catalog.text import match_key


def new_trace_code():
    """A short, unguessable, URL-safe code for the product's public trace page."""
    return secrets.token_urlsafe(8)


def today():
    return timezone.localdate()


class ProductQuerySet(models.QuerySet):
    def certified(self, on=None):
        """Products whose current certificate is valid on ``on`` (default today) at ≥ 3★."""
        return self.filter(certified_q(on or today(), prefix="current_certification__"))


def certified_q(on, prefix=""):
    """The one definition of "currently certified and sellable", as a filter.

    ``prefix`` is the path from the queried model to a Certification, e.g.
    ``"product__current_certification__"`` from ProductPage.
    """
    return (
        Q(**{f"{prefix}stars__gte": rules.MIN_CERTIFIED_STARS})
        & Q(**{f"{prefix}decision_date__lte": on})
        & Q(**{f"{prefix}valid_until__gte": on})
        & (Q(**{f"{prefix}revoked_on__isnull": True}) | Q(**{f"{prefix}revoked_on__gt": on}))
    )


class Product(models.Model):
    """An OCOP product as the registry knows it: identity and certification history.

    The shop listing (description, photos, variants, prices) is its ProductPage.
    Registry sync works on these records only, so it never touches pages.
    """

    name = models.CharField(_("tên sản phẩm"), max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("chủ thể"),
        on_delete=models.PROTECT,
        related_name="products",
    )
    product_set = models.ForeignKey(
        "catalog.ProductSet",
        verbose_name=_("bộ sản phẩm"),
        on_delete=models.PROTECT,
        related_name="products",
        null=True,
        blank=True,
    )
    registry_code = models.CharField(
        _("mã sản phẩm trong danh sách công nhận"), max_length=64, blank=True, db_index=True
    )
    trace_code = models.CharField(
        _("mã truy xuất"), max_length=16, unique=True, default=new_trace_code, editable=False
    )
    current_certification = models.ForeignKey(
        "catalog.Certification",
        verbose_name=_("chứng nhận hiện hành"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    from_registry = models.BooleanField(_("tạo từ danh sách công nhận"), default=False)
    needs_review = models.BooleanField(_("cần biên tập viên xem lại"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sản phẩm OCOP")
        verbose_name_plural = _("sản phẩm OCOP")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = match_key(self.name)
        super().save(*args, **kwargs)

    def certificate_status(self, on=None):
        if self.current_certification is None:
            return None
        return self.current_certification.status(on)

    def not_sellable_reason(self, on=None):
        """Why the product may not be sold on ``on`` (a ``rules.NotSellable``), or None."""
        certification = self.current_certification
        if certification is None:
            return rules.NotSellable.UNCERTIFIED
        return certification.not_sellable_reason(on)

    def is_certified(self, on=None):
        return self.not_sellable_reason(on) is None


class CertificationLevel(models.TextChoices):
    PROVINCE = rules.PROVINCE_LEVEL, _("Cấp tỉnh")
    NATIONAL = rules.NATIONAL_LEVEL, _("Cấp trung ương")
    DISTRICT = "district", _("Cấp huyện (trước 2025)")


class CertificationSource(models.TextChoices):
    REGISTRY = "registry", _("Danh sách công nhận")
    MANUAL = "manual", _("Nhập tay")


class Certification(models.Model):
    """One OCOP recognition decision for a product. History is kept, never overwritten."""

    product = models.ForeignKey(
        Product,
        verbose_name=_("sản phẩm"),
        on_delete=models.CASCADE,
        related_name="certifications",
    )
    stars = models.PositiveSmallIntegerField(
        _("hạng sao"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    score = models.DecimalField(
        _("điểm"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(rules.MAX_SCORE)],
    )
    certificate_number = models.CharField(
        _("số giấy chứng nhận"), max_length=64, blank=True, db_index=True
    )
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=CertificationLevel.choices)
    valid_until = models.DateField(_("hiệu lực đến"), editable=False)
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revocation_decision = models.CharField(_("quyết định thu hồi"), max_length=64, blank=True)
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)
    source = models.CharField(
        _("nguồn"),
        max_length=20,
        choices=CertificationSource.choices,
        default=CertificationSource.MANUAL,
    )
    source_record_id = models.CharField(_("mã bản ghi nguồn"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "-pk"]
        verbose_name = _("chứng nhận OCOP")
        verbose_name_plural = _("chứng nhận OCOP")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "decision_number", "decision_date"],
                name="one_certification_per_decision",
            ),
        ]
        indexes = [models.Index(fields=["valid_until"])]

    def __str__(self):
        return f"{self.product} – {self.stars}★ ({self.decision_number})"

    def save(self, *args, **kwargs):
        self.valid_until = rules.valid_until(self.decision_date)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.score is not None and self.stars:
            try:
                expected = rules.stars_for_score(self.score)
            except ValueError as error:
                raise ValidationError({"score": str(error)}) from error
            if expected != self.stars:
                raise ValidationError(
                    {
                        "stars": _(
                            "%(score)s điểm thuộc hạng %(expected)s sao, không phải %(stars)s sao."
                        )
                        % {"score": self.score, "expected": expected, "stars": self.stars}
                    }
                )
        if self.decision_date:
            problem = rules.decision_date_problem(self.decision_date, today())
            if problem is not None:
                refusal = ValidationError(problem.message, problem.code, problem.params)
                raise ValidationError({"decision_date": refusal})
        if self.revoked_on and self.decision_date and self.revoked_on < self.decision_date:
            raise ValidationError({"revoked_on": _("Ngày thu hồi trước ngày quyết định.")})

    def status(self, on=None):
        return rules.certificate_status(
            decision_date=self.decision_date,
            valid_until=self.valid_until,
            revoked_on=self.revoked_on,
            on=on or today(),
        )

    def not_sellable_reason(self, on=None):
        return rules.not_sellable_reason(stars=self.stars, status=self.status(on))

    def is_sellable(self, on=None):
        return self.not_sellable_reason(on) is None

    @property
    def renewal_window_opens(self):
        return rules.renewal_window_opens(self.valid_until)
