"""An editor's image upload is checked: a real image, within the size limits in bytes
and pixels; a decompression bomb is refused with a form error, never decoded."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/images/add/"


def jpeg(size=(800, 600)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (166, 27, 27)).save(buffer, format="JPEG")
    return buffer.getvalue()


def png_bomb(width=30_000, height=30_000):
    """A valid PNG of a huge all-black picture, a few hundred kilobytes on disk."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit greyscale
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def upload(client, name, content, content_type):
    return client.post(
        ADD_URL,
        {"title": "Ảnh thử", "file": SimpleUploadedFile(name, content, content_type)},
    )


def file_errors(response):
    assert response.status_code == 200, "the form is shown again, not a server error"
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


def test_a_real_image_is_accepted(admin_client):
    response = upload(admin_client, "banh-gai.jpg", jpeg(), "image/jpeg")
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Ảnh thử").exists()


def test_a_file_that_is_not_an_image_is_refused(admin_client):
    response = upload(admin_client, "banh-gai.jpg", b"<?php echo 'hi'; ?>" * 50, "image/jpeg")
    assert file_errors(response)
    assert not get_image_model().objects.filter(title="Ảnh thử").exists()


def test_a_file_over_the_byte_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20_000
    big = jpeg((2000, 1500)) + b"\x00" * 30_000  # a real JPEG, padded past the limit
    response = upload(admin_client, "lon.jpg", big, "image/jpeg")
    assert file_errors(response)
    assert not get_image_model().objects.filter(title="Ảnh thử").exists()


def test_a_picture_over_the_pixel_limit_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    response = upload(admin_client, "rong.jpg", jpeg((1600, 1000)), "image/jpeg")
    assert file_errors(response)
    assert not get_image_model().objects.filter(title="Ảnh thử").exists()


def test_a_decompression_bomb_is_refused_with_a_form_error(admin_client, settings):
    bomb = png_bomb()
    assert len(bomb) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE  # small on disk...
    response = upload(admin_client, "bom.png", bomb, "image/png")  # ...900 megapixels inside
    assert file_errors(response)
    assert not get_image_model().objects.filter(title="Ảnh thử").exists()


def test_the_limits_are_set():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
