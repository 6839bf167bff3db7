"""Livestream sales: the schedule page, an event page, its pinned products, what is
being shown now, and e-mail reminders."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from fairs.windows import window_status
from ocop.csp import allow_stream_players
from ocop.pages import ViewRestrictionsInOneQuery


class Platform(models.TextChoices):
    YOUTUBE = "youtube", "YouTube"
    FACEBOOK = "facebook", "Facebook"
    TIKTOK = "tiktok", "TikTok"
    OTHER = "other", _("Khác")


class LivestreamIndexPage(ViewRestrictionsInOneQuery, Page):
    """The schedule: upcoming and past livestreams."""

    introduction = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["fairs.LivestreamEventPage"]
    max_count = 1
    template = "fairs/livestream_index_page.html"

    class Meta:
        verbose_name = _("lịch livestream")
        verbose_name_plural = _("lịch livestream")

    def get_context(self, request, *args, **kwargs):
        from fairs.services import livestreams

        context = super().get_context(request, *args, **kwargs)
        context.update(livestreams.schedule(self, timezone.now()))
        return context


class LivestreamEventPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    """One livestream: host, times, where it streams, and the products sold during it."""

    host_producer = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("chủ thể dẫn livestream"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="livestreams",
        help_text=_("Để trống: tỉnh tổ chức."),
    )
    host_name = models.CharField(
        _("người dẫn"), max_length=150, blank=True, help_text=_("Tên người dẫn chương trình")
    )
    campaign = models.ForeignKey(
        "fairs.FairCampaignPage",
        verbose_name=_("thuộc hội chợ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="livestreams",
    )
    starts_at = models.DateTimeField(_("bắt đầu"), help_text=_("Giờ Việt Nam"))
    ends_at = models.DateTimeField(_("kết thúc"), help_text=_("Giờ Việt Nam"))
    platform = models.CharField(
        _("nền tảng"), max_length=10, choices=Platform.choices, default=Platform.YOUTUBE
    )
    stream_url = models.URLField(_("địa chỉ phát trực tiếp"), max_length=500)
    replay_url = models.URLField(
        _("địa chỉ xem lại"), max_length=500, blank=True, help_text=_("Hiện sau khi kết thúc.")
    )
    description = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("host_producer"),
                FieldPanel("host_name"),
                FieldPanel("campaign"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            ],
            heading=_("Lịch"),
        ),
        MultiFieldPanel(
            [FieldPanel("platform"), FieldPanel("stream_url"), FieldPanel("replay_url")],
            heading=_("Phát trực tiếp"),
        ),
        FieldPanel("description"),
        InlinePanel("pinned_products", label=_("Sản phẩm ghim")),
    ]
    parent_page_types = ["fairs.LivestreamIndexPage"]
    subpage_types = []
    template = "fairs/livestream_event_page.html"

    class Meta:
        verbose_name = _("livestream bán hàng")
        verbose_name_plural = _("livestream bán hàng")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Kết thúc phải sau lúc bắt đầu.")})

    def status(self, at=None):
        return window_status(self.starts_at, self.ends_at, at or timezone.now())

    @property
    def host_label(self):
        if self.host_name:
            return self.host_name
        if self.host_producer_id:
            return self.host_producer.name
        return _("Tỉnh Ninh Bình")

    def get_context(self, request, *args, **kwargs):
        from fairs.services import livestreams

        context = super().get_context(request, *args, **kwargs)
        context.update(livestreams.page_context(self, request, timezone.now()))
        return context

    @path("")
    def event(self, request):
        return allow_stream_players(self.render(request))

    @path("lich/")
    def calendar(self, request):
        from fairs import views

        return views.livestream_calendar(request, self)

    @path("nhac-toi/")
    def remind_me(self, request):
        from fairs import views

        return views.livestream_reminder(request, self)


class LivestreamProduct(Orderable):
    """A product pinned to a livestream (its live-only price is an ``Offer``)."""

    page = ParentalKey(
        LivestreamEventPage, on_delete=models.CASCADE, related_name="pinned_products"
    )
    product = models.ForeignKey(
        "catalog.ProductPage",
        verbose_name=_("sản phẩm"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("product")]

    class Meta(Orderable.Meta):
        verbose_name = _("sản phẩm ghim")
        verbose_name_plural = _("sản phẩm ghim")


class LivestreamState(models.Model):
    """What the host is showing now: live state, outside the page revisions."""

    livestream = models.OneToOneField(
        LivestreamEventPage, on_delete=models.CASCADE, primary_key=True, related_name="state"
    )
    now_showing = models.ForeignKey(
        "catalog.ProductPage",
        verbose_name=_("đang giới thiệu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("đổi lúc"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("trạng thái livestream")
        verbose_name_plural = _("trạng thái livestream")

    def __str__(self):
        return str(self.livestream)


class LivestreamReminder(models.Model):
    """ "Remind me": one e-mail, sent 30 minutes before the start, once."""

    livestream = models.ForeignKey(
        LivestreamEventPage, on_delete=models.CASCADE, related_name="reminders"
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(max_length=8, default="vi")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("lời nhắc livestream")
        verbose_name_plural = _("lời nhắc livestream")
        constraints = [
            models.UniqueConstraint(fields=["livestream", "email"], name="one_reminder_per_email")
        ]

    def __str__(self):
        return f"{self.email} – {self.livestream}"
