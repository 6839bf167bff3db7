"""Fixtures for registry sync tests: the sample list and a local HTTP server for feeds."""

import csv
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.cache import cache

SAMPLE = (
    Path(__file__).resolve().parents[3] / "catalog" / "registry" / "samples" / "sample-nam-dinh.csv"
)


@pytest.fixture
def sample_path():
    return SAMPLE


def sample_rows():
    with SAMPLE.open(encoding="utf-8") as file:
        return list(csv.reader(file))


class Route:
    """What the server answers on one path: a body, or failures first."""

    def __init__(self, body=b"", content_type="application/json", fail_times=0, sleep=0):
        self.body = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.content_type = content_type
        self.fail_times = fail_times
        self.sleep = sleep
        self.hits = 0


class FeedServer:
    """http.server in a thread, answering the routes a test sets up."""

    def __init__(self):
        self.routes = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                route.hits += 1
                if route.sleep:
                    time.sleep(route.sleep)
                if route.hits <= route.fail_times:
                    self.send_error(500)
                    return
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        host, port = self.httpd.server_address
        return f"http://{host}:{port}{path}"

    def add(self, path, route):
        self.routes[path] = route
        return self.url(path)


@pytest.fixture
def feed_server():
    server = FeedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def fast_http(settings):
    """Short timeouts and no waiting between retries, so failure tests stay fast."""
    settings.OCOP_REGISTRY_TIMEOUT = 0.5
    settings.OCOP_REGISTRY_RETRIES = 2
    settings.OCOP_REGISTRY_BACKOFF = 0
    return settings


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Each test keeps its uploaded lists in a folder of its own."""
    settings.OCOP_PRIVATE_ROOT = tmp_path / "private"
    return settings.OCOP_PRIVATE_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """The writer lock and the last sweep's day live in the cache: start each test without."""
    cache.clear()
    yield
    cache.clear()
