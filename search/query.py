"""What a search asks for: the parameters of the page and the JSON API, validated.

One DRF serializer checks them for both. A bad value is a clear 400 naming the
parameter, never a 500: unknown facet values, a price range upside down, a query
longer than ``SEARCH_MAX_QUERY_LENGTH`` or holding control characters or NUL bytes.
"""

import unicodedata
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from catalog import places
from catalog.models import ProductCategory, ProductSet
from search.models import DocumentKind
from search.text import fold, lower

SORTS = {
    "relevance": _("Liên quan nhất"),
    "price": _("Giá thấp đến cao"),
    "-price": _("Giá cao đến thấp"),
    "stars": _("Nhiều sao nhất"),
    "newest": _("Mới nhất"),
}
DEFAULT_SORT = "relevance"
CERTIFIED_STARS = (3, 4, 5)
MAX_PAGE = 500
MAX_PRICE = 10**12
# Price facet ranges in đồng, both ends included (as price_min/price_max filter); None = open.
PRICE_RANGES = (
    (None, 99_999),
    (100_000, 199_999),
    (200_000, 499_999),
    (500_000, 999_999),
    (1_000_000, None),
)
# Facets, in the order pages show them; each is also a filter parameter.
FACETS = ("type", "category", "product_set", "stars", "province", "price")
# The document field each term facet counts.
FACET_FIELDS = {
    "type": "kind",
    "category": "category",
    "product_set": "product_set",
    "stars": "stars",
    "province": "province_code",
}


@cache
def category_slugs():
    return tuple(ProductCategory.objects.order_by("sort_order").values_list("slug", flat=True))


@cache
def product_set_numbers():
    return tuple(ProductSet.objects.order_by("number").values_list("number", flat=True))


def province_codes():
    return tuple(province.code.value for province in places.provinces())


def no_control_characters(value):
    """Control, format and unassigned characters are refused (tabs and new lines too)."""
    if any(unicodedata.category(char)[0] == "C" for char in value):
        raise serializers.ValidationError(_("Từ khóa chứa ký tự điều khiển không hợp lệ."))


class LazyChoiceField(serializers.ChoiceField):
    """A choice field whose choices come from the database, read on first validation."""

    def __init__(self, load, **kwargs):
        self.load = load
        super().__init__(choices=[], **kwargs)

    def to_internal_value(self, data):
        if not self.choices:
            self.choices = [(value, value) for value in self.load()]
        return super().to_internal_value(data)


class SearchParameters(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=True,
        max_length=settings.SEARCH_MAX_QUERY_LENGTH,
        validators=[no_control_characters],
    )
    type = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    category = LazyChoiceField(category_slugs, required=False)
    product_set = LazyChoiceField(product_set_numbers, required=False)
    stars = serializers.ChoiceField(choices=CERTIFIED_STARS, required=False)
    province = LazyChoiceField(province_codes, required=False)
    price_min = serializers.IntegerField(min_value=0, max_value=MAX_PRICE, required=False)
    price_max = serializers.IntegerField(min_value=0, max_value=MAX_PRICE, required=False)
    sort = serializers.ChoiceField(choices=list(SORTS), required=False)
    page = serializers.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def validate(self, attrs):
        low, high = attrs.get("price_min"), attrs.get("price_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"price_max": _("Giá tối đa phải lớn hơn hoặc bằng giá tối thiểu.")}
            )
        return attrs


@dataclass(frozen=True)
class SearchQuery:
    """A validated search: the query text and the chosen filters, sort and page."""

    text: str = ""
    filters: dict = field(default_factory=dict)  # facet name → value; price: (low, high)
    sort: str = DEFAULT_SORT
    page: int = 1
    per_page: int = 20

    @property
    def folded(self):
        return fold(self.text)

    @property
    def lowered(self):
        return lower(self.text)

    def without(self, facet):
        return {name: value for name, value in self.filters.items() if name != facet}

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


def parse(params):
    """Query parameters (a QueryDict or dict) → SearchQuery; ValidationError when bad."""
    data = {key: params.get(key) for key in params if params.get(key) not in (None, "")}
    serializer = SearchParameters(data=data)
    serializer.is_valid(raise_exception=True)
    values = serializer.validated_data
    filters = {name: values[name] for name in FACETS if name in values and name != "price"}
    if "price_min" in values or "price_max" in values:
        filters["price"] = (values.get("price_min"), values.get("price_max"))
    return SearchQuery(
        text=values.get("q", ""),
        filters=filters,
        sort=values.get("sort", DEFAULT_SORT),
        page=values.get("page", 1),
        per_page=settings.SEARCH_RESULTS_PER_PAGE,
    )
