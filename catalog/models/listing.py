from django.db import models
from django.db.models import F, OrderBy, Q

# What a list's WHERE clause reads besides ``live`` (each index's condition).
FILTERED_COLUMNS = [
    "on_sale_from",
    "on_sale_until",
    "category_slug",
    "product_set_number",
    "stars",
    "province_code",
]


class SortIndex(models.Index):
    """An index in a list's order, ``NULLS LAST`` included where the database takes it
    in an index (PostgreSQL). SQLite refuses it there (``make run`` migrates SQLite):
    it gets the same index with NULLs where SQLite puts them, which its lists may read
    less, with the same results."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using, **kwargs)
        index = models.Index(
            *(without_nulls_placement(expression) for expression in self.expressions),
            name=self.name,
            condition=self.condition,
            include=self.include,
        )
        return index.create_sql(model, schema_editor, using, **kwargs)


def without_nulls_placement(expression):
    if isinstance(expression, OrderBy) and (expression.nulls_last or expression.nulls_first):
        return OrderBy(expression.expression, descending=expression.descending)
    return expression


def covering_index(order, *expressions):
    return SortIndex(
        *expressions,
        name=f"sale_listing_{order}",
        condition=Q(live=True),
        include=FILTERED_COLUMNS,
    )


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
        # One index per order a list is read in, holding (``INCLUDE``) every column the
        # sale rule and the catalogue's filters test: a deep page walks its index alone
        # as far as its offset (an index-only scan), where reading each row from the
        # table cost 125-175 ms at page 1,700 of 100,000 products sorted by name or stars.
        indexes = [
            covering_index(
                "newest", F("first_published_at").desc(nulls_last=True), F("page").desc()
            ),
            covering_index("price", F("min_price").asc(nulls_last=True), F("page").asc()),
            covering_index("dearest", F("min_price").desc(nulls_last=True), F("page").asc()),
            covering_index("stars", F("stars").desc(), F("title").asc(), F("page").asc()),
            covering_index("name", F("title").asc(), F("page").asc()),
            covering_index("page", F("page").asc()),  # the products API's order
            models.Index(fields=["province_code", "stars"], name="sale_listing_province"),
        ]

    def __str__(self):
        return self.title
