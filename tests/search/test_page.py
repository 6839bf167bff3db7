"""The search page /tim-kiem/ and the search box in every page's header."""

import pytest
from django.utils import translation
from wagtail.contrib.search_promotions.models import Query, SearchPromotion


def test_every_page_has_a_search_box_that_works_without_javascript(client, world):
    html = client.get("/").content.decode()
    assert '<form class="site-search" role="search" action="/tim-kiem/" method="get"' in html
    assert 'name="q"' in html
    assert "search/suggest.js" in html


def test_search_page_lists_results_with_type_facets_and_sorts(client, world):
    response = client.get("/tim-kiem/", {"q": "banh"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bánh gai Ninh Giang" in html
    assert "Bánh gai hết hạn" not in html
    assert "150.000\u00a0₫" in html
    assert "Hạng sao" in html and "4 sao (2)" in html
    assert '<option value="-price">Giá cao đến thấp</option>' in html


def test_facet_links_choose_and_drop_a_filter(client, world):
    html = client.get("/tim-kiem/", {"q": "", "stars": "5"}).content.decode()
    assert "Nước mắm Phú Quốc" in html and "Bánh gai Ninh Giang" not in html
    assert 'href="?q=&amp;stars=4"' in html or 'href="?stars=4' in html
    assert 'aria-current="true"' in html


def test_did_you_mean_on_the_page(client, world):
    html = client.get("/tim-kiem/", {"q": "banh gai ninh giqqg"}).content.decode()
    assert "Có phải bạn muốn tìm" in html
    assert "banh gai ninh giang" in html


def test_paging_on_the_page(client, world, settings):
    settings.SEARCH_RESULTS_PER_PAGE = 3
    html = client.get("/tim-kiem/", {"type": "product", "page": "2"}).content.decode()
    assert "Trang 2/2" in html


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 10_240}, {"stars": "9"}, {"price_min": "9", "price_max": "1"}, {"q": "a\x01"}],
)
def test_bad_parameters_on_the_page_are_a_400_that_says_why(client, world, params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 400
    assert "Không thể tìm với các tham số này" in response.content.decode()


def test_the_page_in_english(client, world):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get(
            "/tim-kiem/", {"q": "banh gai"}, HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    assert "1 result" in html
    assert "Filter the results" in html
    assert "Price, high to low" in html
    assert "Food" in html  # the category facet's English label


def test_promoted_results_from_wagtail_search_promotions(client, world):
    SearchPromotion.objects.create(
        query=Query.get("bánh gai"), page=world["che"], description="Quà Tết", sort_order=0
    )
    data = client.get("/api/search/", {"q": "BANH GAI"}).json()
    assert data["promoted"] == [
        {"title": "Chè Shan tuyết Hà Giang", "url": world["che"].url, "description": "Quà Tết"}
    ]
    html = client.get("/tim-kiem/", {"q": "banh gai"}).content.decode()
    assert "Gợi ý của ban biên tập" in html and "Quà Tết" in html
