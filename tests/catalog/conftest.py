import io
from datetime import date

import pytest
import time_machine
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from catalog import services
from catalog.models import ProductImage
from tests.factories import catalog_index, make_product, make_product_page

# The day the catalogue tests live on, unless a test travels elsewhere.
TODAY = date(2026, 11, 23)

# Decision dates that give each status on TODAY (valid until = decision + 36 months).
VALID_DECISION = date(2025, 1, 15)  # valid until 15/01/2028
RENEWAL_DECISION = date(2024, 1, 20)  # valid until 20/01/2027: 58 days left
EXPIRED_DECISION = date(2023, 6, 1)  # valid until 01/06/2026


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def catalogue(home_page):
    index = catalog_index(home_page)
    index.save_revision().publish()
    return index


def make_image(title="Ảnh thử", size=(640, 480), colour=(166, 27, 27)):
    """A real Wagtail image, drawn by Pillow."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title.replace(' ', '-')}.jpg")
    )


def add_gallery(page, count, image=None):
    image = image or make_image()
    for position in range(count):
        ProductImage.objects.create(page=page, image=image, sort_order=position)


def revoke(product, on=date(2026, 5, 2), decision="77/QĐ-UBND", reason="Vi phạm an toàn thực phẩm"):
    services.revoke_certification(
        product.current_certification, revoked_on=on, decision=decision, reason=reason
    )
    product.refresh_from_db()
    return product


@pytest.fixture
def pages_by_status(today, catalogue, home_page):
    """One published product page per certificate status, on TODAY."""
    return {
        "valid": make_product_page(
            home_page, make_product(name="Bánh gai còn hạn", decision_date=VALID_DECISION)
        ),
        "renewal": make_product_page(
            home_page, make_product(name="Chè lam sắp hết hạn", decision_date=RENEWAL_DECISION)
        ),
        "expired": make_product_page(
            home_page, make_product(name="Muối biển hết hạn", decision_date=EXPIRED_DECISION)
        ),
        "revoked": make_product_page(
            home_page,
            revoke(make_product(name="Nem chua bị thu hồi", decision_date=VALID_DECISION)),
        ),
        "uncertified": make_product_page(
            home_page, make_product(name="Kẹo chưa chứng nhận", certified=False)
        ),
    }


@pytest.fixture
def page_cache_on(settings, shared_cache_on):
    """The anonymous page cache on (the test settings keep it off), empty before and after."""
    settings.OCOP_PAGE_CACHE_SECONDS = 600
