"""Descriptor validity on the development sets: precision and recall against hand marks.

Reads every readout in ``bench/devsets/readouts/*.json`` (both sides' English readouts, with the
descriptors each side applies to the talks marked by hand, and the words about length marked as
``duration``) and runs :func:`framing.extract_descriptors` on each side's sentences. Prints, per
file and overall: true positives, false positives (extracted, not marked), misses (marked, not
extracted), precision and recall; ``--json`` prints the same as JSON.

Then the same on the held-out sentences (``bench/devsets/descriptors_heldout/sentences.json``, marked
before the extractor was run on them; each sentence scored alone), and the duration facet on both
(:func:`extract_durations`): a marked duration phrase counts as found when a found duration word is
inside it ("two-hour" in "an hour-and-a-half, almost two-hour"), and a found word is extra when it is
inside no marked phrase.

Rerun: ``.venv/bin/python bench/descriptor_eval.py`` (figures in docs/validity.md).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.analyses.descriptors import extract_descriptors  # noqa: E402

try:   # the duration facet (issue 11 item 5); absent from older checkouts, measured as nothing found
    from framing.analyses.descriptors import extract_durations  # noqa: E402
except ImportError:  # pragma: no cover
    def extract_durations(text):
        return []

DEVSET = ROOT / "bench" / "devsets" / "readouts"
HELDOUT = ROOT / "bench" / "devsets" / "descriptors_heldout" / "sentences.json"


def _duration_counts(marked: list, found: list) -> tuple:
    """(found marked phrases, extra found words, missed marked phrases)."""
    hit = [m for m in marked if any(f.replace("-", " ") in m.replace("-", " ") or f in m for f in found)]
    extra = [f for f in found if not any(f.replace("-", " ") in m.replace("-", " ") or f in m for m in marked)]
    return hit, extra, [m for m in marked if m not in hit]


def _score(tp, fp, fn) -> dict:
    return {"true_positives": tp, "false_positives": fp, "misses": fn,
            "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}


def evaluate_heldout(path: Path = HELDOUT) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows, tp, fp, fn, dtp, dfp, dfn = [], 0, 0, 0, 0, 0, 0
    for item in data["sentences"]:
        marked, found = set(item["descriptors"]), set(extract_descriptors(item["sentence"]))
        hit, extra, missed = _duration_counts(item["duration"], extract_durations(item["sentence"]))
        tp, fp, fn = tp + len(found & marked), fp + len(found - marked), fn + len(marked - found)
        dtp, dfp, dfn = dtp + len(hit), dfp + len(extra), dfn + len(missed)
        if found != marked or extra or missed:
            rows.append({"sentence": item["sentence"], "false_positives": sorted(found - marked),
                         "misses": sorted(marked - found), "duration_extra": extra, "duration_missed": missed})
    return {"sentences": len(data["sentences"]), **_score(tp, fp, fn), "duration": _score(dtp, dfp, dfn),
            "rows": rows}


def evaluate(devset: Path = DEVSET) -> dict:
    rows, tp, fp, fn, dtp, dfp, dfn = [], 0, 0, 0, 0, 0, 0
    for path in sorted(devset.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for side, account in data["sides"].items():
            marked = set(data.get("descriptors", {}).get(side, []))
            text = " ".join(account["sentences"])
            found = set(extract_descriptors(text))
            hit, extra, missed = _duration_counts(data.get("duration", {}).get(side, []), extract_durations(text))
            dtp, dfp, dfn = dtp + len(hit), dfp + len(extra), dfn + len(missed)
            row = {"file": path.name, "side": side, "marked": sorted(marked), "found": sorted(found),
                   "false_positives": sorted(found - marked), "misses": sorted(marked - found),
                   "duration_extra": extra, "duration_missed": missed}
            tp += len(found & marked)
            fp += len(found - marked)
            fn += len(marked - found)
            rows.append(row)
    return {"accounts": len(rows), **_score(tp, fp, fn), "duration": _score(dtp, dfp, dfn), "rows": rows}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result, heldout = evaluate(), evaluate_heldout()
    if args.json:
        json.dump({**result, "heldout": heldout}, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    for r in result["rows"]:
        if r["false_positives"] or r["misses"] or r["duration_extra"] or r["duration_missed"]:
            print(f"{r['file']} {r['side']}: extra {r['false_positives']} missed {r['misses']}"
                  f" duration extra {r['duration_extra']} missed {r['duration_missed']}")
    print(f"dev set, accounts {result['accounts']}: {_line(result)}; duration {_line(result['duration'])}")
    for r in heldout["rows"]:
        print(f"held-out: extra {r['false_positives']} missed {r['misses']} duration extra {r['duration_extra']}"
              f" missed {r['duration_missed']} | {r['sentence'][:90]}")
    print(f"held-out, sentences {heldout['sentences']}: {_line(heldout)}; duration {_line(heldout['duration'])}")
    return 0


def _line(score: dict) -> str:
    def f(x):
        return "n/a" if x is None else f"{x:.2f}"
    return (f"{score['true_positives']} right, {score['false_positives']} extra, {score['misses']} missed; "
            f"precision {f(score['precision'])}, recall {f(score['recall'])}")


if __name__ == "__main__":
    sys.exit(main())
