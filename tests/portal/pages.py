"""Form data of the product page editor, as the admin posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def product_page_form(page, **overrides):
    variants = [
        {
            "id": variant.pk,
            "sku": variant.sku,
            "label": variant.label,
            "price": variant.price,
            "weight_grams": variant.weight_grams,
            "is_active": "on" if variant.is_active else "",
        }
        for variant in page.variants.order_by("sort_order")
    ]
    fields = {
        "title": page.title,
        "slug": page.slug,
        "product": page.product_id,
        "summary": page.summary,
        "description": rich_text(page.description or "<p>Mô tả</p>"),
        "gallery_images": inline_formset([]),
        "variants": inline_formset(variants, initial=len(variants)),
        "ingredients": "",
        "net_quantity": "",
        "shelf_life": "",
        "storage": "",
        "gtin": "",
        "geographical_indication": "",
        "collective_trademark": "",
        "story": streamfield([]),
        "comments": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)
