"""What one comparison costs, by input size and n-gram range: the measurements behind app/budgets.py.

    .venv/bin/python bench/budgets.py                          # about 10 minutes on 2 cores
    .venv/bin/python bench/budgets.py --sizes 100000 400000 --ngrams 1 3 --json /tmp/budgets.json

Each row runs ``framing.compare`` in a fresh Python process (one row's memory never counts in the
next) on two synthetic sides of ``size`` characters each (documents of about 2,000 characters,
sentences of random words drawn from a Zipf-distributed vocabulary of 30,000 made-up words and the
VADER and descriptor words a readout uses: many distinct n-grams, so the n-gram figures are
pessimistic), with English stop words removed, n-grams 1 to ``n`` and ``top`` terms per side (``--tops``). Reported per row:

- ``peak_mb``: the process's peak resident set (``ru_maxrss``, plus any worker it started);
- ``compare_mb``: the peak less the resident set before ``compare`` (imports and the corpus);
- ``compare_s``: compare's wall time;
- ``pickle_mb`` and ``pickle_s``/``unpickle_s``: the comparison pickled (what a worker process sends
  back, and what ``st.cache_data`` would store and unpickle on every rerun); ``zlib_mb``: that pickle
  compressed at level 1 (what the dashboard keeps for earlier settings) and its time.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD = r"""
import json, pickle, resource, sys, time, zlib
sys.path.insert(0, ROOT)
import framing
from bench.budgets import synthetic_sides
size, n, top = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def rss_mb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024
framing.compare(framing.corpus_from_texts({"A": "Candid talks on trade.", "B": "Frank talks on trade."}))  # imports
corpus = framing.corpus_from_texts(synthetic_sides(size), event="budget")
before = rss_mb()
options = framing.CompareOptions(overlap=framing.OverlapOptions(ngram_range=(1, n), top_terms=top),
                                 distinctive=framing.DistinctiveOptions(top=top))
t0 = time.perf_counter()
result = framing.compare(corpus, options)
compare_s = time.perf_counter() - t0
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
t0 = time.perf_counter(); blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL); pickle_s = time.perf_counter() - t0
t0 = time.perf_counter(); small = zlib.compress(blob, 1); zlib_s = time.perf_counter() - t0
t0 = time.perf_counter(); pickle.loads(zlib.decompress(small)); unzip_unpickle_s = time.perf_counter() - t0
t0 = time.perf_counter(); pickle.loads(blob); unpickle_s = time.perf_counter() - t0
print(json.dumps({"chars_per_side": size, "ngram_max": n, "top": top, "before_mb": round(before), "peak_mb": round(peak),
                  "compare_mb": round(peak - before), "compare_s": round(compare_s, 2),
                  "pickle_mb": round(len(blob) / 2**20, 1), "pickle_s": round(pickle_s, 2),
                  "unpickle_s": round(unpickle_s, 2), "zlib_mb": round(len(small) / 2**20, 1),
                  "zlib_s": round(zlib_s, 2), "unzip_unpickle_s": round(unzip_unpickle_s, 2),
                  "sentences": sum(len(s.sentences) for s in result.sentiment.values()) if isinstance(result.sentiment, dict) else None}))
"""

COMMON = ("the talks were candid constructive frank and in-depth both sides agreed to continue communication on "
          "trade tariffs climate security stability cooperation competition students flights strongly opposes "
          "firmly stressed concerns serious useful pragmatic red line").split()


def synthetic_sides(size: int, seed: int = 7) -> dict[str, list[str]]:
    """Two sides of ``size`` characters each, as documents of about 2,000 characters (deterministic)."""
    rng = random.Random(seed)
    vocabulary = [f"{''.join(rng.choice('bcdfghklmnprstvz') + rng.choice('aeiou') for _ in range(rng.randint(2, 4)))}"
                  for _ in range(30_000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    sides = {}
    for side in ("Alpha", "Beta"):
        documents, total = [], 0
        while total < size:
            sentences, length = [], 0
            while length < min(2_000, size - total):
                words = rng.choices(vocabulary, weights, k=rng.randint(8, 24)) + rng.sample(COMMON, 3)
                rng.shuffle(words)
                sentence = " ".join(words).capitalize() + "."
                sentences.append(sentence)
                length += len(sentence) + 1
            documents.append(" ".join(sentences))
            total += len(documents[-1])
        sides[side] = documents
    return sides


def measure(size: int, n: int, timeout: float, top: int = 20) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-c", CHILD.replace("ROOT", repr(str(ROOT)), 1), str(size), str(n), str(top)],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env)
    if done.returncode:
        return {"chars_per_side": size, "ngram_max": n, "top": top, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    lines = ["| characters a side | n-grams | top | peak RSS | of which compare() | compare() | pickle | pickle + unpickle "
             "| zlib level 1 | compress, then decompress + unpickle |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['chars_per_side']:,} | 1-{r['ngram_max']} | {r.get('top', 20)} | error: {r['error']} |||||||")
            continue
        lines.append(f"| {r['chars_per_side']:,} | 1-{r['ngram_max']} | {r.get('top', 20)} | {r['peak_mb']} MB | {r['compare_mb']} MB | "
                     f"{r['compare_s']} s | {r['pickle_mb']} MB | {r['pickle_s']} + {r['unpickle_s']} s | "
                     f"{r['zlib_mb']} MB | {r['zlib_s']} + {r['unzip_unpickle_s']} s |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 250_000, 500_000, 1_000_000])
    parser.add_argument("--ngrams", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--tops", type=int, nargs="+", default=[20], help="terms per side (default 20)")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--report", type=Path, metavar="JSON", help="print the table of a saved --json run")
    args = parser.parse_args(argv)
    if args.report:
        print(table(json.loads(args.report.read_text(encoding="utf-8"))["rows"]))
        return 0
    rows = []
    for size in args.sizes:
        for n in args.ngrams:
            for top in args.tops:
                rows.append(measure(size, n, args.timeout, top))
                print(json.dumps(rows[-1]), flush=True)
    out = {"rows": rows, "cpus": os.cpu_count(), "load_average_at_end": os.getloadavg()}
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
