from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from catalog import places
from catalog.models import LegalForm, Producer, ProductPage
from catalog.models.producers import Place
from cms import i18n
from cms.blocks import BodyBlock
from cms.images import CARD_PICTURE, renditions_prefetch
from cms.widgets import DongInput
from ocop.pages import ConfiguredAddress, ViewRestrictionsInOneQuery
from tours.blocks import ItineraryBlock

# Who may run a tour: a cooperative, a household business or a tourism association.
OPERATOR_LEGAL_FORMS = [LegalForm.COOPERATIVE, LegalForm.HOUSEHOLD, LegalForm.ASSOCIATION]

TOUR_LANGUAGES = [
    ("vi", _("Tiếng Việt")),
    ("en", _("Tiếng Anh")),
    ("fr", _("Tiếng Pháp")),
    ("zh", _("Tiếng Trung")),
    ("ko", _("Tiếng Hàn")),
    ("ja", _("Tiếng Nhật")),
]


def card_renditions():
    """The renditions a tour or village card shows, loaded with the list (cms.images)."""
    return renditions_prefetch("hero_image__renditions", CARD_PICTURE)


class CraftVillageIndexPage(ConfiguredAddress, ViewRestrictionsInOneQuery, Page):
    """The list of craft villages (làng nghề)."""

    introduction = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["tours.CraftVillagePage"]
    max_count = 1
    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("danh sách làng nghề")
        verbose_name_plural = _("danh sách làng nghề")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Always the Vietnamese villages (each once), shown in English where translated.
        villages = (
            CraftVillagePage.objects.child_of(i18n.original_of(self))
            .live()
            .public()
            .select_related("hero_image")
            .prefetch_related(card_renditions())
        )
        context["villages"] = i18n.shown_in(
            villages.order_by("title"),
            self.locale_id,
            CraftVillagePage.objects.select_related("hero_image").prefetch_related(
                card_renditions()
            ),
        )
        return context


class CraftVillagePageQuerySet(PageQuerySet):
    def for_producer(self, producer):
        """Villages a producer belongs to: picked by an editor, or in the same ward."""
        located_here = Q(producers=producer)
        if producer.ward_code:
            located_here |= Q(include_ward_producers=True, ward_code=producer.ward_code)
        return self.filter(located_here).distinct()

    def for_api(self):
        """What the API fields read (the pages endpoint calls it for each page of results)."""
        live_tours = TourPage.objects.live().public().select_related("locale").order_by("title")
        return self.select_related("hero_image").prefetch_related(
            "gallery_images__image",
            "producers",
            Prefetch("tours", queryset=live_tours, to_attr="prefetched_live_tours"),
        )


class CraftVillagePage(ConfiguredAddress, ViewRestrictionsInOneQuery, Place, Page):
    """A craft village: where it is today, its history, its producers, products and tours."""

    craft = models.CharField(_("nghề truyền thống"), max_length=120)
    summary = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = StreamField(BodyBlock(), verbose_name=_("lịch sử"), blank=True)
    story = StreamField(BodyBlock(), verbose_name=_("câu chuyện làng nghề"), blank=True)
    opening_information = models.TextField(
        _("thông tin tham quan"),
        blank=True,
        help_text=_("Giờ mở cửa, mùa đẹp nhất, cách đến, vé vào cổng."),
    )
    include_ward_producers = models.BooleanField(
        _("tự động liệt kê chủ thể cùng xã/phường"),
        default=True,
        help_text=_(
            "Bỏ chọn khi xã/phường lớn hơn làng nghề: khi đó chỉ các chủ thể chọn bên dưới "
            "được liệt kê."
        ),
    )
    producers = ParentalManyToManyField(
        "catalog.Producer",
        verbose_name=_("chủ thể chọn thêm"),
        blank=True,
        related_name="picked_villages",
    )

    objects = PageManager.from_queryset(CraftVillagePageQuerySet)()

    parent_page_types = ["tours.CraftVillageIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("craft"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("province_code"),
                FieldPanel(
                    "ward_code",
                    help_text=_("Mã xã/phường hiện hành (từ 01/7/2025), ví dụ 583 = Xã Bát Tràng."),
                ),
                FieldPanel("original_address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Địa chỉ"),
        ),
        FieldPanel("opening_information"),
        FieldPanel("history"),
        FieldPanel("story"),
        InlinePanel("gallery_images", label=_("Ảnh làng nghề")),
        MultiFieldPanel(
            [
                FieldPanel("include_ward_producers"),
                FieldPanel("producers", widget=forms.CheckboxSelectMultiple),
                InlinePanel("product_picks", label=_("Sản phẩm biên tập viên chọn")),
            ],
            heading=_("Chủ thể và sản phẩm"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("craft"),
        index.SearchField("summary"),
        index.FilterField("province_code"),
    ]

    api_fields = [
        APIField("craft"),
        APIField("summary"),
        APIField("hero_image"),
        APIField("province_code"),
        APIField("province_name"),
        APIField("ward_code"),
        APIField("ward_name"),
        APIField("street_address"),
        APIField("original_address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("opening_information"),
        APIField("history"),
        APIField("story"),
        APIField("gallery_images"),
        APIField("producer_list"),
        APIField("tour_list"),
    ]

    class Meta:
        verbose_name = _("làng nghề")
        verbose_name_plural = _("làng nghề")

    def clean(self):
        super().clean()
        if self.ward_code:
            self.province_code = places.checked_province(self.ward_code, self.province_code)

    @property
    def province_name(self):
        return str(self.province) if self.province else ""

    @property
    def ward_name(self):
        return str(self.ward) if self.ward else ""

    def located_producers(self):
        """Producers picked by an editor plus, unless turned off, those in the village's ward."""
        located_here = Q(pk__in=[producer.pk for producer in self.producers.all()])
        if self.include_ward_producers and self.ward_code:
            located_here |= Q(ward_code=self.ward_code)
        return Producer.objects.filter(located_here).order_by("name")

    def purchasable_product_pages(self):
        """Purchasable OCOP products of the village's producers, plus the editor's picks."""
        picked = [pick.product_page_id for pick in self.product_picks.all()]
        return (
            ProductPage.objects.purchasable()
            .filter(Q(product__producer__in=self.located_producers()) | Q(pk__in=picked))
            .with_shop_data()
            .order_by("title")
        )

    def live_tours(self):
        """The live tours visiting the village (Vietnamese pages: each tour once)."""
        return (
            i18n.originals(TourPage.objects.live().public())
            .filter(villages=i18n.original_of(self))
            .select_related("operator", "hero_image")
            .prefetch_related(card_renditions())
        ).order_by("title")

    @property
    def producer_list(self):
        return [{"id": p.pk, "name": p.name} for p in self.located_producers()]

    @property
    def tour_list(self):
        tours = getattr(self, "prefetched_live_tours", None)  # set by for_api()
        if tours is None:
            tours = self.live_tours()
        return [{"id": tour.pk, "title": tour.title, "url": tour.url} for tour in tours]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producers"] = self.located_producers()
        context["product_pages"] = i18n.shown_in(
            self.purchasable_product_pages(),
            self.locale_id,
            ProductPage.objects.select_related("locale"),
        )
        context["tours"] = i18n.shown_in(
            self.live_tours(),
            self.locale_id,
            TourPage.objects.select_related("operator", "hero_image"),
        )
        return context


class VillageImage(Orderable):
    page = ParentalKey(CraftVillagePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("mô tả ảnh"), max_length=200, blank=True)
    caption = models.CharField(_("chú thích"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    api_fields = [APIField("image"), APIField("alt_text"), APIField("caption")]


class VillageProductPick(Orderable):
    """An OCOP product an editor shows on the village page (besides its producers' own)."""

    page = ParentalKey(CraftVillagePage, on_delete=models.CASCADE, related_name="product_picks")
    product_page = models.ForeignKey(
        "catalog.ProductPage",
        verbose_name=_("trang sản phẩm"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("product_page")]


class TourIndexPage(ConfiguredAddress, ViewRestrictionsInOneQuery, Page):
    """The list of tours."""

    introduction = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["tours.TourPage"]
    max_count = 1
    api_fields = [APIField("introduction")]

    class Meta:
        verbose_name = _("danh sách tour")
        verbose_name_plural = _("danh sách tour")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Always the Vietnamese tours (each once), shown in English where translated.
        tours = (
            TourPage.objects.child_of(i18n.original_of(self))
            .live()
            .public()
            .select_related("operator", "hero_image")
            .prefetch_related(card_renditions())
        )
        context["tours"] = i18n.shown_in(
            tours.order_by("title"),
            self.locale_id,
            TourPage.objects.select_related("operator", "hero_image").prefetch_related(
                card_renditions()
            ),
        )
        return context


class TourPageQuerySet(PageQuerySet):
    def visiting_producer(self, producer):
        """Tours run by the producer or visiting a village the producer belongs to."""
        villages = CraftVillagePage.objects.for_producer(producer).values("pk")
        return self.filter(Q(operator=producer) | Q(villages__in=villages)).distinct()

    def for_product(self, product):
        """Tours where visitors see the product made: its producer's tours and villages."""
        return self.filter(
            Q(pk__in=self.visiting_producer(product.producer).values("pk"))
            | Q(highlighted_products__product=product)
        ).distinct()

    def keys_for_product(self, product):
        """The primary keys of ``for_product(product)``, read from the tour tables and
        their links alone (no page row): the few tours to load by key afterwards."""
        return list(self.for_product(product).order_by().values_list("pk", flat=True))

    def for_api(self):
        """What the API fields read (the pages endpoint calls it for each page of results)."""
        return self.select_related("operator", "hero_image").prefetch_related(
            Prefetch("villages", queryset=CraftVillagePage.objects.select_related("locale")),
            "highlighted_products__product",
        )


class TourPageForm(WagtailAdminPageForm):
    """Languages are ticked from a fixed list; stored as a JSON list of codes."""

    languages = forms.MultipleChoiceField(
        label=_("ngôn ngữ hướng dẫn"),
        choices=TOUR_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )


class TourPage(ConfiguredAddress, ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    """A bookable tour: what happens, where, for how much, and its departures."""

    operator = models.ForeignKey(
        "catalog.Producer",
        verbose_name=_("đơn vị tổ chức"),
        on_delete=models.PROTECT,
        related_name="operated_tours",
        limit_choices_to={"legal_form__in": OPERATOR_LEGAL_FORMS},
        help_text=_("Hợp tác xã, hộ kinh doanh hoặc hiệp hội du lịch tổ chức tour."),
    )
    villages = ParentalManyToManyField(
        CraftVillagePage, verbose_name=_("làng nghề ghé thăm"), blank=True, related_name="tours"
    )
    summary = models.TextField(_("tóm tắt"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bìa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("thời lượng (phút)"), validators=[MinValueValidator(15), MaxValueValidator(14 * 24 * 60)]
    )
    meeting_point = models.TextField(_("điểm hẹn"))
    languages = models.JSONField(_("ngôn ngữ hướng dẫn"), default=list, blank=True)
    itinerary = StreamField(ItineraryBlock(), verbose_name=_("lịch trình"), blank=True)
    included = models.TextField(_("giá bao gồm"), blank=True, help_text=_("Mỗi dòng một mục."))
    not_included = models.TextField(
        _("giá không bao gồm"), blank=True, help_text=_("Mỗi dòng một mục.")
    )
    price_adult = models.PositiveIntegerField(_("giá người lớn (đồng)"))
    price_child = models.PositiveIntegerField(_("giá trẻ em (đồng)"), default=0)
    min_group_size = models.PositiveSmallIntegerField(
        _("số khách tối thiểu để khởi hành"), default=1, validators=[MinValueValidator(1)]
    )
    max_group_size = models.PositiveSmallIntegerField(
        _("số khách tối đa mỗi lượt đặt"), default=15, validators=[MinValueValidator(1)]
    )
    free_cancellation_hours = models.PositiveSmallIntegerField(
        _("hủy miễn phí đến trước giờ khởi hành (giờ)"), default=24
    )
    cancellation_note = models.TextField(_("ghi chú chính sách hủy"), blank=True)

    objects = PageManager.from_queryset(TourPageQuerySet)()
    base_form_class = TourPageForm

    parent_page_types = ["tours.TourIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("operator"),
        FieldPanel("villages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("duration_minutes"),
                FieldPanel("meeting_point"),
                FieldPanel("languages"),
            ],
            heading=_("Thông tin chung"),
        ),
        FieldPanel("itinerary"),
        FieldRowPanel([FieldPanel("included"), FieldPanel("not_included")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("price_adult", widget=DongInput),
                        FieldPanel("price_child", widget=DongInput),
                    ]
                ),
                FieldRowPanel([FieldPanel("min_group_size"), FieldPanel("max_group_size")]),
                FieldPanel("free_cancellation_hours"),
                FieldPanel("cancellation_note"),
            ],
            heading=_("Giá, số khách và chính sách hủy"),
        ),
        InlinePanel("highlighted_products", label=_("Sản phẩm du khách được xem hoặc làm")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.RelatedFields("operator", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("hero_image"),
        APIField("operator_info"),
        APIField("village_list"),
        APIField("duration_minutes"),
        APIField("meeting_point"),
        APIField("languages"),
        APIField("itinerary"),
        APIField("included_items"),
        APIField("not_included_items"),
        APIField("price_adult"),
        APIField("price_child"),
        APIField("min_group_size"),
        APIField("max_group_size"),
        APIField("free_cancellation_hours"),
        APIField("cancellation_note"),
        APIField("product_list"),
        APIField("departures_url"),
    ]

    class Meta:
        verbose_name = _("tour")
        verbose_name_plural = _("tour")

    def clean(self):
        super().clean()
        if (
            self.min_group_size
            and self.max_group_size
            and self.min_group_size > self.max_group_size
        ):
            raise ValidationError(
                {"min_group_size": _("Số khách tối thiểu lớn hơn số khách tối đa.")}
            )

    @property
    def duration(self):
        return timedelta(minutes=self.duration_minutes)

    @cached_property
    def original(self):
        """The Vietnamese tour this page is (or translates): it owns the departures,
        seats and bookings, shared by every language's copy."""
        return i18n.original_of(self)

    def villages_shown(self):
        """The live villages visited, as pages in this tour's language where translated."""
        villages = CraftVillagePage.objects.filter(pk__in=self.villages.all()).live()
        return i18n.shown_in(villages.order_by("title"), self.locale_id)

    @property
    def included_items(self):
        return [line.strip() for line in self.included.splitlines() if line.strip()]

    @property
    def not_included_items(self):
        return [line.strip() for line in self.not_included.splitlines() if line.strip()]

    @property
    def language_names(self):
        names = dict(TOUR_LANGUAGES)
        return [str(names[code]) for code in self.languages if code in names]

    @property
    def operator_info(self):
        operator = self.operator
        return {"id": operator.pk, "name": operator.name, "legal_form": operator.legal_form}

    @property
    def village_list(self):
        # Filtered here rather than with .live(), so that a prefetch (for_api) serves it.
        return [
            {"id": village.pk, "title": village.title, "url": village.url}
            for village in self.villages.all()
            if village.live
        ]

    @property
    def product_list(self):
        return [
            {"id": link.product_id, "name": link.product.name}
            for link in self.highlighted_products.all()
        ]

    @property
    def departures_url(self):
        from django.urls import reverse

        return f"{reverse('tours_api:departures')}?tour={self.pk}"

    def product_links(self):
        """The tour's products, each with its page when that page is purchasable."""
        links = list(self.highlighted_products.select_related("product"))
        pages = {
            page.product_id: page
            for page in ProductPage.objects.purchasable().filter(
                product__in=[link.product_id for link in links]
            )
        }
        return [(link.product, pages.get(link.product_id)) for link in links]

    def upcoming_departures(self, now=None):
        from .departures import Departure

        return (
            Departure.objects.filter(tour=self.original)
            .upcoming(now)
            .with_seats(now)
            .order_by("starts_at")
        )

    # The booking flow's views (tours.views), set by ToursConfig.ready(): models import no views.
    booking_views = None

    def booking_contact_url(self, hold):
        """Step 2 of booking a held set of seats: the visitor's contact details."""
        return self.url + self.reverse_subpage("booking_contact", kwargs={"hold_id": hold.pk})

    @path("")
    def tour_detail(self, request):
        return self.booking_views.tour_detail(request, self)

    @path("dat-cho/")
    def start_booking(self, request):
        return self.booking_views.start_booking(request, self)

    @path("dat-cho/<uuid:hold_id>/")
    def booking_contact(self, request, hold_id):
        return self.booking_views.booking_contact(request, self, hold_id)


class TourProduct(Orderable):
    """A product visitors see made (or make themselves) on the tour."""

    tour = ParentalKey(TourPage, on_delete=models.CASCADE, related_name="highlighted_products")
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("sản phẩm OCOP"),
        on_delete=models.CASCADE,
        related_name="tour_links",
    )

    panels = [FieldPanel("product")]
