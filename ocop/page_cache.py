"""Whole pages kept for anonymous visitors, on Django's cache framework, with exact invalidation.

Who is served from the cache: a GET without a session (no cookie but the CSRF and
language ones), without an Authorization header. A signed-in visitor, a visitor with
a cart (a session) or with a flash message never is, so carts, checkout, accounts and
the admin are never cached; a view opts its page in with ``cacheable(response)``.

What a stored page depends on: *tags*, each with a version in the cache. Every page
depends on ``CONTENT``; a view adds its own (``depends_on(request, "product:7")``)
*before* it reads the data the tag covers. The versions are read when the request
starts, stored with the page, and compared on every hit: when any was bumped since
(``bump()``, called after the change commits) the page is rendered afresh. A version
read before a change and a page rendered after it can only cause one extra miss,
never a stale hit. The key holds the local date, so a certificate that expires at
midnight is never offered from yesterday's page, and the active language.

CSRF: a page with a form holds a token for the visitor it was rendered for. The
token is taken out before the page is stored and each visitor gets a token of their
own when it is served (Django's CSRF middleware sets their cookie as usual). A page
that used the token where it cannot be found is not stored.
"""

import collections
import contextvars
import dataclasses
import hashlib
import math
import pickle
import re
import secrets
import time
import types

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

CONTENT = "content"
PREFIX = "page-cache"
TOKEN_PLACEHOLDER = "\x00ocop-csrf-token\x00"
TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Request headers a stored page may vary on: the key holds Accept, and the other
# two are equal for every visitor the cache serves (no session cookie) or in the
# language of the key.
ALLOWED_VARY = {"cookie", "accept", "accept-language", "accept-encoding"}


def enabled():
    return settings.OCOP_PAGE_CACHE_SECONDS > 0


_window_edges = []


def expire_at_window_edges(next_edge):
    """Register ``next_edge(now)``: the next moment pages may change by themselves (an
    offer's or a livestream's window opening or closing), or None. No page is kept
    past it."""
    _window_edges.append(next_edge)


def timeout(now=None):
    """How long a page stored now may be served: the setting, cut at the next edge."""
    now = now or timezone.now()
    seconds = settings.OCOP_PAGE_CACHE_SECONDS
    for next_edge in _window_edges:
        edge = next_edge(now)
        if edge is not None:
            seconds = min(seconds, max(1, math.ceil((edge - now).total_seconds())))
    return seconds


@dataclasses.dataclass
class RequestReads:
    """What one request has read (SharedSiteDataMiddleware sets it up): CONTENT's version
    (the site data, menu, footer, product sets and counts a page shows all ask for it),
    shared values under their versioned keys, and a scope for other per-request lookups."""

    versions: dict = dataclasses.field(default_factory=dict)
    values: dict = dataclasses.field(default_factory=dict)
    scope: types.SimpleNamespace = dataclasses.field(default_factory=types.SimpleNamespace)


_read_in_request = contextvars.ContextVar("page_cache_read_in_request", default=None)


def _version_key(tag):
    return f"{PREFIX}:tag:{tag}"


def new_version():
    return f"{time.time_ns()}-{secrets.token_hex(8)}"


def bump(*tags):
    """Every page stored with one of ``tags`` is stale from now on.

    The clock alone is not a new version: two bumps in the same tick of a coarse (or,
    in tests, frozen) clock would leave it unchanged and the second change unseen."""
    version = new_version()
    cache.set_many({_version_key(tag): version for tag in tags}, timeout=None)
    read = _read_in_request.get()
    if read is not None:  # this request sees its own change
        read.versions.update(dict.fromkeys(tags, version))


def versions(tags):
    found = cache.get_many([_version_key(tag) for tag in tags])
    return {tag: found.get(_version_key(tag)) for tag in tags}


def depends_on(request, *tags):
    """The page being rendered for ``request`` shows data ``tags`` cover: call it before
    reading that data."""
    known = getattr(request, "_page_cache_tags", None)
    if known is not None:
        known.update(versions(tags))


def cacheable(response):
    """Let the anonymous page cache keep ``response`` (when its request qualifies)."""
    response.ocop_page_cache = True
    return response


def _request_qualifies(request):
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    shared_cookies = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= shared_cookies


def _key(request):
    address = "\n".join(
        [
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),
            translation.get_language() or "",
            # The labels' language is chosen in the view (cms.middleware) from this cookie.
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
            timezone.localdate().isoformat(),
        ]
    )
    return f"{PREFIX}:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _response_qualifies(response):
    if not getattr(response, "ocop_page_cache", False) or response.status_code != 200:
        return False
    if response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control or "no-cache" in control:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return vary <= ALLOWED_VARY


def _touched_visitor_state(request):
    """The view wrote to the session or left a message: the page is this visitor's."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        (session is not None and session.modified)
        or (messages is not None and getattr(messages, "added_new", False))
    )


def _without_tokens(content, token_used):
    """The page with its CSRF tokens replaced by the placeholder, or None when a used
    token cannot be found."""
    text = content.decode(errors="surrogateescape")
    tokens = set(TOKEN_FIELD.findall(text))
    if token_used and not tokens:
        return None
    for token in tokens:
        text = text.replace(token, TOKEN_PLACEHOLDER)
    return text.encode(errors="surrogateescape")


def _stored_response(request, entry):
    content = entry["content"]
    if entry["has_token"]:
        content = content.replace(TOKEN_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    """Serves and stores the pages views mark ``cacheable`` (see the module's docstring).

    Sits last but for django-axes: every other middleware runs on a cached page too
    (headers, CSRF cookie), and what is stored is the view's answer alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and _request_qualifies(request)):
            return self.get_response(request)
        key = _key(request)
        entry = cache.get(key)
        if entry is not None and versions(entry["tags"]) == entry["tags"]:
            return _stored_response(request, entry)
        request._page_cache_tags = versions([CONTENT])
        response = self.get_response(request)
        self._store(request, key, response)
        return response

    def _store(self, request, key, response):
        if not _response_qualifies(response) or _touched_visitor_state(request):
            return
        token_used = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
        content = _without_tokens(response.content, token_used)
        if content is None:
            return
        headers = dict(response.items())
        entry = {
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "has_token": TOKEN_PLACEHOLDER.encode() in content,
            "tags": request._page_cache_tags,
        }
        cache.set(key, entry, timeout=timeout())
        response["X-Page-Cache"] = "miss"


def shared(name, compute):
    """A value many pages show (the site, its settings), kept in the cache until
    ``CONTENT`` is bumped; ``compute()`` when it is not there."""
    key = f"{PREFIX}:shared:{content_version()}:{name}"
    read = _read_in_request.get()
    if read is not None and key in read.values:
        return read.values[key]
    if settings.OCOP_SHARED_CACHE_SECONDS <= 0:  # kept for the request only
        value = compute()
    elif (value := _process_copies.get(key)) is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, timeout=settings.OCOP_SHARED_CACHE_SECONDS)
        _process_copies.keep(key, value)
    if read is not None:
        read.values[key] = value
    return value


class ProcessCopies:
    """This process's copies of shared values, pickled as the cache keeps them (each
    request unpickles its own objects): a page reads five to seven of them, and each
    would be a round trip to Redis. The key holds CONTENT's version, read from the
    cache once per request, so a copy is never newer or older than the cache's; it
    lasts as long as the cache's would, and the oldest go first past ``size``."""

    def __init__(self, size=256):
        self.size = size
        self.copies = collections.OrderedDict()

    def get(self, key):
        found = self.copies.get(key)
        if found is None:
            return None
        expires_at, pickled = found
        if time.monotonic() >= expires_at:
            del self.copies[key]
            return None
        self.copies.move_to_end(key)
        return pickle.loads(pickled)

    def keep(self, key, value):
        seconds = settings.OCOP_SHARED_CACHE_SECONDS
        if seconds <= 0:
            return
        self.copies[key] = (
            time.monotonic() + seconds,
            pickle.dumps(value, pickle.HIGHEST_PROTOCOL),
        )
        self.copies.move_to_end(key)
        while len(self.copies) > self.size:
            self.copies.popitem(last=False)


_process_copies = ProcessCopies()


def request_scope():
    """An object that lives as long as the request being served (None outside one): a
    place for what one request looks up many times."""
    read = _read_in_request.get()
    return read.scope if read is not None else None


def content_version():
    """CONTENT's version, read once per request (else on each call)."""
    read = _read_in_request.get()
    if read is None:
        return _read_content_version()
    if CONTENT not in read.versions:
        read.versions[CONTENT] = _read_content_version()
    return read.versions[CONTENT]


def _read_content_version():
    """A new or emptied cache has none: it gets one no process can have seen before, so
    that no copy kept under an earlier "none" (ProcessCopies) is taken for current."""
    version = versions([CONTENT])[CONTENT]
    if version is None:
        cache.add(_version_key(CONTENT), new_version(), timeout=None)
        version = versions([CONTENT])[CONTENT]
    return version


def _site_data(request):
    """The request's Wagtail site with its root page (specific) and every site setting."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry
    from wagtail.models import Site

    site = Site._find_for_request(request)
    if site is None:
        return None
    site.root_page.specific  # noqa: B018 - loaded now, kept with the site
    site_settings = {
        model.get_cache_attr_name(): model.for_site(site)
        for model in registry
        if issubclass(model, BaseSiteSetting)
    }
    return site, site_settings


class SharedSiteDataMiddleware:
    """Gives each request its Wagtail site, root page and site settings from the cache
    (where Wagtail looks for them first: ``request._wagtail_site`` and the settings'
    request attributes) instead of three to four queries per page; the shared data's
    version is read once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        read = _read_in_request.set(RequestReads())
        try:
            if settings.OCOP_SHARED_CACHE_SECONDS > 0:
                self._prefill(request)
            return self.get_response(request)
        finally:
            _read_in_request.reset(read)

    def _prefill(self, request):
        try:
            host = request.get_host()
        except Exception:  # a bad Host header: Django answers it later
            return
        data = shared(f"site:{host}", lambda: _site_data(request))
        if data is None:
            return
        site, site_settings = data
        request._wagtail_site = site
        for attr_name, instance in site_settings.items():
            instance._request = request
            setattr(request, attr_name, instance)
