"""Who is asking, for the per-client hold limits of tours.services.

A client is its network address (an IPv6 client by its /64, which one machine
can change at will), stored only as a keyed hash.
"""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac


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


def network_of(address):
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def client_key(request):
    return salted_hmac("tours.clients", network_of(client_address(request))).hexdigest()[:32]
