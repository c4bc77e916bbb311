"""In-process against a local Dask cluster, side by side in one run (issue 15): docs/benchmarks.md's
"Beyond one machine" rows.

    /work/main/.venv/bin/python bench/scale_bench.py --copies 50 200 [--workers 2] [--memory-limit 1.5GB]

For each size the convention corpus is replicated (bench.bench.replicate: every sentence of copy k
starts with ``copyk``) into one CSV for the in-process run and into files of ten copies each for the
Dask run. Each contender runs once, in a fresh interpreter, measured from outside: wall time, and the
peak RSS (VmHWM) of every process of its tree, reported as the client's (the process started) and the
largest worker's. The Dask run also reports every partition's compute time from the task stream.
``bundle-open`` is what the dashboard's "Results bundle" source reads: the summary, the headline and one
page of sentences; ``dashboard-open`` is the real thing, a ``streamlit run dashboard.py`` server
(FRAMING_BUNDLE_FOLDERS=1) whose peak RSS is measured while Chromium opens the bundle folder.
Prints a JSON line per run (``--results FILE`` keeps them; ``--from-results FILE`` prints their table)
and, with --write, adds the table to docs/benchmarks.md. x1000 (840 MB of CSV, about 25 minutes a
contender on two shared cores):

    /work/main/.venv/bin/python bench/scale_bench.py --copies 1000 --workdir /tmp/scale-bench \
        --results /tmp/scale-bench/x1000.jsonl --contenders dask bundle-open dashboard-open in-process
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench import machine, replicate
from bench.procmem import hwm_kb as _hwm_kb, tree as _tree

SIDES = ("democrat", "republican")
COPIES_PER_FILE = 10


class PerProcessPeak(threading.Thread):
    """Peak RSS (VmHWM) of each process in a tree, polled every 100 ms."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peaks, self.stop = pid, {}, threading.Event()

    def run(self):
        while not self.stop.is_set():
            for p in _tree(self.pid):
                self.peaks[p] = max(self.peaks.get(p, 0), _hwm_kb(p))
            self.stop.wait(0.1)


def run_measured(args: list[str], timeout: float | None = None) -> dict:
    """Run one contender in a fresh interpreter; past ``timeout`` seconds it is stopped and the row says
    so (``timed_out``), with the peaks measured until then."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, text=True)
    poll = PerProcessPeak(proc.pid)
    poll.start()
    try:
        out, err = proc.communicate(timeout=timeout)
        result = None
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        result = {"timed_out": True}
    poll.stop.set()
    poll.join()
    if result is None:
        if proc.returncode:
            raise RuntimeError(f"{args} failed:\n{err[-3000:]}")
        result = json.loads(out.strip().splitlines()[-1])
    others = [kb for p, kb in poll.peaks.items() if p != proc.pid]
    result.update(wall_s=time.perf_counter() - t0, client_peak_mb=poll.peaks.get(proc.pid, 0) / 1024,
                  worker_peak_mb=max(others, default=0) / 1024, processes=len(poll.peaks))
    return result


# ---- children: one contender each ---------------------------------------------------------------

def child_local(path: str) -> dict:
    from framing.comparison import compare
    from framing.inputs.corpus import load_corpus
    from framing.results import CompareOptions

    t = time.perf_counter()
    result = compare(load_corpus(path, side_column="party").strict(), CompareOptions(sides=SIDES))
    return {"work_s": time.perf_counter() - t, "cosine": result.overlap.cosine,
            "sentences": sum(result.lengths[s]["sentences"] for s in SIDES),
            "documents": sum(result.lengths[s]["documents"] for s in SIDES)}


def child_dask(folder: str, bundle: str, workers: int, memory_limit: str) -> dict:
    from dask.distributed import get_task_stream

    from framing.results import CompareOptions
    from framing.scale.dask_engine import compare_dask, local_cluster

    with local_cluster(workers, memory_limit) as client:
        cpu0 = sum(client.run(time.process_time).values())   # the workers' CPU seconds: what a core would spend
        t = time.perf_counter()
        with get_task_stream(client) as stream:
            result = compare_dask([f"{folder}/*.csv"], CompareOptions(sides=SIDES), columns=("party", "text", "event"),
                                  client=client, out_bundle=bundle)
        work = time.perf_counter() - t
        cpu = sum(client.run(time.process_time).values()) - cpu0
    parts = [sum(s["stop"] - s["start"] for s in task["startstops"] if s["action"] == "compute")
             for task in stream.data if "read_partition" in str(task["key"])]
    return {"work_s": work, "cosine": result.overlap.cosine, "partitions": len(parts), "workers_cpu_s": cpu,
            "partition_s_mean": sum(parts) / max(len(parts), 1), "partition_s_max": max(parts, default=0),
            "sentences": sum(result.lengths[s]["sentences"] for s in SIDES),
            "documents": sum(result.lengths[s]["documents"] for s in SIDES)}


def child_bundle_open(bundle: str) -> dict:
    from framing.scale.bundle import comparison_from_summary, open_bundle

    t = time.perf_counter()
    opened = open_bundle(bundle)
    comparison = comparison_from_summary(opened.summary)
    page = opened.sentences(side=0, limit=50, offset=1000)
    return {"work_s": time.perf_counter() - t, "cosine": comparison.overlap.cosine, "rows": len(page)}


def measure_dashboard(bundle: str) -> dict:
    """The dashboard opening a bundle, measured from outside: a real ``streamlit run dashboard.py``
    (FRAMING_BUNDLE_FOLDERS=1, as a local app) and real Chromium choosing the "Results bundle" source,
    typing the folder and waiting until the headline and the first page of sentences are drawn.
    ``client_peak_mb``: the Streamlit server's peak RSS (VmHWM) from its start to the drawn page;
    ``idle_mb``: its peak before the bundle was given; ``work_s``: from the folder given to the page drawn."""
    from browser_support import CHROMIUM_ARGS, TIMEOUT_MS, VIEWPORT, free_port, require_chromium, settle

    from framing.scale.bundle import comparison_from_summary, open_bundle

    summary = open_bundle(bundle).summary
    cosine = comparison_from_summary(summary).overlap.cosine
    a, b = summary["sides"]
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                             "--server.address", "127.0.0.1", "--server.port", str(port),
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            env={**os.environ, "FRAMING_BUNDLE_FOLDERS": "1"})

    class Server:   # what browser_support.settle needs of a server
        url = f"http://127.0.0.1:{port}/"

        @staticmethod
        def log(last: int = 4000) -> str:
            log.seek(0)
            return log.read().decode(errors="replace")[-last:]

    poll = PerProcessPeak(proc.pid)
    poll.start()
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS)
            page = chromium.new_context(viewport=VIEWPORT).new_page()
            page.set_default_timeout(TIMEOUT_MS * 5)
            deadline = time.monotonic() + 120
            while True:   # the server starts
                try:
                    page.goto(Server.url + "?source=bundle")
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(1)
            settle(page, Server, "Bundle folder")
            idle = poll.peaks.get(proc.pid, 0) / 1024
            t = time.perf_counter()
            box = page.locator("input[aria-label='Bundle folder']")
            box.fill(bundle)
            box.press("Enter")
            settle(page, Server, f"{a} vs {b}", "Sentences", f"{cosine:.3f}")
            page.get_by_test_id("stDataFrame").last.wait_for(state="visible")
            work = time.perf_counter() - t
            time.sleep(0.5)
            chromium.close()
    finally:
        poll.stop.set()
        poll.join()
        os.killpg(proc.pid, 15)
        proc.wait(30)
    return {"work_s": work, "cosine": cosine, "idle_mb": idle, "wall_s": work,
            "client_peak_mb": poll.peaks.get(proc.pid, 0) / 1024, "worker_peak_mb": 0, "processes": 1}


# ---- parent --------------------------------------------------------------------------------------

def prepare(source: Path, tmp: Path, copies: int) -> tuple[Path, Path]:
    """(one CSV of ``copies`` copies, a folder of CSVs of COPIES_PER_FILE copies each: the same rows),
    streamed row by row (x1000 is about 1 GB of CSV)."""
    one = tmp / f"x{copies}.csv"
    documents = replicate(source, one, copies)["documents"]
    folder = tmp / f"x{copies}-files"
    folder.mkdir(exist_ok=True)
    per_file = documents // copies * COPIES_PER_FILE
    with open(one, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        out, w = None, None
        for i, row in enumerate(reader):
            if i % per_file == 0:
                if out is not None:
                    out.close()
                out = open(folder / f"part{i // per_file:04d}.csv", "w", newline="", encoding="utf-8")
                w = csv.writer(out, quoting=csv.QUOTE_ALL)
                w.writerow(header)
            w.writerow(row)
        if out is not None:
            out.close()
    return one, folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs="+")
    parser.add_argument("--copies", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory-limit", default="1.5GB")
    parser.add_argument("--write", action="store_true", help="add the table to docs/benchmarks.md")
    parser.add_argument("--workdir", help="keep the corpora and bundles there (default: a temporary folder)")
    parser.add_argument("--results", help="append each row (a JSON line) to this file as it is measured")
    parser.add_argument("--local-timeout", type=float, help="stop the in-process run after this many seconds "
                        "(its row then says timed_out, with the peaks measured until then)")
    parser.add_argument("--contenders", nargs="+", default=["in-process", "dask", "bundle-open", "dashboard-open"],
                        choices=["in-process", "dask", "bundle-open", "dashboard-open"], help="which runs, in this order")
    parser.add_argument("--dashboard", metavar="BUNDLE", help="only measure the dashboard opening this bundle folder")
    parser.add_argument("--from-results", help="write the table of rows already measured (a --results file)")
    args = parser.parse_args(argv)
    if args.from_results:
        rows = [json.loads(line) for line in open(args.from_results, encoding="utf-8") if line.strip()]
        args.copies = list(dict.fromkeys(r["copies"] for r in rows))
        write(rows, args, append=args.write)
        return 0
    if args.child:
        kind, *rest = args.child
        fn = {"local": child_local, "dask": child_dask, "bundle-open": child_bundle_open}[kind]
        if kind == "dask":
            rest = [rest[0], rest[1], int(rest[2]), rest[3]]
        print(json.dumps(fn(*rest)))
        return 0
    sys.path.insert(0, str(ROOT / "tests"))
    from convention import convention_csv

    if args.dashboard:
        result = measure_dashboard(str(Path(args.dashboard).resolve()))
        result.update(copies=args.copies[0], contender="dashboard-open", load=os.getloadavg()[0],
                      at=time.strftime("%H:%M:%S"))
        print(json.dumps(result), flush=True)
        if args.results:
            with open(args.results, "a", encoding="utf-8") as f:
                f.write(json.dumps(result) + "\n")
        return 0

    rows = []
    with tempfile.TemporaryDirectory(prefix="framing-scale-bench-") as tmp:
        work = Path(args.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for copies in args.copies:
            one, folder = prepare(Path(convention_csv()), work, copies)
            bundle = str(work / f"bundle-x{copies}")
            children = {"in-process": ["local", str(one)],
                        "dask": ["dask", str(folder), bundle, str(args.workers), args.memory_limit],
                        "bundle-open": ["bundle-open", bundle], "dashboard-open": None}
            for kind in args.contenders:
                child = children[kind]
                result = (measure_dashboard(bundle) if kind == "dashboard-open" else
                          run_measured(child, args.local_timeout if kind == "in-process" else None))
                result.update(copies=copies, contender=kind, load=os.getloadavg()[0],
                              at=time.strftime("%H:%M:%S"))
                print(json.dumps(result), flush=True)
                if args.results:
                    with open(args.results, "a", encoding="utf-8") as f:
                        f.write(json.dumps(result) + "\n")
                rows.append(result)
            os.remove(one)
    if args.write:
        write(rows, args, append=True)
    return 0


def write(rows: list[dict], args, append: bool = False) -> None:
    """Print the table; with ``append``, add it to docs/benchmarks.md."""
    info = machine()
    lines = ["", "## Beyond one machine: in-process against a local Dask cluster", "",
             f"`/work/main/.venv/bin/python bench/scale_bench.py --copies {' '.join(map(str, args.copies))} "
             f"--workers {args.workers} --memory-limit {args.memory_limit} --write` — {time.strftime('%Y-%m-%d')}, "
             f"{info.get('cpu', '')}, {info.get('cores', '')} cores (shared), one run each, side by side. "
             f"Dask: a LocalCluster of {args.workers} worker processes (one thread each, memory limit "
             f"{args.memory_limit} each), input split into files of {COPIES_PER_FILE} copies; the in-process run "
             "also aligns sentences (sampled), which the Dask run does not. Client = the process started "
             "(for Dask it also hosts the scheduler); worker = the largest other process.", "",
             "| corpus | contender | documents | sentences | wall (s) | work (s) | client peak RSS (MB) | "
             "largest worker peak RSS (MB) | partitions | per partition (s, mean / max) | workers' CPU (s) | load |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|"]
    for r in rows:
        per = (f"{r['partition_s_mean']:.1f} / {r['partition_s_max']:.1f}" if "partitions" in r else "")
        work = "stopped" if r.get("timed_out") else f"{r['work_s']:.1f}"
        client = f"{r['client_peak_mb']:.0f}" + (f" (idle {r['idle_mb']:.0f})" if "idle_mb" in r else "")
        lines.append(f"| x{r['copies']} | {r['contender']} | {r.get('documents', '')} | {r.get('sentences', '')} | "
                     f"{r['wall_s']:.1f} | {work} | {client} | "
                     f"{r['worker_peak_mb']:.0f} | {r.get('partitions', '')} | {per} | "
                     + (f"{r['workers_cpu_s']:.0f} |" if "workers_cpu_s" in r else " |")
                     + (f" {r['load']:.0f} |" if "load" in r else " |"))
    print("\n".join(lines))
    if append:
        with open(ROOT / "docs" / "benchmarks.md", "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
