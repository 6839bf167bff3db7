from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ocop.pages import ConfiguredAddress, ViewRestrictionsInOneQuery

from .blocks import BodyBlock, LinkBlock


class HomePage(ConfiguredAddress, ViewRestrictionsInOneQuery, Page):
    hero_title = models.CharField(_("tiêu đề lớn"), max_length=120, blank=True)
    hero_text = models.TextField(_("lời giới thiệu"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("trang nút chính"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("chữ trên nút chính"), max_length=60, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Phần đầu trang"),
        ),
        FieldPanel("body"),
    ]
    api_fields = [APIField("hero_title"), APIField("hero_text"), APIField("body")]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")


class StandardPage(ConfiguredAddress, ViewRestrictionsInOneQuery, Page):
    introduction = models.TextField(_("tóm tắt"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details shown in the header and footer."""

    organisation = models.CharField(_("đơn vị quản lý"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    contact_email = models.EmailField(_("e-mail liên hệ"), blank=True)
    hotline = models.CharField(_("đường dây nóng"), max_length=30, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    zalo_url = models.URLField(_("Zalo"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    tiktok_url = models.URLField(_("TikTok"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("contact_email"),
                FieldPanel("hotline"),
            ],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("zalo_url"),
                FieldPanel("youtube_url"),
                FieldPanel("tiktok_url"),
            ],
            heading=_("Mạng xã hội"),
        ),
    ]

    class Meta:
        verbose_name = _("thông tin trang web")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Zalo", self.zalo_url),
            ("YouTube", self.youtube_url),
            ("TikTok", self.tiktok_url),
        ]
        return [(name, url) for name, url in links if url]


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """Footer links. The header menu is the home page's children marked 'show in menus'."""

    footer_links = StreamField(
        [("link", LinkBlock())], verbose_name=_("liên kết chân trang"), blank=True
    )

    panels = [FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("điều hướng")
