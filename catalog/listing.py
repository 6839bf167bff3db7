"""Read side of the public catalogue: filters, sorting, pagination and page contexts.

Every listing starts from ``ProductPage.objects.purchasable()`` (the one visibility
rule) and loads what a product card shows in a constant number of queries.
"""

import hashlib

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog import places, sale_listing, seo
from catalog.models import (
    CatalogIndexPage,
    Producer,
    Product,
    ProductImage,
    ProductPage,
)
from catalog.models.page_queries import product_sets_by_id, with_stock
from catalog.models.products import today
from catalog.page_cache import product_tag
from cms import i18n
from cms.images import CARD_PICTURE, renditions_prefetch
from ocop import page_cache
from ocop.widgets import QuickSelect

# Rendition specs the templates use; prefetched with the images that need them.
# Cards: CARD_PICTURE (cms.images), a <picture> of WebP and JPEG renditions.
# The product page's main photo (<picture>, WebP + JPEG); GALLERY_IMAGE is its large JPEG,
# linked from the thumbnails and named in the structured data and link previews.
GALLERY_PICTURE = "fill-{480x360,960x720} format-{webp,jpeg}"
GALLERY_IMAGE = "fill-960x720|format-jpeg"
THUMBNAIL_IMAGE = "fill-160x120"
PER_PAGE = 24

# Every sort ends on the primary key so that pages never repeat or skip a product.
SORTS = {
    "newest": (_("Mới nhất"), (F("first_published_at").desc(nulls_last=True), "-pk")),
    "price": (_("Giá thấp đến cao"), (F("min_price").asc(nulls_last=True), "pk")),
    "-price": (_("Giá cao đến thấp"), (F("min_price").desc(nulls_last=True), "pk")),
    "stars": (_("Nhiều sao nhất"), ("-product__current_certification__stars", "title", "pk")),
    "name": (_("Tên A–Z"), ("title", "pk")),
}
DEFAULT_SORT = "newest"
CERTIFIED_STARS = (3, 4, 5)


class ProductFilterForm(forms.Form):
    """GET filters of the catalogue. Invalid values are reported and ignored."""

    category = forms.ChoiceField(label=_("Ngành"), required=False, widget=QuickSelect)
    product_set = forms.TypedChoiceField(
        label=_("Bộ sản phẩm"), coerce=int, required=False, empty_value=None, widget=QuickSelect
    )
    stars = forms.TypedChoiceField(
        label=_("Hạng sao"),
        choices=[("", _("Mọi hạng sao")), *[(stars, stars) for stars in CERTIFIED_STARS]],
        coerce=int,
        required=False,
        empty_value=None,
        widget=QuickSelect,
    )
    province = forms.TypedChoiceField(
        label=_("Tỉnh/thành phố"),
        choices=[("", _("Cả nước"))],
        coerce=int,
        required=False,
        empty_value=None,
        widget=QuickSelect,
    )
    producer = forms.CharField(label=_("Chủ thể"), max_length=100, required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        choices=[(key, label) for key, (label, _ordering) in SORTS.items()],
        required=False,
        widget=QuickSelect,
    )

    def __init__(self, *args, fixed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_taxonomy_choices()
        self.fields["stars"].choices = [
            ("", _("Mọi hạng sao")),
            *[
                (stars, ngettext("%(stars)s sao", "%(stars)s sao", stars) % {"stars": stars})
                for stars in CERTIFIED_STARS
            ],
        ]
        self.fields["province"].choices = [("", _("Cả nước")), *places.province_choices()]
        for name in fixed:  # filters a landing page sets itself
            del self.fields[name]

    def set_taxonomy_choices(self):
        """Categories and product sets (grouped by category), from the cached sets."""
        by_category = {}
        product_sets = product_sets_by_id().values()
        for product_set in sorted(product_sets, key=lambda s: (s.category.sort_order, s.number)):
            by_category.setdefault(product_set.category, []).append(product_set)
        self.fields["category"].choices = [
            ("", _("Tất cả ngành")),
            *[(category.slug, category.display_name) for category in by_category],
        ]
        self.fields["product_set"].choices = [
            ("", _("Tất cả bộ sản phẩm")),
            *[
                (
                    category.display_name,
                    [(item.number, f"{item.number}. {item.display_name}") for item in sets],
                )
                for category, sets in by_category.items()
            ],
        ]

    @property
    def filters(self):
        """The valid filters only: a bad value in one field does not drop the others."""
        self.is_valid()
        self.describe_errors()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def describe_errors(self):
        """Point each field in error at its message (the list the template renders)."""
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_errors"


def with_card_data(pages):
    """Everything a product card shows: joins, price and stock, and its first photo with
    the card's renditions (``card_pictures``: the rest of the gallery is not loaded)."""
    first_photo = (
        ProductImage.objects.filter(page=OuterRef("page"))
        .order_by("sort_order", "pk")
        .values("pk")[:1]
    )
    photos = (
        ProductImage.objects.filter(pk=Subquery(first_photo))
        .select_related("image")
        .prefetch_related(renditions_prefetch("image__renditions", CARD_PICTURE))
    )
    return pages.with_shop_data().prefetch_related(
        Prefetch("gallery_images", queryset=photos, to_attr="card_pictures")
    )


def cached_count(queryset):
    """``queryset.count()`` once per query and day until the content changes (kept in
    the cache under the ``content`` version: ocop.page_cache.shared)."""
    query = str(queryset.query)
    key = hashlib.sha256(f"{today()}\n{query}".encode()).hexdigest()
    return page_cache.shared(f"count:{key}", queryset.count)


class CachedCountPaginator(Paginator):
    """Counts once per list, filters and day until the content changes."""

    @cached_property
    def count(self):
        return cached_count(self.object_list)


def cards_in(pages, locale_id):
    """Product cards (Vietnamese pages, loaded ``with_card_data``) read in ``locale_id``:
    each replaced by its live copy in that language where there is one, in one query.
    The copy shows its own title and URL, and its original's product, price, stock and
    photo (already loaded with the original)."""
    return i18n.shown_in(pages, locale_id, ProductPage.objects.select_related("locale"))


def paginate(request, rows, index, per_page=PER_PAGE):
    """A page of product cards from sorted sale-listing ``rows``, in the language of the
    catalogue ``index``; a bad or out-of-range ``?page=`` gives the nearest page.

    The list, its count and its slice read the narrow sale listing alone (one table,
    indexed for each sort); the 24 card rows are then loaded by primary key.
    """
    keys = rows.values_list("page_id", flat=True)
    page = CachedCountPaginator(keys, per_page).get_page(request.GET.get("page"))
    keys = list(page.object_list)
    cards = with_card_data(ProductPage.objects.filter(pk__in=keys)).in_bulk()
    page.object_list = cards_in([cards[key] for key in keys if key in cards], index.locale_id)
    return page


def provinces_url(index, request):
    return index.get_url(request) + index.reverse_subpage("provinces")


def catalogue_context(index, request):
    form = ProductFilterForm(request.GET or None)
    filters = form.filters if form.is_bound else {}
    return {
        "provinces_url": provinces_url(index, request),
        "filter_form": form,
        "filters_active": any(name != "sort" for name in filters),
        "products": paginate(
            request, sale_listing.filtered(sale_listing.on_sale(), filters), index
        ),
    }


def producer_context(index, request, slug):
    producer = Producer.objects.filter(slug=slug).first()
    if producer is None:
        raise Http404("unknown producer")
    rows = sale_listing.on_sale().filter(producer=producer)
    return {
        "producer": producer,
        "products": paginate(request, sale_listing.filtered(rows, {"sort": "name"}), index),
    }


def provinces_context(index, request):
    counts = dict(
        sale_listing.on_sale().order_by().values_list("province_code").annotate(total=Count("page"))
    )
    return {
        "provinces": [
            (province, index.province_url(province, request), counts.get(province.code.value, 0))
            for province in places.provinces()
        ],
    }


def province_context(index, request, province):
    form = ProductFilterForm(request.GET or None, fixed=["province"])
    filters = form.filters if form.is_bound else {}
    rows = sale_listing.on_sale().filter(province_code=province.code.value)
    return {
        "province": province,
        "provinces_url": provinces_url(index, request),
        "filter_form": form,
        "filters_active": any(name != "sort" for name in filters),
        "products": paginate(request, sale_listing.filtered(rows, filters), index),
    }


def product_detail_context(page, request):
    """What the product page shows, in a fixed number of queries.

    When the catalogue routed the request, the product and its parent come with the page.
    An English copy shows its text with its Vietnamese page's product, variants, stock,
    photos and standards (docs/i18n.md): two more queries.
    """
    original = page.original
    if original.product_id is None or (original is not page and not original.live):
        # A copy whose Vietnamese page is gone or unpublished: the product is withdrawn.
        raise Http404("no product")
    if not ProductPage.product.is_cached(original):
        original.product = Product.objects.select_related(
            "producer", "product_set__category", "current_certification"
        ).get(pk=original.product_id)
    product = original.product
    # Before the stock is read: a movement after this makes the cached page stale (the
    # English copy depends on the same product's tag).
    page_cache.depends_on(request, product_tag(product.pk))
    certification = product.current_certification
    gallery = (
        original.gallery_images.order_by("sort_order", "pk")
        .select_related("image")
        .prefetch_related(
            renditions_prefetch("image__renditions", GALLERY_PICTURE, THUMBNAIL_IMAGE)
        )
    )
    variants = with_stock(original.variants.filter(is_active=True).order_by("sort_order", "pk"))
    parent = page.get_parent() if page.pk else None
    index = parent.specific if parent else None
    if not isinstance(index, CatalogIndexPage):
        index = None
    gallery = list(gallery)
    if original is not page:
        for picture in gallery:  # Vietnamese words; the English title stands in (in memory)
            picture.alt_text = picture.caption = ""
    purchasable = page.is_purchasable()
    return {
        "product": product,
        "producer": product.producer,
        "certification": certification,
        "status": certification.status() if certification else None,
        "not_sellable": product.not_sellable_reason(),
        "purchasable": purchasable,
        "variants": variants,
        "default_variant": next((v for v in variants if v.stock > 0), None),
        "gallery": gallery,
        "structured_data": seo.product_data(
            page,
            product=product,
            variants=variants,
            gallery=gallery,
            purchasable=purchasable,
            image_spec=GALLERY_IMAGE,
            request=request,
        ),
        "standards": list(original.quality_standards.all()),
        "catalogue": index,
        "producer_url": index.producer_url(product.producer, request) if index else None,
    }


def trace_context(trace_code):
    """The public trace page of a product: live status, history, producer and origin."""
    product = (
        Product.objects.select_related("producer", "product_set", "current_certification")
        .filter(trace_code=trace_code)
        .first()
    )
    if product is None:
        raise Http404("unknown trace code")
    certification = product.current_certification
    return {
        "product": product,
        "producer": product.producer,
        "certification": certification,
        "status": certification.status() if certification else None,
        "not_sellable": product.not_sellable_reason(),
        "history": list(product.certifications.all()),
        "product_page": ProductPage.objects.live().filter(product=product).first(),
    }
