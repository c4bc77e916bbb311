"""Which servers a fetch may reach, and connections that can be cut when a fetch runs out of time.

Used by :mod:`framing.inputs.fetch`; no page logic here.

- :func:`is_public`: only globally routable unicast addresses (``ipaddress``'s ``is_global``, which
  refuses 100.64.0.0/10 among others); an IPv6 address that carries an IPv4 address (IPv4-mapped,
  IPv4-compatible, 6to4, NAT64, Teredo) is public only when the IPv4 address inside is.
- :func:`connect_public`: ``socket.create_connection`` that resolves the host once, checks every
  address and connects to a checked one (DNS rebinding cannot swap the address afterwards).
- :class:`Watch`: every connection a fetch opens, so that the fetch's overall deadline can shut them
  down from another thread (a per-read timeout alone lets a server trickle a byte at a time forever).
- :func:`build_opener`: urllib without any proxy unless one is given (a proxy from the environment
  would carry the request past the check on the address connected to).
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
import urllib.request
from functools import partial

__all__ = ["PrivateAddress", "Watch", "build_opener", "connect_public", "is_public", "resolve"]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(ip: str) -> bool:
    """True for a globally routable unicast address (a string as ``getaddrinfo`` gives it)."""
    address = ipaddress.ip_address(ip.split("%", 1)[0])   # an IPv6 zone ("%eth0") is not part of the address
    if not address.is_global or address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            return is_public(str(inner))
    return True


class PrivateAddress(ValueError):
    """Raised while connecting: the host resolved to a non-public address (an OSError would be retried)."""

    def __init__(self, host: str, ip: str):
        super().__init__(host, ip)
        self.host, self.ip = host, ip


def resolve(host: str, port: int):
    """``getaddrinfo`` for a TCP connection; raises socket.gaierror or UnicodeError."""
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def connect_public(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **_kwargs):
    """``socket.create_connection`` to a public address only: the host is resolved here, once, every
    address it resolves to is checked, and the connection goes to a checked address (not to the name,
    which could resolve differently a moment later). Raises PrivateAddress or OSError."""
    host, port = address
    infos = resolve(host, port)
    for info in infos:
        if not is_public(info[4][0]):
            raise PrivateAddress(host, info[4][0])
    error = None
    for family, socktype, proto, _name, sockaddr in infos:
        sock = socket.socket(family, socktype, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error if error is not None else OSError(f"no address found for {host!r}")


class Watch:
    """The sockets of one fetch. :meth:`cut` shuts them all down, from any thread: a read blocked
    in the fetching thread returns at once, so nothing keeps running after the deadline."""

    def __init__(self):
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.cut_off = False

    def add(self, sock: socket.socket) -> None:
        """Watch a connected socket (kept here: http.client drops its own reference once the
        response is under way, while the response still reads from it)."""
        with self._lock:
            self._sockets.append(sock)
            if not self.cut_off:
                return
        self._shut(sock)

    def cut(self) -> None:
        with self._lock:
            self.cut_off = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:  # the plain socket's shutdown, also for TLS: it wakes a blocked read without a TLS exchange
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:  # already closed
            pass


class _Connection(http.client.HTTPConnection):
    def __init__(self, *args, watch: Watch, public: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if public:
            self._create_connection = connect_public
        self._watch = watch

    def connect(self):
        super().connect()
        self._watch.add(self.sock)


class _TLSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, watch: Watch, public: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if public:
            self._create_connection = connect_public   # the TLS handshake still names (and verifies) the host
        self._watch = watch

    def connect(self):
        super().connect()
        self._watch.add(self.sock)


def build_opener(watch: Watch, *, public: bool, proxy: str | None, redirects) -> urllib.request.OpenerDirector:
    """A urllib opener whose connections are watched (and checked when ``public``), with ``redirects``
    as its redirect handler and ``proxy`` (an address) as its only proxy: none when None, whatever
    the environment says."""
    class Http(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(partial(_Connection, watch=watch, public=public), req)

    class Https(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(partial(_TLSConnection, watch=watch, public=public), req, context=self._context)

    # Through a proxy the connection goes to the proxy, which the host chose: the address check on the
    # page's host is then the one made before the request (and at each redirect), and the proxy's job.
    public = public and not proxy
    proxies = {"http": proxy, "https": proxy} if proxy else {}
    return urllib.request.build_opener(urllib.request.ProxyHandler(proxies), Http(), Https(), redirects)
