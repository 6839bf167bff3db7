"""From pages to search documents: what is searched and which facet values a page has.

Vietnamese pages only (cms.i18n.originals): an English copy is never a second result.

Set-based: a batch of pages loads in a constant number of queries, whatever its size.
The visibility rule is the catalogue's (``catalog.rules``): a product is a document
while its page is live and its current certificate (≥ 3★) has not expired nor been
revoked; ``visible_from``/``visible_until`` carry the certificate's window so that
queries apply the rule on the day they run.
"""

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.utils.html import strip_tags

from catalog import places, rules
from catalog.models import ProductImage, ProductPage
from catalog.models.products import today as local_today
from cms.i18n import originals
from search.models import DocumentKind, SearchDocument
from search.text import fold, lower
from tours.models import CraftVillagePage, TourPage


def visibility_window(certification):
    """(first day, last day) a certificate lets its product be listed, or None if never."""
    if certification is None or certification.stars < rules.MIN_CERTIFIED_STARS:
        return None
    until = certification.valid_until
    if certification.revoked_on is not None:
        until = min(until, certification.revoked_on - timedelta(days=1))
    if until < certification.decision_date:
        return None
    return certification.decision_date, until


def _joined(*parts):
    """' word word … ' from text parts: folded, single-spaced, space at both ends."""
    return " " + " ".join(filter(None, (fold(part) for part in parts if part))) + " "


def _province_name(code):
    province = places.province_by_code(code) if code else None
    return province.name if province else ""


class _VillageDirectory:
    """Live villages, to name the village(s) of a producer and of a tour."""

    def __init__(self):
        self.villages = list(
            originals(CraftVillagePage.objects.live())
            .public()
            .prefetch_related("producers")
            .only("pk", "title", "craft", "ward_code", "include_ward_producers", "province_code")
        )
        self.by_producer, self.by_ward = {}, {}
        for village in self.villages:
            for producer in village.producers.all():
                self.by_producer.setdefault(producer.pk, []).append(village)
            if village.include_ward_producers and village.ward_code:
                self.by_ward.setdefault(village.ward_code, []).append(village)

    def of_producer(self, producer):
        found = list(self.by_producer.get(producer.pk, []))
        for village in self.by_ward.get(producer.ward_code, []) if producer.ward_code else []:
            if village not in found:
                found.append(village)
        return found


def product_documents(page_ids=None, on=None):
    """Documents of the product pages (all, or ``page_ids``) listable on or after ``on``."""
    on = on or local_today()
    first_image = (
        ProductImage.objects.filter(page=OuterRef("pk"))
        .order_by("sort_order", "pk")
        .values("image_id")[:1]
    )
    pages = (
        originals(ProductPage.objects.live())
        .select_related(
            "product__producer", "product__product_set__category", "product__current_certification"
        )
        .with_min_price()
        .annotate(first_image=Subquery(first_image))
        .filter(product__current_certification__valid_until__gte=on)
        .order_by("pk")
    )
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    villages = _VillageDirectory()
    documents = []
    for page in pages:
        product = page.product
        window = visibility_window(product.current_certification)
        if window is None or window[1] < on:
            continue
        producer = product.producer
        product_set = product.product_set
        category = product_set.category if product_set else None
        producer_villages = villages.of_producer(producer)
        documents.append(
            SearchDocument(
                page_id=page.pk,
                kind=DocumentKind.PRODUCT,
                title=page.title,
                title_lower=lower(page.title),
                title_folded=fold(page.title),
                text_folded=_joined(
                    page.title,
                    product.name if product.name != page.title else "",
                    producer.name,
                    *(village.title for village in producer_villages),
                    _province_name(producer.province_code),
                    product_set.name if product_set else "",
                    category.name if category else "",
                    page.summary,
                    strip_tags(str(page.description or "")),
                ),
                url=page.get_url() or page.url_path,
                product_id=product.pk,
                producer=producer.name,
                province_code=producer.province_code,
                category=category.slug if category else "",
                product_set=product_set.number if product_set else None,
                stars=product.current_certification.stars,
                min_price=page.min_price,
                image_id=page.first_image,
                published_at=page.first_published_at,
                visible_from=window[0],
                visible_until=window[1],
            )
        )
    return documents


def village_documents(page_ids=None):
    pages = originals(CraftVillagePage.objects.live()).public().order_by("pk")
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    return [
        SearchDocument(
            page_id=page.pk,
            kind=DocumentKind.VILLAGE,
            title=page.title,
            title_lower=lower(page.title),
            title_folded=fold(page.title),
            text_folded=_joined(
                page.title, page.craft, _province_name(page.province_code), page.summary
            ),
            url=page.get_url() or page.url_path,
            province_code=page.province_code,
            image_id=page.hero_image_id,
            published_at=page.first_published_at,
        )
        for page in pages
    ]


def tour_documents(page_ids=None):
    pages = (
        originals(TourPage.objects.live())
        .public()
        .select_related("operator")
        .prefetch_related("villages")
        .order_by("pk")
    )
    if page_ids is not None:
        pages = pages.filter(pk__in=page_ids)
    documents = []
    for page in pages:
        villages = [village for village in page.villages.all() if village.live]
        province_code = next(
            (v.province_code for v in villages if v.province_code), page.operator.province_code
        )
        documents.append(
            SearchDocument(
                page_id=page.pk,
                kind=DocumentKind.TOUR,
                title=page.title,
                title_lower=lower(page.title),
                title_folded=fold(page.title),
                text_folded=_joined(
                    page.title,
                    page.operator.name,
                    *(village.title for village in villages),
                    *(village.craft for village in villages),
                    _province_name(province_code),
                    page.summary,
                ),
                url=page.get_url() or page.url_path,
                producer=page.operator.name,
                province_code=province_code,
                min_price=page.price_adult,
                image_id=page.hero_image_id,
                published_at=page.first_published_at,
            )
        )
    return documents


def all_documents(page_ids=None, on=None):
    """Every document (or those of ``page_ids``) the index should hold now."""
    return [
        *product_documents(page_ids, on),
        *village_documents(page_ids),
        *tour_documents(page_ids),
    ]
