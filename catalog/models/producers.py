import secrets

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.search import index

from catalog import places
from catalog.text import match_key, strip_diacritics


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("Hợp tác xã (HTX)")
    COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác (THT)")
    ENTERPRISE = "enterprise", _("Doanh nghiệp nhỏ và vừa")
    FARM = "farm", _("Trang trại")
    HOUSEHOLD = "household", _("Hộ kinh doanh")
    ASSOCIATION = "association", _("Hiệp hội, trung tâm điều hành du lịch")


class Place(models.Model):
    """An address: street text, today's ward and province codes, and the original text.

    Codes are those of the divisions in force since 1 July 2025 (vietnam-provinces).
    ``original_address`` keeps the text as given, often naming pre-2025 units.
    """

    street_address = models.CharField(_("số nhà, đường, thôn"), max_length=255, blank=True)
    ward_code = models.PositiveIntegerField(_("mã xã/phường"), null=True, blank=True)
    province_code = models.PositiveSmallIntegerField(
        _("tỉnh/thành phố"),
        null=True,
        blank=True,
        db_index=True,
        choices=places.province_choices,
    )
    original_address = models.TextField(_("địa chỉ gốc"), blank=True)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.ward_code:
            self.province_code = places.checked_province(self.ward_code, self.province_code)

    @property
    def province(self):
        return places.province_by_code(self.province_code) if self.province_code else None

    @property
    def ward(self):
        return places.ward_by_code(self.ward_code) if self.ward_code else None

    @property
    def address_today(self):
        """The address in today's units, or the original text when it is not mapped."""
        parts = [self.street_address, self.ward, self.province]
        parts = [str(part) for part in parts if part]
        if self.ward or self.province:
            return ", ".join(parts)
        return self.original_address


class Producer(index.Indexed, Place):
    """A chủ thể OCOP: the cooperative, enterprise or household that makes products."""

    name = models.CharField(_("tên chủ thể"), max_length=255)
    name_key = models.CharField(max_length=255, db_index=True, editable=False)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    legal_form = models.CharField(
        _("loại hình"), max_length=30, choices=LegalForm.choices, blank=True
    )
    registration_code = models.CharField(_("mã số thuế / đăng ký"), max_length=30, blank=True)
    representative = models.CharField(_("người đại diện"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    story = RichTextField(_("câu chuyện"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng quản lý"),
        blank=True,
        related_name="producers",
        help_text=_("Tài khoản được thay mặt chủ thể quản lý sản phẩm, đơn hàng và tour."),
    )
    from_registry = models.BooleanField(_("tạo từ danh sách công nhận"), default=False)
    needs_review = models.BooleanField(_("cần biên tập viên xem lại"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("province_code"),
        # The admin listing filters and sorts search results by these.
        index.FilterField("legal_form"),
        index.FilterField("needs_review"),
        index.FilterField("name"),
        # A producer user's listing is narrowed to its own producers by id.
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = match_key(self.name)
        if not self.slug:
            self.slug = unique_slug(Producer, self.name)
        super().save(*args, **kwargs)


def unique_slug(model, text, max_length=110):
    """A URL slug from Vietnamese text, with a short random suffix when taken."""
    base = slugify(strip_diacritics(text))[:max_length] or "x"
    slug = base
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(2)}"
    return slug
