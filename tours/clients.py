"""Who is asking, for the per-client hold limits of tours.services.

A client is its network address (an IPv6 client by its /64, which one machine
can change at will), stored only as a keyed hash.
"""

import ipaddress

from django.utils.crypto import salted_hmac

from ocop.clients import client_address


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
