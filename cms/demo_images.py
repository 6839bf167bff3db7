"""Demo pictures as Wagtail images, made once (found again by title)."""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model

from catalog.text import strip_diacritics

# Pictures drawn in this process, by title: a test run that loads the demo in several
# fresh databases draws each picture once.
_drawn = {}

# Titles of demo illustrations start with this: pictures from before (plain tiles with
# initials) are recognised and replaced.
PREFIX = "Minh hoạ: "


def ensure_picture(title, draw, description):
    """The Wagtail image ``PREFIX + title``, drawn by ``draw()`` the first time."""
    Image = get_image_model()
    full_title = PREFIX + title
    existing = Image.objects.filter(title=full_title).first()
    if existing:
        return existing
    if full_title not in _drawn:
        buffer = io.BytesIO()
        draw().save(buffer, format="JPEG", quality=86, optimize=True, progressive=True)
        _drawn[full_title] = buffer.getvalue()
    buffer = io.BytesIO(_drawn[full_title])
    filename = slugify(strip_diacritics(title))[:60] + ".jpg"
    return Image.objects.create(
        title=full_title, description=description[:255], file=ImageFile(buffer, name=filename)
    )


def is_demo_picture(image):
    return image is not None and image.title.startswith(PREFIX)
