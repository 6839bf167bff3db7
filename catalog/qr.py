"""QR codes of the public trace URL (segno), on screen and sized for printed labels."""

import io

import segno
from django.conf import settings
from django.urls import reverse

# Modules of quiet zone around the symbol, as the QR standard asks.
QUIET_ZONE = 4
# Label widths offered in the admin, in millimetres (the symbol plus its quiet zone).
LABEL_SIZES_MM = (20, 30, 40, 50)
DEFAULT_LABEL_SIZE_MM = 30
PRINT_DPI = 300
MM_PER_INCH = 25.4
SCREEN_SCALE = 5  # pixels per module on the trace page


def trace_path(trace_code):
    return reverse("catalog:trace", args=[trace_code])


def trace_url(trace_code, request=None):
    """The absolute trace URL: from the request when there is one, else the canonical base."""
    path = trace_path(trace_code)
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def make_qr(url):
    # Level M survives a scuffed label; segno raises it further when space allows.
    return segno.make(url, error="m", micro=False)


def screen_svg(url):
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="svg", scale=SCREEN_SCALE, border=QUIET_ZONE, title=url)
    return buffer.getvalue()


def screen_png(url):
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="png", scale=SCREEN_SCALE, border=QUIET_ZONE)
    return buffer.getvalue()


def label_svg(url, width_mm=DEFAULT_LABEL_SIZE_MM):
    """An SVG exactly ``width_mm`` wide (quiet zone included), in millimetre units."""
    qr = make_qr(url)
    modules = qr.symbol_size(scale=1, border=QUIET_ZONE)[0]
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=width_mm / modules, unit="mm", border=QUIET_ZONE)
    return buffer.getvalue()


def label_png(url, width_mm=DEFAULT_LABEL_SIZE_MM, dpi=PRINT_DPI):
    """A PNG about ``width_mm`` wide when printed at ``dpi`` (whole pixels per module)."""
    qr = make_qr(url)
    modules = qr.symbol_size(scale=1, border=QUIET_ZONE)[0]
    pixels = width_mm / MM_PER_INCH * dpi
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=max(1, round(pixels / modules)), border=QUIET_ZONE, dpi=dpi)
    return buffer.getvalue()
