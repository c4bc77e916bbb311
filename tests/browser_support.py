"""Helpers for tests/test_browser.py: a `streamlit run` server on a free loopback port,
Debian's chromium through Playwright, and waits that know when a Streamlit page is done."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("FRAMING_CHROMIUM", "/usr/bin/chromium")
# REFERENCES.md section 7: `playwright install` cannot download a browser here.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 900}
#: The data uploader (widget key "upload"), not the register panel's lexicon uploader.
DATA_UPLOADER = ".st-key-upload [data-testid='stFileUploaderDropzoneInput']"
#: What the page says when the upload source is chosen and nothing is uploaded yet.
UPLOAD_INFO = re.compile("^Upload one or more files in the sidebar")

# JavaScript predicates evaluated in the page.
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
                && !document.querySelector('[data-stale="true"]')"""
CHARTS_DRAWN = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.length > 0 && charts.every(c => {  // Plotly sets _fullLayout once it has drawn
        const plot = c.querySelector('.js-plotly-plot');
        return plot && plot._fullLayout && plot.querySelector('.main-svg[width]');
    });
}"""
# The headline descriptor diff: {"Shared": [...], "Only A": [...], "Only B": [...]}, as drawn
# (views.headline: one column per box, a bold title, one bordered chip per descriptor).
READ_DIFF = """() => Object.fromEntries(
    [...document.querySelectorAll('[data-testid="stColumn"]')]
      .map(c => [c.querySelector('strong')?.innerText.trim(),
                 [...c.querySelectorAll('span[style*="border"]')].map(s => s.innerText.trim())])
      .filter(([title]) => title === 'Shared' || (title || '').startsWith('Only ')))"""


def require_chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's chromium. Run "
                    "`apt-get install chromium` (scripts/test.sh installs it), or set FRAMING_CHROMIUM.",
                    pytrace=False)
    return CHROMIUM


@contextmanager
def chromium_page(url: str | None = None, **context_options):
    """A page of Debian's chromium in a fresh context (VIEWPORT, TIMEOUT_MS), at ``url`` if given;
    the browser is closed on exit."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport=VIEWPORT, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            page = context.new_page()
            if url:
                page.goto(url)
            yield page
        finally:
            context.close()
            chromium.close()


def screenshot_default_view(page, server: "StreamlitServer", path: Path) -> None:
    """The bundled event's finished view (charts drawn, fonts loaded, no hover label) as a PNG at ``path``."""
    settle(page, server, "US vs China", "Only China", charts=True)
    page.evaluate("document.fonts.ready")
    page.mouse.move(0, 0)  # no hover label on any chart
    page.wait_for_timeout(500)  # let the last Plotly relayout land
    page.screenshot(path=str(path))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """`streamlit run dashboard.py` in its own process group, output kept in a temporary file."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._log = tempfile.TemporaryFile()
        # No file watcher: an edit to dashboard.py during a run must not pop up "Source file changed".
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port),
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)

    def log(self, last: int = 4000) -> str:
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-last:]

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"streamlit exited with {self.proc.returncode}:\n{self.log()}", pytrace=False)
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.25)
        pytest.fail(f"streamlit not healthy after {timeout:.0f} s:\n{self.log()}", pytrace=False)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self._log.close()


def settle(page, server: StreamlitServer, *texts, charts: bool = False) -> None:
    """Wait for each visible text (a str matches exactly, a re.Pattern searches), then until no
    element is running or stale (and, with ``charts``, until every Plotly chart is drawn).

    A timeout fails the test with the server's output attached."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    step = "start"
    try:
        for text in texts:
            step = f"text {getattr(text, 'pattern', text)!r}"
            page.get_by_text(text, exact=isinstance(text, str)).first.wait_for(state="visible", timeout=TIMEOUT_MS)
        step = "no running or stale element"
        page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
        if charts:
            step = "every Plotly chart drawn"
            page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT_MS)
            page.wait_for_function(IDLE, timeout=TIMEOUT_MS)
    except PlaywrightTimeout as exc:
        body = page.locator("body").inner_text(timeout=5_000)[:2000]
        pytest.fail(f"timed out waiting for {step}: {exc}\n--- page text ---\n{body}\n"
                    f"--- streamlit output ---\n{server.log()}", pytrace=False)


#: A text each result tab draws (and no other), to know when a click on the tab has been answered:
#: only the open tab is drawn, so a click reruns the app.
TAB_TEXTS = {"Charts": "Tone, sentence by sentence", "Claims side by side": re.compile("^Each sentence is matched"),
             "Evidence": "Term (pick one or type your own)", "Register": "Where VADER and the register disagree",
             "Agenda": "Raised by both", "Export": "Tables (CSV)"}


def open_tab(page, server: StreamlitServer, label: str, charts: bool = False) -> None:
    """Click the result tab ``label`` and wait until the app has drawn it."""
    page.get_by_role("tab", name=label, exact=True).click()
    settle(page, server, TAB_TEXTS[label], charts=charts)


def corpus_dropzone(page):
    """The file input of the corpus uploader ("CSV, JSONL or TXT files"); other uploaders (a register
    lexicon) may share the sidebar."""
    return (page.get_by_test_id("stFileUploader").filter(has_text="CSV, JSONL or TXT files")
            .get_by_test_id("stFileUploaderDropzoneInput"))


def read_diff(page) -> dict:
    return page.evaluate(READ_DIFF)


def csv_file(name: str, rows: list[tuple[str, str]]) -> dict:
    """A file payload for `set_input_files`: a CSV with side and text columns."""
    lines = ["side,text"] + [f'{side},"{text}"' for side, text in rows]
    return {"name": name, "mimeType": "text/csv", "buffer": ("\n".join(lines) + "\n").encode()}
