"""Shoppers checking out at the same moment, each on its own database connection
(PostgreSQL row locks), for the concurrency tests of orders and fair offers."""

import threading
from collections import Counter

from django.db import connections
from wagtail.models import Page, Site

from cms.models import HomePage
from marketplace.services import checkout
from tests.factories import restore_reference_data

from .builders import build_market, details


def market_after_flush(slug):
    """The market, built even when an earlier transactional test flushed the page tree."""
    restore_reference_data()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Chợ OCOP", slug=slug))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chợ"},
    )
    return home, build_market(home)


def _checkout_from_own_connection(session, start, outcomes, email, refusal_outcome):
    """One shopper: waits for everyone, places the order, records what happened."""
    try:
        start.wait(timeout=60)
        checkout.place_order(session, details(email=email))
        outcomes.append("ordered")
    except checkout.CheckoutRefused as refusal:
        outcomes.append(refusal_outcome(refusal))
    except Exception as error:  # recorded, so the assertion shows it
        outcomes.append(repr(error))
    finally:
        connections.close_all()  # this thread's own connection


def race(sessions, refusal_outcome=lambda refusal: "refused"):
    """Counter of what each session's checkout ended in, all started together."""
    start = threading.Barrier(len(sessions))
    outcomes = []
    threads = [
        threading.Thread(
            target=_checkout_from_own_connection,
            args=(session, start, outcomes, f"shopper{number}@example.vn", refusal_outcome),
        )
        for number, session in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return Counter(outcomes)
