"""The bare Django view the benchmarks compare the hot pages with (bench/README.md).

One query, one small template, no Wagtail: the floor of what a request through this
site's middleware costs. Mounted at /_bench/bare/ only when OCOP_BENCH_BARE_VIEW is on.
"""

from django.shortcuts import render

from catalog.models import Producer


def bare(request):
    producer = Producer.objects.order_by("pk").only("pk", "name").first()
    return render(request, "bench/bare.html", {"producer": producer})
