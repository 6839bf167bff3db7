from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh (cho người khiếm thị)"), max_length=200, required=False
    )
    caption = blocks.CharBlock(label=_("Chú thích"), max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/image_with_caption.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói"), required=False)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"


class LinkValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        return page.url if page else self.get("url")


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an outside address."""

    label = blocks.CharBlock(label=_("Nhãn"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Trang"), required=False)
    url = blocks.URLBlock(label=_("Địa chỉ ngoài"), required=False)

    class Meta:
        icon = "link"
        value_class = LinkValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Chọn một trang hoặc nhập một địa chỉ."))}
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Tiêu đề"), form_classname="title", template="cms/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4", "hr"],
    )
    image = ImageWithCaptionBlock(label=_("Ảnh"))
    quote = QuoteBlock(label=_("Trích dẫn"))
    embed = blocks.URLBlock(
        label=_("Video (YouTube)"), required=False, template="cms/blocks/embed.html"
    )


class OcopStarsBlock(blocks.StaticBlock):
    """The star bands, who certifies each and how long a certificate lasts, written
    from catalog.rules: the page never drifts from the rules the catalogue applies."""

    class Meta:
        icon = "pick"
        label = _("Bảng hạng sao OCOP (theo quy định)")
        admin_text = _("Bảng điểm, hạng sao và cấp công nhận, lấy từ quy định trong hệ thống.")
        template = "cms/blocks/ocop_stars.html"

    def get_context(self, value, parent_context=None):
        from catalog import rules
        from catalog.models import CertificationLevel

        context = super().get_context(value, parent_context)
        bands, upper = [], rules.MAX_SCORE
        for stars, lowest in rules.STAR_BANDS:
            certified = stars >= rules.MIN_CERTIFIED_STARS
            level = CertificationLevel(rules.certifying_level(stars)).label if certified else None
            bands.append(
                {"stars": stars, "lowest": lowest, "upper": upper, "top": upper == rules.MAX_SCORE,
                 "certified": certified, "level": level}
            )  # fmt: skip
            upper = lowest
        context.update(
            bands=bands,
            validity_months=rules.VALIDITY_MONTHS,
            renewal_days=rules.RENEWAL_WINDOW_DAYS,
            min_stars=rules.MIN_CERTIFIED_STARS,
        )
        return context


class DeliveryTermsBlock(blocks.StaticBlock):
    """The delivery fee and free-delivery threshold as the checkout charges them
    (marketplace DeliverySettings)."""

    class Meta:
        icon = "list-ul"
        label = _("Phí giao hàng hiện hành")
        admin_text = _("Phí giao hàng mặc định và mức miễn phí, lấy từ cài đặt giao hàng.")
        template = "cms/blocks/delivery_terms.html"

    def get_context(self, value, parent_context=None):
        from marketplace.models import DeliverySettings

        context = super().get_context(value, parent_context)
        context["delivery"] = DeliverySettings.load()
        return context


class PageBodyBlock(BodyBlock):
    """A content page's blocks: the common ones plus the facts kept by the system."""

    ocop_stars = OcopStarsBlock()
    delivery_terms = DeliveryTermsBlock()
