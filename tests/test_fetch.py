"""framing.inputs.fetch against fixture pages served on 127.0.0.1 from a thread: nothing leaves the machine."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import loopback_site
import pytest
from loopback_site import READOUT, SLOW_SECONDS

from framing.inputs.fetch import (
    FetchError,
    FetchOptions,
    extract_page_text,
    fetch_page,
    fetch_pages,
    parse_urls,
)

TIMEOUT = 0.5


@pytest.fixture(scope="module")
def site():
    with loopback_site.serve() as base:
        yield base


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    loopback_site.no_proxy(monkeypatch)


def _error(url: str, options: FetchOptions = FetchOptions(timeout=TIMEOUT)) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch_page(url, options)
    assert caught.value.url == url
    return caught.value


def test_html_page_is_read_and_its_main_text_extracted(site):
    page = fetch_page(f"{site}/readout", FetchOptions(timeout=5))
    assert page.url == page.final_url == f"{site}/readout"
    assert page.title == "Secretary Blinken's Meeting with Foreign Minister Qin"  # trafilatura prefers the h1
    assert page.date == "2023-06-18"
    assert page.content_type == "text/html" and page.size == len(READOUT.encode())
    # Boilerplate (navigation, footer) dropped; one paragraph a block, lines inside a paragraph rejoined.
    assert page.text.split("\n\n") == [
        "Secretary Blinken's Meeting with Foreign Minister Qin",
        "Secretary Blinken met with Foreign Minister Qin Gang in Beijing today. The talks were candid, substantive, "
        "and constructive, and the two sides discussed a range of bilateral and global issues.",
        "The Secretary emphasized the importance of diplomacy and of maintaining open channels of communication "
        "across the full range of issues to reduce the risk of misperception and miscalculation."]


def test_declared_charset_is_used(site):
    page = fetch_page(f"{site}/latin1")
    assert "délégation held frank and useful talks on the café trade" in page.text
    assert page.title == "Résumé"


def test_relative_redirect_to_http_is_followed(site):
    page = fetch_page(f"{site}/moved")
    assert page.url == f"{site}/moved" and page.final_url == f"{site}/readout"
    assert "candid" in page.text


def test_missing_content_type_is_sniffed(site):
    assert "candid" in fetch_page(f"{site}/no-type").text


def test_timeout_is_an_error_naming_the_url(site):
    started = time.monotonic()
    error = _error(f"{site}/slow")
    assert time.monotonic() - started < SLOW_SECONDS - 1
    assert str(error) == (f"{site}/slow: no answer within 0.5 s; try again later, or paste the page's text instead")


@pytest.mark.parametrize("path,ctype", [("/data.json", "application/json"), ("/report.pdf", "application/pdf")])
def test_non_html_response_is_an_error(site, path, ctype):
    assert str(_error(site + path)) == (
        f"{site}{path}: the server sent {ctype}, not a web page (HTML); link to the HTML page, or save the file's "
        "text and upload it")


@pytest.mark.parametrize("path,target", [("/to-file", "file:///etc/passwd"), ("/to-ftp", "ftp://127.0.0.1/readout.html"),
                                         ("/to-javascript", "javascript:alert(1)")])
def test_redirect_to_a_non_http_scheme_is_an_error(site, path, target):
    assert str(_error(site + path)) == (
        f"{site}{path}: the server redirects to {target!r}, which is not an http(s) address; only web pages are "
        "read: paste the page's text instead")


def test_redirect_loop_is_an_error(site):
    assert "redirected more than 5 times, or in a loop" in str(_error(f"{site}/loop"))


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_size_limit(site, path):
    error = _error(site + path, FetchOptions(timeout=5, max_bytes=10_000))
    assert "over the 10,000-byte limit" in str(error)
    assert fetch_page(site + path, FetchOptions(max_bytes=100_000)).text.startswith("word word")


def test_http_error_status_is_named(site):
    assert str(_error(f"{site}/missing")) == (
        f"{site}/missing: the server answered 404 Not Found; check the address, or paste the page's text instead")


def test_page_without_text_is_an_error(site):
    assert "no readable text found on the page" in str(_error(f"{site}/empty"))


@pytest.mark.parametrize("url,problem", [
    ("file:///etc/passwd", "the scheme 'file' is not allowed; give a web address starting with http:// or https://"),
    ("ftp://127.0.0.1/x", "the scheme 'ftp' is not allowed; give a web address starting with http:// or https://"),
    ("example.org/readout", "it has no http:// or https://; give a web address starting with http:// or https://"),
    ("http:///nohost", "the address has no host name; give a full address like https://example.org/page"),
])
def test_only_http_addresses_are_fetched(url, problem):
    assert str(_error(url)) == f"{url}: {problem}"


def test_private_addresses_can_be_refused(site):
    port = int(site.rsplit(":", 1)[1])
    error = _error(f"{site}/readout", FetchOptions(allow_private=False, ports=(port,)))
    assert "is on a private or local network" in str(error)


def _resolving(monkeypatch, host: str, answers: list[str]) -> list[str]:
    """``host`` resolves to answers[0], then answers[1], ... (the last one from then on); returns the log."""
    import socket
    real, asked = socket.getaddrinfo, []

    def getaddrinfo(name, port, *args, **kwargs):
        if name != host:
            return real(name, port, *args, **kwargs)
        ip = answers[min(len(asked), len(answers) - 1)]
        asked.append(ip)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_a_name_that_turns_private_after_the_check_is_refused_when_connecting(site, monkeypatch):
    # DNS rebinding: public when the address is checked, loopback when urllib would connect
    port = site.rsplit(":", 1)[1]
    asked = _resolving(monkeypatch, "rebind.test", ["93.184.216.34", "127.0.0.1"])
    before = len(loopback_site.REQUESTS)
    error = _error(f"http://rebind.test:{port}/readout",
                   FetchOptions(timeout=TIMEOUT, allow_private=False, ports=(int(port),)))
    assert str(error) == (f"http://rebind.test:{port}/readout: the host 'rebind.test' resolved to 127.0.0.1 when "
                          "connecting, which is on a private or local network that this app does not read; paste the "
                          "page's text instead")
    assert asked == ["93.184.216.34", "127.0.0.1"]
    assert len(loopback_site.REQUESTS) == before  # nothing reached the private address


def test_the_connection_goes_to_the_address_that_was_checked(site, monkeypatch):
    # resolved once when connecting; the request still names the host (Host header, and SNI for https)
    import framing.inputs.netguard as netguard
    port = site.rsplit(":", 1)[1]
    monkeypatch.setattr(netguard, "is_public", lambda ip: True)  # let the loopback site stand in for one
    asked = _resolving(monkeypatch, "pinned.test", ["127.0.0.1"])
    page = fetch_page(f"http://pinned.test:{port}/readout",
                      FetchOptions(timeout=5, allow_private=False, ports=(int(port),)))
    assert "candid" in page.text
    assert asked == ["127.0.0.1", "127.0.0.1"]  # the check, then the connection: once each
    assert loopback_site.REQUESTS[-1] == ("/readout", f"pinned.test:{port}")


def test_refused_connection_is_named():
    import socket
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert str(_error(f"http://127.0.0.1:{port}/")).startswith(f"http://127.0.0.1:{port}/: cannot connect (")


def test_fetch_pages_names_each_failure_and_keeps_the_rest(site):
    urls = [f"{site}/readout", f"{site}/data.json", "ftp://x.example/", f"{site}/latin1"]
    seen = []
    result = fetch_pages(urls, FetchOptions(timeout=5), progress=lambda done, total, url: seen.append((done, total)))
    assert [p.url for p in result.pages] == [urls[0], urls[3]]
    assert [e.url for e in result.errors] == [urls[1], urls[2]]
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_parse_urls_splits_on_space_comma_and_lines():
    assert parse_urls(" https://a.example/1,https://b.example/2\n\nhttps://a.example/1 \n") == [
        "https://a.example/1", "https://b.example/2"]
    assert parse_urls("") == []


def test_extract_page_text_without_a_network():
    title, date, text = extract_page_text(READOUT)
    assert (title, date) == ("Secretary Blinken's Meeting with Foreign Minister Qin", "2023-06-18")
    assert "Home" not in text and "open channels of communication" in " ".join(text.split())


def test_importing_the_library_loads_neither_trafilatura_nor_streamlit():
    code = ("import sys, framing, framing.inputs.fetch, framing.timeline, framing.inputs.workspace, framing.render.timeline_charts; "
            "print(sorted(m for m in ('trafilatura', 'streamlit') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


# ---- the whole fetch in one timeout; compressed bodies; proxies; addresses and ports ---------------

@pytest.mark.parametrize("path,problem", [
    ("/slow-headers", "no answer within 0.5 s; try again later, or paste the page's text instead"),
    ("/trickle", "the page did not finish loading within 0.5 s; try again later, or paste the page's text instead"),
])
def test_the_timeout_bounds_the_whole_fetch_not_each_read(site, path, problem):
    # each line or byte comes well within the timeout; the whole would take DRIPS * DRIP_SECONDS = 20 s
    started = time.monotonic()
    error = _error(site + path)
    assert time.monotonic() - started < loopback_site.DRIPS * loopback_site.DRIP_SECONDS / 4
    assert str(error) == f"{site}{path}: {problem}"
    # the connection was cut: the fetching thread ends too, instead of reading on for the 20 s
    import threading
    workers = [t for t in threading.enumerate() if t.name == f"framing-fetch {site}{path}"]
    for worker in workers:
        worker.join(loopback_site.DRIPS * loopback_site.DRIP_SECONDS / 4)
    assert not any(w.is_alive() for w in workers)


def test_a_gzip_body_is_inflated_only_up_to_the_byte_limit_whatever_the_headers_say(site):
    assert len(loopback_site.BOMB) < 100_000
    error = _error(f"{site}/gzip-bomb", FetchOptions(timeout=5, max_bytes=1_000_000))
    assert str(error) == (f"{site}/gzip-bomb: the page inflates to over the 1,000,000-byte limit; save the text "
                          "and upload it as a .txt file instead")


@pytest.mark.parametrize("path", ["/gzip-readout", "/gzip-unannounced"])
def test_a_gzip_page_within_the_limit_is_read(site, path):
    page = fetch_page(site + path, FetchOptions(timeout=5))
    assert "candid, substantive, and constructive" in " ".join(page.text.split())
    assert page.size == len(READOUT.encode())  # the inflated page


def test_other_compressions_are_refused(site):
    assert str(_error(f"{site}/brotli")) == (
        f"{site}/brotli: the server sent the page compressed as 'br', which this app does not read; save the "
        "page's text and upload it as a .txt file instead")


def test_a_proxy_in_the_environment_is_not_used(monkeypatch):
    with loopback_site.serve() as page_site, loopback_site.serve() as proxy:
        for name in ("no_proxy", "NO_PROXY"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("http_proxy", proxy)
        monkeypatch.setenv("HTTP_PROXY", proxy)
        before = list(loopback_site.REQUESTS)
        assert "candid" in fetch_page(f"{page_site}/readout", FetchOptions(timeout=5)).text
        assert loopback_site.REQUESTS[len(before):] == [("/readout", page_site.split("//")[1])]


def test_a_configured_proxy_is_used(monkeypatch):
    for name in ("no_proxy", "NO_PROXY"):  # urllib's ProxyHandler honours no_proxy
        monkeypatch.delenv(name, raising=False)
    with loopback_site.serve() as page_site, loopback_site.serve() as proxy:
        before = len(loopback_site.REQUESTS)
        page = fetch_page(f"{page_site}/readout", FetchOptions(timeout=5, proxy=proxy))
        assert "candid" in page.text
        assert loopback_site.REQUESTS[before:] == [(f"{page_site}/readout", page_site.split("//")[1])]


@pytest.mark.parametrize("ip,public", [
    ("93.184.216.34", True), ("2606:4700::1", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("100.64.0.1", False), ("169.254.169.254", False),
    ("0.0.0.0", False), ("224.0.0.1", False), ("239.1.1.1", False), ("::1", False), ("fe80::1%eth0", False),
    ("::ffff:127.0.0.1", False), ("::ffff:93.184.216.34", True),
    ("2002:7f00:1::", False), ("2002:5db8:d822::", True),      # 6to4 around 127.0.0.1 / 93.184.216.34
    ("64:ff9b::7f00:1", False), ("64:ff9b::5db8:d822", True),  # NAT64
    ("::7f00:1", False), ("ff0e::1", False),
])
def test_only_global_unicast_addresses_are_public(ip, public):
    from framing.inputs.netguard import is_public
    assert is_public(ip) is public


@pytest.mark.parametrize("url,options,port", [
    ("http://example.org:8080/", FetchOptions(allow_private=False), 8080),
    ("https://example.org:22/", FetchOptions(allow_private=False), 22),
    ("http://example.org/", FetchOptions(allow_private=False, ports=(443,)), 80),
])
def test_ports_are_an_allowlist(url, options, port):
    allowed = ", ".join(map(str, options.allowed_ports))
    assert str(_error(url, options)) == (f"{url}: the port {port} is not one this app reads (only {allowed}); "
                                         "paste the page's text instead")


def test_a_redirect_to_another_port_is_checked(site):
    port = int(site.rsplit(":", 1)[1])
    # /moved redirects within the site (allowed port); a redirect to :9 is refused before connecting
    with loopback_site.serve() as other:
        other_port = int(other.rsplit(":", 1)[1])
        options = FetchOptions(timeout=5, ports=(port,))
        assert "candid" in fetch_page(f"{site}/moved", options).text
        assert str(_error(f"{other}/readout", options)) == (
            f"{other}/readout: the port {other_port} is not one this app reads (only {port}); paste the page's "
            "text instead")


def test_the_number_of_addresses_read_at_once_is_limited(site):
    urls = [f"{site}/readout", f"{site}/china", f"{site}/latin1"]
    result = fetch_pages(urls, FetchOptions(timeout=5, max_pages=2))
    assert [p.url for p in result.pages] == urls[:2]
    assert [str(e) for e in result.errors] == [
        f"{urls[2]}: over the limit of 2 addresses read at once; read the others in another batch"]


def test_inflate_without_a_network():
    import gzip
    import zlib

    from framing.inputs.compressed import inflate
    page = b"<html><body><p>" + b"word " * 1000 + b"</p></body></html>"
    assert inflate(page, "identity", 10) == page  # plain: as sent, whatever its size (the download's limit holds)
    assert inflate(gzip.compress(page) + gzip.compress(page), "identity", 20_000) == page * 2  # two members
    assert inflate(zlib.compress(page), "deflate", 10_000) == page
    assert inflate(zlib.compress(page)[2:-4], "deflate", 10_000) == page  # raw deflate, as some servers send
    with pytest.raises(ValueError, match="inflates to over the 5,000-byte limit"):
        inflate(zlib.compress(page), "identity", 5_000)
    with pytest.raises(ValueError, match="compressed more than once"):
        inflate(gzip.compress(gzip.compress(page)), "gzip", 10_000)
    with pytest.raises(ValueError, match=r"compressed body cannot be read \(the compressed body ends early\)"):
        inflate(gzip.compress(page)[:-20], "identity", 10_000)
    with pytest.raises(ValueError, match="compressed as 'zstd'"):
        inflate(b"\x28\xb5\x2f\xfd" + b"\0" * 10, "identity", 10_000)
