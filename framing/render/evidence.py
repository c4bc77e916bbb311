"""Where a term occurs: every sentence of each side that contains it, and that sentence as HTML.

Reads a :class:`~framing.results.Comparison` only (no Streamlit). The sentence is HTML-escaped
before the occurrences are marked, so corpus text never becomes markup.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from framing.text import TOKEN_PATTERN

__all__ = ["TermHit", "term_evidence", "duration_evidence", "descriptor_evidence", "with_descriptor_evidence",
           "highlight_html"]


@dataclass(frozen=True)
class TermHit:
    """A sentence containing a term; ``spans`` are (start, end) character offsets of each occurrence."""

    sentence: str
    spans: tuple[tuple[int, int], ...]


def _term_spans(sentence: str, words: list[str], stop_words: frozenset) -> tuple[tuple[int, int], ...]:
    # Tokenise as the vectoriser does (lowercase, same pattern, stop words dropped
    # before n-grams are formed), so every n-gram the tables show is found.
    tokens = [m for m in re.finditer(TOKEN_PATTERN, sentence) if m.group(0).lower() not in stop_words]
    n = len(words)
    return tuple((tokens[i].start(), tokens[i + n - 1].end()) for i in range(len(tokens) - n + 1)
                 if [t.group(0).lower() for t in tokens[i:i + n]] == words)


def term_evidence(comparison, term: str) -> dict:
    """Every sentence of each side that contains ``term``, with where it occurs.

    ``term`` is matched the way the comparison counted it: lowercase tokens,
    n-grams formed after stop-word removal when stop words were removed.
    Returns ``{side: [TermHit, ...]}`` in sentence order.
    """
    words = [m.group(0).lower() for m in re.finditer(TOKEN_PATTERN, term)]
    if not words:
        return {side: [] for side in comparison.sides}
    from sklearn.feature_extraction.text import (
        ENGLISH_STOP_WORDS,  # imported when used: see overlap.py
    )

    stop = frozenset(ENGLISH_STOP_WORDS) if comparison.options.overlap.stop_words == "english" else frozenset()
    stop = stop - set(words)
    sentences = dict(zip(comparison.sides, (comparison.alignment.sentences_a, comparison.alignment.sentences_b)))
    out = {}
    for side in comparison.sides:
        hits = []
        for sentence in sentences[side]:
            spans = _term_spans(sentence, words, stop)
            if spans:
                hits.append(TermHit(sentence, spans))
        out[side] = hits
    return out


def duration_evidence(comparison, word: str) -> dict:
    """Every sentence of each side where the comparison found the duration word ``word`` ("lengthy",
    "brief"; the duration facet, kept out of the descriptor diff), with where it occurs.

    Read from the comparison's duration evidence, not by searching the word: "at length" and 长时间 are
    each traced as "lengthy". A sentence holding several occurrences is one hit with all of them.
    Returns ``{side: [TermHit, ...]}`` in text order.
    """
    return _found(comparison, getattr(comparison, "duration_evidence", {}), word)


def descriptor_evidence(comparison, word: str) -> dict:
    """Every sentence of each side where the comparison found the descriptor ``word`` ("candid"), with
    where it occurs: read from the descriptor evidence, so 坦诚 in a Chinese original is traced as
    "candid" (its canonical English), which no search for the word "candid" would find.
    Returns ``{side: [TermHit, ...]}`` in text order."""
    return _found(comparison, comparison.descriptor_evidence, word)


def _found(comparison, evidence: dict, word: str) -> dict:
    out = {}
    for side in comparison.sides:
        spans: dict[str, set] = {}
        for m in evidence.get(side, ()):
            if m.descriptor == word:
                found = {(x.start(), x.end()) for x in re.finditer(re.escape(m.surface), m.sentence)}
                spans.setdefault(m.sentence, set()).update(found)
        out[side] = [TermHit(sentence, tuple(sorted(found))) for sentence, found in spans.items()]
    return out


def with_descriptor_evidence(comparison, term: str) -> dict:
    """:func:`term_evidence` of ``term``, and where ``term`` is a descriptor also the sentences where the
    comparison found it under another surface (a Chinese form, "frankly" for "frank"): one hit per
    sentence, the spans of both, in sentence order."""
    hits = term_evidence(comparison, term)
    if not any(m.descriptor == term for s in comparison.sides for m in comparison.descriptor_evidence.get(s, ())):
        return hits
    found = descriptor_evidence(comparison, term)
    sentences = dict(zip(comparison.sides, (comparison.alignment.sentences_a, comparison.alignment.sentences_b)))
    out = {}
    for side in comparison.sides:
        spans: dict[str, set] = {}
        for hit in [*hits[side], *found[side]]:
            spans.setdefault(hit.sentence, set()).update(hit.spans)
        order = {sentence: k for k, sentence in reversed(list(enumerate(sentences[side])))}
        ranked = sorted(spans, key=lambda sentence: order.get(sentence, len(order)))
        out[side] = [TermHit(sentence, tuple(sorted(spans[sentence]))) for sentence in ranked]
    return out


def highlight_html(hit: TermHit) -> str:
    """The sentence as HTML with each occurrence in ``<mark>``; all corpus text escaped."""
    parts, last = [], 0
    for start, end in hit.spans:
        if start < last:  # overlapping n-gram occurrences: extend the previous mark
            continue
        parts.append(html.escape(hit.sentence[last:start]))
        parts.append(f"<mark>{html.escape(hit.sentence[start:end])}</mark>")
        last = end
    parts.append(html.escape(hit.sentence[last:]))
    return "".join(parts)
