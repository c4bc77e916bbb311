"""The events bundled in ``corpus/``: what opens when no input is given."""
from __future__ import annotations

import json
from pathlib import Path

from framing.inputs.corpus import Corpus, Document

__all__ = ["CORPUS_DIR", "DEFAULT_EVENT", "DEFAULT_SIDES", "load_bundled"]

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
DEFAULT_EVENT = "Blinken-Qin talks, Beijing, 2023-06-18"
DEFAULT_SIDES = ("US", "China")


def load_bundled() -> Corpus:
    """Every bundled event's statements, in file and article order."""
    docs = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                docs.append(Document(**json.loads(line)))
    return Corpus(tuple(docs))
