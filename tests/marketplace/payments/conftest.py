"""Card payment tests run against localstripe, a real (fake) Stripe server on a loopback port.

A session-wide fixture starts ``localstripe`` in a subprocess on 127.0.0.1 and a
free port, waits until it answers, and stops it at the end. Each test gets an
empty store and the site's Stripe settings pointed at it.
"""

import socket
import subprocess
import sys
import tempfile
import time

import pytest
import requests
from django.urls import NoReverseMatch, reverse

from .localstripe import LocalStripe

# localstripe's own entry point listens on every interface and pickles its store to
# /tmp/localstripe.pickle (shared by every run on the machine): this one listens on
# the loopback only and keeps its store in memory.
LAUNCHER = """
import sys
from aiohttp import web
from localstripe import resources, server
resources.Store.dump_to_disk = lambda self: None
web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""

SECRET_KEY = "sk_test_ocop_localstripe"
PUBLISHABLE_KEY = "pk_test_ocop_localstripe"
WEBHOOK_SECRET = "whsec_ocop_localstripe"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    try:
        import localstripe  # noqa: F401
    except ImportError:
        pytest.skip("localstripe is not installed (pip install -r requirements-test.txt)")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(port)], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_until_up(url, process, log):
    deadline = time.monotonic() + 30
    while True:
        try:
            answer = requests.get(f"{url}/v1/payment_intents", auth=(SECRET_KEY, ""), timeout=1)
            if answer.status_code == 200:
                return
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            output = log.read()[-2000:].decode(errors="replace")
            pytest.skip(f"localstripe did not start on {url}: {output}")
        time.sleep(0.1)


@pytest.fixture
def stripe_server(localstripe_url, settings):
    """localstripe, emptied, with the site's Stripe settings pointing at it."""
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_url
    server = LocalStripe(localstripe_url, SECRET_KEY, WEBHOOK_SECRET)
    server.reset()
    server.send_webhooks_to(None)  # only the live-server journey wants localstripe's own delivery
    yield server
    server.send_webhooks_to(None)


@pytest.fixture
def producer_admin_urls(settings):
    """The producers' new-order e-mail links to the orders admin, which another branch adds.

    Until it is there, a stand-in page with the same name lets the e-mail render.
    """
    try:
        reverse("marketplace_orders:detail", args=[1])
    except NoReverseMatch:
        settings.ROOT_URLCONF = "tests.marketplace.payments.urls"


@pytest.fixture
def market(home_page):
    from tests.marketplace.builders import build_market

    return build_market(home_page)
