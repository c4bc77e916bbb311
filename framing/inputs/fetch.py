"""Readouts read from their web addresses: fetch a page, check it, extract its text.

Fetching is deliberately narrow: ``http`` and ``https`` only, a timeout on
every network wait and on the whole download, a size limit, redirects followed
only to ``http(s)`` addresses, and HTML pages only. The text is extracted by
trafilatura (main content, without navigation and footers) and handed back
for the analyst to read and correct before any analysis.

Every failure is a :class:`FetchError` naming the address, what went wrong and
what to do, and :func:`fetch_pages` collects one per failing address so a
list of links never fails as a whole because of one of them.

A server the analyst names can be on their own network. Where the fetching
machine is shared (a hosted dashboard), pass ``allow_private=False`` to refuse
addresses that resolve to loopback, private, link-local or reserved networks,
at the first request and at every redirect. The check is made again when the
connection is opened, on the address actually connected to (the host name is
resolved once there and the connection goes to that address), so a name that
resolves to a public address when checked and to a private one a moment later
(DNS rebinding) is refused too.
"""
from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

from framing.errors import FetchError

__all__ = ["FetchError", "FetchOptions", "FetchedPage", "FetchResult", "fetch_page", "fetch_pages",
           "parse_urls", "extract_page_text", "HTML_TYPES"]

#: Content types read as HTML; anything else is refused.
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one fetch.

    timeout : seconds to wait for the server at each step, and for the whole download.
    max_bytes : largest page read, in bytes (compression is not requested, so this is the page itself).
    max_redirects : redirects followed before giving up.
    allow_private : fetch addresses on loopback, private, link-local or reserved networks.
    """

    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = True
    user_agent: str = "framing/0.1 (readout reader)"

    def validate(self) -> None:
        if not self.timeout > 0:
            raise ValueError(f"timeout {self.timeout!r} is not valid; use a number of seconds above 0")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes {self.max_bytes!r} is not valid; use 1 or more bytes")


@dataclass(frozen=True)
class FetchedPage:
    """A page read from the web: where it was asked for and found, and the text extracted from it."""

    url: str  # as given
    final_url: str  # after redirects
    title: str
    date: str  # YYYY-MM-DD when the page says, else ""
    text: str
    content_type: str
    size: int  # bytes read


@dataclass(frozen=True)
class FetchResult:
    """Pages that were read and the addresses that failed, each in the order given."""

    pages: tuple[FetchedPage, ...] = ()
    errors: tuple[FetchError, ...] = field(default=())


def parse_urls(text: str) -> list[str]:
    """The addresses in pasted text: one or more per line, separated by spaces, commas or new lines.

    Blank entries and repeats are dropped; order is kept.

    >>> parse_urls("https://a.example/1\\n\\n https://b.example/2, https://a.example/1")
    ['https://a.example/1', 'https://b.example/2']
    """
    return list(dict.fromkeys(u for u in re.split(r"[\s,]+", text or "") if u))


def _check_address(url: str, options: FetchOptions, *, redirected_from: str | None = None) -> None:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if redirected_from is not None and scheme not in _SCHEMES:
        raise FetchError(redirected_from, f"the server redirects to {url!r}, which is not an http(s) address; "
                                          "only web pages are read: paste the page's text instead")
    if scheme not in _SCHEMES:
        what = f"the scheme {scheme!r} is not allowed" if scheme else "it has no http:// or https://"
        raise FetchError(url, f"{what}; give a web address starting with http:// or https://")
    if not parts.hostname:
        raise FetchError(url, "the address has no host name; give a full address like https://example.org/page")
    if not options.allow_private:
        _check_public(parts.hostname, parts.port, redirected_from or url, url)


def _is_public(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%", 1)[0])   # an IPv6 zone ("%eth0") is not part of the address
    return not (address.is_private or address.is_loopback or address.is_link_local or address.is_reserved
                or address.is_multicast or address.is_unspecified)


def _check_public(host: str, port: int | None, asked: str, url: str) -> None:
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(asked, f"the host {host!r} cannot be found; check the address") from None
    for info in infos:
        if not _is_public(info[4][0]):
            where = "" if url == asked else f" (redirected to {url})"
            raise FetchError(asked, f"the host {host!r}{where} is on a private or local network, which this "
                                    "app does not read; paste the page's text instead")


class _PrivateAddress(ValueError):
    """Raised while connecting: the host resolved to a private or local address (an OSError would be retried)."""

    def __init__(self, host: str, ip: str):
        super().__init__(host, ip)
        self.host, self.ip = host, ip


def _connect_public(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kwargs):
    """``socket.create_connection`` to a public address only: the host is resolved here, once, every
    address it resolves to is checked, and the connection goes to a checked address (not to the name,
    which could resolve differently a moment later)."""
    host, port = address
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for info in infos:
        if not _is_public(info[4][0]):
            raise _PrivateAddress(host, info[4][0])
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


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public   # the TLS handshake still names (and verifies) the host


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


def _redirect_handler(options: FetchOptions, origin: str):
    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = options.max_redirects

        def http_error_302(self, req, fp, code, msg, headers):
            location = headers.get("location") or headers.get("uri")
            if location:
                # urllib itself follows ftp:// and turns other schemes into a bare HTTPError.
                _check_address(urljoin(req.full_url, location.strip()), options, redirected_from=origin)
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return Redirects()


def _content_type(headers: Message) -> tuple[str, str | None]:
    return headers.get_content_type().lower(), headers.get_content_charset()


def _looks_like_html(head: bytes) -> bool:
    start = head[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start


def _download(url: str, options: FetchOptions) -> tuple[bytes, str, str, str | None]:
    """The page's bytes, final address, content type and declared charset."""
    handlers = [_redirect_handler(options, url)]
    if not options.allow_private:
        handlers += [_PublicHTTPHandler(), _PublicHTTPSHandler()]
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent,
                                                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                                                   "Accept-Encoding": "identity"})
    deadline = time.monotonic() + options.timeout
    seconds = f"{options.timeout:g} s"
    try:
        with opener.open(request, timeout=options.timeout) as response:
            final = response.geturl()
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(url, f"the page is {int(declared):,} bytes, over the {options.max_bytes:,}-byte "
                                      "limit; save the text and upload it as a .txt file instead")
            ctype, charset = _content_type(response.headers)
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(url, f"the page did not finish loading within {seconds}; try again later, "
                                          "or paste the page's text instead")
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > options.max_bytes:
                    raise FetchError(url, f"the page is over the {options.max_bytes:,}-byte limit; save the text "
                                          "and upload it as a .txt file instead")
    except FetchError:
        raise
    except _PrivateAddress as exc:
        raise FetchError(url, f"the host {exc.host!r} resolved to {exc.ip} when connecting, which is on a private "
                              "or local network that this app does not read; paste the page's text instead") from None
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise FetchError(url, f"the server redirected more than {options.max_redirects} times, or in a loop; "
                                  "open the address in a browser and paste the final address") from None
        raise FetchError(url, f"the server answered {exc.code} {exc.reason}; check the address, or paste the "
                              "page's text instead") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(url, f"no answer within {seconds}; try again later, or paste the page's text "
                                  "instead") from None
        if isinstance(reason, socket.gaierror):
            raise FetchError(url, "the host name cannot be found; check the address") from None
        raise FetchError(url, f"cannot connect ({getattr(reason, 'strerror', None) or reason}); check the "
                              "address and your connection") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(url, f"no answer within {seconds}; try again later, or paste the page's text "
                              "instead") from None
    except (OSError, ValueError) as exc:  # connection reset, malformed response, bad port number
        raise FetchError(url, f"the page could not be read ({type(exc).__name__}: {exc}); check the address, "
                              "or paste the page's text instead") from None
    return bytes(body), final, ctype, charset


def extract_page_text(html: bytes | str, url: str = "") -> tuple[str, str, str]:
    """(title, date, text) of an HTML page's main content, paragraphs separated by blank lines.

    trafilatura drops navigation, footers and boilerplate; ``date`` is
    ``YYYY-MM-DD`` when the page states one, else "".
    """
    import trafilatura  # imported here: ``import framing`` stays fast and lean

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False,
                                      include_tables=False)
    if doc is None:
        return "", "", ""
    text = "\n\n".join(line.strip() for line in (doc.text or "").splitlines() if line.strip())
    return (doc.title or "").strip(), (doc.date or "").strip(), text


def _decode(body: bytes, charset: str | None) -> bytes | str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return body  # trafilatura detects the encoding itself


def fetch_page(url: str, options: FetchOptions = FetchOptions()) -> FetchedPage:
    """Read one web page and extract its main text.

    Raises
    ------
    FetchError
        Not an http(s) address, a private address when ``allow_private`` is
        False, no answer within the timeout, an HTTP error status, a redirect
        to a non-http(s) address, a body over ``max_bytes``, a response that
        is not HTML, or a page with no readable text.
    """
    options.validate()
    url = url.strip()
    _check_address(url, options)
    body, final, ctype, charset = _download(url, options)
    if ctype not in HTML_TYPES and not (ctype in ("application/octet-stream", "text/plain") and _looks_like_html(body)):
        raise FetchError(url, f"the server sent {ctype}, not a web page (HTML); link to the HTML page, or save the "
                              "file's text and upload it")
    title, date, text = extract_page_text(_decode(body, charset), final)
    if not text.strip():
        raise FetchError(url, "no readable text found on the page (it may need JavaScript or a login); copy the "
                              "text from your browser and paste it instead")
    return FetchedPage(url=url, final_url=final, title=title, date=date, text=text, content_type=ctype,
                       size=len(body))


def fetch_pages(urls, options: FetchOptions = FetchOptions(), progress=None) -> FetchResult:
    """Read each address in turn; a failure is kept as that address's :class:`FetchError`.

    ``progress``, if given, is called as ``progress(done, total, url)`` after each address.
    """
    urls = list(urls)
    pages, errors = [], []
    for number, url in enumerate(urls, start=1):
        try:
            pages.append(fetch_page(url, options))
        except FetchError as exc:
            errors.append(exc)
        if progress is not None:
            progress(number, len(urls), url)
    return FetchResult(tuple(pages), tuple(errors))
