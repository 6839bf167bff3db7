"""Village and tour pages: what they show and how they link to the catalogue."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.factories import make_producer, make_product, make_product_page
from tours.models import CraftVillagePage

from .builders import BAT_TRANG_WARD, make_departure, make_tour, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 8, 1, 2, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def html_of(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_village_lists_producers_of_its_ward_and_their_purchasable_products(
    client, home_page, village
):
    potter = make_producer("Hợp tác xã Gốm Bát Tràng", ward_code=BAT_TRANG_WARD, province_code=1)
    elsewhere = make_producer("Hợp tác xã Chè Thái", ward_code=None)
    certified = make_product_page(home_page, make_product("Bình gốm men lam", producer=potter))
    expired = make_product_page(
        home_page,
        make_product("Ấm chén cũ", producer=potter, decision_date=date(2021, 1, 1)),
    )
    make_product_page(home_page, make_product("Chè Tân Cương", producer=elsewhere))

    assert list(village.located_producers()) == [potter]
    assert list(village.purchasable_product_pages()) == [certified]
    html = html_of(client, village)
    assert "Hợp tác xã Gốm Bát Tràng" in html
    assert "Bình gốm men lam" in html and certified.url in html
    assert expired.title not in html
    assert "Chè Tân Cương" not in html
    assert "Xã Bát Tràng" in html  # today's ward, from its code


def test_editor_picks_add_producers_and_products(home_page, village):
    picked = make_producer("Hộ kinh doanh Gốm Minh", ward_code=None)
    village.producers.add(picked)
    other_page = make_product_page(home_page, make_product("Men gốm hoa lam"))
    village.product_picks.create(product_page=other_page)
    village.save()
    assert picked in village.located_producers()
    assert other_page in village.purchasable_product_pages()


def test_ward_producers_can_be_turned_off_for_big_wards(home_page, village):
    make_producer("Công ty trong phường", ward_code=BAT_TRANG_WARD)
    village.include_ward_producers = False
    village.save()
    assert list(village.located_producers()) == []


def test_village_lists_its_live_tours(client, village, tour, home_page):
    hidden = make_tour(home_page, villages=[village], title="Tour nháp")
    hidden.unpublish()
    html = html_of(client, village)
    assert tour.title in html and tour.url in html
    assert "Tour nháp" not in html


def test_village_ward_must_belong_to_its_province(home_page):
    village = CraftVillagePage(
        title="Sai", slug="sai", craft="Gốm", province_code=37, ward_code=583
    )
    with pytest.raises(ValidationError) as error:
        village.full_clean()
    assert "ward_code" in error.value.message_dict


def test_index_pages_list_villages_and_tours(client, village, tour):
    assert village.title in html_of(client, village.get_parent())
    assert tour.title in html_of(client, tour.get_parent())


def test_tour_page_shows_the_facts(client, tour, village):
    html = html_of(client, tour)
    assert "350.000\xa0₫" in html and "200.000\xa0₫" in html
    assert "4 giờ" in html
    assert "Cổng chợ gốm" in html
    assert "Tiếng Việt, Tiếng Anh" in html
    assert village.url in html
    assert "Hủy miễn phí đến 24 giờ trước giờ khởi hành" in html


def test_calendar_shows_departures_with_seats_left(client, tour):
    from tours import services

    open_one = make_departure(tour, starts_at=utc(2026, 8, 5, 1, 0), capacity=10)
    full = make_departure(tour, starts_at=utc(2026, 8, 6, 7, 30), capacity=2)
    cancelled = make_departure(tour, starts_at=utc(2026, 8, 7, 1, 0), status="cancelled")
    services.hold_seats(open_one.pk, adults=3)
    services.hold_seats(full.pk, adults=2)

    html = html_of(client, tour)
    assert "Tháng 8 2026" in html
    assert f'id="departure-{open_one.pk}"' in html
    assert "08:00" in html and "còn 7 chỗ" in html  # 01:00 UTC is 08:00 in Hà Nội
    assert f'id="departure-{full.pk}"' not in html and "14:30 ·" in html and "Hết chỗ" in html
    assert f'id="departure-{cancelled.pk}"' not in html and "Đã hủy" in html


def test_calendar_pages_through_months_with_departures(client, tour):
    make_departure(tour, starts_at=utc(2026, 8, 20, 1, 0))
    september = make_departure(tour, starts_at=utc(2026, 9, 10, 1, 0))
    august = html_of(client, tour)
    assert "?thang=2026-09" in august and "?thang=2026-07" not in august
    assert f'id="departure-{september.pk}"' not in august
    html = html_of(client, tour, thang="2026-09")
    assert f'id="departure-{september.pk}"' in html
    assert "?thang=2026-08" in html and "?thang=2026-10" not in html
    # Months out of range or unreadable fall back to the nearest shown month.
    assert f'id="departure-{september.pk}"' in html_of(client, tour, thang="2030-01")
    assert "?thang=2026-09" in html_of(client, tour, thang="rubbish")


def test_past_departures_are_not_in_the_calendar(client, tour, frozen):
    gone = make_departure(tour, starts_at=NOW - timedelta(hours=1))
    assert f'id="departure-{gone.pk}"' not in html_of(client, tour)


def test_tour_without_departures_says_so(client, tour):
    assert "Hiện chưa có lịch khởi hành" in html_of(client, tour)


def test_tour_minimum_cannot_exceed_maximum(home_page, village):
    with pytest.raises(ValidationError):
        make_tour(home_page, villages=[village], min_group_size=12, max_group_size=10).full_clean()


def test_tour_languages_are_checked_in_the_admin_form(tour):
    languages = type(tour).get_edit_handler().get_form_class()().fields["languages"]
    assert languages.clean(["vi", "fr"]) == ["vi", "fr"]
    with pytest.raises(ValidationError):
        languages.clean(["vi", "xx"])


def test_calendar_shows_a_departures_own_prices(client, tour):
    make_departure(tour, starts_at=utc(2026, 8, 5, 1, 0))
    kids_free = make_departure(tour, starts_at=utc(2026, 8, 6, 1, 0), price_child_override=0)
    html = html_of(client, tour)
    label = html[html.index(f'for="departure-{kids_free.pk}"') :].split("</label>")[0]
    assert "350.000\xa0₫ / người lớn, 0\xa0₫ / trẻ em" in label
    assert html.count("/ trẻ em</span>") == 1  # the departure at the tour's prices shows none
