"""Matching the register lexicon in sentences, and a side's register profile."""
from __future__ import annotations

import bisect
import re
import weakref
from dataclasses import dataclass

import pandas as pd

from framing.analyses.register.lexicon import (
    _HYPHEN_JOINED,
    _JOIN,
    _TONE,
    _WORD,
    DIMENSION_NAMES,
    NEGATION_WINDOW,
    Lexicon,
    Source,
    _is_negator,
    _key,
    _norm,
    bundled_lexicon,
)
from framing.lazyjson import rows
from framing.text import Sentence, split_sentences, word_alternation

# ---------------------------------------------------------------- matching

@dataclass(frozen=True)
class _Compiled:
    table: dict       # key -> (entry, variant as written, or "" for the phrase itself)
    lengths: dict     # first word -> the lengths in words of the keys it starts, longest first
    sources: dict     # entry -> tuple of Source
    anchors: frozenset  # the longest word of every key: a text with none of them has no match
    hint: re.Pattern    # any anchor as a whole word, in casefolded text (see _hints)


# lexicon's id -> (a weak reference to it, its _Compiled). Kept as long as the lexicon object lives,
# no longer: an uploaded lexicon's compiled form goes with the session that holds the lexicon (a
# process-wide cache keyed by value kept every visitor's lexicons, and hashed a large one per call).
_COMPILED: dict[int, tuple[weakref.ref, "_Compiled"]] = {}


def _compile(lexicon: Lexicon) -> _Compiled:
    """The lexicon compiled for matching, built once per lexicon object."""
    key = id(lexicon)
    hit = _COMPILED.get(key)
    if hit is not None and hit[0]() is lexicon:
        return hit[1]
    compiled = _build(lexicon)
    _COMPILED[key] = (weakref.ref(lexicon, lambda _ref, key=key: _COMPILED.pop(key, None)), compiled)
    return compiled


def _build(lexicon: Lexicon) -> _Compiled:
    table, lengths = {}, {}
    for e in lexicon.entries:
        for key, variant in [(_key(e.phrase), "")] + [(_key(v), v) for v in e.variants]:
            table.setdefault(key, (e, variant))
            lengths.setdefault(key[0], set()).add(len(key))
    known = {s.source_id: s for s in lexicon.sources}
    sources = {e: tuple(known[s] for s in e.source_ids if s in known) for e in lexicon.entries}
    anchors = frozenset(max(key, key=len) for key in table)
    hint = re.compile(r"(?<![^\W_])" + word_alternation(anchors) + r"(?![^\W_])")
    return _Compiled(table, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}, sources, anchors, hint)


@dataclass(frozen=True)
class RegisterMatch:
    """One matched phrase.  ``matched`` is the exact words in the text (``text[start:end]`` of
    document ``doc_index``); ``variant`` is the listed variant that matched ("" for the phrase itself)."""

    phrase: str
    matched: str
    variant: str
    dimension: str
    score: int
    rationale: str
    status: str
    sources: tuple[Source, ...]
    sentence: str
    doc_index: int
    start: int
    end: int
    negated: bool
    origin: str

    def to_dict(self) -> dict:
        return {"phrase": self.phrase, "matched": self.matched, "variant": self.variant or None,
                "dimension": self.dimension, "score": self.score, "sentence": self.sentence,
                "rationale": self.rationale, "status": self.status,
                "sources": [s.to_dict() for s in self.sources], "negated": self.negated,
                "lexicon": self.origin, "doc_index": self.doc_index, "start": self.start, "end": self.end}


def _may_match(text: str, compiled: _Compiled) -> bool:
    """Whether some phrase's longest word occurs in ``text`` (a quick test before matching)."""
    return not compiled.anchors.isdisjoint(_WORD.findall(text.casefold().replace("\u2019", "'")))


def _find(text: str, compiled: _Compiled) -> list[tuple[int, int, int, int, tuple, bool]]:
    """Non-overlapping matches in ``text``, longest phrases taken first, in text order:
    (first word, end word, start char, end char, (entry, variant), negated)."""
    if not _may_match(text, compiled):
        return []   # the common case, decided without building match objects
    words = list(_WORD.finditer(text))
    norms = [_norm(w.group()) for w in words]

    def sep(k: int) -> str:   # the characters between word k and word k + 1
        return text[words[k].end():words[k + 1].start()]

    candidates = []
    for i, first in enumerate(norms):
        lengths = compiled.lengths.get(first)
        if lengths is None or (i > 0 and _HYPHEN_JOINED.fullmatch(sep(i - 1))):
            continue   # no phrase starts here, or inside a compound: "deep" in "knee-deep"
        for n in lengths:
            j = i + n
            hit = compiled.table.get(tuple(norms[i:j])) if j <= len(words) else None
            if hit is None or not all(_JOIN.fullmatch(sep(k)) for k in range(i, j - 1)):
                continue
            if j < len(words) and _HYPHEN_JOINED.fullmatch(sep(j - 1)):
                continue   # "deep" in "deep-rooted"
            candidates.append((n, i, j, hit))
    taken, used = [], set()
    for n, i, j, hit in sorted(candidates, key=lambda c: (-c[0], c[1])):
        if used.isdisjoint(range(i, j)):
            used.update(range(i, j))
            taken.append((i, j, words[i].start(), words[j - 1].end(), hit, _negated(norms, sep, i)))
    taken.sort()
    return taken


def _negated(norms: list, sep, i: int) -> bool:
    """Whether a negator stands among the few words before word i, in the same clause."""
    for k in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
        if not _JOIN.fullmatch(sep(k)):
            return False   # punctuation between: another clause ("No. The talks were candid")
        if _is_negator(norms[k]):
            return norms[k + 1] != "only"   # "not only candid but ..."
    return False


def _matches_in(sentence: str, offset: int, doc_index: int, compiled: _Compiled) -> list[RegisterMatch]:
    out = []
    for _i, _j, start, end, (entry, variant), negated in _find(sentence, compiled):
        out.append(RegisterMatch(
            entry.phrase, sentence[start:end], variant, entry.dimension, entry.score, entry.rationale,
            entry.status, compiled.sources[entry], sentence, doc_index, offset + start, offset + end,
            negated, entry.origin))
    return out


def match_register(text: str, lexicon: Lexicon | None = None) -> list[RegisterMatch]:
    """Every register phrase in ``text`` (one document), in text order.

    Parameters
    ----------
    text : str
    lexicon : Lexicon, optional
        Default: the bundled lexicon.

    Examples
    --------
    >>> [(m.phrase, m.matched) for m in match_register("China expressed strong dissatisfaction.")]
    [('strong dissatisfaction', 'strong dissatisfaction')]
    """
    compiled = _compile(lexicon or bundled_lexicon())
    return [m for s in split_sentences(text) for m in _matches_in(s.text, s.start, 0, compiled)]


@dataclass(frozen=True)
class SentenceRegister:
    """A sentence with at least one match; ``score`` is its register score, ``sum(score * tone)``."""

    doc_index: int
    sentence: str
    score: int
    matches: tuple[RegisterMatch, ...]


@dataclass(frozen=True)
class SideRegister:
    """One side's register.

    profile : {dimension: sum of the scores of its matches}, every dimension in :data:`DIMENSIONS` order.
    counts : {dimension: number of matches}.  Negated matches count in neither.
    matches : every match in text order, negated ones included (``negated=True``).
    sentences : the sentences with at least one match, with their register scores.
    n_sentences : all sentences of the side.
    """

    side: str
    profile: dict
    counts: dict
    matches: tuple[RegisterMatch, ...]
    sentences: tuple[SentenceRegister, ...]
    n_sentences: int

    def table(self) -> pd.DataFrame:
        """The matches as a DataFrame: phrase, matched, dimension, score, status, negated, sentence,
        rationale, sources (citations joined by "; "), doc_index."""
        return pd.DataFrame(
            [(m.phrase, m.matched, m.dimension, m.score, m.status, m.negated, m.sentence, m.rationale,
              "; ".join(s.citation for s in m.sources), m.doc_index) for m in self.matches],
            columns=["phrase", "matched", "dimension", "score", "status", "negated", "sentence", "rationale",
                     "sources", "doc_index"])

    def to_dict(self, lazy: bool = False) -> dict:
        """``lazy``: the matches and sentences are made as they are iterated (see :mod:`framing.lazyjson`)."""
        return {"profile": dict(self.profile), "counts": dict(self.counts),
                "matches": rows(len(self.matches), lambda: (m.to_dict() for m in self.matches), lazy),
                "sentences": rows(len(self.sentences), lambda: (
                    {"sentence": s.sentence, "register_score": s.score, "doc_index": s.doc_index,
                     "phrases": [m.phrase for m in s.matches if not m.negated]} for s in self.sentences), lazy),
                "n_sentences": self.n_sentences}


def score_register(side: str, texts: list[str], lexicon: Lexicon | None = None,
                   sentences: list[list[str | Sentence]] | None = None, doc_offset: int = 0) -> SideRegister:
    """Match every sentence of one side's documents and add up its profile.

    Sentences are cut by :func:`framing.text.split_sentences`, as for VADER, so each sentence's
    register score sits beside its compound.  ``sentences``: each document's sentence texts
    from :func:`~framing.text.split_sentences` (texts or :class:`~framing.text.Sentence` objects), when the
    caller has split them already.  ``doc_offset``: the index of ``texts[0]`` among the side's
    documents, when ``texts`` is one part of them (see :func:`merge_registers`).

    Examples
    --------
    >>> r = score_register("PRC", ["The talks were candid. We firmly oppose it and lodged solemn representations."])
    >>> r.profile["firmness"], r.counts["firmness"], r.profile["differences_aired"]
    (4, 2, 1)
    """
    lexicon = lexicon or bundled_lexicon()
    compiled = _compile(lexicon)
    profile, counts = dict.fromkeys(DIMENSION_NAMES, 0), dict.fromkeys(DIMENSION_NAMES, 0)
    matches, n = [], 0
    matched_sentences = []
    for doc_index, text in enumerate(texts, doc_offset):
        if sentences is None:
            doc = [(s.text, s.start) for s in split_sentences(text)]
        else:
            doc = sentences[doc_index - doc_offset]
        n += len(doc)
        hints = _hints(text, compiled)
        if hints is not None and not hints:
            continue   # no phrase can match in this document
        cursor = 0
        for item in doc:
            if sentences is None:
                sentence, start = item
            elif isinstance(item, Sentence):
                sentence, start = item.text, item.start
            else:   # the sentences are in order and trimmed: the next occurrence is this one
                sentence, start = item, text.find(item, cursor)
                cursor = start + len(sentence)
            if hints is not None:
                h = bisect.bisect_left(hints, start)
                if h == len(hints) or hints[h] >= start + len(sentence):
                    continue   # no phrase's longest word in this sentence: _find would find nothing
            found = _matches_in(sentence, start, doc_index, compiled)
            if not found:
                continue
            live = [m for m in found if not m.negated]
            for m in live:
                profile[m.dimension] += m.score
                counts[m.dimension] += 1
            matches += found
            matched_sentences.append(SentenceRegister(doc_index, sentence,
                                                      sum(m.score * _TONE[m.dimension] for m in live), tuple(found)))
    return SideRegister(side, profile, counts, tuple(matches), tuple(matched_sentences), n)


def merge_registers(side: str, parts: list[SideRegister]) -> SideRegister:
    """One side's register from :func:`score_register` of consecutive parts of its documents (each
    with its ``doc_offset``): what one call on all of them returns (scores are whole numbers, so
    the sums do not depend on the grouping)."""
    profile, counts = dict.fromkeys(DIMENSION_NAMES, 0), dict.fromkeys(DIMENSION_NAMES, 0)
    for part in parts:
        for d in DIMENSION_NAMES:
            profile[d] += part.profile[d]
            counts[d] += part.counts[d]
    return SideRegister(side, profile, counts, tuple(m for p in parts for m in p.matches),
                        tuple(x for p in parts for x in p.sentences), sum(p.n_sentences for p in parts))


def _hints(text: str, compiled: _Compiled) -> list | None:
    """Start offsets in ``text`` of every whole word that is some phrase's longest word, found in
    the casefolded text; None when casefolding changes the text's length (offsets would not line
    up: each sentence is then tested by itself), [] when the document cannot match at all.

    A sentence from :func:`~framing.text.split_sentences` has white space (or nothing) on
    both sides, so a word that is whole inside the sentence is whole in the document: a sentence
    with no offset here is one that :func:`_may_match` rejects."""
    folded = text.casefold().replace("\u2019", "'")
    if len(folded) != len(text):
        return None if _may_match(text, compiled) else []
    return [m.start() for m in compiled.hint.finditer(folded)]
