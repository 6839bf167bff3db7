import io
from datetime import date

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from tests.factories import catalog_index

# The day the catalogue tests live on, unless a test travels elsewhere.
TODAY = date(2026, 11, 23)


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


@pytest.fixture
def image():
    return make_image()
