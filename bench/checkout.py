"""Cash-on-delivery checkouts under load, and the stock's integrity afterwards.

What it measures: completed checkouts per second and the latency (median, 95th
percentile) of ``POST /api/checkout/``, with N concurrent shoppers (default 8), each
repeatedly: GET /gio-hang/ (session + CSRF cookies), three ``POST /api/cart/lines/``
(3 lines from 2 producers), ``POST /api/checkout/`` (cash on delivery). Served by
gunicorn (sync workers, production settings, persistent connections), driven by
threads on the same machine for a fixed time. Afterwards it checks, for each SKU,
that the starting stock minus the units sold equals the stock left, that the
movement log adds up, and that no stock went negative.

How: a throw-away database (PostgreSQL when DATABASE_URL is set, which the
acceptance asks for; else a SQLite file), ``migrate``, ``load_demo``, 100,000 units
on three demo variants, then gunicorn on --port.

Run from the project folder:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_checkout_bench \\
      .venv/bin/python bench/checkout.py
Options: --duration 30 --concurrency 8 --workers 2 --port 8102.
Results are printed and written to bench/results/checkout-<database>.json.
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from catalog_pages import (
    PROJECT,
    ensure_postgres_database,
    environment,
    manage,
    start_server,
    stop_server,
)

STOCK = 100_000

# Three lines from two producers: two variants of one producer, one of another.
CHOOSE_VARIANTS = """
import json, os
from collections import defaultdict
from catalog.models import ProductPage
from marketplace.services import inventory
by_producer = defaultdict(list)
for page in ProductPage.objects.purchasable().select_related("product").order_by("pk"):
    variant = page.variants.filter(is_active=True).order_by("sort_order").first()
    if variant is not None:
        by_producer[page.product.producer_id].append(variant)
first = next(variants for variants in by_producer.values() if len(variants) >= 2)
second = next(variants for variants in by_producer.values() if variants is not first)
chosen = first[:2] + second[:1]
for variant in chosen:
    inventory.set_stock(variant.sku, int(os.environ["BENCH_STOCK"]), note="bench")
print(json.dumps([{"id": variant.pk, "sku": variant.sku} for variant in chosen]))
"""

INTEGRITY = """
import json, os
from django.db.models import Sum
from marketplace.models import Inventory, Order, OrderLine, StockMovement
skus = json.loads(os.environ["BENCH_SKUS"])
report = {"orders": Order.objects.count(), "skus": {}}
for sku in skus:
    sold = OrderLine.objects.filter(sku=sku).aggregate(total=Sum("quantity"))["total"] or 0
    left = Inventory.objects.get(sku=sku).quantity
    movements = StockMovement.objects.filter(inventory__sku=sku)
    logged = movements.aggregate(total=Sum("change"))["total"]
    report["skus"][sku] = {"sold": sold, "left": left, "movements_sum": logged}
report["negative"] = Inventory.objects.filter(quantity__lt=0).count()
print(json.dumps(report))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--concurrency", type=int, default=8, help="shoppers (threads)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn")
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return parser.parse_args()


class Shopper:
    """One shopper's cookies over plain HTTP connections."""

    def __init__(self, port):
        self.port = port
        self.cookies = SimpleCookie()

    def request(self, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": "localhost", "Cookie": self.cookie_header()}
        if body is not None:
            headers["Content-Type"] = "application/json"
            headers["X-CSRFToken"] = self.cookies["csrftoken"].value
            body = json.dumps(body)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                self.cookies.load(header)
            return response.status, data
        finally:
            connection.close()

    def cookie_header(self):
        return "; ".join(f"{key}={morsel.value}" for key, morsel in self.cookies.items())


CHECKOUT = {
    "name": "Khách thử tải",
    "phone": "0912345678",
    "email": "bench@example.vn",
    "address": {"province": 37, "ward": 14464, "street": "1 Đường Thử"},
    "payment": "cod",
}


def run_load(port, variants, duration, concurrency):
    latencies, outcomes, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + duration

    def shopper():
        mine, results = [], []
        while time.perf_counter() < deadline:
            client = Shopper(port)
            client.request("GET", "/gio-hang/")
            if "csrftoken" not in client.cookies:
                results.append("no csrf cookie")
                continue
            for variant in variants:
                client.request(
                    "POST", "/api/cart/lines/", {"variant": variant["id"], "quantity": 1}
                )
            started = time.perf_counter()
            status, _body = client.request("POST", "/api/checkout/", CHECKOUT)
            mine.append(time.perf_counter() - started)
            results.append(status)
        with lock:
            latencies.extend(mine)
            outcomes.extend(results)

    threads = [threading.Thread(target=shopper) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    placed = outcomes.count(201)
    return {
        "checkouts": placed,
        "other_answers": {str(o): outcomes.count(o) for o in set(outcomes) if o != 201},
        "checkouts_per_second": round(placed / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    }


def shell_json(env, code):
    """Run ``code`` in ``manage.py shell``; its last printed line is JSON."""
    _seconds, output = manage(env, "shell", "-c", code)
    return json.loads(output.strip().splitlines()[-1])


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ocop-checkout-bench-"))
    env = environment(workdir)
    env["BENCH_STOCK"] = str(STOCK)
    database = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    if database == "postgresql":
        ensure_postgres_database(env["DATABASE_URL"])
    server = None
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo")
        variants = shell_json(env, CHOOSE_VARIANTS)
        env["BENCH_SKUS"] = json.dumps([variant["sku"] for variant in variants])
        before = shell_json(env, INTEGRITY)
        server = start_server(env, args.port, args.workers)
        result = run_load(args.port, variants, args.duration, args.concurrency)
    finally:
        if server is not None:
            stop_server(server)
    skus = [variant["sku"] for variant in variants]
    after = shell_json(env, INTEGRITY)
    integrity = (
        all(
            STOCK - row["sold"] == row["left"] and row["movements_sum"] == row["left"]
            for sku, row in after["skus"].items()
            if sku in skus
        )
        and after["negative"] == 0
    )
    sold_in_run = after["orders"] - before["orders"]
    result.update(
        database=database,
        concurrency=args.concurrency,
        workers=args.workers,
        orders_in_database=sold_in_run,
        stock_after=after["skus"],
        integrity_ok=integrity and sold_in_run == result["checkouts"],
    )
    print(json.dumps(result, indent=2, ensure_ascii=False))
    results = PROJECT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"checkout-{database}.json").write_text(json.dumps(result, indent=2))
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    if not result["integrity_ok"]:
        raise SystemExit("stock integrity check FAILED")


if __name__ == "__main__":
    main()
