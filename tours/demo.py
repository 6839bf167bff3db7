"""Demo content of the tours: three real craft villages, their tours and departures.

Idempotent: pages are found by slug, producers by name (as the registry sync
matches them, so the catalogue's producers from the registry sample are reused),
and the departure series skips the times that already exist. Departures cover the
next 60 days from the day it runs. Coordinates are approximate.
"""

from datetime import time, timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from catalog.models import LegalForm, Producer, Product
from catalog.text import match_key
from cms import artwork
from cms.demo import ADMIN_PASSWORD
from cms.demo_images import ensure_picture
from cms.models import HomePage

from . import demo_english, services
from .models import (
    CraftVillageIndexPage,
    CraftVillagePage,
    TourIndexPage,
    TourPage,
    TourProduct,
    VillageImage,
)

DEPARTURE_DAYS = 60
PRODUCER_GROUP = "Chủ thể OCOP"
PRODUCER_USERNAME = "htx-vikhe"

PRODUCERS = [
    {
        # Exact name of the registry sample (sample-nam-dinh.csv, row 11).
        "name": "Hợp tác xã Sinh vật cảnh Vị Khê",
        "legal_form": LegalForm.COOPERATIVE,
        "street_address": "Thôn Vị Khê",
        "ward_code": 13972,  # Phường Vị Khê
        "province_code": 37,  # Ninh Bình
        "original_address": "xã Điền Xá, huyện Nam Trực, tỉnh Nam Định",
        "phone": "0228 3000 111",
    },
    {
        "name": "Hiệp hội Gốm sứ Bát Tràng",
        "legal_form": LegalForm.ASSOCIATION,
        "street_address": "Thôn Bát Tràng",
        "ward_code": 583,  # Xã Bát Tràng
        "province_code": 1,  # Hà Nội
        "original_address": "xã Bát Tràng, huyện Gia Lâm, thành phố Hà Nội",
        "phone": "024 3000 2222",
    },
    {
        "name": "Hợp tác xã Dệt lụa Vạn Phúc",
        "legal_form": LegalForm.COOPERATIVE,
        "street_address": "Phố Vạn Phúc",
        "ward_code": 9556,  # Phường Hà Đông
        "province_code": 1,
        "original_address": "phường Vạn Phúc, quận Hà Đông, thành phố Hà Nội",
        "phone": "024 3000 3333",
    },
]


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


VILLAGES = [
    {
        "slug": "bat-trang",
        "title": "Làng gốm Bát Tràng",
        "craft": "Gốm sứ",
        "summary": "Làng gốm ven sông Hồng, làm gốm liên tục từ thế kỷ XIV đến nay.",
        "street_address": "Thôn Bát Tràng",
        "ward_code": 583,
        "province_code": 1,
        "original_address": "xã Bát Tràng, huyện Gia Lâm, thành phố Hà Nội",
        "latitude": "20.975700",
        "longitude": "105.912900",
        "include_ward_producers": True,
        "opening_information": (
            "Chợ gốm mở cửa 8:00–18:00 mỗi ngày.\n"
            "Cách trung tâm Hà Nội khoảng 15 km; xe buýt số 47A từ Long Biên."
        ),
        "history": [
            paragraph(
                "Tương truyền người làng Bồ Bát (Ninh Bình) theo vua Lý Công Uẩn ra Thăng Long, "
                "chọn bãi đất sét trắng ven sông Hồng dựng lò, đặt tên làng là Bạch Thổ Phường, "
                "sau đổi là Bát Tràng."
            ),
            paragraph(
                "Gốm Bát Tràng theo thuyền buôn đi khắp Đông Nam Á và Nhật Bản từ thế kỷ XV–XVII."
            ),
        ],
        "story": [
            paragraph(
                "Mỗi gia đình giữ một bí quyết men riêng: men lam, men rạn, men nâu. Lò bầu "
                "đốt củi ngày xưa nay nhường chỗ cho lò ga, nhưng vẫn còn vài lò cổ để khách xem."
            ),
        ],
        "operator": "Hiệp hội Gốm sứ Bát Tràng",
    },
    {
        "slug": "van-phuc",
        "title": "Làng lụa Vạn Phúc",
        "craft": "Dệt lụa tơ tằm",
        "summary": "Làng lụa hơn nghìn năm tuổi bên sông Nhuệ, quê hương của lụa vân.",
        "street_address": "Phố Vạn Phúc",
        "ward_code": 9556,
        "province_code": 1,
        "original_address": "phường Vạn Phúc, quận Hà Đông, thành phố Hà Nội",
        "latitude": "20.980600",
        "longitude": "105.776000",
        # Phường Hà Đông is far larger than the village: list only the chosen producers.
        "include_ward_producers": False,
        "opening_information": (
            "Các cửa hàng lụa mở cửa 8:00–20:00; xưởng dệt nghỉ trưa 11:30–13:30."
        ),
        "history": [
            paragraph(
                "Tương truyền bà A Lã Thị Nương, vợ một tướng của Cao Biền, dạy dân làng trồng "
                "dâu, nuôi tằm và dệt lụa từ thế kỷ IX."
            ),
            paragraph(
                "Lụa vân Vạn Phúc từng được chọn may trang phục cung đình triều Nguyễn và "
                "được giới thiệu tại các hội chợ quốc tế đầu thế kỷ XX."
            ),
        ],
        "story": [
            paragraph(
                "Tiếng khung cửi vẫn vang trong những con ngõ nhỏ. Lụa vân dệt hoa văn chìm, "
                "chỉ hiện rõ khi nghiêng tấm lụa dưới ánh sáng."
            ),
        ],
        "operator": "Hợp tác xã Dệt lụa Vạn Phúc",
    },
    {
        "slug": "vi-khe",
        "title": "Làng hoa cây cảnh Vị Khê",
        "craft": "Hoa và cây cảnh",
        "summary": (
            "Thủ phủ hoa, cây cảnh miền Bắc ven sông Hồng và sông Đào, nổi tiếng với đào Tết."
        ),
        "street_address": "Thôn Vị Khê",
        "ward_code": 13972,
        "province_code": 37,
        "original_address": "thôn Vị Khê, xã Điền Xá, huyện Nam Trực, tỉnh Nam Định",
        "latitude": "20.437000",
        "longitude": "106.196000",
        "include_ward_producers": True,
        "opening_information": (
            "Vườn mở cửa đón khách 7:30–17:30. Đẹp nhất từ tháng Chạp đến Tết Nguyên đán, "
            "khi đào và quất vào mùa."
        ),
        "history": [
            paragraph(
                "Nghề trồng hoa, cây cảnh Vị Khê có từ thời Trần; tương truyền ông tổ nghề "
                "Nguyễn Thịnh đưa cây cảnh về trồng và dâng tiến vua."
            ),
        ],
        "story": [
            paragraph(
                "Nghệ nhân Vị Khê uốn cây thế theo những dáng cổ: trực, hoành, huyền, văn nhân. "
                "Một cây thế đẹp có thể mất hàng chục năm chăm sóc."
            ),
        ],
        "operator": "Hợp tác xã Sinh vật cảnh Vị Khê",
    },
]

TOURS = [
    {
        "slug": "mot-ngay-lam-gom-bat-trang",
        "title": "Nửa ngày làm gốm ở Bát Tràng",
        "village": "bat-trang",
        "summary": "Xem lò gốm cổ, tự tay vuốt gốm trên bàn xoay và vẽ men lam.",
        "duration_minutes": 240,
        "meeting_point": "Cổng chợ gốm Bát Tràng, thôn Bát Tràng, xã Bát Tràng, Hà Nội",
        "languages": ["vi", "en", "fr"],
        "price_adult": 450_000,
        "price_child": 250_000,
        "min_group_size": 2,
        "max_group_size": 12,
        "free_cancellation_hours": 24,
        "included": "Hướng dẫn viên của làng\nĐất, men và một lượt nung\nNước uống",
        "not_included": "Ăn trưa\nXe từ trung tâm Hà Nội\nPhí gửi sản phẩm đã nung",
        "itinerary": [
            ("08:30", "Gặp nhau ở chợ gốm", "Hướng dẫn viên đón khách ở cổng chợ."),
            ("09:00", "Thăm lò bầu cổ", "Nghe kể về men lam, men rạn và cách nung bằng củi."),
            ("10:00", "Vuốt gốm trên bàn xoay", "Mỗi khách làm một sản phẩm với nghệ nhân."),
            ("11:30", "Vẽ men", "Trang trí sản phẩm; làng nung và gửi về trong hai tuần."),
        ],
        "weekdays": [1, 2, 3, 4, 5, 6],
        "times": [time(8, 30), time(13, 30)],
        "capacity": 12,
    },
    {
        "slug": "lua-van-phuc-tu-ken-tam-den-khung-cui",
        "title": "Lụa Vạn Phúc: từ kén tằm đến khung cửi",
        "village": "van-phuc",
        "summary": "Ươm tơ, mắc cửi, xem dệt lụa vân và thử dệt vài đường thoi.",
        "duration_minutes": 180,
        "meeting_point": "Cổng làng lụa Vạn Phúc, phố Vạn Phúc, phường Hà Đông, Hà Nội",
        "languages": ["vi", "en"],
        "price_adult": 300_000,
        "price_child": 150_000,
        "min_group_size": 1,
        "max_group_size": 10,
        "free_cancellation_hours": 48,
        "included": "Hướng dẫn viên\nMột khăn lụa nhỏ tự dệt",
        "not_included": "Mua lụa tại cửa hàng\nĐưa đón",
        "itinerary": [
            ("09:00", "Đình làng và giếng cổ", "Câu chuyện bà tổ nghề A Lã Thị Nương."),
            ("09:45", "Xưởng ươm tơ", "Từ kén tằm đến sợi tơ."),
            ("10:30", "Khung cửi", "Thử dệt vài đường thoi với thợ dệt."),
        ],
        "weekdays": [0, 2, 4, 5],
        "times": [time(9, 0), time(14, 0)],
        "capacity": 10,
    },
    {
        "slug": "vi-khe-mua-hoa",
        "title": "Vị Khê mùa hoa: vườn cây thế và đào Tết",
        "village": "vi-khe",
        "summary": "Dạo vườn cây thế, học cách uốn cây và chọn một cành đào Vị Khê.",
        "duration_minutes": 300,
        "meeting_point": "Nhà văn hóa thôn Vị Khê, phường Vị Khê, tỉnh Ninh Bình",
        "languages": ["vi"],
        "price_adult": 250_000,
        "price_child": 100_000,
        "min_group_size": 4,
        "max_group_size": 15,
        "free_cancellation_hours": 24,
        "included": "Hướng dẫn viên là nghệ nhân cây cảnh\nTrà và bánh gai\nMột chậu cây nhỏ",
        "not_included": "Ăn trưa\nVận chuyển cây lớn",
        "itinerary": [
            ("08:00", "Đền thờ tổ nghề", "Lịch sử nghề hoa, cây cảnh từ thời Trần."),
            ("09:00", "Vườn cây thế", "Các dáng cây cổ và cách uốn, tỉa."),
            ("11:00", "Vườn đào", "Cách chăm đào để hoa nở đúng Tết."),
        ],
        "weekdays": [5, 6],
        "times": [time(8, 0)],
        "capacity": 20,
        "products": ["Hoa đào Vị Khê"],
    },
]


def load(stdout, products=0):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("No home page: run the cms demo first.")
        return
    with transaction.atomic():
        producers = {spec["name"]: ensure_producer(spec) for spec in PRODUCERS}
        ensure_producer_user(producers["Hợp tác xã Sinh vật cảnh Vị Khê"], stdout)
        village_index = ensure_child(
            home,
            CraftVillageIndexPage,
            slug="lang-nghe",
            title="Làng nghề",
            show_in_menus=True,
            introduction="Những làng nghề làm ra sản phẩm OCOP, và cách đến thăm.",
        )
        tour_index = ensure_child(
            home,
            TourIndexPage,
            slug="tour-lang-nghe",
            title="Tour làng nghề",
            show_in_menus=True,
            introduction="Đặt chỗ một buổi làm gốm, dệt lụa hay uốn cây cùng nghệ nhân.",
        )
        villages = {
            spec["slug"]: ensure_village(village_index, spec, producers[spec["operator"]], stdout)
            for spec in VILLAGES
        }
        tours = []
        for spec in TOURS:
            village = villages[spec["village"]]
            operator = producers[village_spec(village.slug)["operator"]]
            tour = ensure_tour(tour_index, spec, village, operator, stdout)
            tours.append(tour)
            created = schedule(tour, spec)
            if created:
                stdout.write(f"Scheduled {created} departures of {tour.title!r}.")
        demo_english.load(stdout, village_index, tour_index, villages, tours)


def village_spec(slug):
    return next(spec for spec in VILLAGES if spec["slug"] == slug)


def ensure_producer(spec):
    """The producer of that name (as the registry sync matches names), with blanks filled."""
    fields = {key: value for key, value in spec.items() if key != "name"}
    producer = Producer.objects.filter(name_key=match_key(spec["name"])).first()
    if producer is None:
        return Producer.objects.create(name=spec["name"], **fields)
    blanks = {key: value for key, value in fields.items() if not getattr(producer, key)}
    if blanks:
        for key, value in blanks.items():
            setattr(producer, key, value)
        producer.save(update_fields=[*blanks, "updated_at"])
    return producer


def ensure_producer_user(producer, stdout):
    """A producer's account (password as the admin's): manages only its own departures."""
    group, _ = Group.objects.get_or_create(name=PRODUCER_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    user, created = get_user_model().objects.get_or_create(
        username=PRODUCER_USERNAME, defaults={"email": "vikhe@ocop.local"}
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save()
        stdout.write(f"Created producer user {PRODUCER_USERNAME!r}.")
    user.groups.add(group)
    producer.users.add(user)


def ensure_child(parent, page_class, slug, **fields):
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# Each village's scene (cms.artwork) and the product set its close-up shows.
VILLAGE_ART = {"bat-trang": ("pottery", 21), "van-phuc": ("silk", 22), "vi-khe": ("garden", 23)}
VILLAGE_SKIP = {"operator"}


def village_pictures(village):
    """Hero and gallery illustrations of a village, each with its alt text."""
    scene, product_set = VILLAGE_ART[village.slug]
    hero = ensure_picture(
        village.title,
        partial(artwork.village_picture, scene, seed=1),
        f"Minh hoạ {village.title}: {village.craft.lower()} bên sông, nhà mái ngói",
    )
    gallery = [
        ensure_picture(
            f"{village.title}, buổi chiều",
            partial(artwork.village_picture, scene, seed=2),
            f"Minh hoạ {village.title} lúc chiều muộn",
        ),
        ensure_picture(
            f"{village.title}, sản phẩm",
            partial(artwork.product_picture, product_set, seed=3, view=1),
            f"Minh hoạ sản phẩm {village.craft.lower()} của {village.title}",
        ),
    ]
    return hero, gallery


def ensure_village_pictures(village):
    """Give a village its illustrations unless it has pictures already. True if changed."""
    if village.slug not in VILLAGE_ART or village.hero_image_id:
        return False
    hero, gallery = village_pictures(village)
    village.hero_image = hero
    village.gallery_images = [
        VillageImage(image=image, alt_text=image.description, sort_order=position)
        for position, image in enumerate(gallery)
    ]
    return True


def ensure_village(index, spec, operator, stdout):
    existing = CraftVillagePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        village = existing.get_latest_revision_as_object()
        if ensure_village_pictures(village):
            village.save_revision().publish()
        return existing
    fields = {key: value for key, value in spec.items() if key not in VILLAGE_SKIP}
    village = CraftVillagePage(producers=[operator], **fields)
    ensure_village_pictures(village)
    index.add_child(instance=village)
    village.save_revision().publish()
    stdout.write(f"Created village {village.title!r}.")
    return village


def tour_picture(tour, village_slug):
    scene, _product_set = VILLAGE_ART[village_slug]
    return ensure_picture(
        tour.title,
        partial(artwork.village_picture, scene, seed=4),
        f"Minh hoạ tour {tour.title}",
    )


def ensure_tour(index, spec, village, operator, stdout):
    existing = TourPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        if existing.hero_image_id is None and spec["village"] in VILLAGE_ART:
            tour = existing.get_latest_revision_as_object()
            tour.hero_image = tour_picture(tour, spec["village"])
            tour.save_revision().publish()
        return existing
    skip = {"village", "itinerary", "weekdays", "times", "capacity", "products"}
    fields = {key: value for key, value in spec.items() if key not in skip}
    tour = TourPage(
        operator=operator,
        itinerary=[
            ("step", {"time": at, "title": title, "description": text})
            for at, title, text in spec["itinerary"]
        ],
        **fields,
    )
    tour.villages = [village]
    tour.highlighted_products = [
        TourProduct(product=product)
        for name in spec.get("products", [])
        for product in Product.objects.filter(name_key=match_key(name), producer=operator)[:1]
    ]
    if spec["village"] in VILLAGE_ART:
        tour.hero_image = tour_picture(tour, spec["village"])
    index.add_child(instance=tour)
    tour.save_revision().publish()
    stdout.write(f"Created tour {tour.title!r}.")
    return tour


def schedule(tour, spec):
    today = timezone.localdate()
    result = services.generate_series(
        tour,
        first_day=today + timedelta(days=1),
        last_day=today + timedelta(days=DEPARTURE_DAYS),
        weekdays=spec["weekdays"],
        times=spec["times"],
        capacity=spec["capacity"],
    )
    return result.created
