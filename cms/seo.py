"""What search engines and link previews read from a page: description, canonical
address, preview image, and schema.org data written as JSON-LD.

Every absolute address starts with the site's configured address (ocop.pages.site_url).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ocop.pages import absolute_url

DESCRIPTION_LENGTH = 160
# The fields a page's description falls back to, in order, when it has no search description.
DESCRIPTION_FIELDS = ("search_description", "summary", "introduction", "hero_text")
# The image fields a page's preview picture is taken from, in order.
IMAGE_FIELDS = ("hero_image", "image")


def description(page):
    """The page's meta description: its search description, else its summary or intro."""
    for name in DESCRIPTION_FIELDS:
        text = strip_tags(str(getattr(page, name, "") or "")).strip()
        if text:
            return Truncator(" ".join(text.split())).chars(DESCRIPTION_LENGTH)
    return ""


def canonical_url(request):
    """The address of what is shown, without the query string (filters, sorting, pages)."""
    return absolute_url(request.path)


def preview_image(page, gallery=None):
    """The picture a link preview shows: the first gallery photo, else the page's own image."""
    if gallery:
        return gallery[0].image
    for name in IMAGE_FIELDS:
        image = getattr(page, name, None)
        if image is not None:
            return image
    return None


def json_ld(data):
    """``data`` as the body of a ``<script type="application/ld+json">`` element.

    Escaped like Django's ``json_script``: ``<``, ``>`` and ``&`` become ``\\u003C``...
    so no text inside (a product name, a producer's) can close the element.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))
