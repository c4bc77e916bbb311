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
    error = _error(f"{site}/readout", FetchOptions(allow_private=False))
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
    error = _error(f"http://rebind.test:{port}/readout", FetchOptions(timeout=TIMEOUT, allow_private=False))
    assert str(error) == (f"http://rebind.test:{port}/readout: the host 'rebind.test' resolved to 127.0.0.1 when "
                          "connecting, which is on a private or local network that this app does not read; paste the "
                          "page's text instead")
    assert asked == ["93.184.216.34", "127.0.0.1"]
    assert len(loopback_site.REQUESTS) == before  # nothing reached the private address


def test_the_connection_goes_to_the_address_that_was_checked(site, monkeypatch):
    # resolved once when connecting; the request still names the host (Host header, and SNI for https)
    import framing.inputs.fetch as fetch_module
    port = site.rsplit(":", 1)[1]
    monkeypatch.setattr(fetch_module, "_is_public", lambda ip: True)  # let the loopback site stand in for one
    asked = _resolving(monkeypatch, "pinned.test", ["127.0.0.1"])
    page = fetch_page(f"http://pinned.test:{port}/readout", FetchOptions(timeout=5, allow_private=False))
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
