"""Which network addresses a fetch may reach: the private-address rule, and name resolution.

A URL's host is resolved once and the connection goes to an address that was checked,
so a name cannot resolve to a public address for the check and a private one for the
request. Every spelling of a loopback or private address (decimal ``2130706433``, octal,
hex, IPv4-mapped IPv6, a hosts-file name such as ``localhost``) resolves to the address
itself, which is what the rule looks at.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Callable

from ..errors import IngestError

__all__ = ["IPAddress", "Resolver", "is_refused", "resolve"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int, float], list[IPAddress]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_refused(ip: IPAddress) -> bool:
    """True for an address that is not public: loopback, private, link-local, shared,
    reserved, multicast or unspecified, also when an IPv6 address carries such an IPv4
    address inside it (IPv4-mapped, 6to4, NAT64)."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None and is_refused(inner):
            return True
    return (
        not ip.is_global
        or ip.is_multicast
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
        or ip.is_private
    )


def resolve(host: str, port: int, timeout: float) -> list[IPAddress]:
    """The addresses ``host`` resolves to, waiting at most ``timeout`` seconds.

    The system resolver cannot be given a timeout, so it runs in a daemon thread that is
    left behind when it answers too late.

    Raises:
        IngestError: the name does not resolve, or not within ``timeout`` (the source is ``host``).
    """
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    result: list[list[IPAddress] | BaseException] = []

    def work() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            result.append([ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos])
        except (OSError, UnicodeError, ValueError) as exc:
            result.append(exc)

    thread = threading.Thread(target=work, name="newsledger-resolve", daemon=True)
    thread.start()
    thread.join(max(timeout, 0.0))
    if not result:
        raise IngestError(host, "timed out resolving the host name")
    found = result[0]
    if isinstance(found, BaseException) or not found:
        raise IngestError(host, "the host name does not resolve")
    return list(dict.fromkeys(found))
