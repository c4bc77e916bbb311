"""compare() against Scattertext (and optionally an older framing), whole process, side by side.

    python bench/side_by_side.py --convention convention2012.csv --copies 10 --rounds 3 \
        --scattertext-python /tmp/framing-scattertext-venv/bin/python [--before /path/to/older/checkout]

Each round runs the contenders one after the other (framing, Scattertext, then the older framing
when ``--before`` is given), each in a fresh interpreter (``bench/worker.py``: compare() in full
with the CLI's settings for this corpus, Scattertext's build+score), and reads what the operating
system accounts for that process and the processes it waited for (``os.wait4``): wall seconds from
start to exit, CPU seconds (user+system), and the peak resident set of the largest process.
Prints medians (min-max) and, for each ratio, the median of the per-round ratios, which holds
when the machine's speed drifts between rounds; the load average before and after says how busy
the machine was. ``--copies 1`` is the convention corpus itself; ``--copies N`` builds xN with
``bench.bench.replicate`` in a temporary folder (removed at the end).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str], env: dict, cwd: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}


def fmt(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--convention", type=Path, required=True, help="the convention corpus CSV (event,party,speaker,text)")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scattertext-python", required=True)
    ap.add_argument("--before", type=Path, help="an older framing checkout to time as well")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="framing-side-by-side-") as tmp:
        corpus = args.convention
        if args.copies > 1:
            sys.path.insert(0, str(ROOT))
            from bench.bench import replicate
            corpus = Path(tmp) / f"x{args.copies}.csv"
            replicate(args.convention, corpus, args.copies)
        worker = ["bench/worker.py", "{who}", str(corpus), "democrat", "republican"]
        contenders = {"framing": ([sys.executable], ROOT), "scattertext": ([args.scattertext_python], ROOT)}
        if args.before:
            contenders["framing before"] = ([sys.executable], args.before.resolve())
        load_before = os.getloadavg()
        runs: dict = {name: [] for name in contenders}
        for _ in range(args.rounds):
            for name, (python, cwd) in contenders.items():
                who = "scattertext" if name == "scattertext" else "framing"
                env = dict(os.environ, PYTHONPATH=str(cwd))
                runs[name].append(run(python + [w.format(who=who) for w in worker], env, cwd))
        load_after = os.getloadavg()
    print(f"workload: {'convention' if args.copies == 1 else f'x{args.copies}'}, {args.rounds} rounds; "
          f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} ({os.cpu_count()} cores)")
    print("| contender | wall s | CPU s | peak MiB (largest process) |\n|---|---:|---:|---:|")
    for name, ms in runs.items():
        print(f"| {name} | {fmt([m['wall'] for m in ms])} | {fmt([m['cpu'] for m in ms])} | "
              f"{fmt([m['peak_mib'] for m in ms], 0)} |")
    for other in [n for n in runs if n != "framing"]:
        for key in ("wall", "cpu"):
            ratios = [o[key] / f[key] for o, f in zip(runs[other], runs["framing"])]
            print(f"{other} / framing, {key}: {fmt(ratios)}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
