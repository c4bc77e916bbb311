"""Chinese descriptors and translation drift against the hand marks of bench/devsets/chinese.

    /work/main/.venv/bin/python bench/chinese_eval.py [--verbose]

Descriptors: each original sentence as marked is run through ``find_descriptors_zh``; a hit is a
(file, sentence, canonical) the hand marks also have (counted as multisets, so 深入 twice in one
sentence needs two hits). Drift: ``unmatched_sentences`` on each file with both an original and a
translation; a Chinese sentence with an alignment entry should be matched, one without should be
reported (files whose English is cut short list which sentences were not seen: those are left out).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.analyses.descriptors.chinese import find_descriptors_zh  # noqa: E402
from framing.drift import drift, sentence_counterparts  # noqa: E402

DEVSET = ROOT / "bench" / "devsets" / "chinese"
HELDOUT = ROOT / "bench" / "devsets" / "chinese_heldout" / "heldout.json"


def load() -> list[tuple[str, dict]]:
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(DEVSET.glob("*.json"))]


def descriptor_figures(files, verbose: bool) -> dict:
    tp = fp = fn = 0
    misses, wrong = [], []
    for name, d in files:
        gold = Counter((x["sentence"], x["canonical"]) for x in d["descriptors"])
        got = Counter()
        for i, sentence in enumerate(d["original"]["sentences"]):
            got.update((i, m.descriptor) for m in find_descriptors_zh(sentence))
        hit = gold & got
        tp += sum(hit.values())
        fp += sum((got - gold).values())
        fn += sum((gold - got).values())
        wrong += [(name, s, c, d["original"]["sentences"][s]) for (s, c) in (got - gold).elements()]
        misses += [(name, s, c, d["original"]["sentences"][s]) for (s, c) in (gold - got).elements()]
    if verbose:
        for label, rows in (("false positive", wrong), ("missed", misses)):
            for name, s, c, text in rows:
                print(f"  {label}: {name} s{s} {c}: {text}")
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0, "false_positives": wrong, "misses": misses}


def heldout_figures(verbose: bool) -> dict:
    """The same count on sentences marked before the extractor ever saw them (not used to write the rules)."""
    tp = fp = fn = 0
    for row in json.loads(HELDOUT.read_text(encoding="utf-8"))["sentences"]:
        gold, got = Counter(row["descriptors"]), Counter(m.descriptor for m in find_descriptors_zh(row["sentence"]))
        tp += sum((gold & got).values())
        fp += sum((got - gold).values())
        fn += sum((gold - got).values())
        if verbose and gold != got:
            print(f"  held-out: missed {sorted((gold - got).elements())}, extra {sorted((got - gold).elements())}: "
                  f"{row['sentence']}")
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0}


def drift_figures(files, verbose: bool) -> dict:
    """Per Chinese sentence in the visible span: matched (has a counterpart) or not, against the hand alignment."""
    tp = fp = fn = tn = 0
    for name, d in files:
        en = (d.get("translation") or {}).get("sentences") or []
        if not en or not d["alignment"]:
            continue
        zh = d["original"]["sentences"]
        aligned = {a["zh"] for a in d["alignment"]}
        # The English excerpt ends before the Chinese does: sentences after the last aligned one were not seen.
        seen = range(max(aligned) + 1)
        found = sentence_counterparts(zh, en)
        for i in seen:
            has, says = i in aligned, bool(found[i])
            tp += has and says
            fn += has and not says
            fp += says and not has
            tn += not has and not says
            if verbose and has != says:
                print(f"  drift {'missed counterpart' if has else 'wrong counterpart'}: {name} zh{i}: {zh[i]}")
    n = tp + fp + fn + tn
    return {"sentences": n, "agree": tp + tn, "counterpart_found": tp, "counterpart_missed": fn,
            "no_counterpart_correct": tn, "spurious_counterpart": fp}


def rendering_figures(files, verbose: bool) -> dict:
    """``drift``'s rendering of each hand-marked descriptor against the marks' ``translation_rendering``."""
    agree = total = 0
    for name, d in files:
        en = (d.get("translation") or {}).get("sentences")
        if not en:
            continue
        result = drift("".join(d["original"]["sentences"]), " ".join(en))
        got = {(r.sentence, r.canonical): r.rendering for r in result.descriptors}
        for x in d["descriptors"]:
            if x.get("translation_rendering") is None:
                continue   # the English of that sentence was not seen
            total += 1
            rendering = got.get((x["sentence"], x["canonical"]))
            agree += (rendering or "").lower() == x["translation_rendering"].lower()
            if verbose and (rendering or "").lower() != x["translation_rendering"].lower():
                print(f"  rendering: {name} s{x['sentence']} {x['zh']}: marked {x['translation_rendering']!r}, got {rendering!r}")
    return {"agree": agree, "total": total}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss and false positive")
    args = parser.parse_args()
    files = load()
    d = descriptor_figures(files, args.verbose)
    print(f"Chinese descriptors on {len(files)} readouts ({d['tp'] + d['fn']} hand-marked): "
          f"precision {d['precision']:.3f} ({d['tp']}/{d['tp'] + d['fp']}), "
          f"recall {d['recall']:.3f} ({d['tp']}/{d['tp'] + d['fn']})")
    h = heldout_figures(args.verbose)
    print(f"Chinese descriptors on the held-out sentences ({h['tp'] + h['fn']} hand-marked): "
          f"precision {h['precision']:.3f} ({h['tp']}/{h['tp'] + h['fp']}), "
          f"recall {h['recall']:.3f} ({h['tp']}/{h['tp'] + h['fn']})")
    r = drift_figures(files, args.verbose)
    print(f"Drift counterparts on {r['sentences']} Chinese sentences with English in view: "
          f"{r['agree']} agree with the hand alignment; counterpart found {r['counterpart_found']}, "
          f"missed {r['counterpart_missed']}, spurious {r['spurious_counterpart']}, "
          f"correctly none {r['no_counterpart_correct']}")
    g = rendering_figures(files, args.verbose)
    print(f"Drift renderings: {g['agree']} of {g['total']} hand-marked renderings found as marked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
