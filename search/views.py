"""The search page ``/tim-kiem/``: works without JavaScript; the header box posts here."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from search import services
from search.query import SORTS, SearchQuery

FACET_TITLES = {
    "type": _("Loại"),
    "category": _("Ngành"),
    "product_set": _("Bộ sản phẩm"),
    "stars": _("Hạng sao"),
    "province": _("Tỉnh/thành phố"),
    "price": _("Giá"),
}


class Pagination:
    """What catalog/includes/pagination.html reads, for a SearchPage."""

    def __init__(self, page):
        self.number = page.query.page
        self.num_pages = page.pages
        self.paginator = self

    def has_other_pages(self):
        return self.num_pages > 1

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.num_pages

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


def facet_link(request, name, item):
    """The page's address with this facet value chosen (or, when chosen, dropped)."""
    params = request.GET.copy()
    params.pop("page", None)
    names = ["price_min", "price_max"] if name == "price" else [name]
    for key in names:
        params.pop(key, None)
    if not item.chosen:
        if name == "price":
            low, _sep, high = item.value.partition("-")
            if low:
                params["price_min"] = low
            if high:
                params["price_max"] = high
        else:
            params[name] = item.value
    return "?" + params.urlencode()


def search_page(request):
    errors, page, status = [], None, 200
    try:
        query = services.parse(request.GET)
    except ValidationError as error:
        query, status = SearchQuery(text=""), 400
        for name, messages in error.detail.items():
            errors += [
                f"{name}: {message}" if name != "non_field_errors" else str(message)
                for message in messages
            ]
    else:
        if query.text or query.filters:
            page = services.search(query)
            services.log_query(query.text, page.total)
    facets = []
    if page is not None:
        facets = [
            (name, FACET_TITLES[name], [(item, facet_link(request, name, item)) for item in values])
            for name, values in page.facets.items()
            if values
        ]
    context = {
        "query": query,
        "search": page,
        "errors": errors,
        "facets": facets,
        "sorts": list(SORTS.items()),
        "page_obj": Pagination(page) if page else None,
    }
    return render(request, "search/search_page.html", context, status=status)
