"""The product detail page: gallery, variant picker, specs, standards, producer card, QR."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import ProductImage, ProductVariant, QualityStandard
from tests.catalog.conftest import add_gallery, make_image
from tests.factories import make_producer, make_product, make_product_page, set_stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(today, catalogue, home_page):
    producer = make_producer(
        "Hợp tác xã Chế biến Thủy sản Giao Hải",
        street_address="Xóm 4",
        ward_code=14161,  # Xã Giao Minh
        phone="0228 3811 222",
        original_address="xã Giao Hải, huyện Giao Thủy, tỉnh Nam Định",
    )
    page = make_product_page(
        home_page,
        make_product(name="Nước mắm cốt cá cơm", producer=producer, product_set=9),
        variants=((150_000, 12), (1_250_000, 0), (75_500, 3)),
        ingredients="Cá cơm, muối biển",
        net_quantity="500 ml",
        shelf_life="24 tháng",
        storage="Nơi khô ráo",
        gtin="8934588012228",
        geographical_indication="Nước mắm Giao Thủy",
        collective_trademark="Nhãn hiệu tập thể Giao Hải",
    )
    page.quality_standards.set(QualityStandard.objects.filter(slug__in=["haccp", "vietgap"]))
    page.save()  # a ParentalManyToManyField is written when the page is saved
    return page


def test_variant_picker_lists_active_variants_with_prices(client, page):
    ProductVariant.objects.create(
        page=page, sku="OLD", label="Loại cũ", price=10_000, is_active=False
    )
    set_stock(page.variants.get(sku="OLD"), 5)
    html = client.get(page.url).content.decode()
    assert '<span class="price">150.000\u00a0₫</span>' in html
    assert '<span class="price">1.250.000\u00a0₫</span>' in html
    assert '<span class="price">75.500\u00a0₫</span>' in html
    assert "Loại cũ" not in html
    variants = list(page.variants.filter(is_active=True).order_by("sort_order"))
    assert f'value="{variants[0].pk}" checked required' in html  # first one in stock
    assert f'value="{variants[1].pk}" disabled required' in html  # out of stock
    assert '<label for="quantity">Số lượng</label>' in html


def test_out_of_stock_product_has_no_buy_button(client, today, catalogue, home_page):
    page = make_product_page(home_page, variants=((150_000, 0),))
    html = client.get(page.url).content.decode()
    assert "Sản phẩm tạm hết hàng." in html
    assert "Thêm vào giỏ hàng" not in html


def test_gallery_uses_renditions_and_alt_text(client, page):
    add_gallery(page, 1, image=make_image("Chai"))
    extra = ProductImage.objects.create(
        page=page, image=make_image("Thùng"), alt_text="Thùng 6 chai", sort_order=5
    )
    html = client.get(page.url).content.decode()
    assert 'alt="Nước mắm cốt cá cơm"' in html  # the title when no alt text is given
    assert "fill-960x720" in html
    assert 'alt="Thùng 6 chai"' in html and "fill-160x120" in html
    assert extra.image.renditions.filter(filter_spec="fill-160x120").exists()


def test_thumbnails_without_alt_text_say_which_photo_they_open(client, page):
    add_gallery(page, 3, image=make_image("Chai"))
    html = client.get(page.url).content.decode()
    assert html.count('alt="Nước mắm cốt cá cơm"') == 1  # the main photo only
    for number in (2, 3):
        assert f'alt="Ảnh {number} của Nước mắm cốt cá cơm (xem ảnh lớn)"' in html


def test_specs_standards_and_origin_marks(client, page):
    html = client.get(page.url).content.decode()
    for text in [
        "Cá cơm, muối biển",
        "500 ml",
        "24 tháng",
        "Nơi khô ráo",
        "8934588012228",
        "VietGAP",
        "HACCP",
        "Nước mắm Giao Thủy",
        "Nhãn hiệu tập thể Giao Hải",
        "Bộ sản phẩm 9. Tương, nước mắm, gia vị lỏng",
    ]:
        assert text in html, text


def test_producer_card(client, page):
    html = client.get(page.url).content.decode()
    card = html[html.index('<aside class="producer-card"') :]
    assert "Hợp tác xã Chế biến Thủy sản Giao Hải" in card
    assert "Xóm 4, Xã Giao Minh, Ninh Bình" in card
    assert 'href="tel:02283811222"' in card


def test_qr_code_of_the_trace_url(client, page):
    html = client.get(page.url).content.decode()
    code = page.product.trace_code
    assert f'<img src="/truy-xuat/{code}/qr.svg"' in html
    assert f'href="/truy-xuat/{code}/"' in html


@pytest.mark.parametrize("slug", ["tinh", "chu-the"])
def test_product_page_may_not_take_a_catalogue_route(page, slug):
    page.slug = slug
    with pytest.raises(ValidationError):
        page.full_clean()


def test_editor_preview_shows_unsaved_variants(page):
    """The admin preview renders the page with its in-memory (unsaved) child objects."""
    page.variants = [
        ProductVariant(sku="NEW-1", label="Chai mới", price=99_000),
        ProductVariant(sku="NEW-2", label="Thùng mới", price=540_000, sort_order=1),
    ]
    page.gallery_images = [ProductImage(image=make_image("Mới"))]
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chai mới" in html and "99.000\u00a0₫" in html
