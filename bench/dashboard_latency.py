"""Dashboard latency in real Chromium: first chart, a rerun after a settings change, server memory.

For each round, for ``dashboard.py`` and for a one-line hello-world app with one Plotly chart
(``bench/hello_plotly.py``), interleaved: start ``streamlit run`` on a free loopback port (a fresh
process), open it in an already running headless Chromium (``/usr/bin/chromium`` through
Playwright's sync API, flags from shared/REFERENCES.md section 7) and time

- *first chart*: from starting the server process to the first Plotly chart drawn and visible;
- *rerun* (dashboard only): from clicking "keep all" under "Stop words" in the sidebar to every
  chart showing the new result with the app idle;

while polling the server's process tree for its peak PSS.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.procmem import TreeMemory  # noqa: E402

CHROMIUM = os.environ.get("FRAMING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
APPS = {"dashboard.py": ROOT / "dashboard.py", "hello world (one plotly chart)": ROOT / "bench" / "hello_plotly.py"}
FIRST_CHART = """() => { const p = document.querySelector('.js-plotly-plot');
    if (!p || !p._fullLayout || !p.querySelector('.main-svg[width]')) return false;
    const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; }"""
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')
                && !document.querySelector('[data-stale="true"]')"""
SIGNATURE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(p => (p.data || []).map(
    t => [t.type, (t.x || []).length, (t.y || []).length, String((t.y || []).slice ? (t.y || []).slice(0, 40) : t.y),
          String((t.x || []).slice ? (t.x || []).slice(0, 40) : t.x)].join('~')).join('#')).join('@')"""
TIMEOUT_MS = 120_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError("streamlit did not become healthy")


def one_round(browser, app: str, path: Path) -> dict:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(path), "--server.headless", "true", "--server.address",
         "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    mem = TreeMemory(proc.pid)
    mem.start()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    out = {}
    try:
        page = context.new_page()
        _wait_healthy(url, proc)
        out["healthy_s"] = time.perf_counter() - t0
        page.goto(url)
        page.wait_for_function(FIRST_CHART, polling="raf", timeout=TIMEOUT_MS)
        out["first_chart_s"] = time.perf_counter() - t0
        if app == "dashboard.py":
            page.wait_for_function(IDLE, polling=50, timeout=TIMEOUT_MS)
            before = page.evaluate(SIGNATURE)
            sidebar = page.get_by_test_id("stSidebar")
            current = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stSidebar"] [role="radiogroup"]')]
                .map(g => g.getAttribute('aria-label') + '=' + [...g.querySelectorAll('input')].findIndex(i => i.checked))""")
            # the "Stop words" radio shows its options as "remove English" / "keep all"
            option = sidebar.get_by_text("keep all", exact=True)
            t1 = time.perf_counter()
            option.click()
            page.wait_for_function(f"() => ({SIGNATURE})() !== {before!r} && ({IDLE})()", polling=20, timeout=TIMEOUT_MS)
            out["rerun_s"] = time.perf_counter() - t1
            out["radios_before"] = current
    finally:
        context.close()
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        mem.stop.set()
        mem.join()
    out["peak_pss_mb"] = mem.peak_kb / 1024
    return out


def run(rounds: int = 5) -> dict:
    from playwright.sync_api import sync_playwright
    results = {app: [] for app in APPS}
    notes = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            one_round(browser, "hello world (one plotly chart)", APPS["hello world (one plotly chart)"])  # warm the disk cache
            for r in range(rounds):
                order = list(APPS) if r % 2 == 0 else list(reversed(APPS))
                for app in order:
                    m = one_round(browser, app, APPS[app])
                    results[app].append(m)
                    print(f"dashboard  round {r + 1}/{rounds} {app:32s} first chart {m['first_chart_s']:.2f}s "
                          f"rerun {m.get('rerun_s', float('nan')):.2f}s pss {m['peak_pss_mb']:.0f} MB", flush=True)
        finally:
            browser.close()
    notes.append("One unmeasured hello-world round runs first, so both apps start with the same warm disk cache.")
    return {"apps": results, "notes": notes}


if __name__ == "__main__":
    import json
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 2), indent=1))
