"""schema.org data of a product page (Product with one Offer per variant), as JSON-LD.

Prices are whole đồng (priceCurrency VND). An offer is InStock when the product may be
sold (``ProductPage.is_purchasable``: live, with a valid ≥ 3★ certificate) and the
variant has units on hand; otherwise OutOfStock. The brand is the producer.
"""

from django.utils.html import strip_tags

from cms import seo
from cms.images import rendition
from ocop.pages import absolute_url

IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"


def availability(purchasable, stock):
    return IN_STOCK if purchasable and stock > 0 else OUT_OF_STOCK


def product_data(page, *, product, variants, gallery, purchasable, image_spec, request=None):
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": page.title,
        "url": url,
        "brand": {"@type": "Brand", "name": product.producer.name},
        "manufacturer": {"@type": "Organization", "name": product.producer.name},
        "offers": [
            {
                "@type": "Offer",
                "name": variant.label,
                "sku": variant.sku,
                "price": str(variant.price),
                "priceCurrency": "VND",
                "availability": availability(purchasable, variant.stock),
                "url": url,
                "seller": {"@type": "Organization", "name": product.producer.name},
            }
            for variant in variants
        ],
    }
    description = seo.description(page) or strip_tags(page.description or "").strip()
    if description:
        data["description"] = description
    images = [absolute_url(rendition(item.image, image_spec).url) for item in gallery]
    if images:
        data["image"] = images
    if product.product_set:
        data["category"] = product.product_set.name
    if page.gtin:
        data["gtin"] = page.gtin
    return data
