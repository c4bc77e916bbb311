"""Property-based tests (hypothesis) of the library: what must hold for any input.

- arbitrary Unicode and arbitrary bytes raise nothing but ``CorpusError`` / ``OptionsError``, through
  the parsers and through ``compare`` and everything drawn from its result (JSON, CSV exports);
- swapping the two sides mirrors every result: descriptor diff, overlap cosine, distinctive z,
  sentiment per side, alignment statuses;
- cosine stays in [0, 1] and sentiment in [-1, 1];
- the descriptor diff's three sets are disjoint and together cover each side's descriptors.

Examples are bounded and derandomised (the same examples every run, so the suite is stable);
``FRAMING_HYPOTHESIS=explore`` runs many more, with fresh random examples, to hunt for new cases.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from framing import (
    CompareOptions,
    CorpusError,
    OptionsError,
    compare,
    diff_descriptors,
    parse_corpus_bytes,
    results,
)
from framing.analyses.descriptors import DESCRIPTOR_WORDS
from framing.inputs.corpus import corpus_from_texts, decode_bytes
from framing.render import report

EXPLORE = os.environ.get("FRAMING_HYPOTHESIS") == "explore"


def bounded(examples: int):
    """This module's settings (not a global profile): ``examples`` derandomised, or 25 times as
    many fresh ones when exploring."""
    return settings(max_examples=examples * 25 if EXPLORE else examples, deadline=None, derandomize=not EXPLORE,
                    database=None, suppress_health_check=[HealthCheck.too_slow])

#: Words that make the analyses do something: descriptors, VADER words and their modifiers,
#: stop words, shared topics, punctuation that ends sentences.
WORDS = ("the talks were candid constructive frank useful substantive in-depth cordial pragmatic tense good bad "
         "not very no but trade tariffs taiwan meeting and was it , . ! ? : ; -").split()
#: Phrases the descriptor finder reads, so the descriptor diff is often not empty.
PHRASES = ("the talks were candid", "a frank and constructive meeting", "the talks were not useful",
           "an in-depth exchange", "very productive talks", "the meeting was tense but pragmatic.")
word = st.one_of(st.sampled_from(PHRASES), st.sampled_from(WORDS), st.text(min_size=1, max_size=6))
# Mostly the vocabulary (so results are not trivially empty), sometimes any Unicode at all.
texts = st.one_of(st.lists(word, min_size=1, max_size=30).map(" ".join), st.text(max_size=60))
documents = st.lists(texts, min_size=1, max_size=3)
labels = st.text(min_size=1, max_size=8).map(str.strip).filter(bool)


def _documented(call):
    """Run ``call``; an exception other than the library's two documented ones fails the test."""
    try:
        return call()
    except (CorpusError, OptionsError):
        return None


def _exports(result) -> None:
    """Everything the CLI and the dashboard's exports draw from a result, built once."""
    json.dumps(result.to_dict(), ensure_ascii=False)
    for table in results.comparison_tables(result).values():
        report.table_csv(table)


@bounded(150)
@given(a=documents, b=documents, label_a=labels, label_b=labels)
def test_arbitrary_unicode_raises_only_the_documented_errors(a, b, label_a, label_b):
    result = _documented(lambda: compare(corpus_from_texts({label_a: a, label_b: b})))
    if result is not None:
        _exports(result)


@bounded(150)
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".jsonl", ".txt", ".ndjson", ".tsv", ""]))
def test_arbitrary_bytes_raise_only_corpus_errors(data, suffix):
    try:
        loaded = parse_corpus_bytes(data, "upload" + suffix, side="A")
    except CorpusError:
        return
    for document in loaded.corpus:
        assert document.text.strip() and document.side.strip() and "\x00" not in document.text
    for rejected in loaded.rejected:
        assert rejected.reason and rejected.location


@bounded(100)
@example(rows=[["A", "one\u2028two\x85three"]], encoding="utf-8")  # found exploring (FRAMING_HYPOTHESIS=explore)
@given(rows=st.lists(st.lists(st.text(max_size=20), min_size=0, max_size=4), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_any_csv_or_jsonl_of_unicode_cells_parses_or_says_why(rows, encoding):
    out = io.StringIO()
    csv.writer(out).writerows([["side", "text", "event"]] + rows)
    lines = "\n".join(json.dumps(dict(zip(["side", "text", "event"], r)), ensure_ascii=False) for r in rows)
    records = [r for r in csv.reader(io.StringIO(out.getvalue(), newline=""))][1:]
    expected = {"c.csv": sum(1 for r in records if r), "c.jsonl": len(rows)}  # csv skips blank lines
    for name, body in (("c.csv", out.getvalue()), ("c.jsonl", lines)):
        try:
            loaded = parse_corpus_bytes(body.encode(encoding), name)
        except CorpusError as exc:
            assert str(exc).startswith(name), exc
            continue
        # Never silent: every data row is a document or a rejected row with its reason.
        assert len(loaded.corpus) + len(loaded.rejected) == expected[name]


@bounded(200)
@given(st.text(max_size=200))
def test_decoding_text_round_trips_or_refuses(text):
    try:
        decoded = decode_bytes(text.encode("utf-8"), "t.txt")
    except CorpusError as exc:
        assert "\x00" in text and "NUL" in str(exc)
        return
    assert decoded == text


# ---- mirrors and bounds ---------------------------------------------------------------------------

def _same(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)


def _in(value: float, low: float, high: float) -> bool:
    return math.isnan(value) or low <= value <= high


def _check_bounds(result) -> None:
    assert 0.0 <= result.overlap.cosine <= 1.0
    assert _in(result.overlap.mean_document_similarity, 0.0, 1.0 + 1e-12)
    assert ((result.alignment.rows["similarity"] >= 0) & (result.alignment.rows["similarity"] <= 1)).all()
    for side in result.sides:
        tone = result.sentiment[side]
        for value in (tone.mean, tone.ci_low, tone.ci_high):
            assert _in(value, -1.0, 1.0)
        compounds = tone.sentences["compound"].to_numpy(dtype=float)
        assert ((compounds >= -1) & (compounds <= 1)).all()


def _check_diff(result) -> None:
    a, b = result.sides
    diff = result.descriptor_diff
    shared, only_a, only_b = set(diff.shared), set(diff.only_a), set(diff.only_b)
    assert not (shared & only_a) and not (shared & only_b) and not (only_a & only_b)
    assert shared | only_a == set(result.descriptors[a])
    assert shared | only_b == set(result.descriptors[b])


def _only(rows, status: str, index: str) -> set:
    return set(rows.loc[rows["status"] == status, index])


@bounded(150)
@example(a=["0"], b=["talks candid constructive frank"])  # found exploring: z = +-1e-16
@given(a=documents, b=documents)
def test_swapping_the_sides_mirrors_every_result_and_numbers_stay_in_range(a, b):
    corpus = corpus_from_texts({"A": a, "B": b}) if any(t.strip() for t in a) and any(t.strip() for t in b) else None
    assume(corpus is not None)
    ab = _documented(lambda: compare(corpus, CompareOptions(sides=("A", "B"))))
    ba = _documented(lambda: compare(corpus, CompareOptions(sides=("B", "A"))))
    assert (ab is None) == (ba is None)  # one order fails exactly when the other does
    assume(ab is not None)
    for result in (ab, ba):
        _check_bounds(result)
        _check_diff(result)
    event(f"descriptors found: {bool(ab.descriptors['A'] or ab.descriptors['B'])}")
    event(f"sentences matched: {bool((ab.alignment.rows['status'] == 'matched').any())}")
    # descriptors and their diff
    assert ab.descriptors == ba.descriptors
    assert set(ab.descriptor_diff.shared) == set(ba.descriptor_diff.shared)
    assert ab.descriptor_diff.only_a == ba.descriptor_diff.only_b
    assert ab.descriptor_diff.only_b == ba.descriptor_diff.only_a
    # overlap
    assert _same(ab.overlap.cosine, ba.overlap.cosine)
    assert _same(ab.overlap.mean_document_similarity, ba.overlap.mean_document_similarity)
    contributions = [dict(zip(r.overlap.shared_terms["term"], r.overlap.shared_terms["contribution"])) for r in (ab, ba)]
    if max(map(len, contributions)) < ab.options.overlap.top_terms:  # no cut-off that ties could move
        assert contributions[0].keys() == contributions[1].keys()
    for term in contributions[0].keys() & contributions[1].keys():
        assert _same(contributions[0][term], contributions[1][term])
    np.testing.assert_allclose(ab.overlap.document_similarity.to_numpy(),
                               ba.overlap.document_similarity.to_numpy().T, rtol=1e-9, atol=1e-12)
    # distinctive terms: z changes sign, each side's ranking stays its own
    z_ab = dict(zip(ab.distinctive.table["term"], ab.distinctive.table["z"]))
    z_ba = dict(zip(ba.distinctive.table["term"], ba.distinctive.table["z"]))
    assert z_ab.keys() == z_ba.keys()
    assert all(_same(z_ab[t], -z_ba[t]) for t in z_ab)
    for side in ("A", "B"):
        assert list(ab.distinctive.top[side]["term"]) == list(ba.distinctive.top[side]["term"])
    assert ab.distinctive.n_significant == ba.distinctive.n_significant
    assert ab.distinctive.totals == ba.distinctive.totals
    # sentiment and length, per side
    for side in ("A", "B"):
        x, y = ab.sentiment[side], ba.sentiment[side]
        assert x.n_sentences == y.n_sentences
        assert all(_same(p, q) for p, q in ((x.mean, y.mean), (x.ci_low, y.ci_low), (x.ci_high, y.ci_high)))
        assert list(x.sentences["compound"]) == list(y.sentences["compound"])
        assert ab.lengths[side] == ba.lengths[side]
    # alignment: a sentence that only one side makes is so whichever side is compared first
    assert _only(ab.alignment.rows, "only_a", "a_index") == _only(ba.alignment.rows, "only_b", "b_index")
    assert _only(ab.alignment.rows, "only_b", "b_index") == _only(ba.alignment.rows, "only_a", "a_index")
    matched = [set(r.alignment.rows.loc[r.alignment.rows["status"] == "matched", col])
               for r, col in ((ab, "a_index"), (ba, "b_index"))]
    assert matched[0] == matched[1]


descriptor_lists = st.lists(st.sampled_from(sorted(DESCRIPTOR_WORDS)), max_size=8)


@bounded(300)
@given(a=descriptor_lists, b=descriptor_lists)
def test_the_descriptor_diff_partitions_each_sides_descriptors(a, b):
    diff = diff_descriptors(a, b)
    shared, only_a, only_b = set(diff.shared), set(diff.only_a), set(diff.only_b)
    assert not (shared & only_a) and not (shared & only_b) and not (only_a & only_b)
    # words about length are the duration facet, beside the diff (issue 11 item 5)
    assert shared | only_a | set(diff.duration_a) == set(a) and shared | only_b | set(diff.duration_b) == set(b)
    assert not (set(diff.duration_a) | set(diff.duration_b)) & (shared | only_a | only_b)
    mirrored = diff_descriptors(b, a)
    assert set(mirrored.shared) == shared and mirrored.only_a == diff.only_b and mirrored.only_b == diff.only_a
    assert (mirrored.duration_a, mirrored.duration_b) == (diff.duration_b, diff.duration_a)


@pytest.mark.parametrize("a,b", [("The talks were candid.", "The talks were candid."), ("good good", "bad bad")])
def test_bounds_hold_at_the_extremes(a, b):
    result = compare(corpus_from_texts({"A": a, "B": b}), CompareOptions(sides=("A", "B")))
    _check_bounds(result)
    assert result.overlap.cosine == pytest.approx(1.0 if a == b else 0.0)
