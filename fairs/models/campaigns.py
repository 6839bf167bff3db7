"""A fair campaign (hội chợ, tuần lễ OCOP): a page, its participants and its offers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from fairs.windows import window_status
from ocop.pages import ViewRestrictionsInOneQuery


class FairCampaignPage(ViewRestrictionsInOneQuery, Page):
    """A fair: dates and times, a physical venue and an online part.

    Its participants and offers are not page content (they are rows of their own,
    like stock): publishing or reverting the page never changes who takes part or
    how many units an offer has sold.
    """

    introduction = models.TextField(_("giới thiệu"), blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"), help_text=_("Giờ Việt Nam"))
    ends_at = models.DateTimeField(_("kết thúc"), help_text=_("Giờ Việt Nam"))
    venue_name = models.CharField(_("địa điểm"), max_length=200, blank=True)
    venue_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    map_url = models.URLField(_("liên kết bản đồ"), blank=True)
    opening_hours = models.CharField(
        _("giờ mở cửa"), max_length=200, blank=True, help_text=_("Ví dụ: 8:00–21:00 hằng ngày")
    )
    booth_plan = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sơ đồ gian hàng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    booth_plan_alt = models.CharField(_("mô tả sơ đồ"), max_length=200, blank=True)
    online_description = models.TextField(_("phần trực tuyến"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("map_url"),
                FieldPanel("opening_hours"),
                FieldPanel("booth_plan"),
                FieldPanel("booth_plan_alt"),
            ],
            heading=_("Địa điểm"),
        ),
        FieldPanel("online_description"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    template = "fairs/fair_campaign_page.html"

    class Meta:
        verbose_name = _("hội chợ OCOP")
        verbose_name_plural = _("hội chợ OCOP")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Kết thúc phải sau lúc bắt đầu.")})

    def status(self, at=None):
        return window_status(self.starts_at, self.ends_at, at or timezone.now())

    def get_context(self, request, *args, **kwargs):
        from fairs.services import campaigns

        context = super().get_context(request, *args, **kwargs)
        context.update(campaigns.page_context(self, timezone.now()))
        return context


class ParticipantStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REFUSED = "refused", _("Từ chối")


class FairParticipant(models.Model):
    """A producer's application to a fair, with the products it brings; an officer decides."""

    campaign = models.ForeignKey(
        FairCampaignPage,
        verbose_name=_("hội chợ"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("chủ thể"),
        on_delete=models.CASCADE,
        related_name="fair_participations",
    )
    products = models.ManyToManyField(
        "catalog.ProductPage", verbose_name=_("sản phẩm tham gia"), related_name="+", blank=True
    )
    note = models.TextField(_("lời nhắn"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.PENDING,
        db_index=True,
    )
    booth = models.CharField(_("số gian hàng"), max_length=20, blank=True)
    decision_note = models.CharField(_("ghi chú của cán bộ"), max_length=255, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đăng ký"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "booth", "producer__name"]
        verbose_name = _("đơn vị tham gia hội chợ")
        verbose_name_plural = _("đơn vị tham gia hội chợ")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "producer"], name="one_application_per_producer"
            )
        ]

    def __str__(self):
        return f"{self.producer} – {self.campaign}"
