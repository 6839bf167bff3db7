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
