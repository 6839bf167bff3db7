"""Wagtail's image tags (``image``, ``srcset_image``, ``picture``, ``image_url``), with
two costs taken out of every render; templates load this library instead of
``wagtailimages_tags``.

- Wagtail builds new ``Filter`` objects for a tag on every render, and each one parses
  its spec again (through ``inspect``, per operation): about a quarter of a catalogue
  page's rendering time, for the 24 cards' six renditions each. Here a tag's filters are
  built once, when the template is compiled; a ``Filter`` holds nothing of an image.
- Renditions that came with the page's own query (``cms.images.renditions_prefetch``)
  are not written back to the cache on each render (see ``cms.images``); ``image``
  looks its one rendition up the way ``picture`` does, which respects that.
"""

from django import template
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


class FiltersOnce:
    """A Wagtail image node whose filters are parsed once, on first render."""

    def get_filter(self):
        try:
            return self._filter
        except AttributeError:
            self._filter = super().get_filter()
            return self._filter

    def get_filters(self):
        try:
            return self._filters
        except AttributeError:
            self._filters = super().get_filters()
            return self._filters


class ImageNode(FiltersOnce, wagtail_tags.ImageNode):
    def render(self, context):
        image = self.validate_image(context)
        if not image:
            return ""
        # Wagtail's multiple-rendition lookup: it leaves prefetched renditions in
        # memory, where its single one writes each to the cache.
        (rendition,) = get_renditions_or_not_found(image, [self.get_filter()]).values()
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag({key: value.resolve(context) for key, value in self.attrs.items()})


class SrcsetImageNode(FiltersOnce, wagtail_tags.SrcsetImageNode):
    pass


class PictureNode(FiltersOnce, wagtail_tags.PictureNode):
    pass


NODES = {"image": ImageNode, "srcset_image": SrcsetImageNode, "picture": PictureNode}


def image(parser, token):
    """Wagtail's parsing (and its errors), then the same node built on ``FiltersOnce``."""
    node = wagtail_tags.image(parser, token)
    ours = NODES[token.split_contents()[0]]
    return ours(
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
register.simple_tag(wagtail_tags.image_url, name="image_url")
