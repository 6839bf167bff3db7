"""Search with facets, suggestions and the index build, in-process, at N products.

What it measures (PostgreSQL by default; SQLite when DATABASE_URL is not postgres):
  * build   - ``search_index --rebuild`` (search.indexing.rebuild): every document
              read from the pages and written, with the vocabulary;
  * search  - ``search.services.search`` + the JSON shape of GET /api/search/: the
              results page, the facet counts (each under the other filters), the
              card images; realistic queries (no accents, typos, filters, sorts);
  * suggest - ``search.services.suggest``: prefixes of the same queries, 2+ letters.
Each is timed in this process (no HTTP), after a warm-up round.

How: a throw-away database (created if missing), ``migrate``, ``load_demo
--products N`` (its certification signal indexes the products as it goes), then the
measurements. Run from the project folder:

  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_search_bench \\
      .venv/bin/python bench/search.py [--products 20000] [--rounds 400]

Results are printed and written to bench/results/search-<database>.json.
"""

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ocop_search_bench"

QUERIES = [
    "mat ong",
    "mật ong",
    "gao",
    "ca phe",
    "che tuoi",
    "ruou trang",
    "hoa",
    "nuoc khoang",
    "tinh dau",
    "thu cong my nghe",
    "banh gai",
    "nuoc mam",
    "dao vi khe",
    "rau cu qua",
    "gia vi",
    "my pham",
    "cay canh",
    "vai may mac",
    "gao mau so 120",
    "nuoc khoagn",  # typos in words of 5+ letters
    "ruou trnag",
    "thuc pham chuc nagn",
    "cay cahn",  # no correction for a 4-letter word: "did you mean"
    "thuc pham chuc nang",
    "hop tac xa mau so 12",
]
PROVINCES = [1, 4, 8, 19, 22, 31, 37, 46, 48, 68, 79, 91, 92, 96]
CATEGORIES = ["thuc-pham", "do-uong", "duoc-lieu", "thu-cong-my-nghe"]
SORTS = ["relevance", "relevance", "price", "-price", "stars", "newest"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=400, help="searches and suggestions each")
    parser.add_argument("--seed", type=int, default=11)
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
    done = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=PROJECT,
        env=os.environ,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, done.stdout


def percentiles(samples):
    samples = sorted(samples)
    return {
        "count": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(samples[max(0, int(len(samples) * 0.95) - 1)] * 1000, 2),
        "max_ms": round(samples[-1] * 1000, 2),
    }


def random_search(rng):
    params = {}
    if rng.random() < 0.9:
        params["q"] = rng.choice(QUERIES)
    choice = rng.random()
    if choice < 0.2:
        params["stars"] = str(rng.randint(3, 5))
    elif choice < 0.35:
        params["province"] = str(rng.choice(PROVINCES))
    elif choice < 0.5:
        params["category"] = rng.choice(CATEGORIES)
        params["price_min"], params["price_max"] = "100000", "499999"
    params["sort"] = rng.choice(SORTS)
    if rng.random() < 0.2:
        params["page"] = str(rng.randint(2, 4))
    return params


def main():
    args = parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="ocop.settings.production",
        SECRET_KEY="bench-" + os.urandom(16).hex(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        DEBUG="False",
        LOG_LEVEL="WARNING",
        ELASTICSEARCH_URL="",
    )
    # The demo images live beside the database they belong to (re-runs reuse both).
    name = urlparse(os.environ["DATABASE_URL"]).path.strip("/").replace("/", "-") or "sqlite"
    os.environ.setdefault("MEDIA_ROOT", str(Path(tempfile.gettempdir()) / f"{name}-media"))
    database = "postgresql" if os.environ["DATABASE_URL"].startswith("postgres") else "sqlite"
    if database == "postgresql":
        ensure_postgres_database(os.environ["DATABASE_URL"])
    print(f"Database: {database} ({urlparse(os.environ['DATABASE_URL']).path.lstrip('/')})")
    manage("migrate", "--noinput")
    seconds, _output = manage("load_demo", "--products", str(args.products))
    print(f"load_demo --products {args.products} (indexing as it goes): {seconds:.1f} s")

    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.db import connection

    from search import indexing, services
    from search.models import SearchDocument, SearchTerm

    report = indexing.rebuild()
    print(
        f"build: {report.documents} documents, {SearchTerm.objects.count()} vocabulary words, "
        f"{report.seconds:.1f} s"
    )
    if database == "postgresql":  # what autovacuum does after a bulk load
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument, search_searchterm")

    rng = random.Random(args.seed)
    searches = [random_search(rng) for _ in range(args.rounds)]
    prefixes = []
    for _ in range(args.rounds):
        query = rng.choice(QUERIES)
        prefixes.append(query[: rng.randint(2, len(query))])

    def run_search(params):
        page = services.search(services.parse(params))
        return services.as_json(page)

    for params in searches[:50]:  # warm up: connections, caches, renditions
        run_search(params)
    for text in prefixes[:50]:
        services.suggest(text)

    def measure():
        search_times, totals = [], []
        for params in searches:
            started = time.perf_counter()
            data = run_search(params)
            search_times.append(time.perf_counter() - started)
            totals.append(data["total"])
        suggest_times = []
        for text in prefixes:
            started = time.perf_counter()
            services.suggest(text)
            suggest_times.append(time.perf_counter() - started)
        return search_times, totals, suggest_times

    # 1. As a plain process: Python's cyclic GC walks the ~200,000 objects Django,
    #    Wagtail and the address data leave behind at start-up, now and then.
    search_times, totals, suggest_times = measure()
    # 2. After gc.freeze() (what a gunicorn worker does with the post_fork hook in
    #    docs/search.md): those start-up objects are left out of collections.
    gc.freeze()
    frozen_search, _totals, frozen_suggest = measure()
    result = {
        "database": database,
        "products": args.products,
        "documents": SearchDocument.objects.count(),
        "vocabulary": SearchTerm.objects.count(),
        "load_demo_seconds": round(seconds, 1),
        "build_seconds": round(report.seconds, 2),
        "search": percentiles(search_times),
        "search_median_total": statistics.median(totals),
        "suggest": percentiles(suggest_times),
        "search_gc_frozen": percentiles(frozen_search),
        "suggest_gc_frozen": percentiles(frozen_suggest),
        "cpus": os.cpu_count(),
    }
    print(f"search (with facets): {result['search']}  median hits {result['search_median_total']}")
    print(f"suggest:              {result['suggest']}")
    print(f"after gc.freeze(): search {result['search_gc_frozen']}")
    print(f"                   suggest {result['suggest_gc_frozen']}")
    out = PROJECT / "bench" / "results" / f"search-{database}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"Written to {out.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
