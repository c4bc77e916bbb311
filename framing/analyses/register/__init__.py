"""Diplomatic register: what readout words conventionally signal, beside VADER.

VADER is a general lexicon: it scores "candid, substantive, and constructive"
0.0 and a warning on Taiwan +0.51.  The register lexicon (package data,
``framing/data/register_lexicon.csv`` with its sources table
``register_sources.csv``) says instead what each readout phrase conventionally
signals, on which dimension, and on whose authority.  Rows with no published
reading stay visibly ``unsourced``.  ``docs/register.md`` describes how the
lexicon was built and how to validate it.

Matching
--------
Case-insensitive and on whole words; a phrase's variants (translations,
spellings, inflections) count as the phrase; hyphens and spaces are one
("in-depth" = "in depth"), but a phrase never starts or ends inside a
hyphenated compound ("deep-rooted" does not contain "deep").  Longer phrases
are matched first and matches never overlap, so "strong dissatisfaction" is one
match, not two.  A match with a negator among the three words before it, in
the same clause ("not constructive", "neither frank nor useful"), is reported
with ``negated=True`` and left out of every score ("not only" does not negate).

Scores
------
Each row's ``score`` (a whole number from -2 to 2) is on its dimension's own
scale: firmness +2 is a formal protest, relationship -2 is "lowest point".  A
side's ``profile`` is the **sum of scores per dimension** over its matches (all
dimensions listed, zero when nothing matched), next to ``counts``, the number of
matches per dimension; sums grow with length, so read them with the counts and
the side's number of sentences.  A sentence's ``register_score`` puts the
dimensions on one warm-cool axis, ``sum(score * tone)``, where ``tone`` is +1
for warmth, progress and the relationship, -1 for differences aired and
firmness, and 0 for depth and emphasis (neither warm nor cool).  A
*disagreement* is a sentence whose VADER compound and register score are both
non-zero and of opposite sign.

>>> [(m.phrase, m.matched, m.dimension, m.score) for m in match_register("Frank and in depth talks.")]
[('frank', 'Frank', 'differences_aired', 1), ('in-depth', 'in depth', 'depth', 1)]
"""
from __future__ import annotations

import bisect
import csv
import io
import re
import weakref
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from framing.analyses.descriptors import word_alternation
from framing.errors import CorpusError, OptionsError, RegisterError
from framing.lazyjson import rows
from framing.text import decode_bytes, split_sentences

__all__ = [
    "RegisterError", "Dimension", "DIMENSIONS", "DIMENSION_NAMES", "Source", "LexiconEntry", "Lexicon",
    "RegisterOptions", "RegisterMatch", "SentenceRegister", "SideRegister", "Disagreement",
    "LEXICON_COLUMNS", "SOURCE_COLUMNS", "SCORE_RANGE", "MODES", "BUNDLED_LEXICON", "BUNDLED_SOURCES",
    "bundled_lexicon", "bundled_sources", "load_lexicon", "parse_lexicon_bytes", "load_sources",
    "parse_sources_bytes", "merge_sources",
    "combine_lexicons", "match_register", "score_register", "find_disagreements", "unify_variants",
    "canonical_form",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
BUNDLED_LEXICON = DATA_DIR / "register_lexicon.csv"
BUNDLED_SOURCES = DATA_DIR / "register_sources.csv"

LEXICON_COLUMNS = ("phrase", "variants", "dimension", "score", "rationale", "source_ids", "status")
SOURCE_COLUMNS = ("source_id", "citation", "url")
#: Lowest and highest allowed score of a lexicon row.
SCORE_RANGE = (-2, 2)
STATUSES = ("sourced", "unsourced")
#: How an analyst's lexicon combines with the bundled one.
MODES = ("extend", "replace")




@dataclass(frozen=True)
class Dimension:
    """One aspect of register; ``tone`` places it on the warm (+1) to cool (-1) axis (0: neither)."""

    name: str
    label: str
    meaning: str
    tone: int


DIMENSIONS = (
    Dimension("differences_aired", "Differences aired",
              "+: the sides set out where they disagree (frank, candid, raised concerns)", -1),
    Dimension("depth", "Depth of engagement",
              "+: long, detailed, wide discussion (in-depth, extensive, detailed)", 0),
    Dimension("outcome", "Progress / outcome",
              "+: the talks moved something forward (constructive, productive, consensus); "
              "-: positions stated, nothing agreed (exchange of views)", 1),
    Dimension("warmth", "Warmth", "+: a warm atmosphere (cordial and friendly, sincere)", 1),
    Dimension("firmness", "Firmness / protest / warning",
              "+: a protest formula, a non-negotiable position or a warning "
              "(firmly opposes, red line, core interests, most prominent risk)", -1),
    Dimension("relationship", "State of the relationship",
              "+: steadying or recovering (stabilize, back on track); -: strained or at its worst (lowest point)", 1),
    Dimension("emphasis", "Emphasis",
              "+: a position highlighted for the record (stressed, emphasized, reiterated)", 0),
)
DIMENSION_NAMES = tuple(d.name for d in DIMENSIONS)
_TONE = {d.name: d.tone for d in DIMENSIONS}


@dataclass(frozen=True)
class Source:
    """One entry of a sources table; ``url`` is empty when no address is on record."""

    source_id: str
    citation: str
    url: str = ""

    def to_dict(self) -> dict:
        return {"source_id": self.source_id, "citation": self.citation, "url": self.url}


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row.  ``origin`` names the file it came from (``row`` is its row number there)."""

    phrase: str
    variants: tuple[str, ...]
    dimension: str
    score: int
    rationale: str
    source_ids: tuple[str, ...]
    status: str
    origin: str = ""
    row: int = 0


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon: its rows and the sources table their ``source_ids`` point into."""

    entries: tuple[LexiconEntry, ...]
    sources: tuple[Source, ...]
    name: str = ""

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if it is not in the table)."""
        for s in self.sources:
            if s.source_id == source_id:
                return s
        raise KeyError(source_id)

    def summary(self) -> dict:
        """``{"name", "rows", "sourced", "unsourced"}``."""
        sourced = sum(e.status == "sourced" for e in self.entries)
        return {"name": self.name, "rows": len(self.entries), "sourced": sourced,
                "unsourced": len(self.entries) - sourced}


@dataclass(frozen=True)
class RegisterOptions:
    """Which lexicon the register uses.

    lexicon : an analyst's :class:`Lexicon` (see :func:`load_lexicon`), or None for the bundled one.
    mode : ``"extend"`` (bundled rows plus the analyst's; an analyst's row wins over every bundled
        row that shares a phrase or variant with it) or ``"replace"`` (the analyst's rows only).
    """

    lexicon: Lexicon | None = None
    mode: str = "extend"

    def validate(self) -> None:
        if self.mode not in MODES:
            raise OptionsError(f"lexicon mode {self.mode!r} is not known; use 'extend' or 'replace'")

    def resolve(self) -> Lexicon:
        """The lexicon to match with."""
        self.validate()
        if self.lexicon is None:
            return bundled_lexicon()
        if self.mode == "replace":
            return self.lexicon
        return combine_lexicons(bundled_lexicon(), self.lexicon)


# ---------------------------------------------------------------- words and keys

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2212"
# Between two words of a phrase: spaces, or one hyphen (with or without spaces round it).
_JOIN = re.compile(rf"\s+|\s*[{_HYPHENS}]\s*")
_HYPHEN_JOINED = re.compile(rf"[{_HYPHENS}]")
NEGATORS = frozenset("not never no neither nor without hardly cannot".split())
NEGATION_WINDOW = 3


def _norm(word: str) -> str:
    return word.casefold().replace("\u2019", "'")


def _key(phrase: str) -> tuple[str, ...]:
    """The matching key of a phrase: its lowercase words, hyphens and spaces alike."""
    return tuple(_norm(m.group()) for m in _WORD.finditer(phrase))


def _is_negator(word: str) -> bool:
    return word in NEGATORS or word.endswith("n't")


# ---------------------------------------------------------------- loading and validation

def _read(path: str | Path) -> bytes:
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RegisterError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise RegisterError(f"{path}: is a directory; give a .csv lexicon file") from None
    except OSError as exc:
        raise RegisterError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None


def _rows(data: bytes, name: str, columns: tuple, what: str) -> list[tuple[int, dict]]:
    try:
        text = decode_bytes(data, name)
    except CorpusError as exc:
        raise RegisterError(str(exc)) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise RegisterError(f"{name}: the file is empty; it needs a header row: {','.join(columns)}")
    header = [c.strip() for c in reader.fieldnames]
    reader.fieldnames = header
    missing = [c for c in columns if c not in header]
    if missing:
        raise RegisterError(f"{name}, header row: no column {missing[0]!r}; the columns are "
                            f"{', '.join(repr(c) for c in header)}; a {what} needs the columns {','.join(columns)}")
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise RegisterError(f"{name}, row {number}: has {len(header) + len(row[None])} cells but the header has "
                                f"{len(header)}; quote cells that contain commas")
        rows.append((number, {k: (v or "").strip() for k, v in row.items()}))
    if not rows:
        raise RegisterError(f"{name}: the {what} has no rows; add at least one row under the header")
    return rows


def parse_sources_bytes(data: bytes, name: str) -> tuple[Source, ...]:
    """Parse a sources table (CSV: source_id, citation, url).

    Raises
    ------
    RegisterError
        Missing column, empty id or citation, or an id used twice.
    """
    sources, seen = [], {}
    for number, row in _rows(data, name, SOURCE_COLUMNS, "sources table"):
        sid = row["source_id"]
        if not sid:
            raise RegisterError(f"{name}, row {number}: the source_id is empty; give the source a short id or delete the row")
        if sid in seen:
            raise RegisterError(f"{name}, row {number}: source id {sid!r} is already in row {seen[sid]}; "
                                "give each source its own id")
        if not row["citation"]:
            raise RegisterError(f"{name}, row {number}: the citation of {sid!r} is empty; write author, title and date")
        seen[sid] = number
        sources.append(Source(sid, row["citation"], row["url"]))
    return tuple(sources)


def load_sources(path: str | Path) -> tuple[Source, ...]:
    """Read a sources table from disk; see :func:`parse_sources_bytes`."""
    return parse_sources_bytes(_read(path), str(path))


def merge_sources(base: Iterable[Source], extra: Iterable[Source], name: str) -> tuple[Source, ...]:
    """``base`` plus ``extra`` (an analyst's sources table, called ``name`` in errors).

    Raises
    ------
    RegisterError
        If an id of ``extra`` is already in ``base`` with another citation.
    """
    merged = {s.source_id: s for s in base}
    for s in extra:
        if s.source_id in merged and merged[s.source_id] != s:
            raise RegisterError(f"{name}: source id {s.source_id!r} is already in the bundled sources table with "
                                "another citation; rename it")
        merged[s.source_id] = s
    return tuple(merged.values())


def _dimension(cell: str) -> str:
    return re.sub(r"[\s\-/]+", "_", cell.strip().lower())


def _entry(row: dict, name: str, number: int, known: Mapping[str, Source]) -> LexiconEntry:
    where = f"{name}, row {number}"
    phrase = " ".join(row["phrase"].split())
    if not phrase:
        raise RegisterError(f"{where}: the phrase is empty; write the phrase or delete the row")
    if not _key(phrase):
        raise RegisterError(f"{where}: the phrase {phrase!r} has no words; write the phrase in letters")
    variants = tuple(" ".join(v.split()) for v in row["variants"].split("|") if v.strip())
    for v in variants:
        if not _key(v):
            raise RegisterError(f"{where}: the variant {v!r} of {phrase!r} has no words; write it in letters or delete it")
    dimension = _dimension(row["dimension"])
    if dimension not in DIMENSION_NAMES:
        raise RegisterError(f"{where}: dimension {row['dimension']!r} is not known; use one of: {', '.join(DIMENSION_NAMES)}")
    lo, hi = SCORE_RANGE
    try:
        score = int(row["score"])
    except ValueError:
        raise RegisterError(f"{where}: score {row['score']!r} is not a whole number; use a whole number from {lo} to {hi}") from None
    if not lo <= score <= hi:
        raise RegisterError(f"{where}: score {score} is outside {lo} to {hi}; use a whole number from {lo} to {hi}")
    if not row["rationale"]:
        raise RegisterError(f"{where}: the rationale of {phrase!r} is empty; write one line on what the phrase signals")
    source_ids = tuple(s.strip() for s in row["source_ids"].split("|") if s.strip())
    status = row["status"].lower()
    if status not in STATUSES:
        raise RegisterError(f"{where}: status {row['status']!r} is not known; use 'sourced' or 'unsourced'")
    if status == "sourced" and not source_ids:
        raise RegisterError(f"{where}: {phrase!r} is 'sourced' but source_ids is empty; "
                            "add a source id from the sources table or set the status to 'unsourced'")
    if status == "unsourced" and source_ids:
        raise RegisterError(f"{where}: {phrase!r} is 'unsourced' but cites {', '.join(map(repr, source_ids))}; "
                            "set the status to 'sourced' or clear source_ids")
    for sid in source_ids:
        if sid not in known:
            listing = ", ".join(known) or "(none)"
            raise RegisterError(f"{where}: source id {sid!r} is not in the sources table (known: {listing}); "
                                "fix the id or add the source to the sources table")
    return LexiconEntry(phrase, variants, dimension, score, row["rationale"], source_ids, status, name, number)


def parse_lexicon_bytes(data: bytes, name: str, sources: Iterable[Source] | None = None, *,
                        max_rows: int | None = None) -> Lexicon:
    """Parse and validate a lexicon file (CSV with the columns in :data:`LEXICON_COLUMNS`).

    Parameters
    ----------
    data : bytes
        The file's bytes (UTF-8, or UTF-16 with a byte-order mark).
    name : str
        The file name, used in error messages and as the lexicon's name.
    sources : Sources, optional
        The table that ``source_ids`` point into (default: the bundled sources).
    max_rows : int, optional
        Most rows read (a hosted app's limit); a longer file is refused, unread past that row.

    Raises
    ------
    RegisterError
        Naming the file, the row, what is wrong and what to do: more than ``max_rows`` rows, a missing column, an empty phrase,
        a score that is not a whole number from -2 to 2, an unknown dimension, status or source id,
        a phrase or variant that another row already has (hyphens, spaces and case do not count).

    Examples
    --------
    >>> data = b"phrase,variants,dimension,score,rationale,source_ids,status\\nbusinesslike,,warmth,-1,cool,,unsourced\\n"
    >>> [(e.phrase, e.score) for e in parse_lexicon_bytes(data, "mine.csv").entries]
    [('businesslike', -1)]
    """
    known = {s.source_id: s for s in (bundled_sources() if sources is None else sources)}
    entries, seen = [], {}
    for number, row in _rows(data, name, LEXICON_COLUMNS, "lexicon"):
        if max_rows is not None and len(entries) >= max_rows:
            raise RegisterError(f"{name}: more than {max_rows:,} rows, the limit of a lexicon here; keep the rows "
                                "your texts need, or run the comparison with the CLI, which has no limit")
        entry = _entry(row, name, number, known)
        for kind, form in [("phrase", entry.phrase)] + [("variant", v) for v in entry.variants]:
            key = _key(form)
            if key in seen:
                other_row, other_kind, other_form = seen[key]
                if other_row == number:
                    raise RegisterError(f"{name}, row {number}: {kind} {form!r} repeats {other_kind} {other_form!r} of "
                                        "the same row; delete it: case, hyphen and space spellings already match")
                raise RegisterError(f"{name}, row {number}: {kind} {form!r} duplicates {other_kind} {other_form!r} in "
                                    f"row {other_row} (case, hyphens and spaces do not count); keep it in one row only")
            seen[key] = (number, kind, form)
        entries.append(entry)
    cited = {sid for e in entries for sid in e.source_ids}
    return Lexicon(tuple(entries), tuple(s for s in known.values() if s.source_id in cited), name)


def load_lexicon(path: str | Path, sources_path: str | Path | None = None) -> Lexicon:
    """Read and validate an analyst's lexicon; its source ids point into the bundled sources
    table, plus ``sources_path`` (a sources CSV) when given.  See :func:`parse_lexicon_bytes`."""
    sources = bundled_sources()
    if sources_path is not None:
        sources = merge_sources(sources, load_sources(sources_path), str(sources_path))
    return parse_lexicon_bytes(_read(path), str(path), sources)


@lru_cache(maxsize=1)
def bundled_sources() -> tuple[Source, ...]:
    """The bundled sources table."""
    return parse_sources_bytes(BUNDLED_SOURCES.read_bytes(), "framing/data/register_sources.csv")


@lru_cache(maxsize=1)
def bundled_lexicon() -> Lexicon:
    """The bundled lexicon (validated on first use)."""
    lexicon = parse_lexicon_bytes(BUNDLED_LEXICON.read_bytes(), "framing/data/register_lexicon.csv", bundled_sources())
    return Lexicon(tuple(replace(e, origin="bundled") for e in lexicon.entries), lexicon.sources, "bundled")


def combine_lexicons(base: Lexicon, extra: Lexicon) -> Lexicon:
    """``base`` extended by ``extra``: every row of ``extra``, plus the rows of ``base`` that share
    no phrase or variant with any of them (an analyst's row overrides the bundled reading)."""
    claimed = {_key(f) for e in extra.entries for f in (e.phrase, *e.variants)}
    kept = tuple(e for e in base.entries if not any(_key(f) in claimed for f in (e.phrase, *e.variants)))
    sources = {s.source_id: s for s in base.sources + extra.sources}
    return Lexicon(kept + extra.entries, tuple(sources.values()), f"{base.name} + {extra.name}")


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
                   sentences: list[list[str]] | None = None) -> SideRegister:
    """Match every sentence of one side's documents and add up its profile.

    Sentences are cut by :func:`framing.text.split_sentences`, as for VADER, so each sentence's
    register score sits beside its compound.  ``sentences``: each document's sentence texts
    from :func:`~framing.text.split_sentences`, when the caller has split them already.

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
    for doc_index, text in enumerate(texts):
        if sentences is None:
            doc = [(s.text, s.start) for s in split_sentences(text)]
        else:
            doc = sentences[doc_index]
        n += len(doc)
        hints = _hints(text, compiled)
        if hints is not None and not hints:
            continue   # no phrase can match in this document
        cursor = 0
        for item in doc:
            if sentences is None:
                sentence, start = item
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


@dataclass(frozen=True)
class Disagreement:
    """A sentence on which VADER and the register disagree in sign."""

    side: str
    doc_index: int
    sentence: str
    compound: float
    register_score: int
    phrases: tuple[str, ...]
    vader_words: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"side": self.side, "sentence": self.sentence, "compound": self.compound,
                "register_score": self.register_score, "phrases": list(self.phrases),
                "vader_words": list(self.vader_words), "doc_index": self.doc_index}


def find_disagreements(register: SideRegister, sentiment_sentences: pd.DataFrame) -> tuple[Disagreement, ...]:
    """Sentences whose VADER compound and register score are both non-zero and of opposite sign.

    Parameters
    ----------
    register : SideRegister
    sentiment_sentences : DataFrame
        :attr:`framing.analyses.sentiment.SideSentiment.sentences` of the same side (columns doc_index,
        sentence, compound, words).  A sentence missing from it is scored with VADER here.
    """
    # Look up only the sentences the register matched (a large side has hundreds of thousands of rows)
    wanted = {(s.doc_index, s.sentence) for s in register.sentences}
    table = sentiment_sentences[sentiment_sentences["doc_index"].isin({d for d, _ in wanted})]
    vader = {(d, t): (c, w) for d, t, c, w in zip(table["doc_index"].tolist(), table["sentence"], table["compound"],
                                                  table["words"]) if (d, t) in wanted}
    out = []
    for s in register.sentences:
        if (s.doc_index, s.sentence) in vader:
            compound, words = vader[(s.doc_index, s.sentence)]
        else:
            from framing.analyses.sentiment import (
                score_sentence,  # only when the two splits disagree
            )
            scored = score_sentence(s.sentence)
            compound, words = scored.compound, scored.words
        if compound and s.score and (compound > 0) != (s.score > 0):
            out.append(Disagreement(register.side, s.doc_index, s.sentence, float(compound), s.score,
                                    tuple(m.phrase for m in s.matches if not m.negated),
                                    tuple(w[0] for w in words)))
    return tuple(out)


# ---------------------------------------------------------------- translation variants

def unify_variants(text: str, lexicon: Lexicon | None = None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with every listed variant replaced by its phrase, and the (variant, phrase) pairs replaced.

    Used before counting terms, so "deep" and "in-depth", "practical" and "pragmatic" are one term.
    Case, hyphen and space spellings of a phrase itself are not listed as variants.

    >>> unify_variants("Deep and practical talks.")
    ('in-depth and pragmatic talks.', (('deep', 'in-depth'), ('practical', 'pragmatic')))
    """
    compiled = _compile(lexicon or bundled_lexicon())
    pieces, pairs, last = [], [], 0
    for _i, _j, start, end, (entry, variant), _neg in _find(text, compiled):
        if not variant:
            continue
        pieces += [text[last:start], entry.phrase]
        pairs.append((variant, entry.phrase))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), tuple(pairs)


def canonical_form(term: str, lexicon: Lexicon | None = None) -> str:
    """The phrase a term is a listed variant of ("deep" -> "in-depth"); otherwise the term itself.

    >>> canonical_form("practical"), canonical_form("candid"), canonical_form("gruelling")
    ('pragmatic', 'candid', 'gruelling')
    """
    hit = _compile(lexicon or bundled_lexicon()).table.get(_key(term))
    return hit[0].phrase if hit and hit[1] else term
