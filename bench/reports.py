"""The province reports and the payout ledger at 20,000 products and 100,000 orders.

What it measures (PostgreSQL): every report of ``reports.services.REPORTS`` (the
function the dashboard and the exports call, rows included), each with the
dashboard's default filters (the last 12 months) and with a province + product set +
stars filter; the whole dashboard (every report and its SVG chart); the ledgers'
index (every producer's balance) and one producer's monthly statement. Each figure
is the median and the slowest of ``--repeat`` runs, after a warm-up run.

How: a throw-away database (created if missing), ``migrate``, ``load_demo --products
N`` (products, pages, variants, certifications), then, written with PostgreSQL's COPY
(a few seconds): ``--orders`` orders over the last 18 months (one or two producers
each, one to three lines a sub-order; cash and card; some cancelled, some unpaid),
their ledger entries, 1 % of the certificates revoked in the last year, 200 tour
departures with 20,000 bookings, and 5,000 search-log rows; then ``ANALYZE``. A re-run
on the same database reuses the data (``--fresh`` adds another batch of orders).
Run from the project folder:

  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_reports_bench \\
  REDIS_URL=redis://127.0.0.1:6379/0 \\
      .venv/bin/python bench/reports.py [--products 20000] [--orders 100000]

Results are printed and written to bench/results/reports-postgresql.json.
"""

import argparse
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ocop_reports_bench"
CAMPAIGNS = ["list"] * 8 + ["hoi-cho-ocop-2026", "livestream-tet"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--fresh", action="store_true", help="add orders even if there are some")
    parser.add_argument(
        "--no-setup", action="store_true", help="skip migrate and load_demo (data already there)"
    )
    return parser.parse_args()


def ensure_postgres_database(url):
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(*arguments):
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=PROJECT, check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started


# --- Data ----------------------------------------------------------------------------------


class Copier:
    """Rows into a model's table with COPY, ids assigned here (the sequence moved after)."""

    def __init__(self, connection, model):
        self.connection, self.model = connection, model
        self.table = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{self.table}"')
            self.next_id = cursor.fetchone()[0] + 1
        self.rows = []
        self.now = datetime.now(UTC)

    def add(self, **values):
        values.setdefault("id", self.next_id)
        self.next_id += 1
        row = []
        for field in self.fields:
            if field.attname in values:
                row.append(values[field.attname])
            elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                row.append(self.now)
            elif field.has_default():
                row.append(field.get_default())
            else:
                row.append(None if field.null else field.get_default())
        self.rows.append(row)
        return values["id"]

    def write(self):
        columns = ", ".join(f'"{field.column}"' for field in self.fields)
        with self.connection.cursor() as cursor:
            with cursor.cursor.copy(f'COPY "{self.table}" ({columns}) FROM STDIN') as copy:
                for row in self.rows:
                    copy.write_row(row)
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{self.table}\"', 'id'), "
                f'(SELECT MAX(id) FROM "{self.table}"))'
            )
        written, self.rows = len(self.rows), []
        return written


def generate_orders(count, rng, now):
    from django.db import connection

    from catalog.models import ProductVariant
    from marketplace.models import (
        EntryKind,
        LineKind,
        Order,
        OrderLine,
        PaymentMethod,
        PaymentStatus,
        PayoutEntry,
        SubOrder,
        SubOrderStatus,
    )

    variants = list(
        ProductVariant.objects.values_list("pk", "sku", "price", "label", "page__product__producer")
    )
    by_producer = {}
    for variant in variants:
        by_producer.setdefault(variant[4], []).append(variant)
    producers = list(by_producer)
    orders, sub_orders = Copier(connection, Order), Copier(connection, SubOrder)
    lines, entries = Copier(connection, OrderLine), Copier(connection, PayoutEntry)
    span = int(timedelta(days=548).total_seconds())
    for _index in range(count):
        created = now - timedelta(seconds=rng.randrange(span))
        card = rng.random() < 0.3
        unpaid = card and rng.random() < 0.05
        order_id = orders.next_id
        parts, goods = [], 0
        for producer in rng.sample(producers, 2 if rng.random() < 0.4 else 1):
            status = rng.choices(
                [SubOrderStatus.DELIVERED, SubOrderStatus.CONFIRMED, SubOrderStatus.CANCELLED],
                [80, 12, 8],
            )[0]
            if unpaid:
                status = SubOrderStatus.PLACED
            sub_total, sub_id = 0, sub_orders.next_id
            for variant in rng.sample(
                by_producer[producer], min(rng.randint(1, 3), len(by_producer[producer]))
            ):
                quantity = rng.randint(1, 4)
                lines.add(
                    sub_order_id=sub_id,
                    kind=LineKind.PRODUCT,
                    variant_id=variant[0],
                    sku=variant[1],
                    name=variant[3],
                    unit_price=variant[2],
                    quantity=quantity,
                    total=variant[2] * quantity,
                    price_source=rng.choice(CAMPAIGNS),
                )
                sub_total += variant[2] * quantity
            delivered = status == SubOrderStatus.DELIVERED
            sub_orders.add(
                order_id=order_id,
                producer_id=producer,
                status=status,
                goods_total=sub_total,
                total=sub_total,
                delivered_at=created + timedelta(days=3) if delivered else None,
            )
            goods += sub_total
            money_in = (card and not unpaid) or (not card and delivered)
            if money_in:
                entries.add(
                    producer_id=producer,
                    kind=EntryKind.SALE,
                    amount=sub_total,
                    event_key=f"sale:{sub_id}",
                    sub_order_id=sub_id,
                    commission_basis_points=0,
                    created_at=created + timedelta(days=3),
                )
            parts.append(sub_id)
        orders.add(
            number=f"OCOP-B-{order_id:09d}",
            token=secrets.token_urlsafe(18),
            contact_name="Khách thử",
            phone="0900000000",
            email=f"khach{order_id % 5000}@example.vn",
            payment_method=PaymentMethod.CARD if card else PaymentMethod.COD,
            payment_status=(
                PaymentStatus.PENDING
                if unpaid
                else PaymentStatus.PAID
                if card
                else PaymentStatus.ON_DELIVERY
            ),
            goods_total=goods,
            total=goods,
            paid_at=created if card and not unpaid else None,
            created_at=created,
        )
    return {
        "orders": orders.write(),
        "sub_orders": sub_orders.write(),
        "order_lines": lines.write(),
        "ledger_entries": entries.write(),
    }


def generate_tours_and_search(rng, now):
    from django.db import connection

    from search.models import QueryLogEntry
    from tours.models import Booking, Departure, TourPage

    tours = list(TourPage.objects.values_list("pk", flat=True))
    departures, bookings = Copier(connection, Departure), Copier(connection, Booking)
    departure_ids = [
        departures.add(
            tour_id=rng.choice(tours),
            starts_at=now - timedelta(days=rng.randrange(-60, 360), hours=rng.randrange(24)),
            capacity=1000,
            created_at=now - timedelta(days=400),
        )
        for _index in range(200)
    ]
    departures.write()
    for _index in range(20_000):
        adults, children = rng.randint(1, 4), rng.randint(0, 2)
        bookings.add(
            departure_id=rng.choice(departure_ids),
            code=secrets.token_hex(6).upper(),
            token=secrets.token_urlsafe(18),
            contact_name="Khách tour",
            phone="0900000000",
            email="tour@example.vn",
            adults=adults,
            children=children,
            price_adult=200_000,
            price_child=100_000,
            amount=adults * 200_000 + children * 100_000,
            status="cancelled" if rng.random() < 0.1 else "confirmed",
            created_at=now - timedelta(days=rng.randrange(400)),
        )
    log = Copier(connection, QueryLogEntry)
    seen = set()
    while len(seen) < 5_000:
        day, query = (
            now.date() - timedelta(days=rng.randrange(90)),
            f"truy van {rng.randrange(3000)}",
        )
        if (day, query) in seen:
            continue
        seen.add((day, query))
        searches = rng.randint(1, 50)
        log.add(day=day, query=query, searches=searches, zero_hits=rng.randint(0, searches) // 3)
    return {"departures": 200, "bookings": bookings.write(), "search_log": log.write()}


def revoke_some(rng, today):
    from catalog.models import Certification

    ids = list(Certification.objects.filter(revoked_on=None).values_list("pk", flat=True))
    chosen = rng.sample(ids, len(ids) // 100)
    for number, pk in enumerate(chosen):
        Certification.objects.filter(pk=pk).update(
            revoked_on=today - timedelta(days=number % 360),
            revocation_decision=f"{number}/QĐ-TH",
            revocation_reason="Vi phạm cam kết chất lượng (dữ liệu thử)",
        )
    return len(chosen)


# --- Timing --------------------------------------------------------------------------------


def timed(function, repeat):
    function()  # warm-up
    samples = []
    for _index in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return {
        "median_ms": round(statistics.median(samples) * 1000),
        "max_ms": round(max(samples) * 1000),
    }


def measure(repeat):
    from catalog.models import Producer, ProductSet
    from marketplace.services import payouts
    from reports import charts, services
    from reports.filters import Filters

    busiest = (
        Producer.objects.filter(payout_entries__isnull=False)
        .order_by("-pk")
        .values_list("province_code", flat=True)
        .first()
    )
    narrow = Filters(
        province=busiest, product_set=ProductSet.objects.order_by("number").first().number, stars=4
    )
    results = {}
    for key in services.REPORTS:
        for label, filters in (("default", Filters()), ("filtered", narrow)):
            figure = timed(lambda key=key, filters=filters: services.run(key, filters), repeat)
            figure["rows"] = len(services.run(key, filters).rows)
            results[f"{key} ({label})"] = figure
            print(f"{key:<26} {label:<9} {figure['median_ms']:>5} ms median, "
                  f"{figure['max_ms']:>5} ms max, {figure['rows']} rows")  # fmt: skip

    def dashboard():
        for key in services.REPORTS:
            charts.render(services.run(key, Filters()))

    results["whole dashboard with charts"] = timed(dashboard, max(1, repeat // 2))
    print(f"whole dashboard with charts: {results['whole dashboard with charts']}")

    class Officer:
        is_authenticated = is_active = is_superuser = True

        def has_perm(self, permission):
            return True

    results["ledgers index"] = timed(lambda: list(payouts.ledgers_for(Officer())), repeat)
    producer = Producer.objects.filter(payout_entries__isnull=False).first()
    today = date.today()
    results["monthly statement"] = timed(
        lambda: payouts.statement(producer, today.year, today.month), repeat
    )
    print(f"ledgers index: {results['ledgers index']}, statement: {results['monthly statement']}")
    return results


def main():
    args = parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("bench/reports.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="ocop.settings.dev",  # DEBUG off below: no query log
        SECRET_KEY="bench-" + os.urandom(16).hex(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        DEBUG="False",
        LOG_LEVEL="WARNING",
        ELASTICSEARCH_URL="",
    )
    ensure_postgres_database(os.environ["DATABASE_URL"])
    print(f"Database: {urlparse(os.environ['DATABASE_URL']).path.lstrip('/')}")
    if not args.no_setup:
        print(f"migrate: {manage('migrate', '--noinput'):.1f} s")
        print(f"load_demo --products {args.products}: "
              f"{manage('load_demo', '--products', str(args.products)):.1f} s")  # fmt: skip

    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.db import connection, transaction

    from catalog.models import Product
    from marketplace.models import Order

    rng, now = random.Random(args.seed), datetime.now(UTC)
    generated = {"products": Product.objects.count()}
    if args.fresh or Order.objects.count() < args.orders:
        started = time.perf_counter()
        with transaction.atomic():
            generated.update(generate_orders(args.orders, rng, now))
            generated.update(generate_tours_and_search(rng, now))
            generated["revoked"] = revoke_some(rng, now.date())
        generated["seconds"] = round(time.perf_counter() - started, 1)
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    generated["orders_total"] = Order.objects.count()
    print(f"data: {generated}")
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(f"load average before timing: {' '.join(load)}")
    results = measure(args.repeat)
    load_after = Path("/proc/loadavg").read_text().split()[:3] if load else []
    out = PROJECT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "reports-postgresql.json").write_text(
        json.dumps(
            {"data": generated, "load_before": load, "load_after": load_after, "results": results},
            indent=2,
            ensure_ascii=False,
        )
    )
    slow = [
        key
        for key, figure in results.items()
        if "dashboard" not in key and figure["max_ms"] >= 1000
    ]
    print("every report under 1 s" if not slow else f"over 1 s: {slow}")


if __name__ == "__main__":
    main()
