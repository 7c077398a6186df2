"""Which hosts a download may reach: public ones, and private ones only when named.

A redirect (or a link in a feed) must not turn a download into a request to the
machine's own services or the local network: the cloud metadata address 169.254.169.254,
a router's admin page, a database on 127.0.0.1. Such an address is refused unless its
host is one the user named (the URL given to ``reader import``, the feed subscribed to),
so reading a feed served on one's own machine still works.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedHost(Exception):
    """The host resolves to an address a download may not reach; the message says which."""


def is_internal(address: IPAddress) -> bool:
    """True for loopback, private, link-local, multicast, reserved or unspecified addresses."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def host_key(host: str) -> str:
    """A host as compared here: lower case, no brackets, no trailing dot."""
    return host.strip("[]").rstrip(".").lower()


async def check_host(host: str, port: int, named: Iterable[str]) -> None:
    """Refuse ``host`` if it is not named and resolves to an internal address."""
    key = host_key(host)
    if key in {host_key(name) for name in named}:
        return
    addresses = await _resolve(key, port)
    blocked = sorted({str(a) for a in addresses if is_internal(a)})
    if blocked:
        shown = "" if blocked == [key] else f" ({blocked[0]})"
        raise BlockedHost(f"{key} is a private, loopback or link-local address{shown}; refused")


async def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise BlockedHost(f"cannot resolve {host} ({error})") from None
    found: list[IPAddress] = []
    for info in infos:
        text = str(info[4][0]).split("%", 1)[0]
        try:
            found.append(ipaddress.ip_address(text))
        except ValueError:
            continue
    return found
