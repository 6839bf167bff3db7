"""Public trace pages and QR codes: plain Django views, for products with or without a page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from catalog import listing, qr
from catalog.models import Product
from ocop import page_cache

QR_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def trace(request, trace_code):
    return page_cache.cacheable(
        render(request, "catalog/trace.html", listing.trace_context(trace_code))
    )


@cache_control(public=True, max_age=24 * 3600)
def trace_qr(request, trace_code, kind):
    if not Product.objects.filter(trace_code=trace_code).exists():
        raise Http404("unknown trace code")
    url = qr.trace_url(trace_code, request)
    image = qr.screen_svg(url) if kind == "svg" else qr.screen_png(url)
    return HttpResponse(image, content_type=QR_CONTENT_TYPES[kind])
