"""Catalogue demo data, loaded by ``load_demo`` after the site shell (cms.demo).

* the catalogue index page under the home page;
* the valid rows of ``catalog/registry/samples/sample-nam-dinh.csv`` (the province's
  illustrative recognition list; the rows marked wrong in its ``ghi chú`` column are
  left out), entered here as data and recorded through ``catalog.services``;
* products from other provinces so that all 6 categories, 3★/4★/5★ and a
  renewal-window certificate are shown. Their decision dates are relative to today so
  they stay current; producers, numbers and scores are fictional;
* a page for every product with 1–3 variants and two illustrations (cms.artwork), and
  its English copy (catalog.demo_english).

``products=N`` tops the synthetic benchmark products up to N (``catalog.bulk``).
Idempotent: everything is looked up by a natural key before it is made.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from catalog import bulk, demo_accounts, services
from catalog.demo_english import ensure_english_products
from catalog.models import (
    CatalogIndexPage,
    Certification,
    CertificationLevel,
    CertificationSource,
    LegalForm,
    Producer,
    Product,
    ProductImage,
    ProductPage,
    ProductSet,
    ProductVariant,
    QualityStandard,
)
from catalog.text import match_key, strip_diacritics
from cms import artwork
from cms.demo import ensure_english
from cms.demo_images import ensure_picture, is_demo_picture
from cms.models import HomePage
from marketplace.services import inventory

NINH_BINH = 37  # today's province of the pre-2025 Nam Định addresses


@dataclass
class Entry:
    name: str
    producer: str
    legal_form: str
    address: str
    province: int
    product_set: int
    score: str
    stars: int
    certificate: str
    decision: str
    decision_date: date
    level: str
    variants: list
    summary: str = ""
    ward: int | None = None
    revoked: tuple | None = None  # (date, decision, reason)
    standards: list = field(default_factory=list)
    geographical_indication: str = ""
    net_quantity: str = ""
    shelf_life: str = ""
    from_registry: bool = False
    # Dated relative to today (days_ago): moved to today's date on each load, so the
    # example (a renewal window, a recent decision) never ages out.
    relative: bool = False


def nam_dinh(name, producer, legal_form, address, *facts, **details):
    """A row of the sample recognition list (Nam Định, today part of Ninh Bình)."""
    return Entry(
        name, producer, legal_form, address, NINH_BINH, *facts, from_registry=True, **details
    )


PROVINCE, NATIONAL, DISTRICT = (
    CertificationLevel.PROVINCE,
    CertificationLevel.NATIONAL,
    CertificationLevel.DISTRICT,
)
HTX, HKD, DN = LegalForm.COOPERATIVE, LegalForm.HOUSEHOLD, LegalForm.ENTERPRISE

# Rows 1–13 of sample-nam-dinh.csv (rows 14–16 are wrong on purpose and not loaded).
SAMPLE_ROWS = [
    nam_dinh("Bánh gai Hương Cúc", "Cơ sở sản xuất bánh gai Hương Cúc", HKD,
             "xã Yên Trung, huyện Ý Yên, tỉnh Nam Định", 6, "72", 4, "ND-OCOP-2024-0117",
             "2150/QĐ-UBND", date(2024, 7, 18), PROVINCE,
             [("Hộp 10 chiếc", 65_000, 600, 40), ("Hộp 20 chiếc", 120_000, 1200, 25)],
             summary="Bánh gai lá gai tươi, nhân đậu xanh, dừa và mỡ, gói lá chuối khô.",
             shelf_life="5 ngày ở nhiệt độ thường", net_quantity="60 g/chiếc"),
    nam_dinh("Dầu lạc dinh dưỡng", "Hộ kinh doanh Nguyễn Văn Dũng", HKD,
             "xã Yên Cường, huyện Ý Yên, tỉnh Nam Định", 7, "61", 3, "YY-OCOP-2024-031",
             "845/QĐ-UBND", date(2024, 6, 12), DISTRICT,
             [("Chai 500 ml", 95_000, 520, 30), ("Chai 1 lít", 180_000, 1000, 12)],
             ward=13870, summary="Dầu lạc ép lạnh từ lạc vùng bãi sông Đáy."),
    nam_dinh("Dầu vừng dinh dưỡng", "Hộ kinh doanh Nguyễn Văn Dũng", HKD,
             "xã Yên Cường, huyện Ý Yên, tỉnh Nam Định", 7, "63", 3, "YY-OCOP-2024-032",
             "845/QĐ-UBND", date(2024, 6, 12), DISTRICT,
             [("Chai 250 ml", 85_000, 270, 20), ("Chai 500 ml", 160_000, 520, 10)],
             ward=13870, summary="Dầu vừng đen ép lạnh, thơm, dùng trộn và chấm."),
    nam_dinh("Dầu đậu tương dinh dưỡng", "Hộ kinh doanh Nguyễn Văn Dũng", HKD,
             "xã Yên Cường, huyện Ý Yên, tỉnh Nam Định", 7, "58", 3, "YY-OCOP-2024-033",
             "845/QĐ-UBND", date(2024, 6, 12), DISTRICT,
             [("Chai 1 lít", 90_000, 1000, 35)], ward=13870),
    nam_dinh("Dầu gấc dinh dưỡng", "Hộ kinh doanh Nguyễn Văn Dũng", HKD,
             "xã Yên Cường, huyện Ý Yên, tỉnh Nam Định", 7, "66", 3, "YY-OCOP-2024-034",
             "845/QĐ-UBND", date(2024, 6, 12), DISTRICT,
             [("Chai 100 ml", 150_000, 120, 15)], ward=13870),
    nam_dinh("Gạo tám thơm Hải Hậu", "Hợp tác xã Nông nghiệp Hải Toàn", HTX,
             "xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định", 3, "78", 4, "ND-OCOP-2022-0042",
             "1903/QĐ-UBND", date(2022, 9, 5), PROVINCE,
             [("Túi 2 kg", 70_000, 2000, 50), ("Túi 5 kg", 165_000, 5000, 20)],
             summary="Gạo tám xoan Hải Hậu, hạt nhỏ, dẻo, thơm.",
             geographical_indication="Gạo tám xoan Hải Hậu", standards=["vietgap"]),
    nam_dinh("Nước mắm cốt cá cơm", "Hợp tác xã Chế biến Thủy sản Giao Hải", HTX,
             "xã Giao Hải, huyện Giao Thủy, tỉnh Nam Định", 9, "81", 4, "ND-OCOP-2023-0088",
             "2417/QĐ-UBND", date(2023, 11, 20), PROVINCE,
             [("Chai 500 ml", 75_000, 650, 60), ("Thùng 6 chai", 420_000, 3900, 8)],
             standards=["haccp"]),
    nam_dinh("Muối biển sạch Bạch Long", "Hợp tác xã Diêm nghiệp Bạch Long", HTX,
             "xã Bạch Long, huyện Giao Thủy, tỉnh Nam Định", 10, "55", 3, "GT-OCOP-2021-007",
             "1120/QĐ-UBND", date(2021, 8, 30), DISTRICT,
             [("Túi 1 kg", 25_000, 1000, 100)]),
    nam_dinh("Nem chua Nghĩa Hưng", "Hộ kinh doanh Trần Thị Hoa", HKD,
             "thị trấn Liễu Đề, huyện Nghĩa Hưng, tỉnh Nam Định", 8, "64", 3, "NH-OCOP-2023-012",
             "3312/QĐ-UBND", date(2023, 12, 14), DISTRICT,
             [("Chục 10 chiếc", 50_000, 400, 30)],
             revoked=(date(2025, 5, 2), "", "Không bảo đảm an toàn thực phẩm khi hậu kiểm")),
    nam_dinh("Chè lam Phú Thứ", "Cơ sở chè lam Phú Thứ", HKD,
             "xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định", 6, "69.5", 3, "HH-OCOP-2024-021",
             "990/QĐ-UBND", date(2024, 7, 3), DISTRICT,
             [("Gói 300 g", 45_000, 300, 45), ("Hộp quà 600 g", 95_000, 650, 15)], ward=14236),
    nam_dinh("Hoa đào Vị Khê", "Hợp tác xã Sinh vật cảnh Vị Khê", HTX,
             "xã Điền Xá, huyện Nam Trực, tỉnh Nam Định", 23, "73", 4, "ND-OCOP-2025-0009",
             "512/QĐ-UBND", date(2025, 3, 10), PROVINCE,
             [("Cành đào thế 1,2 m", 450_000, 3000, 10),
              ("Chậu đào thế 1,5 m", 2_500_000, 25000, 3)],
             summary="Đào thế, đào cành từ làng hoa Vị Khê, giao trước Tết."),
    nam_dinh("Tương Bần ớt", "Công ty TNHH Thực phẩm Sơn Nam", DN,
             "phường Lộc Hạ, thành phố Nam Định, tỉnh Nam Định", 9, "92", 5, "TW-OCOP-2025-0301",
             "1402/QĐ-BNNMT", date(2025, 8, 28), NATIONAL,
             [("Chai 250 ml", 38_000, 320, 80), ("Hộp 6 chai", 210_000, 2000, 12)],
             summary="Tương Bần lên men tự nhiên từ gạo nếp và đậu tương, thêm ớt tươi.",
             standards=["iso-22000", "haccp"]),
    nam_dinh("Mây tre đan Hải Minh", "Hợp tác xã Thủ công Hải Minh", HTX,
             "xã Hải Minh, huyện Hải Hậu, tỉnh Nam Định", 21, "71", 4, "ND-OCOP-2024-0120",
             "2150/QĐ-UBND", date(2024, 7, 18), PROVINCE,
             [("Giỏ nhỏ", 120_000, 400, 25), ("Giỏ lớn", 220_000, 800, 12),
              ("Bộ 3 khay", 350_000, 1500, 6)]),
]  # fmt: skip


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def other_provinces():
    """Products beyond the sample list: the other categories, 5★ and a renewal window."""
    entries = [
        Entry("Cà phê Arabica Cầu Đất", "Hợp tác xã Cà phê Cầu Đất Xanh", HTX,
              "Thôn Trường Thọ, Cầu Đất", 68, 13, "83", 4, "LD-OCOP-DEMO-0031",
              "1187/QĐ-UBND", days_ago(420), PROVINCE,
              [("Gói 250 g", 145_000, 250, 40), ("Gói 500 g", 270_000, 500, 20)],
              summary="Arabica trồng trên 1.500 m, sơ chế ướt, rang vừa.",
              standards=["vietgap"], net_quantity="250 g / 500 g", shelf_life="12 tháng"),
        Entry("Chè Tân Cương đặc biệt", "Hợp tác xã Chè Tân Cương Sông Công", HTX,
              "Xóm Hồng Thái 2, Tân Cương", 19, 11, "91.5", 5, "TW-OCOP-DEMO-0112",
              "2201/QĐ-BNNMT", days_ago(300), NATIONAL,
              [("Hộp 100 g", 180_000, 100, 30), ("Hộp 200 g", 340_000, 200, 15)],
              summary="Chè búp nõn một tôm hai lá, sao tay.",
              geographical_indication="Chè Tân Cương Thái Nguyên", standards=["vietgap", "haccp"]),
        Entry("Gốm men lam Bát Tràng", "Công ty TNHH Gốm Cổ Truyền An Phú", DN,
              "Xóm 3, Bát Tràng", 1, 21, "78", 4, "HN-OCOP-DEMO-0540",
              "3320/QĐ-UBND", days_ago(500), PROVINCE,
              [("Bộ ấm chén", 650_000, 1800, 10), ("Bình hoa 30 cm", 480_000, 1500, 7)],
              summary="Gốm men lam vẽ tay, nung củi.", ward=583),
        Entry("Tinh dầu quế Văn Yên", "Hợp tác xã Quế Hồi Văn Yên", HTX,
              "Thôn Khe Cảnh, Văn Yên", 15, 20, "74", 4, "LC-OCOP-DEMO-0208",
              "977/QĐ-UBND", days_ago(1096 - 120), PROVINCE,
              [("Lọ 10 ml", 60_000, 40, 50), ("Lọ 50 ml", 240_000, 120, 18)],
              summary="Tinh dầu chưng cất từ vỏ và lá quế Văn Yên, đang trong kỳ đánh giá lại."),
        Entry("Rượu sim Phú Quốc", "Công ty Cổ phần Sim Rừng Đảo Ngọc", DN,
              "Khu phố 7, Dương Đông", 91, 15, "65", 3, "AG-OCOP-DEMO-0077",
              "1450/QĐ-UBND", days_ago(200), PROVINCE,
              [("Chai 500 ml", 185_000, 900, 24)],
              summary="Rượu vang sim lên men từ trái sim rừng chín."),
        Entry("Mật ong bạc hà Mèo Vạc", "Hợp tác xã Ong mật Cao Nguyên Đá", HTX,
              "Thôn Tìa Chí Dùa, Mèo Vạc", 8, 4, "76", 4, "TQ-OCOP-DEMO-0015",
              "604/QĐ-UBND", days_ago(150), PROVINCE,
              [("Chai 500 ml", 320_000, 720, 20), ("Chai 1 lít", 600_000, 1400, 9)],
              geographical_indication="Mật ong bạc hà Mèo Vạc"),
        Entry("Du lịch cộng đồng bản Lác", "Hợp tác xã Du lịch Bản Lác Mai Châu", HTX,
              "Bản Lác, Mai Châu", 25, 26, "80", 4, "PT-OCOP-DEMO-0260",
              "2788/QĐ-UBND", days_ago(90), PROVINCE,
              [("Gói 1 ngày (1 khách)", 450_000, 0, 30),
               ("Gói 2 ngày 1 đêm (1 khách)", 1_150_000, 0, 20)],
              summary="Ở nhà sàn, dệt thổ cẩm, đạp xe quanh thung lũng Mai Châu."),
    ]  # fmt: skip
    for entry in entries:
        entry.relative = True
    return entries


def load(stdout, products=0):
    home = HomePage.objects.first()
    if home is None:
        return  # cms.demo makes the home page first; nothing to hang the catalogue on
    with transaction.atomic():
        index = ensure_catalog_index(home, stdout)
        ensure_english(index, stdout, **ENGLISH_CATALOGUE)
        entries = SAMPLE_ROWS + other_provinces()
        pages = [ensure_entry(index, entry) for entry in entries]
        created = [page.created for page in pages]
        if any(created):
            stdout.write(f"Created {sum(created)} demo catalogue products.")
        ensure_english_products(index, list(zip(entries, pages, strict=True)), stdout)
        demo_accounts.load(stdout)
    if products:
        started = timezone.now()
        added = bulk.create_synthetic_products(index, products, images=benchmark_images())
        seconds = (timezone.now() - started).total_seconds()
        stdout.write(f"Added {added} synthetic products in {seconds:.1f} s (total {products}).")


# The catalogue's English copy lists the products' English copies (catalog.demo_english).
ENGLISH_CATALOGUE = {
    "slug": "products",
    "title": "OCOP products",
    "introduction": (
        "Specialities certified 3 to 5 OCOP stars, their certificates kept up to date "
        "from the provinces' lists."
    ),
}


def ensure_catalog_index(home, stdout):
    index = CatalogIndexPage.objects.first()
    if index is not None:
        return index
    index = CatalogIndexPage(
        title="Sản phẩm OCOP",
        slug="san-pham",
        show_in_menus=True,
        introduction=(
            "Đặc sản được công nhận OCOP từ 3 đến 5 sao, trạng thái chứng nhận cập nhật "
            "theo danh sách công nhận của tỉnh."
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    stdout.write("Created the catalogue index page.")
    return index


def ensure_entry(index, entry):
    """Producer, product, certification history and page of one entry; the page's
    ``created`` says whether the product is new."""
    producer = ensure_producer(entry)
    product = Product.objects.filter(name_key=match_key(entry.name), producer=producer).first()
    created = product is None
    if created:
        product = Product.objects.create(
            name=entry.name,
            producer=producer,
            product_set=ProductSet.objects.get(number=entry.product_set),
            from_registry=entry.from_registry,
        )
    ensure_certification(product, entry)
    page = ensure_page(index, product, entry)
    page.created = created
    return page


def ensure_producer(entry):
    producer = Producer.objects.filter(name_key=match_key(entry.producer)).first()
    if producer is None:
        producer = Producer(
            name=entry.producer,
            legal_form=entry.legal_form,
            province_code=entry.province,
            ward_code=entry.ward,
            original_address=entry.address,
            street_address="" if entry.from_registry else entry.address,
            from_registry=entry.from_registry,
        )
        producer.full_clean()
        producer.save()
    return producer


def ensure_certification(product, entry):
    certification = Certification.objects.filter(
        product=product, decision_number=entry.decision, decision_date=entry.decision_date
    ).first()
    if certification is None and entry.relative:
        certification = Certification.objects.filter(
            product=product, decision_number=entry.decision
        ).first()
        if certification is not None:
            services.redate_certification(certification, entry.decision_date)
    if certification is None:
        certification = services.record_certification(
            product,
            stars=entry.stars,
            score=entry.score,
            certificate_number=entry.certificate,
            decision_number=entry.decision,
            decision_date=entry.decision_date,
            level=entry.level,
            source=CertificationSource.REGISTRY
            if entry.from_registry
            else CertificationSource.MANUAL,
        )
    if entry.revoked and not certification.revoked_on:
        revoked_on, decision, reason = entry.revoked
        services.revoke_certification(
            certification, revoked_on=revoked_on, decision=decision, reason=reason
        )


def ensure_page(index, product, entry):
    page = ProductPage.objects.filter(product=product).first()
    if page is not None:
        if ensure_gallery(page, entry):
            page.save_revision().publish()
        return page
    page = ProductPage(
        title=entry.name,
        slug=slugify(strip_diacritics(entry.name)),
        product=product,
        summary=entry.summary,
        description=demo_description(entry),
        geographical_indication=entry.geographical_indication,
        net_quantity=entry.net_quantity,
        shelf_life=entry.shelf_life,
    )
    index.add_child(instance=page)
    page.quality_standards.set(QualityStandard.objects.filter(slug__in=entry.standards))
    # In bulk, like the gallery: saved one by one, each variant re-indexed its whole page
    # (Wagtail's reference index) and rewrote its sale-listing row; the publish below
    # does both once, with every variant and photo in place.
    variants = ProductVariant.objects.bulk_create(
        ProductVariant(
            page=page,
            sku=f"DEMO-{product.pk}-{position + 1}",
            label=label,
            price=price,
            weight_grams=grams,
            sort_order=position,
        )
        for position, (label, price, grams, _quantity) in enumerate(entry.variants)
    )
    inventory.seed_stock(
        {
            variant.sku: quantity
            for variant, (*_, quantity) in zip(variants, entry.variants, strict=True)
        }
    )
    ensure_gallery(page, entry)
    page.save_revision().publish()
    return page


def demo_description(entry):
    """The description says what the summary (shown above it) does not: no text twice."""
    return (
        f"<p>{entry.name} do {entry.producer} làm ra, được công nhận sản phẩm OCOP "
        f"{entry.stars} sao theo quyết định số {entry.decision}.</p>"
        "<p>Mỗi lô hàng có tem truy xuất: quét mã QR trên bao bì để xem trạng thái "
        "chứng nhận hiện hành.</p>"
    )


def product_pictures(entry, product):
    """Two illustrations of the product (cms.artwork), with their alt text."""
    pictures = []
    for view in range(2):
        title = f"{entry.name} ({view + 1})"
        description = (
            f"Minh hoạ {entry.name}"
            if view == 0
            else f"Minh hoạ {entry.name}: hai sản phẩm cạnh nhau"
        )
        image = ensure_picture(
            title,
            partial(
                artwork.product_picture,
                entry.product_set,
                seed=product.pk + view,
                view=view,
                name=entry.name,
            ),
            description,
        )
        pictures.append((image, description))
    return pictures


def ensure_gallery(page, entry):
    """The page's gallery holds the product's illustrations (older demo tiles replaced)."""
    current = list(page.gallery_images.select_related("image"))
    if current and all(is_demo_picture(item.image) for item in current):
        return False
    page.gallery_images.all().delete()
    ProductImage.objects.bulk_create(  # the caller publishes the page
        ProductImage(page=page, image=image, alt_text=description, sort_order=position)
        for position, (image, description) in enumerate(product_pictures(entry, page.product))
    )
    # The plain tiles an older demo drew for this product ("<name> (1)", "<name> (2)").
    old_tiles = {f"{entry.name} ({view})" for view in (1, 2)}
    for item in current:
        if item.image.title in old_tiles:
            item.image.delete()
    return True


def benchmark_images():
    """Four shared pictures for the synthetic products (renditions made once)."""
    return [
        ensure_picture(
            f"Sản phẩm mẫu {number}",
            partial(artwork.product_picture, number * 5, seed=number),
            f"Minh hoạ sản phẩm mẫu {number}",
        )
        for number in range(1, 5)
    ]
