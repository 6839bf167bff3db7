"""Catalogue pages under load: listing and product detail with N synthetic products.

What it measures: requests per second and latency (median, 95th percentile) of
  * bare      - a bare Django view (1 query, 1 template: ocop/bench_views.py), the yardstick;
  * listing   - /san-pham/ pages, random page numbers, with and without filters/sorts;
  * detail    - random product pages (/san-pham/san-pham-mau-NNNNNN/);
  * api       - /api/v2/products/ listing pages;
served by gunicorn (sync workers, production settings, persistent DB connections)
and hit by a threaded HTTP client on the same machine for a fixed time each, twice:
  * cold      - the anonymous page cache off (OCOP_PAGE_CACHE_SECONDS=0), random pages;
  * warm      - the page cache on, shoppers who repeat pages: each scenario draws from
                a pool of --pool paths, all requested once before the timing.
Each scenario's requests per second is also given as a ratio to the bare view's in the
same server run (``ratio``), which is what to compare across machines and loads.

How: a throw-away database (SQLite file by default, or DATABASE_URL), ``migrate``,
``collectstatic``, ``load_demo --products N`` (timed), then gunicorn on --port.

Run from the project folder:
  .venv/bin/python bench/catalog_pages.py                          # SQLite
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_catalog_bench \\
      .venv/bin/python bench/catalog_pages.py                      # PostgreSQL (created if missing)
Options: --products 10000 --duration 20 --concurrency 4 --workers 2 --port 8101 --pool 200.
Results are printed and written to bench/results/catalog_pages-<database>-<products>.json.
The database is kept (``load_demo`` only tops it up): use one database per size.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PROVINCE_CODES = [1, 4, 8, 19, 22, 31, 37, 46, 48, 68, 79, 91, 92, 96]
CATEGORIES = ["thuc-pham", "do-uong", "duoc-lieu", "thu-cong-my-nghe"]
SORTS = ["newest", "price", "-price", "stars", "name"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per scenario")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn")
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--pool", type=int, default=200, help="paths per scenario, warm")
    return parser.parse_args()


def environment(workdir):
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    env.update(
        DJANGO_SETTINGS_MODULE="ocop.settings.production",
        SECRET_KEY="bench-" + os.urandom(16).hex(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        DEBUG="False",
        CONN_MAX_AGE=env.get("CONN_MAX_AGE", "60"),
        # The pictures stay with their database (load_demo only tops it up): a second
        # run on the same database must find the originals of its renditions.
        MEDIA_ROOT=env.get("MEDIA_ROOT") or str(media_root(env["DATABASE_URL"], workdir)),
        STATIC_ROOT=str(workdir / "static"),
        LOG_LEVEL="WARNING",
        OCOP_BENCH_BARE_VIEW="True",
        OCOP_PRIVATE_BUCKET=env.get("OCOP_PRIVATE_BUCKET", "bench-unused"),
    )
    return env


def media_root(database_url, workdir):
    if not database_url.startswith("postgres"):
        return workdir / "media"  # the SQLite file is in the work folder too
    name = urlparse(database_url).path.lstrip("/")
    return Path(tempfile.gettempdir()) / f"ocop-bench-media-{name}"


# Every rendition the hot pages show, made before the timing: "cold" is the page cache
# off, not a picture resized for the first time.
MAKE_RENDITIONS = """
from wagtail.images import get_image_model
from catalog.listing import GALLERY_IMAGE, GALLERY_PICTURE, THUMBNAIL_IMAGE
from catalog.models import ProductImage
from cms.images import CARD_PICTURE, specs
from cms.templatetags.seo import PREVIEW_SPEC
wanted = [*specs(CARD_PICTURE), *specs(GALLERY_PICTURE)]
wanted += [GALLERY_IMAGE, THUMBNAIL_IMAGE, PREVIEW_SPEC]
images = get_image_model().objects.filter(pk__in=ProductImage.objects.values("image"))
for image in images:
    image.get_renditions(*wanted)
print(f"renditions ready: {len(images)} pictures x {len(wanted)} specs")
"""


def ensure_postgres_database(url):
    """Create the PostgreSQL database named in ``url`` when it does not exist."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(env, *arguments):
    """Run a management command; returns (seconds, its output)."""
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "manage.py", *arguments], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{done.stderr[-4000:]}")
    return time.perf_counter() - started, done.stdout


def start_server(env, port, workers):
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "ocop.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=PROJECT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            if fetch(port, "/san-pham/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn did not answer on /san-pham/")


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        response.read()
        return response.status, response
    finally:
        connection.close()


def listing_path(products):
    pages = max(1, int(products * 0.9) // 24)
    choice = random.random()
    if choice < 0.5:
        return f"/san-pham/?page={random.randint(1, pages)}"
    if choice < 0.7:
        return f"/san-pham/?sort={random.choice(SORTS)}&page={random.randint(1, 20)}"
    if choice < 0.85:
        return f"/san-pham/?province={random.choice(PROVINCE_CODES)}&stars={random.randint(3, 5)}"
    return f"/san-pham/?category={random.choice(CATEGORIES)}&sort=price&page={random.randint(1, 5)}"


def detail_path(products):
    return f"/san-pham/san-pham-mau-{random.randint(1, products):06d}/"


def api_path(products):
    return f"/api/v2/products/?limit=20&offset={random.randint(0, int(products * 0.9) - 20)}"


def bare_path(products):
    return "/_bench/bare/"


def pooled(make_path, products, size):
    """The same ``size`` paths over and over (shoppers who repeat pages)."""
    pool = sorted({make_path(products) for _ in range(size)})

    def pick(_products):
        return random.choice(pool)

    pick.pool = pool
    return pick


def run_scenario(port, make_path, products, duration, concurrency):
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + duration

    def client():
        mine, failed = [], 0
        while time.perf_counter() < deadline:
            path = make_path(products)
            started = time.perf_counter()
            try:
                status, _response = fetch(port, path)
            except OSError:
                status = None
            mine.append(time.perf_counter() - started)
            failed += status != 200
        with lock:
            latencies.extend(mine)
            errors.append(failed)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": sum(errors),
        "rps": round(len(latencies) / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 1),
    }


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ocop-bench-"))
    env = environment(workdir)
    database = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    if database == "postgresql":
        ensure_postgres_database(env["DATABASE_URL"])
    print(f"Database: {database}; work folder {workdir}")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    load_seconds, output = manage(env, "load_demo", "--products", str(args.products))
    bulk_line = next((line for line in output.splitlines() if "synthetic" in line), "")
    print(f"load_demo --products {args.products}: {load_seconds:.1f} s. {bulk_line}")
    print(manage(env, "shell", "-c", MAKE_RENDITIONS)[1].strip())

    load_before = os.getloadavg()
    print(f"load average before timing: {load_before}")
    results = {}
    scenarios = {"bare": bare_path, "listing": listing_path, "detail": detail_path, "api": api_path}
    for mode in ("cold", "warm"):
        mode_env = dict(env, OCOP_PAGE_CACHE_SECONDS="0" if mode == "cold" else "600")
        server = start_server(mode_env, args.port, args.workers)
        results[mode] = {}
        try:
            for name, make_path in scenarios.items():
                if mode == "warm" and name != "bare":
                    make_path = pooled(make_path, args.products, args.pool)
                    for path in make_path.pool:
                        fetch(args.port, path)
                run_scenario(args.port, make_path, args.products, 3, args.concurrency)
                outcome = run_scenario(
                    args.port, make_path, args.products, args.duration, args.concurrency
                )
                bare_rps = results[mode].get("bare", {}).get("rps")
                if bare_rps:
                    outcome["ratio"] = round(outcome["rps"] / bare_rps, 3)
                outcome["load_average"] = os.getloadavg()
                results[mode][name] = outcome
                print(f"{mode:5} {name:8} {outcome}", flush=True)
        finally:
            stop_server(server)

    report = {
        "database": database,
        "products": args.products,
        "load_demo_seconds": round(load_seconds, 1),
        "load_demo_output": bulk_line,
        "gunicorn_workers": args.workers,
        "client_threads": args.concurrency,
        "seconds_per_scenario": args.duration,
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average": os.getloadavg(),
        "results": results,
    }
    out = PROJECT / "bench" / "results" / f"catalog_pages-{database}-{args.products}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"Written to {out.relative_to(PROJECT)}")
    if args.keep:
        print(f"Kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
