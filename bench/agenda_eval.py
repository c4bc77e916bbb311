"""How well the agenda (the topics each side raised) reads the readout development set.

The 13 readout pairs of ``bench/devsets/readouts/`` mark, by hand, every pair of sentences where both
sides report the same thing, each with the topic it is about (a topic id of ``framing/data/topics.csv``,
or ``meeting`` for the meeting itself, which is no agenda topic and is left out here). That gives two
measures of the agenda without a second marking:

- *sentence tagging recall*: of the sentences in a marked pair about topic T (each sentence once per
  topic), the share that :func:`framing.analyses.agenda.tag_sentences` tags with T, per side;
- *shared topics*: a meeting's marked shared topics (the topics of its marked pairs) against the
  agenda's ``shared`` (topics both sides' sentences were tagged with). Recall is exact. Precision is an
  estimate: a topic the agenda calls shared with no marked pair counts as wrong, although both sides
  may have touched it without reporting the same thing (the marks pair sentences, not topics).

Run: ``/work/main/.venv/bin/python -m bench.agenda_eval`` (``--json`` for every meeting's rows). The
tagger's rules and lexicon were written looking at these meetings: in-sample figures, an upper bound.
``--set FOLDER`` reads another folder in the same format instead, e.g. the held-out meetings of
``bench/devsets/readouts_fresh_other/`` (marked before the code first ran on them): out-of-sample figures.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from framing.analyses.agenda import build_agenda, bundled_topics, tag_sentences

DEVSET = Path(__file__).resolve().parent / "devsets" / "readouts"
NOT_A_TOPIC = "meeting"


def meeting_rows(path: Path, lexicon) -> dict:
    data = json.loads(path.read_text("utf-8"))
    sides = tuple(data["sides"])
    sentences = {s: data["sides"][s]["sentences"] for s in sides}
    tags = {s: tag_sentences(sentences[s], lexicon) for s in sides}
    marked = [p for p in data["pairs"] if p["topic"] != NOT_A_TOPIC]
    tagged = {s: {(p["a" if k == 0 else "b"], p["topic"]) for p in marked} for k, s in enumerate(sides)}
    hits = {s: sorted((i, t) for i, t in tagged[s] if t in tags[s][i]) for s in sides}
    misses = {s: sorted((i, t, sentences[s][i]) for i, t in tagged[s] if t not in tags[s][i]) for s in sides}
    agenda = build_agenda(sentences, sides, lexicon, tags=tags)
    want, got = {p["topic"] for p in marked}, set(agenda.shared)
    return {"name": path.stem, "sides": sides, "tag_marked": {s: len(tagged[s]) for s in sides},
            "tag_found": {s: len(hits[s]) for s in sides}, "tag_misses": misses,
            "shared_marked": sorted(want), "shared_found": sorted(got & want), "shared_extra": sorted(got - want)}


def evaluate(devset: Path = DEVSET) -> dict:
    lexicon = bundled_topics()
    folders = [devset] if isinstance(devset, (str, Path)) else list(devset)
    rows = [meeting_rows(p, lexicon) for folder in folders for p in sorted(Path(folder).glob("*.json"))]
    marked = sum(sum(r["tag_marked"].values()) for r in rows)
    found = sum(sum(r["tag_found"].values()) for r in rows)
    want = sum(len(r["shared_marked"]) for r in rows)
    hit = sum(len(r["shared_found"]) for r in rows)
    extra = sum(len(r["shared_extra"]) for r in rows)
    return {"meetings": len(rows), "tagging": {"marked": marked, "found": found, "recall": found / marked},
            "shared": {"marked": want, "found": hit, "extra": extra, "recall": hit / want,
                       "precision_estimate": hit / (hit + extra)},
            "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print every meeting's rows as JSON")
    parser.add_argument("--set", metavar="FOLDER", dest="devset", default=str(DEVSET),
                        help="another folder of readout files (e.g. bench/devsets/readouts_fresh_other)")
    args = parser.parse_args()
    result = evaluate(Path(args.devset))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    t, s = result["tagging"], result["shared"]
    print(f"{result['meetings']} meetings" + ("" if Path(args.devset) == DEVSET else f" in {args.devset}"))
    print(f"sentence tagging recall: {t['found']} of {t['marked']} = {t['recall']:.2f}")
    print(f"shared topics: recall {s['found']} of {s['marked']} = {s['recall']:.2f}; "
          f"precision (estimate) {s['found']} of {s['found'] + s['extra']} = {s['precision_estimate']:.2f}")
    for r in result["rows"]:
        misses = [f"{side} {i} {t}" for side in r["sides"] for i, t, _ in r["tag_misses"][side]]
        print(f"  {r['name']}: shared {len(r['shared_found'])}/{len(r['shared_marked'])}"
              f"{' extra ' + ','.join(r['shared_extra']) if r['shared_extra'] else ''}"
              f"{'; untagged ' + '; '.join(misses) if misses else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
