"""End-to-end journeys in a real browser (Debian's Chromium driven by Playwright).

The site is served by pytest-django's live server on the test database. The
browser runs with JavaScript switched off: every journey here must work
without it. Skipped, with the reason, when no Chromium is installed
(`.ci/run` installs Debian's package).
"""

import os
import shutil

import pytest
from django.db import connections

from tests.factories import restore_reference_data

# Playwright's sync API runs an event loop in this thread; the test's own
# database calls are ordinary synchronous code all the same.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Headless Chromium, with the GPU off, routes a click below a cross-site iframe
    # (the livestream's YouTube player, unreachable here) to the iframe's process until
    # something forces a fresh hit test: the buy button then does nothing (found on the
    # livestream journey). With site isolation off the page hit-tests its own frames.
    "--disable-site-isolation-trials",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Playwright's sync API leaves its event loop running in this thread, and while
        # one runs Django keeps database connections per context, not per thread
        # (asgiref's Local): the tests run meanwhile, browser or not, used such a
        # connection. Closed here: once the loop stops, Django's teardown no longer sees
        # it, and the open session kept it from dropping the test database.
        connections.close_all()


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    # Transactional tests empty the database after them, migration data included.
    restore_reference_data()


@pytest.fixture
def page(browser, live_server, reference_data):
    """A phone-sized tab with JavaScript off, whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 390, "height": 844},
        locale="en-US",  # the site must still answer in Vietnamese
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
