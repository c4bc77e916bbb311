"""The fast paths of descriptors and register give exactly the results of the plain paths.

Descriptors: ``_find`` tokenizes only the sentence groups near an anchor word,
``descriptor_reference.find_whole`` the whole text (the reference, kept in the tests). Register: ``score_register`` skips sentences without a
phrase's longest word and can take the sentences already split; the reference matches every
sentence by itself.
"""
from __future__ import annotations

import ast
import csv
import random
from pathlib import Path

from convention import convention_csv
from descriptor_reference import find_whole

from framing import load_bundled
from framing.analyses.descriptors import find as D
from framing.analyses import register as R
from framing.analyses.register import match as RM
from framing.text import split_sentences

HERE = Path(__file__).resolve().parent


def _strings(path: Path) -> list[str]:
    """Every string literal of a test module that looks like text (the descriptor cases)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return list(dict.fromkeys(s for s in out if len(s) > 3 and " " in s.strip()))


CASES = _strings(HERE / "test_descriptors.py")
SEPARATORS = [" ", "  ", "\n", "\n\n", " \n ", "\r\n", ". ", "! ", "? ", ' "', '" ', " '", "' ", "\u201c", "\u201d ",
              " (", ") ", " \u2014 ", "\u2014", " - ", "_", " _ ", ", ", "; ", "\t"]
NOISE = ["in", "depth", "in depth", "at", "length", "great", "detail", "Mr.", "U.S.", "No.", "vs.", "Dr", "frank",
         "FRANK", "Candid", "candidly", "openly", "talks", "were", "not", "very", "and", "wide ranging",
         "wide\u2011ranging", "in\u2013depth", "indepth", "heart to heart", "\u0130stanbul", "stra\u00dfe",
         "don't", "didn\u2019t", "'candid'", "\u201cfrank and useful\u201d", "_candid_", "x", "1", "--"]


def _documents(seed: int, n: int) -> list[str]:
    """Random documents stitched from the descriptor cases, noise words and separators."""
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 8)):
            piece = rng.choice(CASES) if rng.random() < 0.6 else rng.choice(NOISE)
            if rng.random() < 0.1:
                piece = piece.upper()
            if rng.random() < 0.15 and len(piece) > 4:   # cut a case anywhere
                cut = rng.randint(1, len(piece) - 1)
                piece = piece[cut:] if rng.random() < 0.5 else piece[:cut]
            parts += [piece, rng.choice(SEPARATORS)]
        docs.append("".join(parts[:-1] if rng.random() < 0.5 else parts))
    return docs


def _descriptor_rows(matches):
    return [(m.descriptor, m.surface, m.start, m.end, m.form, m.sentence) for m in matches]


def _assert_same_descriptors(texts):
    fast_cache, whole_cache = {}, {}
    for text in texts:
        fast = _descriptor_rows(D._find(text, fast_cache))
        whole = _descriptor_rows(find_whole(text, whole_cache))
        assert fast == whole, text


def test_descriptor_cases_one_by_one_and_joined():
    assert len(CASES) > 100
    _assert_same_descriptors(CASES)
    for sep in SEPARATORS:
        _assert_same_descriptors([sep.join(CASES[i:i + 5]) for i in range(0, len(CASES), 5)])
    _assert_same_descriptors([" ".join(CASES), "\n".join(CASES), "\n\n".join(CASES)])


def test_descriptor_random_documents():
    _assert_same_descriptors(_documents(seed=7, n=3000))


def test_descriptor_cases_find_something():
    # the comparison above is not vacuous: the fast path does find descriptors
    assert sum(len(D._find(t, {})) for t in CASES) > 100


def test_descriptor_bundled_and_convention():
    bundled = load_bundled()
    texts = [t for side in bundled.sides for t in bundled.texts(side)]
    assert texts
    with open(convention_csv(), newline="", encoding="utf-8") as f:
        texts += [r["text"] for r in csv.DictReader(f)][:60]
    _assert_same_descriptors(texts)


# ---------------------------------------------------------------- register

def _register_reference(texts, lexicon=None):
    """Every sentence matched by itself, no shortcut."""
    compiled = RM._compile(lexicon or R.bundled_lexicon())
    return [m.to_dict() for i, t in enumerate(texts) for s in split_sentences(t)
            for m in RM._matches_in(s.text, s.start, i, compiled)]


def _register_texts():
    rows = R.bundled_lexicon().entries
    phrases = [f for e in rows for f in (e.phrase, *e.variants)]
    rng = random.Random(5)
    texts = []
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(1, 10)):
            piece = rng.choice(phrases) if rng.random() < 0.5 else rng.choice(CASES + NOISE)
            if rng.random() < 0.15:
                piece = piece.upper()
            if rng.random() < 0.1:
                piece = "not " + piece
            if rng.random() < 0.1:
                piece = piece.replace(" ", "-")
            parts += [piece, rng.choice(SEPARATORS)]
        texts.append("".join(parts))
    return texts + CASES


def test_register_matches_equal_the_reference():
    texts = _register_texts()
    expected = _register_reference(texts)
    assert len(expected) > 500
    for sentences in (None, [[s.text for s in split_sentences(t)] for t in texts]):
        got = R.score_register("A", texts, sentences=sentences)
        assert [m.to_dict() for m in got.matches] == expected
        assert got.n_sentences == sum(len(split_sentences(t)) for t in texts)
    # the sentence table: one row per matched sentence, in order, with its matches
    got = R.score_register("A", texts)
    presplit = R.score_register("A", texts, sentences=[[s.text for s in split_sentences(t)] for t in texts])
    assert got == presplit


def test_register_hint_is_a_superset_of_the_word_test():
    compiled = RM._compile(R.bundled_lexicon())
    for text in _register_texts():
        hints = RM._hints(text, compiled)
        for s in split_sentences(text):
            if RM._may_match(s.text, compiled) and hints is not None:
                assert any(s.start <= h < s.end for h in hints), s.text
