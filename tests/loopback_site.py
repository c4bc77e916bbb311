"""Fixture web pages served on 127.0.0.1 from a thread, for tests/test_fetch.py and the dashboard's
"Web addresses" tests: readouts, a slow page, non-HTML responses, redirects (to http and to other
schemes), oversized pages. Nothing here reaches outside the machine."""
from __future__ import annotations

import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

READOUT = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Secretary's Meeting &amp; Readout</title>
<meta name="date" content="2023-06-18"></head><body>
<nav><a href="/">Home</a> | <a href="/press">Press</a> | <a href="/about">About us</a></nav>
<article><h1>Secretary Blinken's Meeting with Foreign Minister Qin</h1>
<p>Secretary Blinken met with Foreign Minister Qin Gang in Beijing today. The talks were candid, substantive, and
constructive, and the two sides discussed a range of bilateral and global issues.</p>
<p>The Secretary emphasized the importance of diplomacy and of maintaining open channels of communication across the
full range of issues to reduce the risk of misperception and miscalculation.</p>
</article><footer>Copyright 2023. Privacy policy. Site map.</footer></body></html>"""
CHINA = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Qin Gang Holds Talks with Blinken</title></head>
<body><header>Ministry of Foreign Affairs</header><article><h1>Qin Gang Holds Talks with Blinken</h1>
<p>On June 18, State Councilor and Foreign Minister Qin Gang held talks with Secretary of State Antony Blinken in
Beijing. The two sides had candid, in-depth and constructive communication on the overall situation of bilateral
relations and on important issues of mutual interest.</p>
<p>Qin Gang stressed that the Taiwan question is the core of China's core interests and the most prominent risk in
the relationship.</p></article><footer>Copyright Ministry</footer></body></html>"""
LATIN1 = ("<html><head><meta charset='windows-1252'><title>R\xe9sum\xe9</title></head><body><article>"
          "<p>The d\xe9l\xe9gation held frank and useful talks on the caf\xe9 trade and the r\xe9gime of tariffs, "
          "and both sides agreed to meet again before the end of the year in Geneva.</p></article></body></html>")
#: Markdown and HTML a hostile page or server plants in a fetched title and an HTTP reason phrase
#: (tests/test_browser_markdown.py): none may become a live link or image in the dashboard.
PAYLOAD_TITLE = "[Sign in again](http://127.0.0.1:9/x) ![x](http://127.0.0.1:9/b.png) <img src=x> **bold**"
PAYLOAD_REASON = "[Sign in again](http://127.0.0.1:9/x) ![x](http://127.0.0.1:9/b.png)"
PAYLOAD_PAGE = READOUT.replace("Secretary Blinken's Meeting with Foreign Minister Qin",
                               PAYLOAD_TITLE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
SLOW_SECONDS = 3.0
#: /slow-headers and /trickle: a header line (a body byte) every DRIP_SECONDS, DRIPS times (20 s in all)
DRIP_SECONDS, DRIPS = 0.2, 100
#: 10 MB of page in about 10 KB of gzip
BOMB = gzip.compress(b"<html><body><p>" + b"word " * 2_000_000 + b"</p></body></html>", 9)
GZIPPED_READOUT = gzip.compress(READOUT.encode())
#: (path, Host header) of every request the site has answered, in order.
REQUESTS: list[tuple[str, str]] = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True,
              headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", headers={"Location": location})

    def _drip(self, path: str) -> None:
        """Headers one line at a time, or a body one byte at a time: each read is quick, the whole is not."""
        self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n")
        if path == "/trickle":
            self.wfile.write(b"\r\n<html><body><p>")
        for number in range(DRIPS):
            time.sleep(DRIP_SECONDS)
            self.wfile.write(f"X-Slow-{number}: x\r\n".encode() if path == "/slow-headers" else b"w")
        self.wfile.write(b"\r\n" if path == "/slow-headers" else b"</p></body></html>")

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = self.path
        REQUESTS.append((path, self.headers.get("Host", "")))
        if path.startswith("http://"):  # asked as a proxy: serve our own page, the request is logged
            path = "/" + path.split("/", 3)[3]
        if path in ("/slow-headers", "/trickle"):
            self._drip(path)
        elif path == "/gzip-bomb":  # served as plain HTML, no Content-Encoding
            self._send(200, BOMB)
        elif path == "/gzip-readout":
            self._send(200, GZIPPED_READOUT, headers={"Content-Encoding": "gzip"})
        elif path == "/gzip-unannounced":
            self._send(200, GZIPPED_READOUT)
        elif path == "/brotli":
            self._send(200, b"\x1b\x00\xf8\x25", headers={"Content-Encoding": "br"})
        elif path == "/payload-title":
            self._send(200, PAYLOAD_PAGE.encode())
        elif path == "/payload-reason":
            self.send_response(404, PAYLOAD_REASON)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/readout":
            self._send(200, READOUT.encode())
        elif path == "/china":
            self._send(200, CHINA.encode())
        elif path == "/latin1":
            self._send(200, LATIN1.encode("cp1252"), ctype="text/html; charset=windows-1252")
        elif path == "/no-type":  # no Content-Type header at all: sniffed
            self.send_response(200)
            self.end_headers()
            self.wfile.write(READOUT.encode())
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, READOUT.encode())
        elif path == "/data.json":
            self._send(200, b'{"talks": "candid"}', ctype="application/json")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.7 ...", ctype="application/pdf")
        elif path == "/big":
            self._send(200, b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>")
        elif path == "/big-unannounced":  # no Content-Length: the limit is enforced while reading
            self._send(200, b"<html><body><p>" + b"word " * 4000 + b"</p></body></html>", length=False)
        elif path == "/empty":
            self._send(200, b"<html><head><title>Nothing</title></head><body><script>app()</script></body></html>")
        elif path == "/missing":
            self._send(404, b"<html><body>Not here</body></html>")
        elif path == "/moved":
            self._redirect("/readout", 301)
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/readout.html", 307)
        elif path == "/to-javascript":
            self._redirect("javascript:alert(1)")
        elif path == "/loop":
            self._redirect("/loop")
        else:
            self._send(404, b"unknown fixture")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # the slow handler writes to a closed socket
        pass



@contextlib.contextmanager
def serve():
    """The site's base address (``http://127.0.0.1:PORT``) while the server runs in a thread."""
    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")


def no_proxy(monkeypatch) -> None:
    """A proxy set in the environment must not carry loopback requests off the machine."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
