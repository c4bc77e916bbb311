"""Descriptor validity on the development sets: precision and recall against hand marks.

Reads every readout in ``bench/devsets/readouts/*.json`` (both sides' English readouts, with the
descriptors each side applies to the talks marked by hand, and the words about length marked as
``duration``) and runs :func:`framing.extract_descriptors` on each side's sentences. Prints, per
file and overall: true positives, false positives (extracted, not marked), misses (marked, not
extracted), precision and recall; ``--json`` prints the same as JSON.

Rerun: ``.venv/bin/python bench/descriptor_eval.py`` (figures in docs/validity.md).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing import extract_descriptors  # noqa: E402

DEVSET = ROOT / "bench" / "devsets" / "readouts"


def evaluate(devset: Path = DEVSET) -> dict:
    rows, tp, fp, fn = [], 0, 0, 0
    for path in sorted(devset.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for side, account in data["sides"].items():
            marked = set(data.get("descriptors", {}).get(side, []))
            found = set(extract_descriptors(" ".join(account["sentences"])))
            row = {"file": path.name, "side": side, "marked": sorted(marked), "found": sorted(found),
                   "false_positives": sorted(found - marked), "misses": sorted(marked - found)}
            tp += len(found & marked)
            fp += len(found - marked)
            fn += len(marked - found)
            rows.append(row)
    return {"accounts": len(rows), "true_positives": tp, "false_positives": fp, "misses": fn,
            "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
            "rows": rows}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = evaluate()
    if args.json:
        json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for r in result["rows"]:
        if r["false_positives"] or r["misses"]:
            print(f"{r['file']} {r['side']}: extra {r['false_positives']} missed {r['misses']}")
    print(f"accounts {result['accounts']}: {result['true_positives']} right, {result['false_positives']} extra, "
          f"{result['misses']} missed; precision {result['precision']:.2f}, recall {result['recall']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
