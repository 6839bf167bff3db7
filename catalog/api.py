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
from ocop.api_json import CompactJSON
from ocop.api_pagination import BoundedPagination
from ocop.pages import api_public_pages, api_site_roots, restrictions_hiding_pages_from

FILTER_PARAMETERS = ("category", "product_set", "stars", "province", "producer")
# A list asking no more than these is read from the sale listing alone.
SALE_LISTING_PARAMETERS = {"limit", "offset", "fields", "site", "format", "_", *FILTER_PARAMETERS}


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


class ProductsAPIViewSet(CompactJSON, PagesAPIViewSet):
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
            self._base_queryset = self.about_the_site(api_public_pages)
        return self._base_queryset

    def about_the_site(self, read):
        try:
            return read(self.request)
        except ValueError as error:  # a bad ?site=
            raise BadRequestError(str(error)) from error

    def get_queryset(self):
        if self.action != "listing_view":
            visible = self.get_base_queryset().values("pk")
            return ProductPage.objects.filter(pk__in=visible).with_shop_data()
        # Narrow rows: the page's rows get their joins in paginate_queryset.
        pages = ProductPage.objects.filter(pk__in=self.sale_rows().values("page_id"))
        if "search" in self.request.GET:
            # A search backend filters on indexed fields only, not on related ones:
            # give it the listed pages by primary key (slower, so for searches only).
            pages = ProductPage.objects.filter(pk__in=pages.values("pk"))
        if not self.every_listed_page_public():
            pages = pages.filter(pk__in=self.get_base_queryset().values("pk"))
        # In the order the pages were created (their primary key), which PostgreSQL
        # reads along the sale listing's and the pages' primary keys (merge joins, as
        # far as the offset); Wagtail's tree order (path) hash-joined every listed
        # page and sorted them for each request (50-90 ms at 10,000 products).
        return pages.order_by("pk")

    def filter_queryset(self, queryset):
        """A list with no more than the catalogue's filters is the sale listing's rows,
        in the same order (a row's key is its page's): one narrow table read along its
        primary key, where the pages' list joined three tables as far as the offset."""
        if (
            self.action == "listing_view"
            and set(self.request.GET) <= SALE_LISTING_PARAMETERS
            and self.every_listed_page_public()
        ):
            return self.sale_rows().order_by("page")
        return super().filter_queryset(queryset)

    def sale_rows(self):
        """The sale listing's rows on sale today, narrowed by the catalogue's filters."""
        if not hasattr(self, "_sale_rows"):
            self._sale_rows = self.filter_by_catalogue(sale_listing.on_sale()).order_by()
        return self._sale_rows

    def every_listed_page_public(self):
        """Whether Wagtail's visibility rule (``api_public_pages``) passes every page of
        the sale listing for this request, so that the list need not join it: the
        listing holds live pages only (its ``live`` copy is exact), no view restriction
        hides a page from this request, and every listed page lies under the site's
        root or one of its translations."""
        if not hasattr(self, "_every_listed_page_public"):
            self._every_listed_page_public = not restrictions_hiding_pages_from(
                self.request
            ) and sale_listing.all_under(self.about_the_site(api_site_roots))
        return self._every_listed_page_public

    def paginate_queryset(self, queryset):
        """Deferred join: slice primary keys, then load the shop data of that slice only."""
        page = super().paginate_queryset(queryset)
        if isinstance(page, QuerySet):
            keys = list(page.values_list("pk", flat=True))
        else:  # search results
            keys = [item.pk for item in page]
        rows = ProductPage.objects.filter(pk__in=keys).with_shop_data().in_bulk()
        return [rows[key] for key in keys if key in rows]  # (a page deleted meanwhile)

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
