"""Responsive picture specs shared by templates and the queries that prefetch renditions.

Templates write the same spec literally in ``{% picture image SPEC ... %}``; lists load
the renditions of every expanded spec in one query (``renditions_prefetch``), so a card
never costs a query of its own. WebP for browsers that take it, JPEG as the fallback.
"""

from django.db.models import Prefetch
from django.db.models.query import ModelIterable
from wagtail.images import get_image_model
from wagtail.images.models import Filter

CARD_PICTURE = "format-{webp,jpeg} fill-{320x240,480x360,960x720}"
WIDE_PICTURE = "format-{webp,jpeg} fill-{640x360,1280x720,1920x1080}"


def specs(picture):
    return Filter.expand_spec(picture)


class KeptOutOfTheCache(ModelIterable):
    """Renditions loaded with a page's own query. Wagtail writes every rendition it
    looks up back to the cache unless it came from there (its ``_from_cache`` flag):
    for prefetched ones that is a cache write per rendition on every render (six per
    product card) of something the next render prefetches again."""

    def __iter__(self):
        for rendition in super().__iter__():
            rendition._from_cache = True
            yield rendition


def renditions_prefetch(lookup, *pictures):
    """A Prefetch of ``lookup`` (a path to images' renditions) for the given picture specs."""
    wanted = [spec for picture in pictures for spec in specs(picture)]
    queryset = get_image_model().get_rendition_model().objects.filter(filter_spec__in=wanted)
    queryset._iterable_class = KeptOutOfTheCache
    return Prefetch(lookup, queryset=queryset)


def rendition(image, spec):
    """``image.get_rendition(spec)``, minus the cache write for a prefetched rendition
    (Wagtail's single-rendition lookup writes even those; its multiple one does not)."""
    (found,) = image.get_renditions(spec).values()
    return found
