from django.db import models
from django.db.models import F, Q


class SaleListing(models.Model):
    """What the catalogue filters and sorts product pages on, one narrow row per page.

    Derived data, kept exact by ``catalog.sale_listing`` in the same transaction as every
    change it copies (a page saved, published or unpublished, a variant's price, a
    certification, a product, producer or product set). The days a page is on sale are
    stored as a range (``rules.sale_window``), so a certificate expiring at midnight
    needs no write. ``manage.py check_sale_listing`` proves it equals the rule.
    """

    page = models.OneToOneField(
        "catalog.ProductPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sale_listing",
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    producer = models.ForeignKey("catalog.Producer", on_delete=models.CASCADE, related_name="+")
    live = models.BooleanField()
    on_sale_from = models.DateField(null=True)
    on_sale_until = models.DateField(null=True)
    first_published_at = models.DateTimeField(null=True)
    title = models.CharField(max_length=255)
    min_price = models.PositiveIntegerField(null=True)
    stars = models.PositiveSmallIntegerField(null=True)
    province_code = models.PositiveIntegerField(null=True)
    category_slug = models.SlugField(blank=True)
    product_set_number = models.PositiveSmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(
                F("first_published_at").desc(nulls_last=True),
                F("page").desc(),
                name="sale_listing_newest",
                condition=Q(live=True),
            ),
            models.Index(
                F("min_price").asc(nulls_last=True),
                "page",
                name="sale_listing_price",
                condition=Q(live=True),
            ),
            models.Index(fields=["title", "page"], name="sale_listing_name"),
            models.Index(fields=["-stars", "title", "page"], name="sale_listing_stars"),
            models.Index(fields=["province_code", "stars"], name="sale_listing_province"),
        ]

    def __str__(self):
        return self.title
