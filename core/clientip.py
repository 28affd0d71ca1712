"""The visitor's address, read from a proxy header only when the proxy that sent it is trusted.

One function serves the login lockout (django-axes' ``AXES_CLIENT_IP_CALLABLE``), the API throttle
and the request log. Settings (see docs/ops.md, "Real client addresses"):

- ``TRUSTED_PROXIES``: the proxies in front of the site, either a list of addresses and networks
  (``["10.0.0.0/8", "192.0.2.10"]``) or a number of hops (``1``: the peer is our nginx; ``2``: a TLS
  terminator, then nginx). Empty: no header is read, the peer's address is the client.
- ``CLIENT_IP_HEADER``: the ``request.META`` key of the header the trusted proxies write:
  ``HTTP_X_FORWARDED_FOR`` (a chain, each proxy appends its peer) or ``HTTP_X_REAL_IP`` (one address).
"""

import functools
import ipaddress

from django.conf import settings

FORWARDED_FOR = "HTTP_X_FORWARDED_FOR"


def meta_key(header):
    """Return the ``request.META`` key of a header given as ``X-Real-IP`` or ``HTTP_X_REAL_IP``."""
    header = header.strip()
    if not header:
        return FORWARDED_FOR
    key = header.upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


def parse_address(value):
    """Return the address in ``value`` (an IP, maybe with a port or brackets), or None when it is not one."""
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


@functools.lru_cache(maxsize=8)
def trusted_networks(proxies):
    """Return the networks of a tuple of proxy addresses and CIDRs."""
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def client_ip(request):
    """Return the client's address: the peer, or what trusted proxies say the client was."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXIES", None)
    if not proxies or parse_address(peer) is None:
        return peer
    header = meta_key(getattr(settings, "CLIENT_IP_HEADER", "") or FORWARDED_FOR)
    # The chain from the client to us: what the proxies wrote, then the peer itself.
    written = request.META.get(header, "")
    entries = [parse_address(item) for item in written.split(",")] if written.strip() else []
    chain = [*entries, parse_address(peer)]
    networks = () if isinstance(proxies, int) else trusted_networks(tuple(proxies))

    def is_proxy(position, address):
        if isinstance(proxies, int):
            return position < proxies  # positions are counted from the peer
        return any(address in network for network in networks)

    # Walk from the peer towards the client, past each trusted proxy; stop at the first other address.
    client = chain[-1]
    for position, address in enumerate(reversed(chain)):
        if address is None:  # not an address: nothing further left can be believed
            break
        client = address
        if not is_proxy(position, address):
            break
    return str(client)
