import hashlib

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ocop import page_cache
from ocop.pages import ConfiguredAddress, ViewRestrictionsInOneQuery

from .blocks import BodyBlock, LinkBlock, PageBodyBlock
from .home_blocks import HomeBlock


class HomePage(ConfiguredAddress, ViewRestrictionsInOneQuery, Page):
    """The home page: blocks an editor arranges (hero, promotion, featured products and
    villages, shop by product set or province, the trust strip, text)."""

    body = StreamField(HomeBlock(), verbose_name=_("nội dung"), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [FieldPanel("body")]
    api_fields = [APIField("body")]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def route(self, request, path_components):
        """Wagtail's routing, with the section a path enters (the catalogue, the villages,
        a standard page) from the shared cache: two queries (the child, then its specific
        page) fewer on every page below the home page."""
        if not path_components:
            return super().route(request, path_components)
        slug, *remaining = path_components
        key = hashlib.sha256(slug.encode()).hexdigest()[:32]
        child = page_cache.shared(f"home-child:{self.pk}:{key}", lambda: self._child(slug))
        if child is None:
            raise Http404
        return child.route(request, remaining)

    def _child(self, slug):
        child = self.get_children().filter(slug=slug).first()
        return child.specific if child is not None else None

    def get_context(self, request, *args, **kwargs):
        """The catalogue and villages index, looked up once for all the blocks."""
        from cms import home

        context = super().get_context(request, *args, **kwargs)
        context.update(
            catalogue=home.catalogue(),
            village_index=home.village_index(),
            # The first block, if a hero, holds the page's <h1>; otherwise the title does.
            hero_first=bool(self.body) and self.body[0].block_type == "hero",
        )
        return context

    @property
    def hero(self):
        """The first hero block's value, or None (its image is the page's preview picture)."""
        return next((block.value for block in self.body if block.block_type == "hero"), None)

    @property
    def hero_image(self):
        return self.hero["image"] if self.hero else None

    @property
    def hero_text(self):
        return self.hero["text"] if self.hero else ""


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
    body = StreamField(PageBodyBlock(), verbose_name=_("nội dung"), blank=True)

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


class ContactPage(ConfiguredAddress, ViewRestrictionsInOneQuery, Page):
    """The contact page: how to reach the team, and a form that e-mails it
    (cms.services.send_contact_message, rate-limited per visitor)."""

    introduction = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    thank_you_text = models.TextField(
        _("lời cảm ơn sau khi gửi"),
        default=_("Cảm ơn bạn. Chúng tôi đã nhận được tin nhắn và sẽ trả lời trong ngày làm việc."),
    )

    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("thank_you_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction"), APIField("body")]

    class Meta:
        verbose_name = _("trang liên hệ")
        verbose_name_plural = _("trang liên hệ")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect
        from django.template.response import TemplateResponse

        from cms import services
        from cms.forms import ContactForm
        from ocop.clients import client_address

        form = ContactForm(request.POST if request.method == "POST" else None)
        status = 200
        if request.method == "POST":
            status = 400
            if form.is_valid():
                if form.is_from_a_bot():  # answered as if sent; nothing goes out
                    return redirect(self.url + SENT_QUERY)
                data = {**form.cleaned_data, "topic_label": form.topic_label()}
                try:
                    services.send_contact_message(data, client_address(request), self.get_site())
                except services.TooManyMessages as refused:
                    form.add_error(None, str(refused))
                    status = 429
                except services.ContactRefused as refused:
                    form.add_error(None, str(refused))
                    status = 503
                else:
                    return redirect(self.url + SENT_QUERY)
        context = self.get_context(request, *args, **kwargs)
        context.update(form=form, sent=request.GET.get("da-gui") == "1")
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        response["Cache-Control"] = "private, no-store"
        return response


SENT_QUERY = "?da-gui=1"


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
