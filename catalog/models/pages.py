from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Min
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from catalog import places
from catalog.validators import validate_gtin
from cms import i18n
from cms.blocks import BodyBlock
from cms.widgets import DongInput
from ocop import page_cache
from ocop.pages import ConfiguredAddress, ViewRestrictionsInOneQuery

from .page_queries import ProductPageQuerySet, skus_in_stock, stock_of_skus

# What a product page shows of its product, joined to it.
# (The product set and category come from the cache: ProductPageQuerySet.with_product_sets.)
PRODUCT_JOINS = ("product__producer", "product__current_certification")
# First path segments of the catalogue's own routes: no product page may take them.
RESERVED_SLUGS = frozenset({"chu-the", "tinh"})


class CatalogIndexPage(ConfiguredAddress, ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    """The catalogue: lists purchasable products, with filters and pagination.

    Routes: the filtered listing (``/``), a producer's page (``chu-the/<slug>/``),
    the provinces (``tinh/``) and one landing page per province (``tinh/<slug>/``).
    """

    introduction = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["catalog.ProductPage"]
    max_count = 1
    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("danh mục sản phẩm")
        verbose_name_plural = _("danh mục sản phẩm")

    def serve(self, request, *args, **kwargs):
        return page_cache.cacheable(super().serve(request, *args, **kwargs))

    def purchasable_pages(self):
        # An English copy of the catalogue lists the (Vietnamese) products of its source.
        return ProductPage.objects.purchasable().child_of(i18n.original_of(self))

    def route(self, request, path_components):
        """Serve a product page with its product, producer and certificate in one query.

        Same outcome as Wagtail's routing (own routes first, then the child by slug),
        minus the generic-page lookup and the separate product query.
        """
        if len(path_components) != 1:
            return super().route(request, path_components)
        if self.live:
            try:
                view, args, kwargs = request.routable_resolver_match = self.resolve_subpage(
                    f"/{path_components[0]}/"
                )
            except Http404:
                pass
            else:
                return RouteResult(self, args=(view, args, kwargs))
        child = self._product_page(self, path_components[0])
        if child is None and not i18n.is_original(self):
            # A product with no English copy: its Vietnamese page, which lives at its
            # own URL (cms.middleware redirects there).
            child = self._product_page(i18n.original_of(self), path_components[0])
        if child is None:  # not a product page: Wagtail's own lookup (or 404)
            return super().route(request, path_components)
        # An English copy shows its original's product: loaded together, in one query.
        i18n.with_originals(
            [child], ProductPage.objects.select_related(*PRODUCT_JOINS).with_product_sets()
        )
        return child.route(request, [])

    @staticmethod
    def _product_page(index, slug):
        child = (
            ProductPage.objects.child_of(index)
            .select_related(*PRODUCT_JOINS)
            .with_product_sets()
            .filter(slug=slug)
            .first()
        )
        if child is not None:
            child._cached_parent_obj = index
        return child

    @path("", name="catalogue")
    def catalogue(self, request):
        from catalog import listing

        return self.render(request, context_overrides=listing.catalogue_context(self, request))

    @path("chu-the/<slug:slug>/", name="producer")
    def producer(self, request, slug):
        from catalog import listing

        return self.render(
            request,
            template="catalog/producer_page.html",
            context_overrides=listing.producer_context(self, request, slug),
        )

    @path("tinh/", name="provinces")
    def provinces(self, request):
        from catalog import listing

        return self.render(
            request,
            template="catalog/province_index.html",
            context_overrides=listing.provinces_context(self, request),
        )

    @path("tinh/<slug:slug>/", name="province")
    def province(self, request, slug):
        from catalog import listing

        province = places.province_by_slug(slug)
        if province is None:
            raise Http404("unknown province")
        return self.render(
            request,
            template="catalog/province_page.html",
            context_overrides=listing.province_context(self, request, province),
        )

    def producer_url(self, producer, request=None):
        return self.get_url(request) + self.reverse_subpage("producer", args=[producer.slug])

    def province_url(self, province, request=None):
        slug = places.province_slug(province)
        return self.get_url(request) + self.reverse_subpage("province", args=[slug])


class ProductPageForm(WagtailAdminPageForm):
    """A producer's user may pick only its own producers' products (catalog.permissions)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "product" in self.fields and self.instance.pk and not self.instance.is_original:
            # A translation shows its Vietnamese page's product (docs/i18n.md).
            self.fields["product"].disabled = True
        elif for_user is not None and "product" in self.fields:
            from catalog.permissions import products_for

            self.fields["product"].queryset = products_for(for_user)


class ProductPage(ConfiguredAddress, ViewRestrictionsInOneQuery, Page):
    """The shop listing of an OCOP product."""

    # The Vietnamese page's own; an English copy has none and reads its original's
    # (``catalogue_product``), with its variants, photos, stock and certificate.
    product = models.OneToOneField(
        "catalog.Product",
        verbose_name=_("sản phẩm OCOP"),
        on_delete=models.PROTECT,
        related_name="page",
        null=True,
        blank=True,
        help_text=_("Bản dịch để trống: dùng sản phẩm của trang tiếng Việt."),
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

    # An English copy translates the text; what is the product's rather than the page's
    # (the product, its variants with their SKUs, prices and stock, its photos and
    # standards) stays with the Vietnamese page, which the copy reads (docs/i18n.md).
    SHARED_WITH_ORIGINAL = ("product", "variants", "gallery_images", "quality_standards")
    override_translatable_fields = [
        i18n.FromOriginal("product"),
        i18n.FromOriginal("variants"),
        i18n.FromOriginal("gallery_images"),
        SynchronizedField("gtin", overridable=False),
    ]

    def copy_for_translation(self, locale, copy_parents=False, alias=False, exclude_fields=None):
        return super().copy_for_translation(
            locale,
            copy_parents=copy_parents,
            alias=alias,
            exclude_fields=[*self.SHARED_WITH_ORIGINAL, *(exclude_fields or [])],
        )

    parent_page_types = ["catalog.CatalogIndexPage"]
    subpage_types = []
    base_form_class = ProductPageForm

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

    api_fields = [
        APIField("url", serializers.CharField(source="full_url", read_only=True)),
        APIField("producer_name", serializers.CharField(source="producer.name")),
        APIField("product_set_number", serializers.IntegerField(allow_null=True)),
        APIField("province_code", serializers.IntegerField(allow_null=True)),
        APIField("province_name", serializers.CharField(allow_null=True)),
        APIField("stars", serializers.IntegerField(allow_null=True)),
        APIField("score", serializers.DecimalField(5, 2, allow_null=True, coerce_to_string=False)),
        APIField("certificate_number", serializers.CharField(allow_null=True)),
        APIField("certificate_status", serializers.CharField(allow_null=True)),
        APIField("valid_until", serializers.DateField(allow_null=True)),
        APIField("purchasable", serializers.BooleanField(source="is_purchasable")),
        APIField("min_price", serializers.IntegerField(source="price_from", allow_null=True)),
        APIField("in_stock", serializers.BooleanField(source="is_in_stock")),
        APIField("trace_code", serializers.CharField(source="catalogue_product.trace_code")),
        APIField("summary"),
        APIField("gtin"),
    ]

    class Meta:
        verbose_name = _("trang sản phẩm")
        verbose_name_plural = _("trang sản phẩm")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Đường dẫn “%(slug)s” đã dành cho danh mục.") % {"slug": self.slug}}
            )
        self.clean_product()

    def clean_product(self):
        """The Vietnamese page names its product; a copy has no product, variants or
        photos of its own (it shows its original's)."""
        if self.is_original:
            if self.product_id is None:
                raise ValidationError({"product": _("Trang tiếng Việt phải gắn với một sản phẩm.")})
            return
        if self.product_id is not None:
            raise ValidationError(
                {"product": _("Bản dịch không gắn sản phẩm riêng: nó dùng sản phẩm của trang gốc.")}
            )
        if self.variants.exists() or self.gallery_images.exists():
            raise ValidationError(
                _("Bản dịch không có phân loại, giá hay ảnh riêng: sửa chúng ở trang tiếng Việt.")
            )

    # --- One product, two languages ---------------------------------------------

    @property
    def is_original(self):
        """A Vietnamese page (a new page takes its parent's language)."""
        locale_id = self.locale_id or self.get_default_locale().pk
        return locale_id == i18n.site_locale_id()

    @property
    def original(self):
        """The Vietnamese page: itself, or the one this copy translates."""
        return i18n.original_of(self)

    @property
    def catalogue_product(self):
        """The OCOP product shown: the page's own, or its original's (None for a copy
        whose Vietnamese page is gone)."""
        if self.product_id is not None or i18n.is_original(self):
            return self.product
        original = self.original
        return original.product if original is not self else None

    @property
    def shop_variants(self):
        """The variants sold from this page: its own, or its original's."""
        return self.original.variants

    @property
    def card_picture(self):
        """The first photo (the original's for a copy): loaded with the card
        (``catalog.listing.with_card_data``), else the first of the gallery."""
        original = self.original
        pictures = getattr(original, "card_pictures", None)
        if pictures is None:
            pictures = original.gallery_images.all()
        return pictures[0] if pictures else None

    @property
    def card_picture_alt(self):
        """Its text alternative: the photo's (in Vietnamese), on a copy the copy's title."""
        picture = self.card_picture
        if picture is None or not i18n.is_original(self):
            return self.title
        return picture.alt_text or picture.image.description

    @property
    def producer(self):
        return self.catalogue_product.producer

    # --- Admin: who may edit it, and the moderation workflow -----------------------

    def permissions_for_user(self, user):
        from catalog.permissions import ProductPagePermissionTester

        return ProductPagePermissionTester(user, self)

    def get_workflow(self):
        """The officers' workflow "Duyệt sản phẩm OCOP" (catalog/migrations/0007_roles.py)
        moderates every product page, wherever it sits; else Wagtail's lookup."""
        from django.conf import settings
        from wagtail.models import Workflow

        from catalog.roles import WORKFLOW_NAME

        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
        return workflow or super().get_workflow()

    @property
    def has_workflow(self):
        return self.get_workflow() is not None

    def is_purchasable(self, on=None):
        """Live, and (a copy) its Vietnamese page live too, with a certified product."""
        original = self.original
        if not (self.live and original.live) or original.product_id is None:
            return False
        return original.product.is_certified(on)

    # Values shown by cards and the API. ``min_price`` / ``in_stock`` come annotated
    # by ``with_shop_data()``; without it they are computed here. A copy's are its
    # original's.
    @property
    def certification(self):
        return self.catalogue_product.current_certification

    @property
    def price_from(self):
        if not i18n.is_original(self):
            return self.original.price_from if self.original is not self else None
        if hasattr(self, "min_price"):
            return self.min_price
        return self.variants.filter(is_active=True).aggregate(lowest=Min("price"))["lowest"]

    @property
    def is_in_stock(self):
        if not i18n.is_original(self):
            return self.original.is_in_stock if self.original is not self else False
        if hasattr(self, "in_stock"):
            return self.in_stock
        return self.variants.filter(is_active=True, sku__in=skus_in_stock()).exists()

    @property
    def product_set_number(self):
        product_set = self.catalogue_product.product_set
        return product_set.number if product_set else None

    @property
    def province_code(self):
        return self.producer.province_code

    @property
    def province_name(self):
        province = self.producer.province
        return province.name if province else None

    @property
    def stars(self):
        return self.certification.stars if self.certification else None

    @property
    def score(self):
        return self.certification.score if self.certification else None

    @property
    def certificate_number(self):
        return self.certification.certificate_number if self.certification else None

    @property
    def certificate_status(self):
        status = self.catalogue_product.certificate_status()
        return status.value if status else None

    @property
    def valid_until(self):
        return self.certification.valid_until if self.certification else None

    def serve(self, request, *args, **kwargs):
        return page_cache.cacheable(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        from catalog import listing

        context = super().get_context(request, *args, **kwargs)
        context.update(listing.product_detail_context(self, request))
        return context


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
    """A sellable form of the product ("hộp 500 g"): its own SKU and price.

    Its stock is not page content: it lives in ``marketplace.Inventory`` under the
    same SKU, so publishing or reverting the page never changes it.
    """

    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("mã SKU"), max_length=64, unique=True)
    label = models.CharField(_("phân loại"), max_length=100)
    price = models.PositiveIntegerField(_("giá (đồng)"), validators=[MinValueValidator(1)])
    weight_grams = models.PositiveIntegerField(_("khối lượng (g)"), default=0)
    is_active = models.BooleanField(_("đang bán"), default=True)

    panels = [
        FieldPanel("sku"),
        FieldPanel("label"),
        FieldPanel("price", widget=DongInput),
        FieldPanel("weight_grams"),
        FieldPanel("is_active"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phân loại sản phẩm")
        verbose_name_plural = _("phân loại sản phẩm")

    def __str__(self):
        return f"{self.page.title} – {self.label}"

    @property
    def stock(self):
        """Units on hand: annotated by ``with_stock()`` / set by the cart, else one query."""
        if not hasattr(self, "stock_on_hand"):
            self.stock_on_hand = stock_of_skus([self.sku]).get(self.sku, 0)
        return self.stock_on_hand
