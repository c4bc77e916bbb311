"""The register lexicon: its model (dimensions, rows, sources), CSV parsing and validation, the bundled
lexicon, and the matching key of a phrase (its words, case, hyphens and spaces alike)."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from framing.errors import CorpusError, OptionsError, RegisterError
from framing.text import HYPHEN, PHRASE_JOIN, WORD, decode_bytes, is_negator

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
            raise OptionsError(f"lexicon mode {self.mode!r} is not known", "use 'extend' or 'replace'", setting="lexicon_mode")

    def resolve(self) -> Lexicon:
        """The lexicon to match with."""
        self.validate()
        if self.lexicon is None:
            return bundled_lexicon()
        if self.mode == "replace":
            return self.lexicon
        return combine_lexicons(bundled_lexicon(), self.lexicon)


# ---------------------------------------------------------------- words and keys

_WORD = WORD
# Between two words of a phrase: spaces, or one hyphen (with or without spaces round it).
_JOIN = PHRASE_JOIN
_HYPHEN_JOINED = HYPHEN
NEGATION_WINDOW = 3


def _norm(word: str) -> str:
    return word.casefold().replace("\u2019", "'")


def _key(phrase: str) -> tuple[str, ...]:
    """The matching key of a phrase: its lowercase words, hyphens and spaces alike."""
    return tuple(_norm(m.group()) for m in _WORD.finditer(phrase))


_is_negator = is_negator


# ---------------------------------------------------------------- loading and validation

def read_table_file(path: str | Path) -> bytes:
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RegisterError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise RegisterError(f"{path}: is a directory; give a .csv lexicon file") from None
    except OSError as exc:
        raise RegisterError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None


def table_rows(data: bytes, name: str, columns: tuple, what: str) -> list[tuple[int, dict]]:
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
    for number, row in table_rows(data, name, SOURCE_COLUMNS, "sources table"):
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
    return parse_sources_bytes(read_table_file(path), str(path))


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
    for number, row in table_rows(data, name, LEXICON_COLUMNS, "lexicon"):
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
    return parse_lexicon_bytes(read_table_file(path), str(path), sources)


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
