"""Run every text-reading step on "storms" (one unit repeated to a given size); used by
tests/test_linear_time.py in a subprocess with a time bound.

    python tests/storm_worker.py text SIZE < units.json
    python tests/storm_worker.py analyses SIZE < units.json

``units.json`` is a JSON list of unit strings. For each unit the worker builds ``unit * k`` up to SIZE
characters and runs ``text``: the text layer (sentences in both views, tokens, words, word count);
``analyses``: also the descriptor finder, the register matcher, VADER on the longest sentence and
``compare()`` with the storm as one side. It prints one line per storm: the unit's repr and the
number of sentences.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from framing import CompareOptions, compare, corpus_from_texts  # noqa: E402
from framing.analyses.descriptors import find_descriptors  # noqa: E402
from framing.analyses.register import score_register  # noqa: E402
from framing.analyses.sentiment import score_sentence  # noqa: E402
from framing.text import TOKEN, WORD, count_words, sentence_spans, split_sentences  # noqa: E402


def main() -> None:
    what, size = sys.argv[1], int(sys.argv[2])
    for unit in json.load(sys.stdin):
        text = unit * max(1, size // len(unit))
        sentences = split_sentences(text)
        sentence_spans(text, lines=True)
        for pattern in (TOKEN, WORD):
            for _ in pattern.finditer(text):
                pass
        count_words(text)
        if what == "text":
            print(repr(unit)[:40], len(sentences), flush=True)
            continue
        find_descriptors(text)
        score_register("A", [text])
        if sentences:
            score_sentence(max(sentences, key=lambda s: len(s.text)).text)
        compare(corpus_from_texts({"A": "x " + text, "B": "The talks were candid and constructive."}),
                CompareOptions(sides=("A", "B")))
        print(repr(unit)[:40], len(sentences), flush=True)


if __name__ == "__main__":
    main()
