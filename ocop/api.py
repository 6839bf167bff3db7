"""Wagtail API v2 router: pages, images, documents and products at /api/v2/."""

from django.db.models import QuerySet
from wagtail.api.v2 import views as wagtail_views
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2 import views as document_views
from wagtail.images.api.v2 import views as image_views

from catalog.api import ProductsAPIViewSet
from cms import i18n

from .api_json import CompactJSON
from .api_pagination import BoundedPagination


def load_for_api(model, keys):
    """The pages ``keys`` of ``model``, in that order, with what their API fields read.

    A page queryset with a ``for_api()`` method names its joins and prefetches there;
    every page gets its locale joined (a meta field of each item). Translations get
    their Vietnamese pages, loaded the same way in one more query (what a copy shares
    with its page, a product's price, is read from it: cms.i18n).
    """
    loaded = model.objects.select_related("locale")
    if hasattr(loaded, "for_api"):
        loaded = loaded.for_api()
    rows = loaded.filter(pk__in=keys).in_bulk()
    return i18n.with_originals([rows[key] for key in keys if key in rows], loaded)


class PagesAPIViewSet(CompactJSON, wagtail_views.PagesAPIViewSet):
    """/api/v2/pages/ whose listing and detail run the same queries whatever the count.

    Wagtail's endpoint serializes each page from its bare row, so every related
    object an API field reads costs one query per item: reload the page of results
    (and the detail) through ``load_for_api`` instead.
    """

    pagination_class = BoundedPagination

    def paginate_queryset(self, queryset):
        items = super().paginate_queryset(queryset)
        if isinstance(items, QuerySet):
            model, keys = items.model, list(items.values_list("pk", flat=True))
        else:  # search results: already loaded, in the backend's order
            items = list(items)
            if not items:
                return items
            model, keys = type(items[0]), [item.pk for item in items]
        return load_for_api(model, keys)

    def get_object(self):
        page = super(wagtail_views.PagesAPIViewSet, self).get_object()
        model = page.specific_class
        if model is None:  # its model's code is gone: Wagtail's own fallback
            return page.specific
        return load_for_api(model, [page.pk])[0]


class ImagesAPIViewSet(CompactJSON, image_views.ImagesAPIViewSet):
    pagination_class = BoundedPagination


class DocumentsAPIViewSet(CompactJSON, document_views.DocumentsAPIViewSet):
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("products", ProductsAPIViewSet)
