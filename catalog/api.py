"""The ``products`` endpoint of the Wagtail API v2 (/api/v2/products/).

The listing holds purchasable products only (the catalogue's one visibility rule) and
accepts the catalogue's filters; the detail works for any live product page, with its
certificate status, so that an expired or revoked product still explains itself.
"""

from django.db.models import QuerySet
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from catalog import listing, sale_listing
from catalog.models import ProductPage
from ocop import page_cache
from ocop.api_pagination import BoundedPagination
from ocop.pages import api_public_pages

FILTER_PARAMETERS = ("category", "product_set", "stars", "province", "producer")


class CountOnce:
    """A list of products whose count comes from the cache (``listing.cached_count``):
    paging through a list counts it once per filters and day, as the catalogue does."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return listing.cached_count(self.queryset)

    def __getitem__(self, item):
        return self.queryset[item]


class CatalogPagination(BoundedPagination):
    def paginate_queryset(self, queryset, request, view=None):
        if isinstance(queryset, QuerySet):
            queryset = CountOnce(queryset)
        return super().paginate_queryset(queryset, request, view)


class ProductsAPIViewSet(PagesAPIViewSet):
    name = "products"
    pagination_class = CatalogPagination
    model = ProductPage
    # Look pages up by Page.id, not by the page_ptr key: an out-of-range id in the
    # URL is then a plain 404 (Django's integer lookups check the range).
    lookup_field = "id"
    lookup_url_kwarg = "pk"
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FILTER_PARAMETERS)
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "url",
        "producer_name",
        "product_set_number",
        "province_code",
        "province_name",
        "stars",
        "score",
        "certificate_number",
        "certificate_status",
        "valid_until",
        "min_price",
        "in_stock",
    ]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return page_cache.cacheable(response)

    def get_base_queryset(self):
        """Wagtail's, built once per request (it is asked for the list and again for the
        serializers), its two lookups from the shared cache (``ocop.pages``)."""
        if not hasattr(self, "_base_queryset"):
            try:
                self._base_queryset = api_public_pages(self.request)
            except ValueError as error:  # a bad ?site=
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def get_queryset(self):
        visible = self.get_base_queryset().values("pk")
        if self.action == "listing_view":
            # Narrow rows: the page's rows get their joins in paginate_queryset.
            on_sale = self.filter_by_catalogue(sale_listing.on_sale()).order_by()
            pages = ProductPage.objects.filter(pk__in=on_sale.values("page_id"))
            if "search" in self.request.GET:
                # A search backend filters on indexed fields only, not on related ones:
                # give it the listed pages by primary key (slower, so for searches only).
                pages = ProductPage.objects.filter(pk__in=pages.values("pk"))
            # In the order the pages were created (their primary key), which PostgreSQL
            # reads along the sale listing's and the pages' primary keys (merge joins, as
            # far as the offset); Wagtail's tree order (path) hash-joined every listed
            # page and sorted them for each request (50-90 ms at 10,000 products).
            return pages.filter(pk__in=visible).order_by("pk")
        return ProductPage.objects.filter(pk__in=visible).with_shop_data()

    def paginate_queryset(self, queryset):
        """Deferred join: slice primary keys, then load the shop data of that slice only."""
        page = super().paginate_queryset(queryset)
        if isinstance(page, QuerySet):
            keys = list(page.values_list("pk", flat=True))
        else:  # search results
            keys = [item.pk for item in page]
        rows = ProductPage.objects.filter(pk__in=keys).with_shop_data().in_bulk()
        return [rows[key] for key in keys]

    def filter_by_catalogue(self, rows):
        parameters = {
            name: self.request.GET[name] for name in FILTER_PARAMETERS if name in self.request.GET
        }
        if not parameters:
            return rows
        form = listing.ProductFilterForm(parameters)
        if not form.is_valid():
            errors = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in form.errors.items())
            raise BadRequestError(f"filter error: {errors}")
        filters = form.filters
        filters.pop("sort", None)
        return sale_listing.filtered(rows, filters)
