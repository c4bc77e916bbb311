"""Readouts read from their web addresses: fetch a page, check it, extract its text.

Fetching is deliberately narrow: ``http`` and ``https`` only, one timeout for the whole fetch of a
page (connecting, headers, body and text extraction: the connections are cut when it runs out), a
size limit that also holds for compressed bodies (gzip and deflate are inflated up to the limit,
whatever the headers say; other compressions are refused), redirects followed only to ``http(s)``
addresses, HTML pages only, and no proxy unless one is given in :class:`FetchOptions` (a proxy from
the environment is ignored). The text is extracted by trafilatura (main content, without navigation
and footers) and handed back for the analyst to read and correct before any analysis.

Every failure is a :class:`FetchError` naming the address, what went wrong and
what to do, and :func:`fetch_pages` collects one per failing address so a
list of links never fails as a whole because of one of them.

A server the analyst names can be on their own network. Where the fetching
machine is shared (a hosted dashboard), pass ``allow_private=False``: only globally routable
addresses are read (see :func:`framing.inputs.netguard.is_public`), on the ports 80 and 443 unless
``ports`` says otherwise, at the first request and at every redirect. The check is made again when
the connection is opened, on the address actually connected to (the host name is
resolved once there and the connection goes to that address), so a name that
resolves to a public address when checked and to a private one a moment later
(DNS rebinding) is refused too.
"""
from __future__ import annotations

import http.client
import re
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

from framing.errors import FetchError
from framing.inputs import netguard
from framing.inputs.compressed import inflate
from framing.inputs.netguard import PrivateAddress, Watch, build_opener

__all__ = ["FetchError", "FetchOptions", "FetchedPage", "FetchResult", "fetch_page", "fetch_pages",
           "parse_urls", "extract_page_text", "HTML_TYPES"]

#: Content types read as HTML; anything else is refused.
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchOptions:
    """Limits of one fetch.

    timeout : seconds for the whole fetch of one page: connecting, redirects, headers, body, extraction.
    max_bytes : largest page read, in bytes, before and after inflating a compressed body.
    max_redirects : redirects followed before giving up.
    allow_private : fetch addresses that are not globally routable (loopback, private, shared, ...).
    ports : ports allowed; None: 80 and 443 when ``allow_private`` is False, any port otherwise.
    proxy : a proxy address (``http://host:port``) to fetch through; None: no proxy, whatever the
        environment's ``http_proxy`` says.
    max_pages : most addresses :func:`fetch_pages` reads in one call.
    """

    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = True
    user_agent: str = "framing/0.1 (readout reader)"
    ports: tuple[int, ...] | None = None
    proxy: str | None = None
    max_pages: int = 100

    @property
    def allowed_ports(self) -> tuple[int, ...] | None:
        """The ports that may be fetched from; None: any."""
        if self.ports is not None:
            return tuple(self.ports)
        return None if self.allow_private else (80, 443)

    def validate(self) -> None:
        """Raises ValueError naming the first setting that cannot work."""
        if not self.timeout > 0:
            raise ValueError(f"timeout {self.timeout!r} is not valid; use a number of seconds above 0")
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes {self.max_bytes!r} is not valid; use 1 or more bytes")
        if self.max_pages < 1:
            raise ValueError(f"max_pages {self.max_pages!r} is not valid; use 1 or more addresses")


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
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchError(redirected_from or url, "the address has a port that is not a number from 0 to 65535; "
                                                 "check the address") from None
    allowed = options.allowed_ports
    if allowed is not None and port not in allowed:
        where = "" if redirected_from is None else f" (redirected to {url})"
        raise FetchError(redirected_from or url, f"the port {port}{where} is not one this app reads (only "
                                                 f"{', '.join(map(str, allowed))}); paste the page's text instead")
    if not options.allow_private:
        _check_public(parts.hostname, parts.port, redirected_from or url, url)


def _check_public(host: str, port: int | None, asked: str, url: str) -> None:
    try:
        infos = netguard.resolve(host, port or 443)
    except (socket.gaierror, UnicodeError):
        raise FetchError(asked, f"the host {host!r} cannot be found; check the address") from None
    for info in infos:
        if not netguard.is_public(info[4][0]):
            where = "" if url == asked else f" (redirected to {url})"
            raise FetchError(asked, f"the host {host!r}{where} is on a private or local network, which this "
                                    "app does not read; paste the page's text instead")


def _redirect_handler(options: FetchOptions, origin: str) -> urllib.request.HTTPRedirectHandler:
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


class _Stage:
    """How far a fetch got, for the message when its time runs out."""

    def __init__(self):
        self.name = "connecting"


def _download(url: str, options: FetchOptions, watch: Watch, stage: _Stage) -> tuple[bytes, str, str, str | None, str]:
    """The page's bytes, final address, content type, declared charset and content encoding."""
    opener = build_opener(watch, public=not options.allow_private, proxy=options.proxy,
                          redirects=_redirect_handler(options, url))
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent,
                                                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
                                                   "Accept-Encoding": "identity"})
    seconds = f"{options.timeout:g} s"
    try:
        with opener.open(request, timeout=options.timeout) as response:
            stage.name = "reading"
            final = response.geturl()
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(url, f"the page is {int(declared):,} bytes, over the {options.max_bytes:,}-byte "
                                      "limit; save the text and upload it as a .txt file instead")
            ctype, charset = _content_type(response.headers)
            encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
            body = bytearray()
            while True:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > options.max_bytes:
                    raise FetchError(url, f"the page is over the {options.max_bytes:,}-byte limit; save the text "
                                          "and upload it as a .txt file instead")
    except FetchError:
        raise
    except PrivateAddress as exc:
        raise FetchError(url, f"the host {exc.host!r} resolved to {exc.ip} when connecting, which is on a private "
                              "or local network that this app does not read; paste the page's text instead") from None
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise FetchError(url, f"the server redirected more than {options.max_redirects} times, or in a loop; "
                                  "open the address in a browser and paste the final address") from None
        reason = " ".join(str(exc.reason or "").split())[:80]  # the server's words: kept short
        raise FetchError(url, f"the server answered {exc.code} {reason}; check the address, or paste the "
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
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset, malformed response, bad port
        raise FetchError(url, f"the page could not be read ({type(exc).__name__}: {exc}); check the address, "
                              "or paste the page's text instead") from None
    return bytes(body), final, ctype, charset, encoding


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


def _decode(body: bytes, charset: str | None) -> str:
    """The page as text: its declared charset, else UTF-8, else trafilatura's guess. Always text, so
    the extractor never inflates (or otherwise re-reads) the bytes itself."""
    from trafilatura.utils import detect_encoding

    for name in ([charset] if charset else []) + ["utf-8"]:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    for name in detect_encoding(body):
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return body.decode("utf-8", errors="replace")


def _fetch(url: str, options: FetchOptions, watch: Watch, stage: _Stage) -> FetchedPage:
    _check_address(url, options)
    body, final, ctype, charset, encoding = _download(url, options, watch, stage)
    if watch.cut_off:  # out of time: what was read is cut short and nobody waits for it
        raise FetchError(url, "the fetch ran out of time")
    try:
        body = inflate(body, encoding, options.max_bytes)
    except ValueError as exc:
        raise FetchError(url, str(exc)) from None
    if ctype not in HTML_TYPES and not (ctype in ("application/octet-stream", "text/plain") and _looks_like_html(body)):
        raise FetchError(url, f"the server sent {ctype}, not a web page (HTML); link to the HTML page, or save the "
                              "file's text and upload it")
    stage.name = "extracting"
    title, date, text = extract_page_text(_decode(body, charset), final)
    if not text.strip():
        raise FetchError(url, "no readable text found on the page (it may need JavaScript or a login); copy the "
                              "text from your browser and paste it instead")
    return FetchedPage(url=url, final_url=final, title=title, date=date, text=text, content_type=ctype,
                       size=len(body))


_LATE = {
    "connecting": "no answer within {s}; try again later, or paste the page's text instead",
    "reading": "the page did not finish loading within {s}; try again later, or paste the page's text instead",
    "extracting": "the page's text could not be extracted within {s}; save the text and upload it as a .txt "
                  "file instead",
}


def fetch_page(url: str, options: FetchOptions = FetchOptions()) -> FetchedPage:
    """Read one web page and extract its main text, all within ``options.timeout`` seconds.

    The fetch runs in a thread of its own; when the time is up its connections are shut down (so
    a server sending a byte at a time is cut off) and the error is raised at once. An extraction
    still running then finishes in the background, on at most ``max_bytes`` of page.

    Raises
    ------
    FetchError
        Not an http(s) address, a private address when ``allow_private`` is False, a port not
        allowed, not finished within the timeout, an HTTP error status, a redirect to a
        non-http(s) address, a body over ``max_bytes`` (inflated or not), a compression other than
        gzip or deflate, a response that is not HTML, or a page with no readable text.
    ValueError
        ``options`` that cannot work (see :meth:`FetchOptions.validate`).
    """
    options.validate()
    url = url.strip()
    watch, stage, outcome = Watch(), _Stage(), {}

    def work():
        try:
            outcome["page"] = _fetch(url, options, watch, stage)
        except BaseException as exc:  # handed to the calling thread as it is
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=f"framing-fetch {url[:60]}", daemon=True)
    worker.start()
    worker.join(options.timeout)
    if worker.is_alive():
        late = _LATE[stage.name]  # before the cut, which ends the download at once
        watch.cut()
        raise FetchError(url, late.format(s=f"{options.timeout:g} s"))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["page"]


def fetch_pages(urls, options: FetchOptions = FetchOptions(), progress=None) -> FetchResult:
    """Read each address in turn; a failure is kept as that address's :class:`FetchError`.

    Addresses beyond ``options.max_pages`` are not read: each is an error saying so.
    ``progress``, if given, is called as ``progress(done, total, url)`` after each address.
    """
    options.validate()
    urls = list(urls)
    pages, errors = [], []
    for number, url in enumerate(urls, start=1):
        if number > options.max_pages:
            errors.append(FetchError(url, f"over the limit of {options.max_pages} addresses read at once; read "
                                          "the others in another batch"))
        else:
            try:
                pages.append(fetch_page(url, options))
            except FetchError as exc:
                errors.append(exc)
        if progress is not None:
            progress(number, len(urls), url)
    return FetchResult(tuple(pages), tuple(errors))
