"""Benchmarks side by side: framing, Scattertext, a bare scikit-learn baseline, vaderSentiment.

Run through ``bash bench/run.sh`` (it prepares the throwaway Scattertext environment and
the exported corpus); this script writes ``docs/benchmarks.md``.

Every contender runs in a fresh subprocess, once per round, and the rounds interleave the
contenders (the starting contender rotates), so a slow minute on a shared machine falls on
all of them alike. Memory: the peak of the summed PSS of the contender's process tree
(polled from /proc every 50 ms, so worker processes count), and the peak RSS (VmHWM) of the
largest single process, which the worker also reports for itself just before it exits.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.procmem import TreeMemory  # noqa: E402
csv.field_size_limit(2**31 - 1)

#: Workloads: name -> (file stem, sides, rounds, contenders).
CONTENDERS = ("framing", "framing-stages", "scattertext", "baseline", "vader")


# ---- measuring one process -----------------------------------------------------------------------

def measure(cmd: list[str], env: dict | None = None, timeout: float = 1800) -> dict:
    """Run ``cmd``; wall time, peak tree PSS, max RSS, CPU time and its JSON output line."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    mem = TreeMemory(proc.pid)
    mem.start()
    out_chunks, err_chunks = [], []
    readers = [threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True),
               threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    mem.stop.set()
    mem.join()
    for r in readers:
        r.join()
    stdout, stderr = "".join(out_chunks), "".join(err_chunks)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    # ru_maxrss of a child also counts the parent's image it was forked from before exec,
    # so the largest single process is taken from VmHWM (reset at exec) instead.
    result.update(wall_s=wall, peak_pss_mb=mem.peak_kb / 1024, max_rss_mb=max(mem.hwm_kb, result.get("hwm_kb", 0)) / 1024,
                  cpu_s=usage.ru_utime + usage.ru_stime)
    return result


# ---- workloads -------------------------------------------------------------------------------------

def replicate(source: Path, out: Path, copies: int) -> dict:
    """The corpus ``copies`` times; every sentence of copy k starts with the token ``copyk``.

    Sentences are framing's (``framing.text.split_sentences``), re-joined with one space,
    so no sentence repeats exactly across copies and no cache can flatter a figure.
    """
    from framing.text import split_sentences
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    n = 0
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(["event", "party", "speaker", "text"])
        for k in range(copies):
            for r in rows:
                w.writerow([r["event"], r["party"], r["speaker"],
                            " ".join(f"copy{k} {s.text}" for s in split_sentences(r["text"]))])
                n += 1
    return {"documents": n}


def export_bundled(out: Path) -> dict:
    import framing
    corpus = framing.load_bundled().select(event=framing.DEFAULT_EVENT, sides=list(framing.DEFAULT_SIDES))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(["event", "party", "speaker", "text"])
        for d in corpus:
            w.writerow([d.event, d.side, d.speaker, d.text])
    return {"documents": len(corpus)}


# ---- checks ------------------------------------------------------------------------------------------

def vader_equality(path: Path) -> dict:
    """framing's VADER compound against vaderSentiment's on every sentence of a corpus."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.analyses.sentiment import score_sentences
    from framing.text import split_sentences
    with open(path, newline="", encoding="utf-8") as f:
        sentences = [s.text for r in csv.DictReader(f) for s in split_sentences(r["text"])]
    vader = SentimentIntensityAnalyzer()
    ours = [c for c, _ in score_sentences(sentences)]
    differ = [s for s, c in zip(sentences, ours) if c != vader.polarity_scores(s)["compound"]]
    return {"sentences": len(sentences), "equal": len(sentences) - len(differ), "examples": differ[:3]}


def scattertext_top20(path: Path, ref: Path) -> dict:
    """The CLI's JSON top 20 per party against Scattertext's exported reference."""
    out = subprocess.run([sys.executable, "-m", "framing", "compare", str(path), "--side-column", "party",
                          "--stop-words", "none", "--ngram", "1", "1", "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    ours, theirs = json.loads(out.stdout), json.loads(ref.read_text())
    same = {p: [t["term"] for t in ours["distinctive_terms"][p]] == theirs[p] for p in ("democrat", "republican")}
    return same


# ---- the report --------------------------------------------------------------------------------------

def machine() -> dict:
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        info["usable cores"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            info["cpu"] = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            info["ram"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    info["load average at start"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return info


def versions(st_python: str) -> dict:
    from importlib.metadata import version
    out = {}
    for pkg in ("numpy", "pandas", "scikit-learn", "scipy", "vaderSentiment", "streamlit", "plotly", "playwright"):
        try:
            out[pkg] = version(pkg)
        except Exception:
            out[pkg] = "not installed"
    import framing
    out["framing"] = framing.__version__ + " (" + _git_rev() + ")"
    if st_python:
        code = ("from importlib.metadata import version as v; import json; "
                "print(json.dumps({p: v(p) for p in ('scattertext', 'spacy', 'numpy', 'pandas', 'scikit-learn')}))")
        st = json.loads(subprocess.run([st_python, "-c", code], capture_output=True, text=True, check=True).stdout)
        out.update({f"{k} (Scattertext env)": v for k, v in st.items()})
    try:
        out["chromium"] = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        out["chromium"] = "not installed"
    return out


def _git_rev() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "framing"], cwd=ROOT, capture_output=True, text=True).stdout
        return rev + (" + uncommitted changes in framing/" if dirty.strip() else "")
    except OSError:
        return "unknown"


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt_range(values, unit="s", digits=2):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratio_range(num, den):
    """Median of the per-round ratios (num[i] / den[i]), with min and max."""
    pairs = [n / d for n, d in zip(num, den) if n is not None and d]
    if not pairs:
        return "n/a", None
    m = statistics.median(pairs)
    return f"{m:.2f}x ({min(pairs):.2f}–{max(pairs):.2f})", m


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True, help="folder with convention2012.csv and scattertext_top20.json")
    ap.add_argument("--scattertext-python", default="", help="interpreter of the throwaway Scattertext environment")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--json", type=Path, help="also write the raw measurements here")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="2 rounds, no x50/x200: to check the harness")
    ap.add_argument("--no-dashboard", action="store_true")
    ap.add_argument("--render-from", type=Path, metavar="JSON",
                    help="rewrite the report from the raw measurements of an earlier run (--json), measuring nothing")
    args = ap.parse_args(argv)
    if args.render_from:
        raw = json.loads(args.render_from.read_text())
        write_report(args.out, render(raw["machine"], raw["versions"], raw["sizes"], raw["checks"], raw["results"],
                                      raw["dashboard"], raw["elapsed_s"], raw["rounds"], raw["quick"]))
        print(f"wrote {args.out} from {args.render_from}")
        return 0
    started = time.perf_counter()
    data = args.data
    rounds = 2 if args.quick else args.rounds
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    info, vers = machine(), versions(args.scattertext_python)
    print("machine:", info, flush=True)

    files = {"convention": data / "convention2012.csv", "bundled": data / "bundled.csv"}
    sizes = {"convention": {"documents": 189}, "bundled": export_bundled(files["bundled"])}
    copies = (10,) if args.quick else (10, 50, 200)
    for k in copies:
        files[f"x{k}"] = data / f"convention_x{k}.csv"
        sizes[f"x{k}"] = replicate(files["convention"], files[f"x{k}"], k)

    checks = {"vader_equality": vader_equality(files["convention"]),
              "vader_equality_bundled": vader_equality(files["bundled"]),
              "scattertext_top20": scattertext_top20(files["convention"], data / "scattertext_top20.json")}
    print("checks:", checks, flush=True)

    st_ok = bool(args.scattertext_python)
    plan = [  # workload, sides, rounds, contenders
        ("bundled", ("US", "China"), rounds, ["framing", "framing-stages", "scattertext", "baseline", "vader"]),
        ("convention", ("democrat", "republican"), rounds, ["framing", "framing-stages", "scattertext", "baseline", "vader"]),
        ("x10", ("democrat", "republican"), rounds, ["framing", "framing-stages", "scattertext", "baseline", "vader"]),
    ]
    # Rounds per contender where the whole benchmark must stay under ~25 minutes on 2 cores:
    # on x50 the stage-by-stage run and vaderSentiment alone run in the first 3 rounds only,
    # and x200 (37,800 documents) runs once, for framing and the baseline only.
    limits = {("x50", "framing-stages"): 3, ("x50", "vader"): 3}
    if not args.quick:
        plan.append(("x50", ("democrat", "republican"), rounds, ["framing", "framing-stages", "scattertext", "baseline", "vader"]))
        plan.append(("x200", ("democrat", "republican"), 1, ["framing", "baseline"]))
    results: dict = {}
    for workload, sides, n_rounds, contenders in plan:
        if not st_ok:
            contenders = [c for c in contenders if c != "scattertext"]
        results[workload] = {c: [] for c in contenders}
        for r in range(n_rounds):
            order = contenders[r % len(contenders):] + contenders[:r % len(contenders)]
            for c in order:
                if r >= limits.get((workload, c), n_rounds):
                    continue
                py = args.scattertext_python if c == "scattertext" else sys.executable
                m = measure([py, str(ROOT / "bench" / "worker.py"), c, str(files[workload]), *sides], env=env)
                results[workload][c].append(m)
                print(f"{workload:10s} round {r + 1}/{n_rounds} {c:15s} wall {m['wall_s']:7.2f}s work {m['work_s']:7.2f}s "
                      f"pss {m['peak_pss_mb']:6.0f} MB", flush=True)

    dashboard = None
    if not args.no_dashboard:
        from bench import dashboard_latency
        dashboard = dashboard_latency.run(rounds=rounds)
    info["load average at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    elapsed = time.perf_counter() - started
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "versions": vers, "sizes": sizes, "checks": checks,
                                         "results": results, "dashboard": dashboard, "elapsed_s": elapsed,
                                         "rounds": rounds, "quick": args.quick}, indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_report(args.out, render(info, vers, sizes, checks, results, dashboard, elapsed, rounds, args.quick))
    print(f"wrote {args.out} in {elapsed / 60:.1f} min", flush=True)
    return 0


#: docs/benchmarks.md holds the part this script writes between these two lines; whatever stands
#: outside them (sections written by hand or by other benchmarks) is kept as it is.
BEGIN_MARK = "<!-- written by bench/run.sh from here to the end mark; text outside the marks is kept -->"
END_MARK = "<!-- end of the part written by bench/run.sh -->"


def write_report(path: Path, text: str) -> None:
    """Write ``text`` between the marks of ``path``, keeping the rest of the file; a file without
    the marks keeps its whole old text after the new part (nothing is lost)."""
    block = f"{BEGIN_MARK}\n{text.rstrip()}\n{END_MARK}\n"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN_MARK in old and END_MARK in old:
        head, rest = old.split(BEGIN_MARK, 1)
        new = head + block + rest.split(END_MARK, 1)[1].lstrip("\n")
        if not new.endswith("\n"):
            new += "\n"
        new = new.replace(END_MARK + "\n", END_MARK + "\n\n", 1) if rest.split(END_MARK, 1)[1].strip() else new
    elif old.strip():
        new = block + "\n<!-- the file had no marks: its earlier text follows, unchanged -->\n\n" + old
    else:
        new = block
    path.write_text(new, encoding="utf-8")


def render(info, vers, sizes, checks, results, dashboard, elapsed, rounds, quick) -> str:
    from framing.analyses.align import AlignOptions
    from framing.analyses.sentiment import BOOTSTRAP_MAX_VALUES, PARALLEL_MIN_SENTENCES
    from framing.comparison import PARALLEL_MIN_CHARS
    L = []
    L += ["# Benchmarks", "",
          "Generated by `bash bench/run.sh` (see [How to rerun](#how-to-rerun)); do not edit by hand. "
          "Numbers are medians with (min–max) over the rounds; every ratio is the median of per-round "
          "ratios of contenders measured in the same round, interleaved.", ""]
    if quick:
        L += ["**Quick run (`--quick`): 2 rounds, no x50/x200. Not the reference figures.**", ""]
    L += ["## Machine and versions", "", "| | |", "|---|---|"]
    L += [f"| {k} | {v} |" for k, v in info.items()]
    L += [f"| {k} | {v} |" for k, v in vers.items()]
    L += [f"| whole benchmark | {elapsed / 60:.1f} min |", ""]

    L += ["## Workloads", "",
          "- **bundled**: the bundled event (`framing.load_bundled()`), US vs China.",
          "- **convention**: Scattertext's 2012 convention corpus (189 speeches, democrat vs republican), "
          "exported from `scattertext` in the throwaway environment by `bench/export_convention.py`.",
          "- **xN**: the convention corpus N times. Each speech is split into framing's sentences and every "
          "sentence of copy k gets the token `copyk` in front (`copy17 We are here tonight.`), re-joined with "
          "single spaces: no sentence repeats exactly across copies, so no cache can flatter a figure "
          "(framing keeps no cache between calls anyway).", ""]
    L += ["| workload | documents | sentences (framing) |", "|---|---:|---:|"]
    for w in results:
        n_sent = next((m.get("n_sentences") for m in results[w].get("framing", []) if m.get("n_sentences")), None)
        L.append(f"| {w} | {sizes[w]['documents']:,} | {n_sent:,} |" if n_sent else f"| {w} | {sizes[w]['documents']:,} | |")
    L += ["", "Settings: framing runs `compare()` with the CLI's settings for this corpus (`--stop-words none "
          "--ngram 1 1`: unigrams, no stop-word list, like Scattertext), so it computes every analysis: "
          "overlap, distinctive terms, descriptors, sentiment, alignment (and whatever else `compare()` "
          f"does in this version). compare() runs the per-document work on both cores from {PARALLEL_MIN_CHARS:,} "
          f"characters and sentiment from {PARALLEL_MIN_SENTENCES:,} sentences a side; alignment samples "
          f"{AlignOptions().max_sentences:,} sentences a side beyond that many (labelled in the output); "
          f"the sentiment interval is a normal approximation beyond {BOOTSTRAP_MAX_VALUES:,} sentences (labelled).", ""]

    L += ["## Contenders, workload by workload", "",
          "*work* is the analysis inside the process (after imports and reading the CSV); *whole process* is the "
          "wall time from starting the interpreter to its exit; *CPU* is user+system time of the process tree; "
          "*peak PSS* is the summed proportional memory of the process and its worker processes (polled every "
          "50 ms); *max RSS* the peak resident set (VmHWM) of the largest single process.", ""]
    for w, by in results.items():
        L += [f"### {w}", "", "| contender | work s | whole process s | import s | CPU s | peak PSS MB | max RSS MB |",
              "|---|---:|---:|---:|---:|---:|---:|"]
        for c, ms in by.items():
            L.append(f"| {c} | {fmt_range([m['work_s'] for m in ms])} | {fmt_range([m['wall_s'] for m in ms])} | "
                     f"{fmt_range([m['import_s'] for m in ms])} | {fmt_range([m['cpu_s'] for m in ms], digits=1)} | "
                     f"{fmt_range([m['peak_pss_mb'] for m in ms], digits=0)} | {fmt_range([m['max_rss_mb'] for m in ms], digits=0)} |")
        stages = by.get("framing-stages")
        if stages:
            names = list(stages[0]["stages"])
            L += ["", "framing stage by stage (one process, each public function timed; the stages before the "
                  "both-cores row run on one core):", "", "| stage | s |", "|---|---:|"]
            L += [f"| {n} | {fmt_range([m['stages'].get(n) for m in stages], digits=3)} |" for n in names]
        if "vader" in by:
            L += ["", f"vaderSentiment alone: {fmt_range([m['sentences_per_s'] for m in by['vader']], digits=0)} sentences/s "
                  f"(one core, {by['vader'][0]['n_sentences']:,} sentences; splitting them took "
                  f"{fmt_range([m['split_s'] for m in by['vader']], digits=2)} s and is not counted)."]
        L.append("")

    L += ["## Ratios (same round, side by side)", "", "| comparison | workload | ratio: median (min–max) |", "|---|---|---:|"]
    table = {}

    def add(label, workload, num, den):
        text, value = ratio_range(num, den)
        table[(label, workload)] = value
        L.append(f"| {label} | {workload} | {text} |")

    for w, by in results.items():
        if "scattertext" in by and "framing" in by:
            add("Scattertext build+score work / framing compare() work", w,
                [m["work_s"] for m in by["scattertext"]], [m["work_s"] for m in by["framing"]])
            add("Scattertext whole process / framing whole process", w,
                [m["wall_s"] for m in by["scattertext"]], [m["wall_s"] for m in by["framing"]])
        if "scattertext" in by and "framing-stages" in by:
            add("Scattertext build+score work / framing's same work (counts+overlap+distinctive stages)", w,
                [m["work_s"] for m in by["scattertext"]],
                [sum(v for k, v in m["stages"].items() if k.startswith(("counts", "overlap", "distinctive")))
                 for m in by["framing-stages"]])
        if "framing-stages" in by and "baseline" in by:
            tfidf = [sum(v for k, v in m["stages"].items() if k.startswith(("counts", "overlap", "distinctive")))
                     for m in by["framing-stages"]]
            add("framing counts+TF-IDF overlap+distinctive / bare baseline work", w, tfidf, [m["work_s"] for m in by["baseline"]])
        if "framing-stages" in by and "vader" in by:
            add("vaderSentiment alone / framing sentiment stage", w, [m["work_s"] for m in by["vader"]],
                [m["stages"]["sentiment (VADER rules, bootstrap)"] for m in by["framing-stages"]])
    L.append("")

    if dashboard:
        L += dashboard_section(dashboard)

    L += ["## Checks run by the benchmark", "",
          f"- framing's VADER compound equals `vaderSentiment`'s `polarity_scores` on "
          f"{checks['vader_equality']['equal']:,} of {checks['vader_equality']['sentences']:,} sentences of the convention "
          f"corpus and {checks['vader_equality_bundled']['equal']} of {checks['vader_equality_bundled']['sentences']} of the bundled event"
          + (f" (differing: {checks['vader_equality']['examples']})" if checks['vader_equality']['examples'] else "") + ".",
          f"- The CLI (`python -m framing compare convention2012.csv --side-column party --stop-words none --ngram 1 1 "
          f"--format json`) reproduces Scattertext's top 20 terms: democrat {checks['scattertext_top20']['democrat']}, "
          f"republican {checks['scattertext_top20']['republican']}.", ""]
    L += targets_section(results, table, dashboard)
    notes = ROOT / "bench" / "NOTES.md"
    if notes.exists():   # the hand-written analysis: why targets are met or missed, before/after
        L += ["", notes.read_text().strip()]
    L += ["", "## How to rerun", "",
          "```bash",
          "bash bench/run.sh                 # everything, about 25 minutes on 2 cores; writes docs/benchmarks.md",
          "bash bench/run.sh --quick         # 2 rounds, no x50/x200: checks the harness in a few minutes",
          "ST_VENV=/path/to/venv bash bench/run.sh   # reuse a Scattertext 0.2.2 environment",
          "```", "",
          "`bench/run.sh` creates the throwaway Scattertext environment when it is missing (outside the "
          "repository), exports the convention corpus into a temporary folder, runs `bench/bench.py` "
          "(contenders in `bench/worker.py`, the browser part in `bench/dashboard_latency.py`) and deletes "
          "the exported data. `--rounds N`, `--no-dashboard` and `--json PATH` (raw measurements) pass through."]
    return "\n".join(L) + "\n"


def targets_section(results, ratios, dashboard) -> list[str]:
    """Each target of issue 4 against this run's numbers: met, missed, or not measured."""
    rows = []

    def verdict(ok):
        return "n/a" if ok is None else ("**met**" if ok else "**missed**")

    for w in results:
        r = ratios.get(("framing counts+TF-IDF overlap+distinctive / bare baseline work", w))
        if r is not None:
            rows.append((f"TF-IDF + distinctive stages ≤ 1.5x the bare baseline ({w})", f"{r:.2f}x", verdict(r <= 1.5)))
    for w in ("convention", "x50"):
        for label, key in (("work", "Scattertext build+score work / framing compare() work"),
                           ("whole process", "Scattertext whole process / framing whole process")):
            r = ratios.get((key, w))
            rows.append((f"compare() ≥ 3x faster than Scattertext build+score, {label} ({w})",
                         "n/a" if r is None else f"Scattertext time / framing time = {r:.2f}",
                         verdict(None if r is None else r >= 3)))
    x50 = results.get("x50", {}).get("framing")
    if x50:
        pss, rss = med([m["peak_pss_mb"] for m in x50]), med([m["max_rss_mb"] for m in x50])
        rows.append(("x50 peak memory ≤ 400 MB (framing compare(), whole process)",
                     f"{pss:.0f} MB PSS (tree), {rss:.0f} MB peak RSS", verdict(max(pss, rss) <= 400)))
    x200 = results.get("x200", {}).get("framing")
    if x200:
        pss, rss = max(m["peak_pss_mb"] for m in x200), max(m["max_rss_mb"] for m in x200)
        rows.append(("x200 (37,800 documents) completes in one process under 2 GB",
                     f"completed in {x200[0]['wall_s']:.0f} s; {pss:.0f} MB PSS (tree), {rss:.0f} MB peak RSS",
                     verdict(max(pss, rss) < 2048)))
    if dashboard:
        apps = dashboard["apps"]
        text, r = ratio_range([m["first_chart_s"] for m in apps["dashboard.py"]],
                              [m["first_chart_s"] for m in apps["hello world (one plotly chart)"]])
        rows.append(("dashboard first chart ≤ 1.5x the hello-world app's", text, verdict(None if r is None else r <= 1.5)))
        rerun = med([m.get("rerun_s") for m in apps["dashboard.py"]])
        rows.append(("rerun after a settings change on the bundled event ≤ 0.5 s",
                     "n/a" if rerun is None else f"{rerun:.2f} s", verdict(None if rerun is None else rerun <= 0.5)))
    L = ["## Targets (issue 4), from this run", "", "| target | this run | |", "|---|---|---|"]
    L += [f"| {t} | {v} | {ok} |" for t, v, ok in rows]
    # issue 11 item 6: whole process, side by side
    rows = []
    for w, goal in (("convention", 1.2), ("x10", 2.0), ("x50", 3.0)):
        r = ratios.get(("Scattertext whole process / framing whole process", w))
        rows.append((f"compare() whole process ≥ {goal:g}x faster than Scattertext build+score ({w})",
                     "n/a" if r is None else f"{r:.2f}x", verdict(None if r is None else r >= goal)))
    if x50:
        rss = med([m["max_rss_mb"] for m in x50])
        rows.append(("x50 peak ≤ 450 MB (largest process)", f"{rss:.0f} MB peak RSS", verdict(rss <= 450)))
    L += ["", "## Targets (issue 11, speed from sharing the tokenisation), from this run", "",
          "| target | this run | |", "|---|---|---|"]
    L += [f"| {t} | {v} | {ok} |" for t, v, ok in rows]
    return L + [""]


def dashboard_section(d) -> list[str]:
    L = ["## Dashboard latency", "",
         "Real Chromium (`/usr/bin/chromium`, headless, through Playwright) against `streamlit run` on a free "
         "loopback port, a fresh server per round, the two apps interleaved. *First chart*: from starting the "
         "server process to the first Plotly chart visible in the page (the browser is already running). "
         "*Rerun*: from clicking the other stop-words option in the sidebar to the charts showing the new "
         "result and the app idle. *Peak PSS*: the server's process tree over the whole round.", "",
         "| app | first chart s | rerun after a settings change s | server peak PSS MB |", "|---|---:|---:|---:|"]
    for app, ms in d["apps"].items():
        L.append(f"| {app} | {fmt_range([m['first_chart_s'] for m in ms])} | "
                 f"{fmt_range([m.get('rerun_s') for m in ms])} | {fmt_range([m['peak_pss_mb'] for m in ms], digits=0)} |")
    text, _ = ratio_range([m["first_chart_s"] for m in d["apps"]["dashboard.py"]],
                          [m["first_chart_s"] for m in d["apps"]["hello world (one plotly chart)"]])
    L += ["", f"dashboard.py / hello world, first chart, same round: {text}", ""]
    if d.get("notes"):
        L += [f"- {n}" for n in d["notes"]] + [""]
    return L


if __name__ == "__main__":
    sys.exit(main())
