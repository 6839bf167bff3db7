"""Seat hold + confirm throughput of tours.services on PostgreSQL, with concurrent clients.

Each client is a process with its own database connection. It loops: hold 1–3 seats
on a random departure (services.hold_seats), then confirm the hold into a booking
(services.confirm_hold). Departures are few, so clients contend for the same locked
rows, and there are fewer seats than asked for, so the last requests are refused.
At the end the script checks that no departure holds more bookings and live holds
than its capacity.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop .venv/bin/python bench/tours_holds.py
    .venv/bin/python bench/tours_holds.py --help

It works in a throw-away database (``test_`` + the name in DATABASE_URL), created
and dropped by the script. The confirmation e-mail is sent by a Celery task after
commit in production; it is left out here (``--with-email`` renders and sends it
to Django's in-memory backend inside the confirm call).
"""

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings.test")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from catalog.models import Producer  # noqa: E402
from cms.models import HomePage  # noqa: E402
from tours import services  # noqa: E402
from tours.models import Booking, Departure, TourIndexPage, TourPage  # noqa: E402
from tours.services import bookings  # noqa: E402

CONTACT = services.Contact(name="Khách đo tải", phone="0912345678", email="bench@example.vn")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (processes)")
    parser.add_argument("--rounds", type=int, default=150, help="hold + confirm rounds per client")
    parser.add_argument("--departures", type=int, default=5, help="departures shared by clients")
    parser.add_argument("--capacity", type=int, default=400, help="seats per departure")
    parser.add_argument("--with-email", action="store_true", help="send the confirmation e-mail")
    parser.add_argument(
        "--client-limits",
        action="store_true",
        help="each process is a public client: the per-client hold limits are checked",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the first client with pyinstrument (bench/results/tours_holds-profile.txt)",
    )
    return parser.parse_args()


def seed(departure_count, capacity):
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Bench", slug="bench-home"))
    index = home.add_child(instance=TourIndexPage(title="Tours", slug="tours"))
    operator = Producer.objects.create(name="Hợp tác xã đo tải", legal_form="cooperative")
    tour = index.add_child(
        instance=TourPage(
            title="Tour đo tải",
            slug="tour-do-tai",
            operator=operator,
            duration_minutes=180,
            meeting_point="Cổng làng",
            price_adult=300_000,
            price_child=150_000,
            max_group_size=10,
        )
    )
    start = timezone.now() + timedelta(days=2)
    return [
        Departure.objects.create(
            tour=tour, starts_at=start + timedelta(days=n), capacity=capacity
        ).pk
        for n in range(departure_count)
    ]


def client(departure_ids, rounds, options, barrier, results, seed_value):
    """One client process: its own connection (opened on first query after the fork)."""
    if not options.with_email:
        # Where confirm_hold looks it up (the package re-exports it; patching the
        # package's name left the e-mail in every confirmation).
        bookings.send_confirmation_later = lambda booking_id: None
    client_key = f"bench-{seed_value}" if options.client_limits else ""
    settings.TOURS_HOLDS_PER_CLIENT_PER_DAY = rounds + 1  # measured, not refused
    rng = random.Random(seed_value)
    hold_times, confirm_times = [], []
    refused = errors = 0
    barrier.wait()
    profiler = start_profiler() if options.profile and seed_value == 0 else None
    cpu_started = time.process_time()
    for _ in range(rounds):
        started = time.perf_counter()
        try:
            hold = services.hold_seats(
                rng.choice(departure_ids),
                adults=rng.randint(1, 2),
                children=rng.randint(0, 1),
                client=client_key,
            )
        except services.NotEnoughSeats:
            refused += 1
            hold_times.append(time.perf_counter() - started)
            continue
        except Exception:
            errors += 1
            continue
        held = time.perf_counter()
        hold_times.append(held - started)
        try:
            services.confirm_hold(hold.pk, CONTACT)
        except Exception:
            errors += 1
            continue
        confirm_times.append(time.perf_counter() - held)
    cpu = time.process_time() - cpu_started
    if profiler is not None:
        write_profile(profiler)
    connections.close_all()
    results.put(
        {
            "hold": hold_times,
            "confirm": confirm_times,
            "refused": refused,
            "errors": errors,
            "cpu": cpu,
        }
    )


def start_profiler():
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    return profiler


def write_profile(profiler):
    profiler.stop()
    results = Path(__file__).resolve().parent / "results"
    results.mkdir(exist_ok=True)
    path = results / "tours_holds-profile.txt"
    path.write_text(profiler.output_text(unicode=True, show_all=False))
    print(f"profile of client 0: {path}", file=sys.stderr)


def percentile(values, fraction):
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def overbooked_departures(departure_ids):
    rows = Departure.objects.filter(pk__in=departure_ids).with_seats()
    return [row.pk for row in rows if row.seats_booked + row.seats_held > row.capacity]


def run(arguments):
    departure_ids = seed(arguments.departures, arguments.capacity)
    connections.close_all()  # children must not share the parent's socket
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(arguments.clients + 1)
    results = context.Queue()
    processes = [
        context.Process(
            target=client,
            args=(departure_ids, arguments.rounds, arguments, barrier, results, n),
        )
        for n in range(arguments.clients)
    ]
    for process in processes:
        process.start()
    barrier.wait()
    started = time.perf_counter()
    collected = [results.get(timeout=600) for _ in processes]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
    return departure_ids, collected, elapsed


def report(arguments, departure_ids, collected, elapsed):
    holds = [t for result in collected for t in result["hold"]]
    confirms = [t for result in collected for t in result["confirm"]]
    refused = sum(result["refused"] for result in collected)
    errors = sum(result["errors"] for result in collected)
    bookings = Booking.objects.filter(departure_id__in=departure_ids).count()
    seats = sum(booking.seats for booking in Booking.objects.filter(departure_id__in=departure_ids))
    overbooked = overbooked_departures(departure_ids)
    print(f"database          : {connection.vendor} ({connection.settings_dict['NAME']})")
    print(
        f"clients           : {arguments.clients} processes × {arguments.rounds} rounds, "
        f"{arguments.departures} departures × {arguments.capacity} seats"
        + (", per-client limits checked" if arguments.client_limits else "")
    )
    print(f"wall time         : {elapsed:.2f} s")
    print(
        f"hold requests     : {len(holds)} ({len(holds) / elapsed:.0f}/s), "
        f"{len(holds) - refused} held, {refused} refused (not enough seats)"
    )
    print(f"confirms          : {len(confirms)} ({len(confirms) / elapsed:.0f}/s)")
    for name, values in (("hold", holds), ("confirm", confirms)):
        print(
            f"{name + ' latency':<18}: p50 {percentile(values, 0.50) * 1000:.1f} ms, "
            f"p95 {percentile(values, 0.95) * 1000:.1f} ms"
        )
    cpu = sum(result["cpu"] for result in collected)
    print(
        f"client CPU        : {cpu:.1f} s in all, "
        f"{cpu / len(holds) * 1000:.1f} ms per hold request (with its confirm)"
    )
    print(f"bookings in db    : {bookings} bookings, {seats} seats booked")
    print(f"errors            : {errors}")
    print(f"overbooking       : {overbooked or 'NONE'}")
    return not overbooked and errors == 0 and bookings == len(confirms)


def main():
    arguments = parse_arguments()
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        departure_ids, collected, elapsed = run(arguments)
        ok = report(arguments, departure_ids, collected, elapsed)
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
