"""Template tags the catalogue pages use to link to villages and tours."""

import pytest
from django.template import Context, Template

from tests.factories import make_producer, make_product, make_product_page
from tours.models import TourProduct

from .builders import BAT_TRANG_WARD, make_tour, make_village

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load tours_tags %}" + source).render(Context(context))


@pytest.fixture
def potter():
    return make_producer("Hợp tác xã Gốm Bát Tràng", ward_code=BAT_TRANG_WARD, province_code=1)


def test_product_page_shows_tours_visiting_its_producers_village(home_page, tour, potter):
    page = make_product_page(home_page, make_product("Bình gốm men lam", producer=potter))
    html = render("{% tours_for_product page %}", page=page)
    assert "Tham quan nơi làm ra sản phẩm" in html
    assert tour.title in html and tour.url in html


def test_tours_run_by_the_producer_or_showing_the_product_count_too(home_page, village):
    far_away = make_producer("Hộ kinh doanh ở xa", ward_code=None)
    product = make_product("Lụa tơ tằm", producer=far_away)
    own = make_tour(home_page, operator=far_away, title="Tour của chính chủ thể")
    showing = make_tour(home_page, villages=[village], title="Tour có xem sản phẩm")
    TourProduct.objects.create(tour=showing, product=product)
    unrelated = make_tour(home_page, villages=[village], title="Tour không liên quan")

    html = render("{% tours_for_product product %}", product=product)
    assert own.title in html and showing.title in html
    assert unrelated.title not in html


def test_no_tours_renders_nothing(home_page, tour):
    page = make_product_page(home_page, make_product("Nước mắm", producer=make_producer()))
    assert render("{% tours_for_product page %}", page=page).strip() == ""


def test_unpublished_tours_are_not_shown(home_page, tour, potter):
    tour.unpublish()
    page = make_product_page(home_page, make_product("Bình gốm", producer=potter))
    assert tour.title not in render("{% tours_for_product page %}", page=page)


def test_producer_links_to_its_village(village, potter):
    html = render("{% village_for_producer producer %}", producer=potter)
    assert f'<a href="{village.url}">Bát Tràng</a>' in html


def test_producer_picked_by_an_editor_links_to_the_village(home_page):
    picked = make_producer("Hộ kinh doanh Lụa", ward_code=None)
    silk = make_village(home_page, title="Vạn Phúc", ward_code=9556)
    silk.producers.add(picked)
    silk.save()
    assert silk.url in render("{% village_for_producer producer %}", producer=picked)


def test_producer_without_village_renders_nothing(village):
    elsewhere = make_producer("Hợp tác xã ở nơi khác", ward_code=None)
    assert render("{% village_for_producer producer %}", producer=elsewhere).strip() == ""


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(45, "45 phút"), (240, "4 giờ"), (210, "3 giờ 30 phút"), (2 * 1440, "2 ngày"), (0, "")],
)
def test_duration_filter(minutes, text):
    assert render("{{ minutes|duration }}", minutes=minutes) == text


def test_catalogue_product_and_producer_pages_link_to_village_and_tours(
    client, home_page, tour, village, potter
):
    page = make_product_page(home_page, make_product("Bình hút lộc", producer=potter))
    product_html = client.get(page.url).content.decode()
    assert "Tham quan nơi làm ra sản phẩm" in product_html
    assert f'href="{tour.url}"' in product_html
    assert f'<a href="{village.url}">Bát Tràng</a>' in product_html

    producer_html = client.get(f"{page.get_parent().url}chu-the/{potter.slug}/").content.decode()
    assert f'<a href="{village.url}">Bát Tràng</a>' in producer_html


def test_a_product_with_no_village_or_tour_costs_no_tour_query_and_a_new_link_is_seen(
    shared_cache_on,
    home_page,
    village,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    """The link sets come from the shared cache (tours.links); a tour product saved
    bumps it, so the product's page lists the tour on the next request."""
    loner = make_producer("Hộ kinh doanh không có làng", ward_code=None)
    page = make_product_page(home_page, make_product("Mật ong rừng", producer=loner))
    source = "{% tours_for_product page %}{% village_for_producer producer %}"
    render(source, page=page, producer=loner)  # the link sets are now cached
    with django_assert_num_queries(0):
        assert render(source, page=page, producer=loner).strip() == ""
    tour = make_tour(home_page, villages=[village], title="Tour mật ong")
    with django_capture_on_commit_callbacks(execute=True):
        TourProduct.objects.create(tour=tour, product=page.product)
    assert tour.title in render(source, page=page, producer=loner)
