"""Catalogue demo data: the sample recognition list, coverage, idempotence, bulk products."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import time_machine
from wagtail.models import Page

from catalog import bulk, demo
from catalog.models import (
    CatalogIndexPage,
    Certification,
    Producer,
    Product,
    ProductPage,
    ProductVariant,
)
from catalog.rules import CertificateStatus
from cms import demo as cms_demo
from cms.i18n import originals
from tests.shared_data import data_for_the_module

pytestmark = pytest.mark.django_db

SAMPLE = Path(demo.__file__).parent / "registry" / "samples" / "sample-nam-dinh.csv"
SHARED_SAMPLE = Path("/work/shared/registry/sample-nam-dinh.csv")


def load(products=0):
    out = io.StringIO()
    cms_demo.load(stdout=out)
    demo.load(stdout=out, products=products)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo_in_database(django_db_setup, django_db_blocker):
    """The demo as loaded on 23/11/2026, once for this module (tests/shared_data.py)."""

    def load_on_the_day():
        with time_machine.travel(date(2026, 11, 23), tick=False):
            load()

    with data_for_the_module(django_db_blocker, load_on_the_day):
        yield


@pytest.fixture
def loaded(demo_in_database, db):
    with time_machine.travel(date(2026, 11, 23), tick=False):
        yield


def valid_sample_rows():
    """The rows of the sample file not marked wrong in its ``ghi chú`` column."""
    with SAMPLE.open(encoding="utf-8") as sample:
        rows = list(csv.DictReader(sample))
    return [row for row in rows if not row["ghi chú"].startswith(("sai", "trùng"))]


@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason="shared folder not mounted")
def test_sample_in_the_repository_is_the_shared_one():
    assert SAMPLE.read_bytes() == SHARED_SAMPLE.read_bytes()


def test_demo_holds_the_valid_rows_of_the_sample_list(loaded):
    rows = valid_sample_rows()
    assert len(rows) == 13
    for row in rows:
        certification = Certification.objects.select_related("product__producer").get(
            certificate_number=row["Số giấy chứng nhận"]
        )
        day, month, year = map(int, row["Ngày quyết định"].split("/"))
        assert certification.product.name == row["Tên sản phẩm"]
        assert certification.product.producer.name == row["Chủ thể"]
        assert certification.product.producer.original_address == row["Địa chỉ"]
        assert certification.product.producer.province_code == 37  # Nam Định is now Ninh Bình
        assert certification.product.product_set.number == int(row["Bộ sản phẩm"])
        assert (certification.stars, str(certification.score.normalize())) == (
            int(row["Hạng sao"]),
            row["Điểm"],
        )
        assert certification.decision_number == row["Số quyết định"]
        assert certification.decision_date == date(year, month, day)
        if row["Trạng thái"] == "Thu hồi":
            assert certification.revocation_reason == row["Lý do thu hồi"]
    assert not Product.objects.filter(name__in=["Rượu nếp cái hoa vàng", "Kẹo Sìu Châu"]).exists()
    assert Product.objects.filter(name="Gạo tám thơm Hải Hậu").count() == 1


def test_demo_covers_categories_stars_statuses_and_provinces(loaded):
    with time_machine.travel(date(2026, 11, 23), tick=False):
        products = list(Product.objects.select_related("product_set__category", "producer"))
        statuses = {product.certificate_status() for product in products}
    assert len({product.product_set.category.slug for product in products}) == 6
    assert {product.current_certification.stars for product in products} >= {3, 4, 5}
    assert {
        CertificateStatus.VALID,
        CertificateStatus.RENEWAL_WINDOW,
        CertificateStatus.EXPIRED,
        CertificateStatus.REVOKED,
    } <= statuses
    assert len({product.producer.province_code for product in products}) >= 5


def test_every_demo_product_has_a_live_page_with_variants_and_images(loaded, client):
    index = originals(CatalogIndexPage.objects).get()
    assert index.live and index.get_parent().specific_class.__name__ == "HomePage"
    for page in originals(ProductPage.objects.all()):
        assert page.live
        assert 1 <= page.variants.count() <= 3
        assert page.gallery_images.count() >= 1
    with time_machine.travel(date(2026, 11, 23), tick=False):
        assert client.get("/san-pham/").status_code == 200
        assert client.get("/san-pham/nem-chua-nghia-hung/").status_code == 200


def test_every_demo_product_page_has_a_live_english_copy_with_english_text(loaded, client):
    vietnamese = originals(ProductPage.objects.all())
    copies = ProductPage.objects.exclude(pk__in=vietnamese.values("pk"))
    assert vietnamese.count() == copies.count() == 20
    for copy in copies:
        assert copy.live and copy.product_id is None and not copy.variants.exists()
        assert copy.catalogue_product is not None and copy.title != copy.original.title
    with time_machine.travel(date(2026, 11, 23), tick=False):
        html = client.get("/en/products/").content.decode()
        assert "Bần soybean paste with chilli" in html and "Tương Bần ớt" not in html
        page = client.get("/en/products/ban-soybean-paste-with-chilli/").content.decode()
        assert "<h1>Bần soybean paste with chilli</h1>" in page and "38.000" in page


def test_demo_is_idempotent(loaded):
    counts = [model.objects.count() for model in (Producer, Product, Certification, Page)]
    with time_machine.travel(date(2026, 11, 23), tick=False):
        load()
    assert [model.objects.count() for model in (Producer, Product, Certification, Page)] == counts


def test_synthetic_products_are_topped_up_to_the_number_asked(loaded, client):
    with time_machine.travel(date(2026, 11, 23), tick=False):
        out = load(products=30)
        assert "Added 30 synthetic products" in out
        load(products=30)
        assert bulk.synthetic_count() == 30
        load(products=37)
        assert bulk.synthetic_count() == 37
        assert Page.find_problems() == ([], [], [], [], [])  # the page tree is sound
        index = originals(CatalogIndexPage.objects).get()
        assert index.get_children().count() == index.numchild == 20 + 37
        synthetic = ProductPage.objects.filter(product__registry_code__startswith="DEMO-SYN-")
        assert synthetic.count() == 37
        page = synthetic.order_by("pk").first()
        assert client.get(page.url).status_code == 200
        assert (
            page.title
            in client.get(f"/san-pham/?producer={page.product.producer.slug}").content.decode()
        )
        assert ProductVariant.objects.filter(page__in=synthetic).exists()
        assert synthetic.purchasable().count() >= 30
        assert ProductPage.objects.search(page.title).count() >= 1  # in the search index


def test_the_renewal_window_example_never_ages_out(demo_in_database, db):
    """Issue 13, item 11: a demo loaded long ago (23/11/2026) and loaded again today
    still shows one."""
    counts = Certification.objects.count()
    for later in (date(2027, 6, 1), date(2029, 2, 1)):
        with time_machine.travel(later, tick=False):
            load()
            statuses = {product.certificate_status() for product in Product.objects.all()}
            cinnamon = Product.objects.get(name="Tinh dầu quế Văn Yên").current_certification
            assert CertificateStatus.RENEWAL_WINDOW in statuses
            assert cinnamon.decision_date > later.replace(year=later.year - 3)
    assert Certification.objects.count() == counts  # moved, not added
