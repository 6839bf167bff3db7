"""Registry sync at scale: a generated 20,000-row recognition list, imported then re-synced.

Measures, for the first import into an empty catalogue and for an unchanged re-sync of
the same file: wall time, statements that write certifications, and peak memory (the
process's peak RSS, and with --tracemalloc the peak of Python allocations during the run).
Targets (issue 4): first import < 20 s, unchanged re-sync < 5 s with zero certification
writes, peak memory < 300 MB.

    .venv/bin/python bench/registry_sync.py                  # throw-away SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_bench \\
        .venv/bin/python bench/registry_sync.py

With DATABASE_URL the database is migrated and its producers, products, certifications
and sync runs are DELETED first: point it at a throw-away database.
"""

import argparse
import csv
import os
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = [
    "STT",
    "Mã sản phẩm",
    "Tên sản phẩm",
    "Chủ thể",
    "Địa chỉ",
    "Bộ sản phẩm",
    "Điểm",
    "Hạng sao",
    "Số giấy chứng nhận",
    "Số quyết định",
    "Ngày quyết định",
    "Cấp công nhận",
    "Trạng thái",
    "Ngày thu hồi",
    "Lý do thu hồi",
]
COMMUNES = [
    "xã Yên Cường, huyện Ý Yên, tỉnh Nam Định",
    "xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định",
    "xã Giao Hải, huyện Giao Thủy, tỉnh Nam Định",
    "xã Bạch Long, huyện Giao Thủy, tỉnh Nam Định",
    "thị trấn Liễu Đề, huyện Nghĩa Hưng, tỉnh Nam Định",
    "xã Hải Anh, huyện Hải Hậu, tỉnh Nam Định",
    "xã Điền Xá, huyện Nam Trực, tỉnh Nam Định",
    "phường Lộc Hạ, thành phố Nam Định, tỉnh Nam Định",
    "xã Nghĩa Lạc, huyện Nghĩa Hưng, tỉnh Nam Định",
    "xã Tân Minh, tỉnh Ninh Bình",
    "phường Hoàn Kiếm, Thành phố Hà Nội",
    "Cụm công nghiệp làng nghề",
]
KINDS = ["Hợp tác xã", "Hộ kinh doanh", "Công ty TNHH", "Tổ hợp tác", "Cơ sở sản xuất"]
GOODS = [
    "Bánh gai",
    "Dầu lạc",
    "Gạo tám",
    "Nước mắm",
    "Muối biển",
    "Chè lam",
    "Mật ong",
    "Rượu nếp",
]
BANDS = [(3, 50, 69), (4, 70, 89), (5, 90, 99)]


def generate(path, rows, seed=20260):
    """A recognition list: 4 products per producer, valid rows only, a few revoked."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for number in range(1, rows + 1):
            producer = number // 4
            stars, low, high = rng.choice(BANDS)
            decided = date(2022, 1, 1) + timedelta(days=rng.randrange(1200))
            revoked = rng.random() < 0.01
            writer.writerow(
                [
                    number,
                    f"SP-{number:06d}",
                    f"{rng.choice(GOODS)} đặc sản số {number}",
                    f"{rng.choice(KINDS)} số {producer}",
                    f"thôn {producer % 97}, {COMMUNES[producer % len(COMMUNES)]}",
                    rng.randint(1, 26),
                    f"{rng.randint(low, high)},{rng.choice('05')}",
                    stars,
                    f"GCN-{number:06d}",
                    f"{number % 900 + 1}/QĐ-UBND",
                    decided.strftime("%d/%m/%Y"),
                    "Trung ương" if stars == 5 else rng.choice(["Tỉnh", "Huyện"]),
                    "Thu hồi" if revoked else "",
                    (decided + timedelta(days=30)).strftime("%d/%m/%Y") if revoked else "",
                    "Hậu kiểm không đạt" if revoked else "",
                ]
            )


def setup_django(database_file):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings.base")  # DEBUG off
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_file}")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from catalog.models import Certification, Producer, Product, SyncRun

    Product.objects.update(current_certification=None)
    for model in (SyncRun, Certification, Product, Producer):
        model.objects.all().delete()


WRITES_CERTIFICATIONS = re.compile(
    r'\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?catalog_certification"?\s', re.IGNORECASE
)


class WriteCounter:
    """Counts INSERT/UPDATE/DELETE statements on the certification table."""

    def __init__(self):
        self.certification_writes = 0
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        if WRITES_CERTIFICATIONS.match(sql):
            self.certification_writes += 1
        return execute(sql, params, many, context)


@contextmanager
def measured(label, use_tracemalloc):
    from django.db import connection

    counter = WriteCounter()
    if use_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        yield
    elapsed = time.perf_counter() - started
    python_peak = None
    if use_tracemalloc:
        python_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = (
        f"{label:<18} {elapsed:7.2f} s   statements {counter.statements:>6}"
        f"   certification writes {counter.certification_writes:>6}   peak RSS {rss:6.0f} MB"
    )
    if python_peak is not None:
        line += f"   tracemalloc peak {python_peak:6.1f} MB"
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations")
    parser.add_argument(
        "--dry-run-only",
        action="store_true",
        help="only a dry run into the empty catalogue (issue 13: 200,000 rows under 300 MB)",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-registry-"))
    source = workdir / "danh-sach.csv"
    generate(source, args.rows)
    setup_django(workdir / "bench.sqlite3")
    from django.conf import settings
    from django.db import connection

    from catalog.models import Certification
    from catalog.registry.services import sync

    print(
        f"{args.rows} rows, {source.stat().st_size / 2**20:.1f} MB CSV,"
        f" database {connection.vendor} ({settings.DATABASES['default']['NAME']})"
    )
    if args.dry_run_only:
        with measured("dry run", args.tracemalloc):
            dry = sync(source, dry_run=True)
        print(f"dry run: created {dry.created}, errors {dry.errors}, warnings {dry.warnings}")
        return
    with measured("first import", args.tracemalloc):
        first = sync(source)
    with measured("unchanged re-sync", args.tracemalloc):
        again = sync(source)
    with measured("dry run", args.tracemalloc):
        dry = sync(source, dry_run=True)
    print(
        f"first: created {first.created}, errors {first.errors}, warnings {first.warnings};"
        f" re-sync: unchanged {again.unchanged}, changed {len(again.changes)};"
        f" dry run: unchanged {dry.unchanged}; certifications {Certification.objects.count()}"
    )


if __name__ == "__main__":
    main()
