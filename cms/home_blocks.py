"""The blocks editors arrange the home page with (``HomePage.body``).

Each block that lists shop content (products, villages, product sets, provinces)
loads it in a fixed number of queries in ``get_context`` (cms/home.py), renditions
included, whatever the number of cards.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cms import home, i18n
from cms.blocks import BodyBlock, LinkBlock


def from_page(parent_context, name, look_up):
    """``name`` from the page's context (HomePage.get_context), else looked up."""
    if parent_context and name in parent_context:
        return parent_context[name]
    return look_up()


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề lớn"), max_length=120)
    text = blocks.TextBlock(label=_("Lời giới thiệu"), required=False)
    image = ImageChooserBlock(label=_("Ảnh bìa"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Mô tả ảnh"),
        max_length=200,
        required=False,
        help_text=_("Để trống nếu ảnh chỉ để trang trí."),
    )
    buttons = blocks.ListBlock(LinkBlock(), label=_("Nút"), max_num=2, default=[])

    class Meta:
        icon = "image"
        label = _("Ảnh bìa lớn")
        template = "cms/blocks/hero.html"


class PromoBlock(blocks.StructBlock):
    """A featured event or promotion (a fair, a livestream, a season): shown from its
    start until its end; before the start it reads "from <date>"."""

    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    text = blocks.TextBlock(label=_("Nội dung"), required=False)
    image = ImageChooserBlock(label=_("Ảnh"), required=False)
    link = LinkBlock(label=_("Liên kết"))
    starts_at = blocks.DateTimeBlock(label=_("Bắt đầu"), required=False)
    ends_at = blocks.DateTimeBlock(
        label=_("Kết thúc"), required=False, help_text=_("Sau thời điểm này khối tự ẩn.")
    )

    class Meta:
        icon = "date"
        label = _("Sự kiện hoặc khuyến mãi nổi bật")
        template = "cms/blocks/promo.html"

    def clean(self, value):
        value = super().clean(value)
        starts_at, ends_at = value.get("starts_at"), value.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            raise blocks.StructBlockValidationError(
                block_errors={"ends_at": ValidationError(_("Kết thúc phải sau lúc bắt đầu."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        now = timezone.now()
        ends_at, starts_at = value.get("ends_at"), value.get("starts_at")
        context["ended"] = bool(ends_at and ends_at <= now)
        context["upcoming"] = bool(starts_at and starts_at > now)
        return context


class FeaturedProductsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    products = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="catalog.ProductPage"),
        label=_("Sản phẩm"),
        default=[],
        help_text=_("Để trống: các sản phẩm mới lên kệ. Sản phẩm không còn bán được tự ẩn."),
    )
    count = blocks.IntegerBlock(label=_("Số sản phẩm"), default=8, min_value=1, max_value=24)

    class Meta:
        icon = "pick"
        label = _("Sản phẩm nổi bật")
        template = "cms/blocks/featured_products.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        picked = [page.pk for page in value["products"] if page is not None]
        context["cards"] = home.product_cards(
            picked, value["count"], i18n.reading_locale_id(parent_context or {})
        )
        context["catalogue"] = from_page(parent_context, "catalogue", home.catalogue)
        return context


class FeaturedVillagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    villages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="tours.CraftVillagePage"),
        label=_("Làng nghề"),
        default=[],
        help_text=_("Để trống: mọi làng nghề đang hiển thị."),
    )
    count = blocks.IntegerBlock(label=_("Số làng nghề"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "home"
        label = _("Làng nghề nổi bật")
        template = "cms/blocks/featured_villages.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        picked = [page.pk for page in value["villages"] if page is not None]
        context["villages"] = home.village_cards(picked, value["count"])
        context["village_index"] = from_page(parent_context, "village_index", home.village_index)
        return context


class ProductSetsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)

    class Meta:
        icon = "list-ul"
        label = _("Mua theo bộ sản phẩm")
        template = "cms/blocks/product_sets.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["catalogue"] = catalogue = from_page(parent_context, "catalogue", home.catalogue)
        context["product_sets"] = home.product_sets_on_sale() if catalogue else []
        return context


class FeaturedToursBlock(blocks.StructBlock):
    """The next tours to book (each once, in the language being read)."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    count = blocks.IntegerBlock(label=_("Số tour"), default=3, min_value=1, max_value=12)

    class Meta:
        icon = "site"
        label = _("Tour làng nghề")
        template = "cms/blocks/featured_tours.html"


class ProvincesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)

    class Meta:
        icon = "site"
        label = _("Mua theo tỉnh/thành phố")
        template = "cms/blocks/provinces.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        catalogue = from_page(parent_context, "catalogue", home.catalogue)
        context["provinces"] = home.provinces_on_sale(catalogue, request) if catalogue else []
        context["catalogue"] = catalogue
        return context


class TrustItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tiêu đề"), max_length=80)
    text = blocks.TextBlock(label=_("Nội dung"))
    page = blocks.PageChooserBlock(label=_("Trang tìm hiểu thêm"), required=False)


class TrustStripBlock(blocks.StructBlock):
    """Why shoppers can trust a listing: what the OCOP stars mean, how to check a
    certificate, what happens if a parcel is wrong."""

    heading = blocks.CharBlock(label=_("Tiêu đề"), max_length=120)
    items = blocks.ListBlock(TrustItemBlock(), label=_("Mục"), min_num=1, max_num=4)

    class Meta:
        icon = "success"
        label = _("Dải cam kết (sao OCOP, kiểm tra chứng nhận)")
        template = "cms/blocks/trust_strip.html"


class HomeBlock(blocks.StreamBlock):
    hero = HeroBlock()
    promo = PromoBlock()
    featured_products = FeaturedProductsBlock()
    featured_villages = FeaturedVillagesBlock()
    featured_tours = FeaturedToursBlock()
    product_sets = ProductSetsBlock()
    provinces = ProvincesBlock()
    trust_strip = TrustStripBlock()
    # The content page's blocks too (heading, paragraph, image, quote, video).
    heading = copy.deepcopy(BodyBlock.base_blocks["heading"])
    paragraph = copy.deepcopy(BodyBlock.base_blocks["paragraph"])
    image = copy.deepcopy(BodyBlock.base_blocks["image"])
    quote = copy.deepcopy(BodyBlock.base_blocks["quote"])
    embed = copy.deepcopy(BodyBlock.base_blocks["embed"])
