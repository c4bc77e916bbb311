"""Load on the dashboard: many Chromium sessions at once against one local `streamlit run`.

    .venv/bin/python bench/load.py                      # about 5 minutes on 2 cores
    .venv/bin/python bench/load.py --sessions 20 --uploads 200 --batch 10 --json /tmp/load.json

Starts `streamlit run dashboard.py` on a free port of 127.0.0.1 (loopback only, nothing else is
contacted), drives it with Debian's /usr/bin/chromium through Playwright's async API, and prints
the figures docs/reliability.md quotes:

1. **Concurrent first views**: ``--sessions`` browser contexts open the default view at the same
   moment; for each, the time from navigation to the first Plotly chart drawn. Median, p95, max,
   and errors (a timeout, a page error, a Streamlit exception or error message on the page).
2. **Uploads, memory**: ``--uploads`` sessions, ``--batch`` at a time, each opening the upload
   view, uploading its own CSV (its own sides and words, so no cache is shared), waiting until its
   comparison is on the page (the time from setting the file to its "A vs B" heading), and checking
   that its page holds none of the other sessions' words. A session is a page load: each of
   ``--batch`` browser contexts runs its share of the sessions one after another (a new page load
   starts a new Streamlit session and ends the previous one, whose caches are then cleared). The server's memory is sampled every half second (RSS of the server process, PSS of
   its process tree) and after every batch: with every upload-derived cache scoped to the session
   (cleared when it disconnects) and bounded (``max_entries``), memory levels off instead of
   growing with the number of sessions served.

3. **Noisy neighbour** (``--phases noisy``): a second session's first chart (the default view, a
   fresh page load) and the server's ``/_stcore/health`` latency, first on a quiet server, then
   while other sessions upload, one after another, the heaviest input the budgets allow (``HEAVY``:
   two sides just under ``FRAMING_MAX_CHARS_PER_SIDE``, n-grams 1-2, each session's file its own
   so nothing is cached); each figure as a ratio against the quiet run.
4. **Three at the budget** (``--phases three``): three sessions upload such a file at the same
   moment; the server's peak memory (RSS of its process, PSS of its tree, with the worker processes)
   and each one's time to its comparison; whether a session showed "Waiting for another comparison".

``--phases`` picks the parts (default all four: ``views uploads noisy three``); ``--server-env
KEY=VALUE`` sets a variable for the server (``FRAMING_HEAVY_CHARS=1000000000`` runs every comparison
in the server's own process, as before the worker pool, for the "before" figures).

Bounded in count and time: at most ``max(--sessions, --batch)`` contexts at once, a timeout per
page (``--page-timeout``), and a deadline for the whole run (``--deadline``, default 600 s) after
which the remaining batches are skipped and the output says so. Browser and server share the
machine's cores, so the times include the browsers' own rendering under the same load.
"""
from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import platform
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.procmem import proc_kb, pss_kb as _pss_kb, tree as _tree  # noqa: E402  (the benchmarks' /proc readers)

# Debian's chromium, headless, no sandbox, nothing fetched (shared/REFERENCES.md section 7), and the
# page probes: the same as the latency benchmark's
from bench.dashboard_latency import CHROMIUM, CHROMIUM_ARGS, FIRST_CHART, IDLE  # noqa: E402

#: The data uploader (widget key "upload"), not the register panel's lexicon uploader.
DATA_UPLOADER = ".st-key-upload [data-testid='stFileUploaderDropzoneInput']"
PROBLEMS = """() => document.querySelectorAll('[data-testid="stException"]').length
                    + document.querySelectorAll('[data-testid="stAlertContentError"]').length"""
WORDS = ("talks were candid constructive frank useful pragmatic serious trade tariffs climate security flights "
         "students stability cooperation competition guardrails agreed continue communication channels").split()


# ---- the server and its memory --------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)
    except (OSError, ValueError, IndexError):
        return 0.0


class Memory(threading.Thread):
    """Samples the server's RSS (the main process) and its tree's PSS every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.interval, self.samples, self.done = pid, interval, [], threading.Event()
        self.t0 = time.perf_counter()

    def now(self) -> dict:
        return {"t_s": round(time.perf_counter() - self.t0, 1), "rss_mb": proc_kb(self.pid, "status", "VmRSS") / 1024,
                "tree_pss_mb": sum(_pss_kb(p) for p in _tree(self.pid)) / 1024, "cpu_s": _cpu_s(self.pid)}

    def run(self) -> None:
        while not self.done.is_set():
            self.samples.append(self.now())
            self.done.wait(self.interval)


class Server:
    def __init__(self, env: dict | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port), "--browser.gatherUsageStats",
             "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("streamlit did not become healthy in 120 s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


# ---- sessions -------------------------------------------------------------------------------------

def upload_csv(n: int, rows: int = 40) -> tuple[dict, str, tuple[str, str]]:
    """Session ``n``'s own file: its own side labels and one word no other session uses."""
    rng, token = random.Random(n), f"zq{n:04d}word"
    sides = (f"Side{n:04d}A", f"Side{n:04d}B")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("side", "text"))
    for i in range(rows):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))] + ([token] if i % 4 == 0 else [])
        rng.shuffle(words)
        writer.writerow((sides[i % 2], " ".join(words).capitalize() + "."))
    return {"name": f"session{n}.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}, token, sides


async def first_view(browser, url: str, timeout_ms: int) -> dict:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    t0 = time.perf_counter()
    delivered = seconds = None
    try:
        await page.goto(url, timeout=timeout_ms)
        await page.locator(".js-plotly-plot").first.wait_for(state="attached", timeout=timeout_ms)
        delivered = time.perf_counter() - t0  # the server's part: the chart's data is on the page
        await page.wait_for_function(FIRST_CHART, polling="raf", timeout=timeout_ms)
        seconds = time.perf_counter() - t0  # and drawn by this browser
        if await page.evaluate(PROBLEMS):
            errors.append("an exception or error message on the page")
    except Exception as exc:  # a timeout is a result here, not a crash of the benchmark
        errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        await context.close()
    return {"seconds": seconds, "delivered": delivered, "errors": errors}


async def upload_session(page, url: str, n: int, tokens: list[str], timeout_ms: int) -> dict:
    """One Streamlit session on ``page``: a fresh page load (a new session; the page's previous
    session disconnects), session ``n``'s own upload, its comparison checked."""
    payload, token, sides = upload_csv(n)
    errors: list[str] = []
    retries, step = 0, "open the upload view"
    try:
        await page.goto(url + "?source=upload", timeout=timeout_ms)
        # The upload view's first run finished (the share link is drawn last) and the app idle:
        # a file set before the widget is live is lost.
        await page.get_by_text("Upload one or more files in the sidebar", exact=False).first.wait_for(
            timeout=timeout_ms)
        await page.get_by_text("Share this view", exact=True).first.wait_for(timeout=timeout_ms)
        await page.wait_for_function(IDLE, timeout=timeout_ms)
        uploader = page.locator(DATA_UPLOADER)
        await uploader.wait_for(state="attached", timeout=timeout_ms)
        t1, step = time.perf_counter(), "upload"
        # Should its chip not appear (a file set while the widget is redrawn is lost), set it again
        # and count it: the report says how often (0 in the documented run).
        for _ in range(3):
            await uploader.set_input_files(payload)
            try:
                await page.get_by_test_id("stFileChipName").filter(has_text=payload["name"]).wait_for(
                    timeout=10_000)
                break
            except Exception:
                retries += 1
        # Its comparison on the page (the server has parsed, compared and cached it); the browser's
        # drawing of the charts is measured in phase 1, and not waiting for it here keeps 200
        # sessions within the time bound on two cores.
        step = "its comparison"
        await page.get_by_text(f"{sides[0]} vs {sides[1]}", exact=True).wait_for(timeout=timeout_ms)
        seconds = time.perf_counter() - t1
        text = (await page.content()).lower()  # every tab, drawn or not
        if await page.evaluate(PROBLEMS):
            errors.append(f"session {n}: an exception or error message on the page")
        # Its own side labels are in the heading waited for; no other session's word may be anywhere.
        leaked = [t for t in tokens if t != token and t in text]
        if leaked:
            errors.append(f"session {n}: shows another session's words: {leaked[:5]}")
    except Exception as exc:  # a timeout is a result here, not a crash of the benchmark
        seconds = None
        seen = ""
        try:  # what the page showed instead, for the report
            seen = " | ".join((await page.locator("[data-testid=stMain]").inner_text(timeout=5000)).split("\n")[:8])
            seen += " || uploader: " + " ".join((await page.locator(".st-key-upload").first.inner_text(
                timeout=5000)).split())
        except Exception:
            pass
        errors.append(f"session {n}, at {step} ({retries} retries): {type(exc).__name__}: "
                      f"{str(exc).splitlines()[0]}; the page showed: {seen[:600]}")
    return {"seconds": seconds, "errors": errors, "retries": retries}


async def upload_worker(browser, url: str, numbers: list[int], tokens: list[str], timeout_ms: int,
                        results: list, on_done, deadline: float) -> None:
    """One browser context running sessions one after another (its HTTP cache kept, like a person's)."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda exc: page_errors.append(f"page error: {exc}"))
    try:
        for n in numbers:
            if time.monotonic() > deadline:
                break
            result = await upload_session(page, url, n, tokens, timeout_ms)
            result["errors"] += page_errors
            page_errors.clear()
            results.append(result)
            on_done()
    finally:
        await context.close()


# ---- the noisy neighbour and three sessions at the budget -------------------------------------------

#: Characters a side of the heaviest upload: just under FRAMING_MAX_CHARS_PER_SIDE's default (750,000),
#: n-grams 1-2 (allowed up to 1,500,000 compared characters). The heaviest in time of what the budgets allow
#: (bench/budgets.py: 4.8 s and 344 MB in compare(), against 3.0 s and 379 MB for 500,000 a side with 1-3).
HEAVY_CHARS = 745_000
HEAVY_QUERY = "?source=upload&ngram=1-2"
WAITING_TEXT = "Waiting for another comparison"


def heavy_csv(n: int) -> tuple[dict, tuple[str, str]]:
    """Session ``n``'s heaviest allowed upload: its own side labels and words (nothing cached is reused)."""
    from bench.budgets import synthetic_sides
    sides = (f"Heavy{n:03d}A", f"Heavy{n:03d}B")
    texts = synthetic_sides(HEAVY_CHARS - 2_000, seed=1000 + n)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("side", "text"))
    for label, documents in zip(sides, texts.values()):
        for document in documents:
            writer.writerow((label, document))
        writer.writerow((label, f"Session hv{n:03d}token closes its account."))
    return {"name": f"heavy{n}.csv", "mimeType": "text/csv", "buffer": out.getvalue().encode()}, sides


async def health_latencies(url: str, stop: asyncio.Event, interval: float = 0.25) -> list[float]:
    """``/_stcore/health`` every ``interval`` seconds until ``stop``: each answer's latency (a thread does
    the blocking request, so this event loop's browser work does not delay the timing)."""
    out: list[float] = []

    def one() -> float:
        t0 = time.perf_counter()
        with urllib.request.urlopen(url + "_stcore/health", timeout=60) as response:
            response.read()
        return time.perf_counter() - t0

    while not stop.is_set():
        out.append(await asyncio.to_thread(one))
        try:
            await asyncio.wait_for(stop.wait(), interval)
        except asyncio.TimeoutError:
            pass
    return out


async def heavy_session(browser, url: str, n: int, timeout_ms: int, payload=None) -> dict:
    """One session uploading the heaviest allowed input and waiting for its comparison; whether it was told
    to wait for another comparison on the way."""
    payload, sides = payload or heavy_csv(n)
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    errors: list[str] = []
    waited = False
    try:
        await page.goto(url + HEAVY_QUERY, timeout=timeout_ms)
        await page.get_by_text("Share this view", exact=True).first.wait_for(timeout=timeout_ms)
        await page.wait_for_function(IDLE, timeout=timeout_ms)
        uploader = page.locator(DATA_UPLOADER)
        await uploader.wait_for(state="attached", timeout=timeout_ms)
        t0 = time.perf_counter()
        await uploader.set_input_files(payload)
        heading = page.get_by_text(f"{sides[0]} vs {sides[1]}", exact=True)
        deadline = t0 + timeout_ms / 1000
        while time.perf_counter() < deadline:
            if await heading.count():
                break
            if not waited and await page.get_by_text(WAITING_TEXT, exact=False).count():
                waited = True
            if await page.evaluate(PROBLEMS):
                errors.append(f"heavy session {n}: " + " ".join(
                    (await page.locator("[data-testid=stAlertContentError]").first.inner_text()).split())[:300])
                break
            await asyncio.sleep(0.2)
        else:
            errors.append(f"heavy session {n}: no comparison in {timeout_ms // 1000} s")
        seconds = time.perf_counter() - t0 if not errors else None
    except Exception as exc:
        seconds = None
        errors.append(f"heavy session {n}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        await context.close()
    return {"seconds": seconds, "waited": waited, "errors": errors, "bytes": len(payload["buffer"])}


async def noisy_neighbour(browser, server: Server, args) -> dict:
    """A second session's first chart and the health latency, quiet and beside heavy uploads."""
    timeout_ms = args.page_timeout * 1000
    await first_view(browser, server.url, timeout_ms)  # warm: imports, the bundled event's cached comparison
    quiet, quiet_health, busy_views, busy_health, heavy = [], [], [], [], []
    # Quiet and busy blocks take turns (``--noisy-rounds``), so a drift in the machine's other load
    # weighs on both sides of the ratio.
    for round_ in range(args.noisy_rounds):
        stop = asyncio.Event()
        health = asyncio.create_task(health_latencies(server.url, stop))
        quiet += [await first_view(browser, server.url, timeout_ms) for _ in range(args.noisy_views)]
        stop.set()
        quiet_health += await health
        payloads = [heavy_csv(100 * round_ + n) for n in range(args.noisy_heavy)]  # made before the clock
        heavy_done = asyncio.Event()
        stop = asyncio.Event()
        health = asyncio.create_task(health_latencies(server.url, stop))

        async def heavy_loop() -> list[dict]:
            out = []
            for n, payload in enumerate(payloads):
                out.append(await heavy_session(browser, server.url, 100 * round_ + n, timeout_ms, payload))
            heavy_done.set()
            return out

        heavy_task = asyncio.create_task(heavy_loop())
        await asyncio.sleep(3)  # the first heavy session has opened its page and set its file
        while not heavy_done.is_set():
            busy_views.append(await first_view(browser, server.url, timeout_ms))
        heavy += await heavy_task
        stop.set()
        busy_health += await health

    def med(values):
        values = [v for v in values if v is not None]
        return round(statistics.median(values), 3) if values else None

    out = {"rounds": args.noisy_rounds,
           "quiet_first_chart": _summary([v["seconds"] for v in quiet if v["seconds"]]),
           "quiet_delivered": _summary([v["delivered"] for v in quiet if v["delivered"]]),
           "busy_delivered": _summary([v["delivered"] for v in busy_views if v["delivered"]]),
           "busy_first_chart": _summary([v["seconds"] for v in busy_views if v["seconds"]]),
           "quiet_health": {**_summary(quiet_health), "median_ms": round(1000 * med(quiet_health), 1)},
           "busy_health": {**_summary(busy_health), "median_ms": round(1000 * med(busy_health), 1),
                           "max_ms": round(1000 * max(busy_health), 1)},
           "heavy_sessions": _summary([h["seconds"] for h in heavy if h["seconds"]]),
           "heavy_bytes": heavy[0]["bytes"] if heavy else None,
           "errors": [e for v in quiet + busy_views for e in v["errors"]] + [e for h in heavy for e in h["errors"]]}
    q, b = out["quiet_first_chart"].get("median_s"), out["busy_first_chart"].get("median_s")
    out["first_chart_ratio"] = round(b / q, 2) if q and b else None
    q, b = out["quiet_delivered"].get("median_s"), out["busy_delivered"].get("median_s")
    out["delivered_ratio"] = round(b / q, 2) if q and b else None
    out["health_ratio"] = round(med(busy_health) / med(quiet_health), 2) if quiet_health and busy_health else None
    return out


async def three_at_budget(browser, server: Server, memory: "Memory", args) -> dict:
    """Three sessions upload the heaviest allowed input at the same moment: the server's peak memory."""
    payloads = [heavy_csv(100 + n) for n in range(3)]
    start = len(memory.samples)
    before = memory.now()
    results = await asyncio.gather(*[heavy_session(browser, server.url, 100 + n, args.page_timeout * 1000, payloads[n])
                                     for n in range(3)])
    await asyncio.sleep(2)
    window = memory.samples[start:] + [memory.now()]
    return {"before": before, "after": memory.now(),
            "peak_rss_mb": round(max(s["rss_mb"] for s in window)),
            "peak_tree_pss_mb": round(max(s["tree_pss_mb"] for s in window)),
            "seconds": [round(r["seconds"], 1) if r["seconds"] else None for r in results],
            "waited": [r["waited"] for r in results],
            "errors": [e for r in results for e in r["errors"]]}


def _summary(times: list[float]) -> dict:
    if not times:
        return {"n": 0}
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, max(0, int(round(0.95 * len(ordered))) - 1))]
    return {"n": len(times), "median_s": round(statistics.median(ordered), 2), "p95_s": round(p95, 2),
            "max_s": round(ordered[-1], 2)}


class _Done(Exception):
    """The phases asked for are done."""


async def run(args) -> dict:
    from playwright.async_api import async_playwright
    started = time.monotonic()
    server = Server(dict(kv.split("=", 1) for kv in args.server_env))
    memory = Memory(server.proc.pid)
    memory.start()
    out: dict = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                             "python": platform.python_version(), "memory_gb": round(
                                 os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)},
                 "command": " ".join([Path(sys.executable).name, "bench/load.py", *sys.argv[1:]]),
                 "load_average_at_start": os.getloadavg()}
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                out["idle_server"] = memory.now()
                out["server_env"] = args.server_env
                if "noisy" in args.phases:
                    out["noisy"] = await noisy_neighbour(browser, server, args)
                    print(f"noisy neighbour: {json.dumps(out['noisy'])}", flush=True)
                if "three" in args.phases:
                    out["three"] = await three_at_budget(browser, server, memory, args)
                    print(f"three at the budget: {json.dumps(out['three'])}", flush=True)
                if "views" not in args.phases and "uploads" not in args.phases:
                    raise _Done
                await first_view(browser, server.url, args.page_timeout * 1000)  # warm: imports, bundled cache
                alone = [await first_view(browser, server.url, args.page_timeout * 1000) for _ in range(3)]
                out["single_first_view"] = {**_summary([v["seconds"] for v in alone if v["seconds"] is not None]),
                                            "delivered": _summary([v["delivered"] for v in alone
                                                                   if v["delivered"] is not None])}
                out["after_warm_up"] = memory.now()
                views = await asyncio.gather(*[first_view(browser, server.url, args.page_timeout * 1000)
                                               for _ in range(args.sessions)])
                out["concurrent_first_views"] = {
                    "sessions": args.sessions, **_summary([v["seconds"] for v in views if v["seconds"] is not None]),
                    "delivered": _summary([v["delivered"] for v in views if v["delivered"] is not None]),
                    "errors": [e for v in views for e in v["errors"]]}
                out["after_first_views"] = memory.now()
                print(f"{args.sessions} concurrent first views: {json.dumps(out['concurrent_first_views'])}",
                      flush=True)
                batches, results = [], []
                tokens = [upload_csv(n)[1] for n in range(args.uploads)]

                def done() -> None:
                    if len(results) % args.batch == 0 or len(results) == args.uploads:
                        batches.append({"sessions": len(results), **memory.now()})
                        print(f"uploads {len(results):4d}/{args.uploads}: rss {batches[-1]['rss_mb']:.0f} MB, "
                              f"tree pss {batches[-1]['tree_pss_mb']:.0f} MB", flush=True)

                await asyncio.gather(*[
                    upload_worker(browser, server.url, list(range(w, args.uploads, args.batch)), tokens,
                                  args.page_timeout * 1000, results, done, started + args.deadline)
                    for w in range(args.batch)])
                if len(results) < args.uploads:
                    out["stopped_early"] = (f"deadline of {args.deadline} s reached after {len(results)} "
                                            "upload sessions")
                await asyncio.sleep(args.settle)  # the last sessions disconnect; their caches are cleared
                out["upload_sessions"] = {
                    "sessions": len(results), "batch": args.batch,
                    **_summary([r["seconds"] for r in results if r["seconds"] is not None]),
                    "upload_retries": sum(r["retries"] for r in results),
                    "errors": [e for r in results for e in r["errors"]]}
                out["memory_after_batches"] = batches
                out["after_settle"] = memory.now()
            except _Done:
                pass
            finally:
                await browser.close()
    finally:
        memory.done.set()
        memory.join()
        server.stop()
    samples = memory.samples
    out["peak"] = {"rss_mb": round(max(s["rss_mb"] for s in samples)),
                   "tree_pss_mb": round(max(s["tree_pss_mb"] for s in samples))}
    out["wall_s"] = round(time.monotonic() - started, 1)
    out["machine"]["load_average_at_end"] = os.getloadavg()
    return out


def noisy_report(out: dict) -> list[str]:
    """The noisy-neighbour and three-at-the-budget tables."""
    lines = []
    noisy = out.get("noisy")
    if noisy:
        qc, bc, qh, bh = (noisy["quiet_first_chart"], noisy["busy_first_chart"], noisy["quiet_health"],
                          noisy["busy_health"])
        lines += ["| a second session | quiet server | beside heavy uploads | ratio |", "|---|---|---|---|",
                  f"| first chart drawn (median of {qc.get('n')} / {bc.get('n')}) | {qc.get('median_s')} s | "
                  f"{bc.get('median_s')} s | {noisy['first_chart_ratio']}x |",
                  f"| first chart on the page (the server's part) | {noisy['quiet_delivered'].get('median_s')} s | "
                  f"{noisy['busy_delivered'].get('median_s')} s | {noisy.get('delivered_ratio')}x |",
                  f"| `/_stcore/health` latency (median of {qh.get('n')} / {bh.get('n')}) | {qh['median_ms']} ms | "
                  f"{bh['median_ms']} ms | {noisy['health_ratio']}x |",
                  f"| `/_stcore/health` latency, slowest | {round(1000 * qh.get('max_s', 0), 1)} ms | {bh['max_ms']} ms | |",
                  "", f"Heavy uploads ({noisy['heavy_bytes'] / 2**20:.1f} MB CSV each, upload to comparison shown): "
                  f"{noisy['heavy_sessions']}. Errors: {len(noisy['errors'])}.", ""]
    three = out.get("three")
    if three:
        lines += ["| three sessions uploading at the budget at once | RSS of the server process | PSS of its tree |",
                  "|---|---|---|",
                  f"| before | {three['before']['rss_mb']:.0f} MB | {three['before']['tree_pss_mb']:.0f} MB |",
                  f"| peak, sampled every 0.5 s | {three['peak_rss_mb']} MB | {three['peak_tree_pss_mb']} MB |",
                  f"| after | {three['after']['rss_mb']:.0f} MB | {three['after']['tree_pss_mb']:.0f} MB |", "",
                  f"Upload to comparison shown: {three['seconds']} s; told to wait for another comparison: "
                  f"{three['waited']}. Errors: {len(three['errors'])}.", ""]
    return lines


def report(out: dict) -> str:
    """The figures as the markdown docs/reliability.md quotes."""
    if "concurrent_first_views" not in out:
        head = [f"Machine: {out['machine']['cpus']} CPUs, {out['machine']['memory_gb']} GB, "
                f"{out['machine']['platform']}, Python {out['machine']['python']}. Command: `{out['command']}`; wall "
                f"time {out['wall_s']} s. Load average (1 min) {out['load_average_at_start'][0]:.1f} at the start, "
                f"{out['machine']['load_average_at_end'][0]:.1f} at the end.", ""]
        return "\n".join(head + noisy_report(out) + [f"Server peak: {out['peak']['rss_mb']} MB RSS, "
                                                      f"{out['peak']['tree_pss_mb']} MB tree PSS."])
    first, uploads = out["concurrent_first_views"], out.get("upload_sessions", {})
    single, delivered = out["single_first_view"], first["delivered"]
    lines = [f"Machine: {out['machine']['cpus']} CPUs, {out['machine']['memory_gb']} GB, {out['machine']['platform']}, "
             f"Python {out['machine']['python']}. Command: `{out['command']}`; wall time {out['wall_s']} s. "
             f"Load average (1 min) {out['load_average_at_start'][0]:.1f} at the start, "
             f"{out['machine']['load_average_at_end'][0]:.1f} at the end.", "",
             "| | sessions | median | p95 | max | errors |", "|---|---|---|---|---|---|",
             f"| first chart drawn, one session alone | {single.get('n')} | {single.get('median_s')} s | "
             f"{single.get('p95_s')} s | {single.get('max_s')} s | |",
             f"| first chart on the page (server's part), all at once | {first['sessions']} | "
             f"{delivered.get('median_s')} s | {delivered.get('p95_s')} s | {delivered.get('max_s')} s | |",
             f"| first chart drawn, all at once | {first['sessions']} | {first.get('median_s')} s | {first.get('p95_s')} s | "
             f"{first.get('max_s')} s | {len(first['errors'])} |",
             f"| upload to comparison shown, {uploads.get('batch')} contexts at once | {uploads.get('sessions')} | "
             f"{uploads.get('median_s')} s | {uploads.get('p95_s')} s | {uploads.get('max_s')} s | "
             f"{len(uploads.get('errors', []))} |", "",
             "| server memory | RSS | tree PSS |", "|---|---|---|"]
    points = [("idle", out["idle_server"]), ("after warm-up", out["after_warm_up"]),
              (f"after {first['sessions']} first views", out["after_first_views"])]
    batches = out.get("memory_after_batches", [])
    for k in sorted({len(batches) // 4, len(batches) // 2, 3 * len(batches) // 4, len(batches) - 1}):
        if 0 <= k < len(batches):
            points.append((f"after {batches[k]['sessions']} upload sessions", batches[k]))
    points.append((f"{out.get('after_settle', {}).get('t_s', '?')} s in, all sessions closed", out.get("after_settle", {})))
    lines += [f"| {name} | {p.get('rss_mb', 0):.0f} MB | {p.get('tree_pss_mb', 0):.0f} MB |" for name, p in points]
    # The server's own CPU time, apart from the browsers sharing the machine.
    views_cpu = out["after_first_views"]["cpu_s"] - out["after_warm_up"]["cpu_s"]
    cpu = [f"Server CPU: {views_cpu:.1f} s for the {first['sessions']} concurrent first views "
           f"({views_cpu / max(first['sessions'], 1):.2f} s each)"]
    if batches:
        uploads_cpu = batches[-1]["cpu_s"] - out["after_first_views"]["cpu_s"]
        cpu.append(f"{uploads_cpu:.1f} s for {batches[-1]['sessions']} upload sessions "
                   f"({uploads_cpu / max(batches[-1]['sessions'], 1):.2f} s each)")
    lines_cpu = "; ".join(cpu) + "."
    lines.append(f"| peak | {out['peak']['rss_mb']} MB | {out['peak']['tree_pss_mb']} MB |")
    lines += ["", lines_cpu, "", f"Files set again because their chip did not appear: {uploads.get('upload_retries', 0)}."]
    if out.get("stopped_early"):
        lines += ["", f"Stopped early: {out['stopped_early']}."]
    return "\n".join(lines + [""] + noisy_report(out))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent first views (default 20)")
    parser.add_argument("--uploads", type=int, default=200, help="sessions with an upload (default 200)")
    parser.add_argument("--batch", type=int, default=10, help="upload sessions at a time (default 10)")
    parser.add_argument("--page-timeout", type=int, default=120, help="seconds per page (default 120)")
    parser.add_argument("--deadline", type=int, default=600, help="seconds for the whole run (default 600)")
    parser.add_argument("--settle", type=float, default=10, help="seconds to wait after the last session")
    parser.add_argument("--phases", nargs="+", default=["views", "uploads", "noisy", "three"],
                        choices=["views", "uploads", "noisy", "three"], help="the parts to run (default all)")
    parser.add_argument("--noisy-views", type=int, default=5, help="quiet first views a round (default 5)")
    parser.add_argument("--noisy-heavy", type=int, default=3, help="heavy uploads a round (default 3)")
    parser.add_argument("--noisy-rounds", type=int, default=2, help="quiet and busy blocks, in turn (default 2)")
    parser.add_argument("--server-env", nargs="*", default=[], metavar="KEY=VALUE",
                        help="environment of the server, e.g. FRAMING_HEAVY_CHARS=1000000000")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to this file")
    parser.add_argument("--report", type=Path, metavar="JSON", help="print the report of a saved --json run")
    args = parser.parse_args(argv)
    if args.report:
        print(report(json.loads(args.report.read_text(encoding="utf-8"))))
        return 0
    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    # A SIGTERM (from `timeout`, say) unwinds like Ctrl-C, so the server is stopped, not orphaned.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    out = asyncio.run(run(args))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(report(out))
    errors = (out.get("concurrent_first_views", {}).get("errors", []) + out.get("upload_sessions", {}).get("errors", [])
              + out.get("noisy", {}).get("errors", []) + out.get("three", {}).get("errors", []))
    for error in errors[:20]:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
