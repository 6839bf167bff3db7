"""What the database search backend reads: one row per searchable page, the words the
typo pass corrects to, and the query log.

``SearchDocument`` is rebuilt from the pages by ``search.indexing``; nothing edits it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PRODUCT = "product", _("Sản phẩm")
    VILLAGE = "village", _("Làng nghề")
    TOUR = "tour", _("Tour")


class SearchDocument(models.Model):
    """A searchable page, flattened: folded text to match, facet values, card fields.

    ``visible_from``/``visible_until`` are the days a product's certificate lets it be
    sold (decision date to expiry, or the day before revocation); every query keeps
    only the rows visible today, so an expired product is gone the next day even
    before the index is updated. Villages and tours have no window (NULL).
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    title = models.CharField(max_length=255)
    title_lower = models.CharField(max_length=255)  # NFC lower case, marks kept
    title_folded = models.CharField(max_length=255)
    # " word word … ": leading and trailing spaces, so " word" matches a word's start.
    text_folded = models.TextField()
    url = models.CharField(max_length=500)
    product_id = models.BigIntegerField(null=True, blank=True)
    producer = models.CharField(max_length=255, blank=True)
    province_code = models.PositiveSmallIntegerField(null=True, blank=True)
    category = models.CharField(max_length=50, blank=True)
    product_set = models.PositiveSmallIntegerField(null=True, blank=True)
    stars = models.PositiveSmallIntegerField(null=True, blank=True)
    min_price = models.PositiveIntegerField(null=True, blank=True)
    image_id = models.BigIntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_from = models.DateField(null=True, blank=True)
    visible_until = models.DateField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tài liệu tìm kiếm")
        verbose_name_plural = _("tài liệu tìm kiếm")
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["province_code"]),
            models.Index(fields=["category"]),
            models.Index(fields=["product_set"]),
            models.Index(fields=["product_id"]),
            models.Index(fields=["visible_until"]),
            # Facet counts over many documents read this index alone (index-only scan).
            # The sorts' indexes (NULLS LAST, which SQLite refuses) are in migration 0005.
            models.Index(
                fields=[
                    "visible_until",
                    "visible_from",
                    "kind",
                    "category",
                    "product_set",
                    "stars",
                    "province_code",
                    "min_price",
                ],
                name="search_doc_facets",
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"


class SearchTerm(models.Model):
    """A folded word of the indexed text: what a mistyped query word is corrected to."""

    term = models.CharField(max_length=60, unique=True)
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("từ tìm kiếm")
        verbose_name_plural = _("từ tìm kiếm")

    def __str__(self):
        return self.term


class QueryLogEntry(models.Model):
    """How often a (folded) query was searched on a day, and how often it found nothing."""

    day = models.DateField(_("ngày"))
    query = models.CharField(_("truy vấn"), max_length=200)
    searches = models.PositiveIntegerField(_("số lượt tìm"), default=0)
    zero_hits = models.PositiveIntegerField(_("số lượt không có kết quả"), default=0)
    last_total = models.PositiveIntegerField(_("số kết quả gần nhất"), default=0)

    class Meta:
        verbose_name = _("nhật ký tìm kiếm")
        verbose_name_plural = _("nhật ký tìm kiếm")
        constraints = [
            models.UniqueConstraint(fields=["day", "query"], name="one_log_entry_per_query_and_day")
        ]

    def __str__(self):
        return f"{self.day} {self.query} ×{self.searches}"
