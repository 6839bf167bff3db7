from django import template
from wagtail.images.models import SourceImageIOError

from cms import seo
from cms.images import rendition as find_rendition
from ocop.pages import absolute_url

register = template.Library()

# Open Graph previews: the gallery's large JPEG (already loaded on product pages).
PREVIEW_SPEC = "fill-960x720|format-jpeg"


@register.simple_tag(takes_context=True)
def meta_description(context):
    page = context.get("page")
    return seo.description(page) if page is not None else ""


@register.simple_tag(takes_context=True)
def page_title(context):
    page = context.get("page")
    if page is None:
        return ""
    return getattr(page, "seo_title", "") or page.title


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    return seo.canonical_url(request) if request is not None else ""


@register.simple_tag(takes_context=True)
def preview_image(context):
    """(absolute URL, width, height) of the page's preview picture, or None."""
    page = context.get("page")
    image = seo.preview_image(page, context.get("gallery")) if page is not None else None
    if image is None:
        return None
    try:
        rendition = find_rendition(image, PREVIEW_SPEC)
    except SourceImageIOError:
        return None
    return absolute_url(rendition.url), rendition.width, rendition.height


@register.filter
def json_ld(data):
    return seo.json_ld(data)
