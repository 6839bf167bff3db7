"""Where the time goes on the hot pages: queries, SQL time and a pyinstrument profile.

In process (Django's test client, no HTTP server), against the database in
DATABASE_URL as it is (load it first, e.g. ``manage.py load_demo --products 10000``).
For each page it prints the number of SQL statements, the milliseconds spent in SQL,
the median wall time of ``--rounds`` requests (after one warm-up request), and with
``--profile`` writes a pyinstrument text profile of ``--rounds`` requests to
bench/results/profile-<page>.txt.

The page cache for anonymous visitors is switched off unless ``--cache`` is given
(then the figures are those of a warm cache).

  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_perf \\
      .venv/bin/python bench/profile_pages.py [--rounds 30] [--profile] [--cache]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="write pyinstrument profiles")
    parser.add_argument("--cache", action="store_true", help="keep the anonymous page cache")
    parser.add_argument("--only", help="one page name")
    return parser.parse_args()


def setup(cache):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings.dev")
    os.environ["OCOP_BENCH_BARE_VIEW"] = "1"
    if not cache:
        os.environ["OCOP_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def pages():
    from catalog.models import ProductPage

    page = ProductPage.objects.live().filter(slug__startswith="san-pham-mau-").order_by("pk")
    sample = page[len(page) // 2] if page.exists() else ProductPage.objects.live().first()
    producer = sample.product.producer
    province = producer.province.codename.replace("_", "-")
    return {
        "listing": "/san-pham/?page=20",
        "listing-sorted": "/san-pham/?sort=price&page=3",
        "listing-filtered": f"/san-pham/?province={producer.province_code}&stars=4",
        "detail": sample.url,
        "producer": f"/san-pham/chu-the/{producer.slug}/",
        "province": f"/san-pham/tinh/{province}/",
        "trace": f"/truy-xuat/{sample.product.trace_code}/",
        "api": "/api/v2/products/?limit=20&offset=2000",
        "bare": "/_bench/bare/",
    }


def measure(client, url, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(url).status_code == 200, url
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = captured.captured_queries
    sql_ms = sum(float(query["time"]) for query in queries) * 1000
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return len(queries), sql_ms, statistics.median(times)


def profile(client, name, url, rounds):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(rounds):
            client.get(url)
    out = PROJECT / "bench" / "results" / f"profile-{name}.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    return out


def main():
    args = parse_args()
    setup(args.cache)
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    client = Client(HTTP_HOST="localhost")
    print(f"{'page':18} {'queries':>7} {'SQL ms':>7} {'median ms':>9}")
    for name, url in pages().items():
        if args.only and name != args.only:
            continue
        count, sql_ms, median = measure(client, url, args.rounds)
        print(f"{name:18} {count:7} {sql_ms:7.1f} {median:9.1f}   {url}")
        if args.profile:
            profile(client, name, url, args.rounds)


if __name__ == "__main__":
    main()
