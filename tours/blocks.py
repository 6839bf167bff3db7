from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ItineraryStepBlock(blocks.StructBlock):
    """One stop of the day: when, what, and optionally a picture."""

    time = blocks.CharBlock(
        label=_("Thời gian"), max_length=40, required=False, help_text=_("Ví dụ: 08:30")
    )
    title = blocks.CharBlock(label=_("Hoạt động"), max_length=150)
    description = blocks.TextBlock(label=_("Mô tả"), required=False)
    image = ImageChooserBlock(label=_("Ảnh"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh (cho người khiếm thị)"), max_length=200, required=False
    )

    class Meta:
        icon = "time"
        template = "tours/blocks/itinerary_step.html"


class ItineraryBlock(blocks.StreamBlock):
    step = ItineraryStepBlock(label=_("Chặng"))
    note = blocks.RichTextBlock(label=_("Ghi chú"), features=["bold", "italic", "link", "ul"])
