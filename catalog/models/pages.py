from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, Min, OuterRef
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from catalog.validators import validate_gtin
from cms.blocks import BodyBlock

from .products import certified_q, today


class CatalogIndexPage(Page):
    """The catalogue: lists purchasable products, with filters and pagination."""

    introduction = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["catalog.ProductPage"]
    max_count = 1

    class Meta:
        verbose_name = _("danh mục sản phẩm")
        verbose_name_plural = _("danh mục sản phẩm")


class ProductPageQuerySet(PageQuerySet):
    def purchasable(self, on=None):
        """Live product pages whose product holds a valid ≥ 3★ certificate on ``on``."""
        return self.live().filter(
            certified_q(on or today(), prefix="product__current_certification__")
        )

    def with_shop_data(self):
        """Joins and annotations the listing, API and cards need, in constant queries."""
        in_stock = ProductVariant.objects.filter(page=OuterRef("pk"), is_active=True, stock__gt=0)
        return self.select_related(
            "product__producer",
            "product__product_set__category",
            "product__current_certification",
        ).annotate(
            min_price=Min("variants__price", filter=models.Q(variants__is_active=True)),
            in_stock=Exists(in_stock),
        )


class ProductPage(Page):
    """The shop listing of an OCOP product."""

    product = models.OneToOneField(
        "catalog.Product",
        verbose_name=_("sản phẩm OCOP"),
        on_delete=models.PROTECT,
        related_name="page",
    )
    summary = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    description = RichTextField(_("mô tả"), blank=True)
    story = StreamField(BodyBlock(), verbose_name=_("câu chuyện sản phẩm"), blank=True)
    # Specifications
    ingredients = models.TextField(_("thành phần"), blank=True)
    net_quantity = models.CharField(_("khối lượng / thể tích tịnh"), max_length=60, blank=True)
    shelf_life = models.CharField(_("hạn sử dụng"), max_length=100, blank=True)
    storage = models.TextField(_("bảo quản"), blank=True)
    quality_standards = ParentalManyToManyField(
        "catalog.QualityStandard", verbose_name=_("tiêu chuẩn chất lượng"), blank=True
    )
    geographical_indication = models.CharField(_("chỉ dẫn địa lý"), max_length=150, blank=True)
    collective_trademark = models.CharField(
        _("nhãn hiệu tập thể / chứng nhận"), max_length=150, blank=True
    )
    gtin = models.CharField(
        _("mã vạch GTIN"), max_length=14, blank=True, validators=[validate_gtin]
    )

    objects = PageManager.from_queryset(ProductPageQuerySet)()

    parent_page_types = ["catalog.CatalogIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("product"),
        FieldPanel("summary"),
        FieldPanel("description"),
        InlinePanel("gallery_images", label=_("Ảnh sản phẩm")),
        InlinePanel("variants", label=_("Phân loại và giá"), min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("ingredients"),
                FieldPanel("net_quantity"),
                FieldPanel("shelf_life"),
                FieldPanel("storage"),
                FieldPanel("gtin"),
            ],
            heading=_("Thông số"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("quality_standards"),
                FieldPanel("geographical_indication"),
                FieldPanel("collective_trademark"),
            ],
            heading=_("Chất lượng và nguồn gốc"),
        ),
        FieldPanel("story"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.RelatedFields("product", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("trang sản phẩm")
        verbose_name_plural = _("trang sản phẩm")

    @property
    def producer(self):
        return self.product.producer

    def is_purchasable(self, on=None):
        return self.live and self.product.is_certified(on)


class ProductImage(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("mô tả ảnh"),
        max_length=200,
        blank=True,
        help_text=_("Cho người dùng trình đọc màn hình. Để trống: dùng tên sản phẩm."),
    )
    caption = models.CharField(_("chú thích"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class ProductVariant(Orderable):
    """A sellable form of the product ("hộp 500 g"): its own SKU, price and stock."""

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("mã SKU"), max_length=64, unique=True)
    label = models.CharField(_("phân loại"), max_length=100)
    price = models.PositiveIntegerField(_("giá (đồng)"), validators=[MinValueValidator(1)])
    weight_grams = models.PositiveIntegerField(_("khối lượng (g)"), default=0)
    stock = models.PositiveIntegerField(_("tồn kho"), default=0)
    is_active = models.BooleanField(_("đang bán"), default=True)

    panels = [
        FieldPanel("sku"),
        FieldPanel("label"),
        FieldPanel("price"),
        FieldPanel("weight_grams"),
        FieldPanel("stock"),
        FieldPanel("is_active"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phân loại sản phẩm")
        verbose_name_plural = _("phân loại sản phẩm")

    def __str__(self):
        return f"{self.page.title} – {self.label}"
