"""The catalogue in the Wagtail admin: producers, products, certification history, QR labels."""

import io
import re
from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image as PillowImage

from catalog import qr, services
from catalog.models import Certification, Producer, Product, ProductPage, ProductSet
from tests.factories import make_producer, make_product, make_product_page

pytestmark = pytest.mark.django_db

PRODUCERS = "/admin/snippets/catalog/producer/"
PRODUCTS = "/admin/snippets/catalog/product/"


@pytest.fixture
def producers(today):
    return {
        "cuc": make_producer("Cơ sở bánh gai Hương Cúc", province_code=37, legal_form="household"),
        "cau_dat": make_producer("Hợp tác xã Cà phê Cầu Đất", province_code=68),
        "review": make_producer("Hợp tác xã Mới", province_code=68, needs_review=True),
    }


def names_listed(response):
    assert response.status_code == 200
    html = response.content.decode()
    return {name for name in ["Hương Cúc", "Cầu Đất", "Hợp tác xã Mới"] if name in html}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Hương Cúc", "Cầu Đất", "Hợp tác xã Mới"}),
        ("?province_code=68", {"Cầu Đất", "Hợp tác xã Mới"}),
        ("?legal_form=household", {"Hương Cúc"}),
        ("?needs_review=true", {"Hợp tác xã Mới"}),
        ("?q=Cầu Đất", {"Cầu Đất"}),
        ("?q=Hợp&province_code=68&needs_review=false", {"Cầu Đất"}),
    ],
)
def test_producer_listing_filters_and_search(admin_client, producers, query, expected):
    assert names_listed(admin_client.get(PRODUCERS + query)) == expected


def test_producer_form_has_a_province_select(admin_client, producers):
    html = admin_client.get(f"{PRODUCERS}edit/{producers['cuc'].pk}/").content.decode()
    select = re.search(r'<select name="province_code".*?</select>', html, re.S).group(0)
    assert len(re.findall(r"<option value=\"\d+\"", select)) == 34
    assert '<option value="37" selected>Ninh Bình</option>' in select


def producer_form(**overrides):
    return {
        "name": "Hợp tác xã Giao Hải",
        "slug": "",
        "legal_form": "cooperative",
        "street_address": "Xóm 4",
        "province_code": "37",
        "ward_code": "14161",
        "original_address": "xã Giao Hải, huyện Giao Thủy, tỉnh Nam Định",
        "story": '{"blocks": [], "entityMap": {}}',
        **overrides,
    }


def test_create_producer_in_the_admin(admin_client, today):
    response = admin_client.post(f"{PRODUCERS}add/", producer_form())
    assert response.status_code == 302
    producer = Producer.objects.get(name="Hợp tác xã Giao Hải")
    assert (producer.province_code, producer.ward_code) == (37, 14161)
    assert producer.address_today == "Xóm 4, Xã Giao Minh, Ninh Bình"


@pytest.mark.parametrize(
    ("ward", "error"), [("13870", "không thuộc Lâm Đồng"), ("1", "Không có xã/phường nào mã 1")]
)
def test_ward_must_exist_in_the_province(admin_client, today, ward, error):
    response = admin_client.post(
        f"{PRODUCERS}add/", producer_form(province_code="68", ward_code=ward)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Producer.objects.exists()


def test_product_listing_shows_the_derived_status_and_qr_links(admin_client, today):
    product = make_product(name="Muối biển", decision_date=date(2021, 8, 30), stars=3, score="55")
    html = admin_client.get(PRODUCTS).content.decode()
    assert "Muối biển" in html and "Hết hiệu lực" in html and "3 ★" in html
    assert f"/admin/ocop-catalog/products/{product.pk}/qr.svg?size=30" in html
    assert f"/admin/ocop-catalog/products/{product.pk}/qr.png?size=30" in html


def test_product_edit_shows_the_history_read_only(admin_client, today):
    product = make_product(decision_number="1903/QĐ-UBND", decision_date=date(2022, 9, 5))
    html = admin_client.get(f"{PRODUCTS}edit/{product.pk}/").content.decode()
    assert "1903/QĐ-UBND" in html and "Hết hiệu lực" in html
    assert f"/admin/ocop-catalog/products/{product.pk}/certifications/new/" in html
    assert f"/admin/ocop-catalog/certifications/{product.current_certification_id}/revoke/" in html
    assert 'name="stars"' not in html  # no inline editing of certifications


def certification_form(**overrides):
    return {
        "stars": "4",
        "score": "78",
        "certificate_number": "ND-OCOP-2026-0001",
        "decision_number": "2600/QĐ-UBND",
        "decision_date": "2026-09-01",
        "level": "province",
        "source": "manual",
        "source_record_id": "",
        **overrides,
    }


def test_adding_a_certification_keeps_the_history(admin_client, today):
    product = make_product(decision_date=date(2022, 9, 5), stars=3, score="60")
    old = product.current_certification
    url = f"/admin/ocop-catalog/products/{product.pk}/certifications/new/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, certification_form())
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.current_certification.decision_number == "2600/QĐ-UBND"
    assert product.is_certified()
    old.refresh_from_db()
    assert (old.stars, old.decision_date) == (3, date(2022, 9, 5))
    assert product.certifications.count() == 2


def test_a_decision_already_in_the_history_is_a_form_error(admin_client, today):
    product = make_product(decision_number="2600/QĐ-UBND", decision_date=date(2026, 9, 1))
    url = f"/admin/ocop-catalog/products/{product.pk}/certifications/new/"
    response = admin_client.post(url, certification_form())
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode()
    assert product.certifications.count() == 1


def test_star_out_of_its_band_is_a_form_error(admin_client, today):
    product = make_product()
    url = f"/admin/ocop-catalog/products/{product.pk}/certifications/new/"
    response = admin_client.post(url, certification_form(stars="5", score="78"))
    assert response.status_code == 200
    assert "78 điểm thuộc hạng 4 sao, không phải 5 sao." in response.content.decode()
    assert product.certifications.count() == 1


def test_revoking_through_the_admin(admin_client, today, catalogue, home_page):
    page = make_product_page(home_page)
    certification = page.product.current_certification
    url = f"/admin/ocop-catalog/certifications/{certification.pk}/revoke/"
    response = admin_client.post(
        url,
        {"revoked_on": "2026-11-20", "decision": "88/QĐ-UBND", "reason": "Hậu kiểm không đạt"},
    )
    assert response.status_code == 302
    certification.refresh_from_db()
    assert (certification.revoked_on, certification.revocation_decision) == (
        date(2026, 11, 20),
        "88/QĐ-UBND",
    )
    assert not page.product.__class__.objects.get(pk=page.product.pk).is_certified()
    assert admin_client.get(url).status_code in (302, 403)  # a revocation is not rewritten


def test_revocation_before_the_decision_is_a_form_error(admin_client, today):
    certification = make_product(decision_date=date(2025, 1, 15)).current_certification
    response = admin_client.post(
        f"/admin/ocop-catalog/certifications/{certification.pk}/revoke/",
        {"revoked_on": "2024-12-31", "decision": "1/QĐ", "reason": "x"},
    )
    assert response.status_code == 200
    assert "Ngày thu hồi trước ngày quyết định." in response.content.decode()
    assert Certification.objects.get(pk=certification.pk).revoked_on is None


def test_qr_label_svg_is_sized_in_millimetres(admin_client, today):
    product = make_product()
    response = admin_client.get(f"/admin/ocop-catalog/products/{product.pk}/qr.svg?size=40")
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"] == (
        f'attachment; filename="ocop-qr-{product.trace_code}-40mm.svg"'
    )
    svg = response.content.decode()
    assert 'width="40mm"' in svg or re.search(r'width="(39\.9\d*|40(\.0\d*)?)mm"', svg)
    url = settings.WAGTAILADMIN_BASE_URL + f"/truy-xuat/{product.trace_code}/"
    assert response.content == qr.label_svg(url, 40)


def test_qr_label_png_prints_at_300_dpi(admin_client, today, catalogue, home_page):
    page = make_product_page(home_page)
    response = admin_client.get(f"/admin/ocop-catalog/pages/{page.pk}/qr.png")
    picture = PillowImage.open(io.BytesIO(response.content))
    assert round(picture.info["dpi"][0]) == 300
    width_mm = picture.width / 300 * 25.4
    assert 27 <= width_mm <= 33  # the default 30 mm label, whole pixels per module


@pytest.mark.parametrize("size", ["7", "abc", "1000"])
def test_qr_label_of_an_unknown_size_is_a_400(admin_client, today, size):
    product = make_product()
    response = admin_client.get(f"/admin/ocop-catalog/products/{product.pk}/qr.svg?size={size}")
    assert response.status_code == 400


@pytest.mark.parametrize("kind", ["products", "pages"])
def test_qr_label_of_an_unknown_id_is_a_404(admin_client, today, kind):
    huge = "9" * 23  # beyond any database integer
    assert admin_client.get(f"/admin/ocop-catalog/{kind}/{huge}/qr.svg").status_code == 404


def test_qr_label_needs_an_admin_login(client, today):
    product = make_product()
    response = client.get(f"/admin/ocop-catalog/products/{product.pk}/qr.svg")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def admin_user(*permissions):
    user = get_user_model().objects.create_user(f"editor-{len(permissions)}", password="x")
    codenames = ["access_admin", *permissions]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_qr_labels_need_the_permission_to_see_the_product(
    client, today, catalogue, home_page, kind
):
    page = make_product_page(home_page)
    urls = [
        f"/admin/ocop-catalog/products/{page.product.pk}/qr.{kind}",
        f"/admin/ocop-catalog/pages/{page.pk}/qr.{kind}",
    ]
    client.force_login(admin_user())  # in the admin, but no rights on products or pages
    for url in urls:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    client.force_login(admin_user("view_product"))
    response = client.get(urls[0])
    assert response.status_code == 200
    assert response["Content-Type"] == {"svg": "image/svg+xml", "png": "image/png"}[kind]
    assert response["Content-Disposition"].startswith("attachment;")


def test_product_page_editor_and_listing_offer_the_qr_label(
    admin_client, today, catalogue, home_page
):
    page = make_product_page(home_page)
    label = f"/admin/ocop-catalog/pages/{page.pk}/qr.svg?size=30"
    assert label in admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert label in admin_client.get(f"/admin/pages/{catalogue.pk}/").content.decode()


def test_taxonomy_is_read_only(admin_client):
    html = admin_client.get("/admin/snippets/catalog/productset/").content.decode()
    assert "Du lịch cộng đồng, du lịch sinh thái, điểm du lịch" in html
    assert "/admin/snippets/catalog/productset/add/" not in html
    response = admin_client.post(
        "/admin/snippets/catalog/productset/add/",
        {"number": "27", "slug": "x", "name": "X", "category": "1"},
    )
    assert response.status_code in (302, 403)
    assert ProductSet.objects.count() == 26
    one = ProductSet.objects.get(number=1)
    assert (
        admin_client.get(f"/admin/snippets/catalog/productset/inspect/{one.pk}/").status_code == 200
    )


def error_messages(response):
    return [str(message) for message in response.wsgi_request._messages]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_product_with_a_page_is_not_deleted(admin_client, today, catalogue, home_page, method):
    page = make_product_page(home_page, title="Bánh gai Hương Cúc")
    product = page.product
    response = getattr(admin_client, method)(f"{PRODUCTS}delete/{product.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"{PRODUCTS}edit/{product.pk}/"
    [message] = error_messages(response)
    assert "Không thể xóa" in message and "“Bánh gai Hương Cúc”" in message
    assert Product.objects.filter(pk=product.pk).exists()
    assert ProductPage.objects.filter(pk=page.pk).exists()
    assert product.certifications.count() == 1


def test_a_product_with_a_certification_history_is_not_deleted(admin_client, today):
    product = make_product()
    response = admin_client.post(f"{PRODUCTS}delete/{product.pk}/")
    assert response.status_code == 302
    [message] = error_messages(response)
    assert "lịch sử chứng nhận OCOP (số quyết định: 1)" in message
    assert Certification.objects.filter(product=product).count() == 1


def test_a_product_nothing_depends_on_can_be_deleted(admin_client, today):
    product = make_product(certified=False)
    assert admin_client.get(f"{PRODUCTS}delete/{product.pk}/").status_code == 200
    response = admin_client.post(f"{PRODUCTS}delete/{product.pk}/")
    assert response.status_code == 302
    assert not Product.objects.filter(pk=product.pk).exists()


def test_a_producer_with_products_is_not_deleted(admin_client, today):
    product = make_product(name="Muối biển Bạch Long", certified=False)
    producer = product.producer
    response = admin_client.post(f"{PRODUCERS}delete/{producer.pk}/")
    assert response.status_code == 302
    [message] = error_messages(response)
    assert "“Muối biển Bạch Long”" in message
    assert Producer.objects.filter(pk=producer.pk).exists()


def test_bulk_deletion_stops_at_a_product_in_use(admin_client, today):
    in_use = make_product()
    unused = make_product(certified=False)
    url = f"/admin/bulk/catalog/product/delete/?id={in_use.pk}&id={unused.pk}"
    response = admin_client.post(url)
    assert response.status_code == 302 and response["Location"] == PRODUCTS
    assert len(error_messages(response)) == 1
    assert Product.objects.filter(pk__in=[in_use.pk, unused.pk]).count() == 2


def test_a_long_list_of_blockers_names_three_and_counts_the_rest(today):
    producer = make_producer()
    for number in range(5):
        make_product(name=f"Sản phẩm {number}", producer=producer, certified=False)
    [reason] = services.deletion_blockers(producer)
    assert reason.count("“Sản phẩm") == 3 and reason.endswith("và 2 mục khác")


@pytest.mark.parametrize("alias", [False, True])
def test_a_product_page_is_not_copied(admin_client, today, catalogue, home_page, alias):
    page = make_product_page(home_page)
    url = f"/admin/pages/{page.pk}/copy/"
    data = {
        "new_title": "Bản sao",
        "new_slug": "ban-sao",
        "new_parent_page": catalogue.pk,
        "alias": alias,
    }
    for response in (admin_client.get(url), admin_client.post(url, data)):
        assert response.status_code == 302
        assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
        assert "Không thể sao chép trang sản phẩm" in error_messages(response)[-1]
    assert ProductPage.objects.count() == 1
