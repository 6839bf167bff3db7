"""Who is asking: the client's network address, for per-client limits and sign-in throttling.

Behind ``TRUSTED_PROXY_HOPS`` proxies (default 0: none trusted) the address is
the one the outermost trusted proxy saw; otherwise the address the app is
reached from. X-Forwarded-For entries left of the trusted ones are whatever the
client sent, so they are never believed.
"""

from django.conf import settings


def client_address(request):
    """The visitor's address: behind ``TRUSTED_PROXY_HOPS`` proxies, as the outermost one saw it.

    Each trusted proxy appends the address it was reached from to
    X-Forwarded-For; entries further left are whatever the client sent.
    """
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
