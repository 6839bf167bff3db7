"""Vietnamese alphabetical order of provinces, the description shown once, đồng in the admin."""

import re

import pytest

from catalog import places
from catalog.text import vietnamese_sort_key
from cms.widgets import DongInput
from tests.factories import make_product, make_product_page

ORDER = ["Ca", "Cà Mau", "Cao Bằng", "Cần Thơ", "Da", "Dương", "Đà Nẵng", "Điện Biên", "Đồng Nai"]


def test_vietnamese_sort_key_follows_the_alphabet_then_tones():
    shuffled = ["Đồng Nai", "Cao Bằng", "Da", "Cần Thơ", "Ca", "Đà Nẵng", "Cà Mau", "Dương"]
    assert sorted([*shuffled, "Điện Biên"], key=vietnamese_sort_key) == ORDER
    assert sorted(["ma", "mạ", "má", "mã", "mả", "mà"], key=vietnamese_sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    assert vietnamese_sort_key("Đồng Nai") == vietnamese_sort_key("đồng nai")


def test_provinces_are_listed_in_vietnamese_order():
    names = [places.sort_name(province) for province in places.provinces()]
    assert names.index("Cà Mau") < names.index("Cao Bằng") < names.index("Cần Thơ")
    assert names.index("Đà Nẵng") > names.index("Cần Thơ")
    assert all(not name.startswith("D") for name in names[names.index("Đà Nẵng") :])
    assert names == sorted(names, key=vietnamese_sort_key)
    assert [code for code, _name in places.province_choices()] == [
        province.code.value for province in places.provinces()
    ]


@pytest.mark.django_db
def test_catalogue_filter_and_shop_by_province_use_that_order(client, today, catalogue, home_page):
    make_product_page(home_page, make_product(name="Gạo tám"))
    html = client.get(catalogue.url).content.decode()
    options = re.findall(
        r'<option value="\d+"[^>]*>([^<]+)</option>', html.split('name="province"')[1]
    )
    assert options.index("Cà Mau") < options.index("Cao Bằng")
    assert options.index("Cao Bằng") < options.index("Thành phố Đà Nẵng") < options.index("Đắk Lắk")
    provinces_page = client.get(catalogue.url + "tinh/").content.decode()
    assert provinces_page.index("Cà Mau") < provinces_page.index("Cao Bằng")


@pytest.mark.django_db
def test_the_description_is_shown_once(client, today, catalogue, home_page):
    page = make_product_page(
        home_page,
        make_product(name="Bánh gai"),
        summary="Bánh gai lá gai tươi.",
        description="<p>Gói bằng lá chuối khô, hấp chín trong 4 giờ.</p>",
    )
    main = client.get(page.url).content.decode().split('<main id="main"')[1]
    assert main.count("Gói bằng lá chuối khô") == 1
    assert main.count("Bánh gai lá gai tươi.") == 1


def test_demo_description_does_not_repeat_the_summary():
    from catalog.demo import SAMPLE_ROWS, demo_description

    for entry in SAMPLE_ROWS:
        if entry.summary:
            assert entry.summary not in demo_description(entry)


def test_admin_amount_fields_show_dong():
    html = DongInput().render("price", 1250000, attrs={"id": "id_price"})
    assert 'type="number"' in html
    assert "1.250.000\u00a0₫" in html
    assert "₫" in DongInput().render("price", None)
    assert "Hiện là" not in DongInput().render("price", "abc")


@pytest.mark.django_db
def test_price_change_log_shows_dong():
    from types import SimpleNamespace

    from wagtail.log_actions import registry

    formatter = registry.get_formatter(SimpleNamespace(action="catalog.set_price"))
    entry = SimpleNamespace(data={"label": "Chai", "sku": "S1", "old": 150000, "new": 160000})
    assert formatter.format_message(entry) == "Đổi giá Chai (S1): 150.000\u00a0₫ → 160.000\u00a0₫"
