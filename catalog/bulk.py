"""Fast creation of many products with live pages, for benchmarks (``load_demo --products N``).

Adding pages one by one through treebeard (``add_child``) costs a tree lock, a full
clean, search-index and reference-index updates per page: 13 ms per page measured on
SQLite, about 130 s for 10,000 pages before any certification, variant or image. This
path builds the same rows directly and in bulk (about 7 s for 10,000 products):

* producers, products, certifications, variants and gallery rows with ``bulk_create``
  (``valid_until`` computed with ``rules.valid_until`` since ``save()`` is bypassed);
* page rows with the treebeard paths computed here (the next free steps under the
  catalogue), then each ProductPage row with ``save_base(raw=True)`` as ``loaddata``
  does for multi-table children; the parent's ``numchild`` is bumped once;
* the search index in bulk (``add_bulk``) for producers and pages.

PostgreSQL's planner statistics are refreshed afterwards (ANALYZE). The pages have
no revisions, like pages created in code and never edited; the reference index is a
derived cache (``manage.py rebuild_references_index``).
Each call is idempotent: it tops the synthetic products up to ``count``.
"""

import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backends

from catalog import places, rules, sale_listing
from catalog.models import (
    CatalogIndexPage,
    Certification,
    Producer,
    Product,
    ProductImage,
    ProductPage,
    ProductSet,
    ProductVariant,
    SaleListing,
)
from catalog.signals import certification_changed
from catalog.text import match_key
from marketplace.services import inventory

SYNTHETIC_CODE = "DEMO-SYN-{:06d}"
SYNTHETIC_PREFIX = "DEMO-SYN-"
PRODUCTS_PER_PRODUCER = 4
BATCH = 1000
# (stars, score) cycled over the synthetic products.
GRADES = [(3, "58"), (4, "76"), (5, "92"), (4, "81"), (3, "66")]
PACKS = [("Gói 200 g", 200), ("Hộp 500 g", 500), ("Thùng 1 kg", 1000)]


def synthetic_count():
    return Product.objects.filter(registry_code__startswith=SYNTHETIC_PREFIX).count()


def create_synthetic_products(index, count, images=(), today=None):
    """Make sure ``count`` synthetic products exist under ``index``; returns how many were added."""
    start = synthetic_count()
    if start >= count:
        return 0
    today = today or timezone.localdate()
    numbers = range(start, count)
    with transaction.atomic():
        producers = _create_producers(numbers)
        products = _create_products(numbers, producers)
        _certify(products, today)
        pages = _create_pages(index, products)
        _create_variants_and_gallery(pages, images)
        sale_listing.refresh_products(product.pk for product in products)
        _index_for_search(producers, pages)
        product_ids = [product.pk for product in products]
        transaction.on_commit(
            lambda: certification_changed.send(Certification, product_ids=product_ids)
        )
    refresh_planner_statistics()
    return len(products)


def refresh_planner_statistics():
    """After a bulk load PostgreSQL still believes the tables are nearly empty and picks
    nested loops (3× slower listings) until autovacuum runs: analyse them now, and
    vacuum them when not inside a transaction (tests), which marks the new rows visible
    to all so that the listing's and the API's key scans read the indexes only.
    (SQLite plans these queries better without ``ANALYZE``, measured.)"""
    if connection.vendor != "postgresql":
        return
    models = (
        Page,
        ProductPage,
        Product,
        Certification,
        Producer,
        ProductVariant,
        ProductImage,
        SaleListing,
    )
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {tables}")


def _create_producers(numbers):
    provinces = places.provinces()
    producers = []
    for group in sorted({number // PRODUCTS_PER_PRODUCER for number in numbers}):
        name = f"Hợp tác xã mẫu số {group + 1}"
        province = provinces[group % len(provinces)]
        producers.append(
            Producer(
                name=name,
                name_key=match_key(name),
                slug=f"chu-the-mau-{group + 1:05d}",
                legal_form="cooperative",
                province_code=province.code.value,
                original_address=f"Địa chỉ mẫu, {province.name}",
            )
        )
    existing = {
        producer.slug: producer
        for producer in Producer.objects.filter(slug__in=[p.slug for p in producers])
    }
    new = [producer for producer in producers if producer.slug not in existing]
    Producer.objects.bulk_create(new, batch_size=BATCH)
    return {producer.slug: producer for producer in [*existing.values(), *new]}


def _create_products(numbers, producers):
    product_sets = list(ProductSet.objects.order_by("number"))
    products = []
    for number in numbers:
        product_set = product_sets[number % len(product_sets)]
        producer = producers[f"chu-the-mau-{number // PRODUCTS_PER_PRODUCER + 1:05d}"]
        name = f"{product_set.name.split(',')[0]} mẫu số {number + 1}"
        products.append(
            Product(
                name=name,
                name_key=match_key(name),
                producer=producer,
                product_set=product_set,
                registry_code=SYNTHETIC_CODE.format(number + 1),
            )
        )
    return Product.objects.bulk_create(products, batch_size=BATCH)


def _certify(products, today):
    """One certification each; about one in twenty already expired, the rest valid."""
    certifications = []
    for position, product in enumerate(products):
        stars, score = GRADES[position % len(GRADES)]
        expired = position % 20 == 19
        age = 1200 if expired else 30 + (position * 7) % 1000
        decision_date = today - timedelta(days=age)
        certifications.append(
            Certification(
                product=product,
                stars=stars,
                score=score,
                certificate_number=f"MAU-{product.registry_code[-6:]}",
                decision_number=f"{position % 900 + 100}/QĐ-MAU",
                decision_date=decision_date,
                valid_until=rules.valid_until(decision_date),
                level=rules.certifying_level(stars),
            )
        )
    Certification.objects.bulk_create(certifications, batch_size=BATCH)
    for product, certification in zip(products, certifications, strict=True):
        product.current_certification = certification
    Product.objects.bulk_update(products, ["current_certification"], batch_size=BATCH)


def _create_pages(index, products):
    """Live ProductPages under ``index``, with treebeard paths taken after its last child."""
    index = CatalogIndexPage.objects.select_for_update().get(pk=index.pk)
    last_child = index.get_last_child()
    next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    content_type = ContentType.objects.get_for_model(ProductPage)
    now = timezone.now()
    pages = []
    for offset, product in enumerate(products):
        slug = f"san-pham-mau-{product.registry_code[-6:]}"
        pages.append(
            ProductPage(
                title=product.name,
                draft_title=product.name,
                slug=slug,
                path=Page._get_path(index.path, index.depth + 1, next_step + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                product=product,
                summary=f"Sản phẩm mẫu để đo hiệu năng ({product.product_set.name}).",
            )
        )
    base_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(page, name) for name in base_fields}) for page in pages],
        batch_size=BATCH,
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        page.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
    return pages


def _create_variants_and_gallery(pages, images):
    variants, gallery = [], []
    for position, page in enumerate(pages):
        for sort_order, (label, grams) in enumerate(PACKS[: position % len(PACKS) + 1]):
            variants.append(
                ProductVariant(
                    page=page,
                    sku=f"{page.product.registry_code}-{sort_order + 1}",
                    label=label,
                    price=(40 + (position * 13) % 300) * 1000 * (sort_order + 1),
                    weight_grams=grams,
                    sort_order=sort_order,
                )
            )
        for sort_order, image in enumerate(images[position % 2 :: 2][:2] if images else []):
            gallery.append(ProductImage(page=page, image=image, sort_order=sort_order))
    ProductVariant.objects.bulk_create(variants, batch_size=BATCH)
    inventory.seed_stock(
        {
            variant.sku: (position * 7 + variant.sort_order) % 60
            for position, variant in enumerate(variants)
        }
    )
    ProductImage.objects.bulk_create(gallery, batch_size=BATCH)


def _index_for_search(producers, pages):
    for backend in get_search_backends():
        backend.add_bulk(Producer, list(producers.values()))
        backend.add_bulk(ProductPage, pages)
