"""Which kind of network a host is on, so that a redirect cannot take the fetcher from the internet to
this machine, the local network or a cloud's metadata service (169.254.169.254)."""
from __future__ import annotations

import ipaddress
import socket

PUBLIC = "public"


def address_class(host: str) -> str:
    """"public", "loopback", "link-local", "private" or "reserved" for a host name or address; a name
    is resolved, and its least public address counts. A name that does not resolve is "public": the
    request itself will fail."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError):
            return PUBLIC
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    classes = {_class(address) for address in addresses}
    return next((kind for kind in ("loopback", "link-local", "private", "reserved") if kind in classes), PUBLIC)


def _class(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    mapped = getattr(address, "ipv4_mapped", None)
    address = mapped or address
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_private:
        return "private"
    if address.is_reserved or address.is_multicast or address.is_unspecified:
        return "reserved"
    return PUBLIC
