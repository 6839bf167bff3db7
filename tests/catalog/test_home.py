from datetime import date

import pytest
import time_machine

from tests.factories import make_product, make_product_page
from tests.tours.builders import make_tour, make_village

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 23))
def test_home_page_shows_newest_purchasable_products_and_tours(client, home_page):
    on_sale = make_product_page(home_page, make_product("Bánh gai Hương Cúc"))
    expired = make_product_page(
        home_page, make_product("Muối biển Bạch Long", decision_date=date(2021, 8, 30))
    )
    village = make_village(home_page, title="Bát Tràng", slug="bat-trang")
    tour = make_tour(home_page, villages=[village], title="Một ngày làm gốm", slug="lam-gom")

    html = client.get("/").content.decode()
    assert "Sản phẩm OCOP mới lên kệ" in html
    assert f'href="{on_sale.url}"' in html
    assert expired.title not in html
    assert f'href="{tour.url}"' in html
