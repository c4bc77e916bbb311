"""Build the bundled event from the founding article: one statement per speaker.

Run from the repository root: ``python corpus/build_blinken_qin.py``. It rewrites
``corpus/blinken-qin-2023-06-18.jsonl``; ``tests/test_bundled.py`` checks that every
statement is the article's exact text at its recorded offsets.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "sources" / "wion-2023-06-18-blinken-qin.txt"
OUT = HERE / "blinken-qin-2023-06-18.jsonl"
EVENT = "Blinken-Qin talks, Beijing, 2023-06-18"
DATE = "2023-06-18"

# Each double-quoted span of the article in order, with who is quoted, as the
# article attributes it. The first words are checked so a changed source fails loudly.
QUOTES = [
    ("candid, substantive", "US", "State Department", "Officials in Washington"),
    ("The secretary emphasized", "US", "State Department", "Matthew Miller, spokesperson"),
    ("continue the discussions", "US", "State Department", "State Department readout, as quoted"),
    ("raised a number", "US", "State Department", "Matthew Miller, spokesperson"),
    ("opportunities to explore", "US", "State Department", "Matthew Miller, spokesperson"),
    ("are at the lowest point", "China", "CCTV", "Qin Gang"),
    ("This does not conform", "China", "CCTV", "Qin Gang"),
    ("The Taiwan issue", "China", "Chinese state media", "Qin Gang"),
    ("candid, substantive", "US", "State Department", "Washington"),
    ("candid, in-depth", "China", "Chinese state media", "Chinese state media"),
]
# Lines of the page that are not the article's reporting (navigation, credits).
BOILERPLATE = re.compile(r"ALSO WATCH \|[^\n]*|WATCH WION LIVE HERE|\(With inputs from agencies\)|^\s*date \d{4}-\d{2}-\d{2}")
MIN_MEDIA_WORDS = 3  # connectives between two quotes ("and", "said") are not statements


def _quotes(article: str):
    # Curly double quotes only: the article uses ’ as an apostrophe inside quotes.
    return list(re.finditer(r"“([^”]*)”", article))


def build() -> list[dict]:
    article = SOURCE.read_text(encoding="utf-8")
    found = _quotes(article)
    if len(found) != len(QUOTES):
        raise SystemExit(f"expected {len(QUOTES)} quotes in {SOURCE.name}, found {len(found)}")
    docs = []
    for n, (match, (prefix, side, source, speaker)) in enumerate(zip(found, QUOTES), start=1):
        if not match.group(1).startswith(prefix):
            raise SystemExit(f"quote {n} starts {match.group(1)[:30]!r}, expected {prefix!r}")
        docs.append(dict(side=side, text=match.group(1), start=match.start(1), end=match.end(1),
                         source=source, speaker=speaker))
    taken = [(m.start(), m.end()) for m in found]
    taken += [(m.start(), m.end()) for m in BOILERPLATE.finditer(article)]
    taken.sort()
    cursor = 0
    for lo, hi in taken + [(len(article), len(article))]:
        for para in re.finditer(r"[^\n]+", article[cursor:lo]):
            raw = para.group(0)
            text = raw.lstrip(" ,;:.").rstrip(" ,;:")
            if len(re.findall(r"\w+", text)) >= MIN_MEDIA_WORDS:
                start = cursor + para.start() + raw.index(text)
                docs.append(dict(side="media", text=text, start=start, end=start + len(text),
                                 source="WION", speaker="WION reporting"))
        cursor = max(cursor, hi)
    docs.sort(key=lambda d: d["start"])
    rows = []
    for n, d in enumerate(docs, start=1):
        assert article[d["start"]:d["end"]] == d["text"]
        rows.append(dict(event=EVENT, date=DATE, doc_id=f"bq-{n:02d}",
                         title="'Candid' talks between Blinken and Qin (WION, 2023-06-18)", **d))
    return rows


if __name__ == "__main__":
    rows = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} statements to {OUT.relative_to(HERE.parent)}")
