"""The bilingual descriptor map: each Chinese descriptor, its one canonical English descriptor, and
how official translations rendered it (``framing/data/descriptors_zh.csv``).

Columns: ``zh`` (the Chinese form, simplified or traditional), ``canonical`` (a descriptor the English
extractor reports, so a Chinese and an English readout diff in one vocabulary), ``renderings``
(English renderings seen in official translations, ``|``-separated), ``source_ids`` (rows of the
sources table, ``id,title,url,date,note``, that show the Chinese use or a rendering), ``status``
(``sourced``: at least one rendering with a source; ``unsourced``: a decision, said in the
rationale) and ``rationale``. A row whose form is two other rows run together (坦诚深入) is a
*compound*: the extractor splits it into its parts.

>>> bundled_bilingual_map().lookup("坦誠").canonical
'candid'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from framing.analyses.descriptors.rules import AMBIGUOUS_WORDS, DESCRIPTOR_WORDS

# The register lexicon's CSV reader: same decoding, header and cell-count errors for every data file.
from framing.analyses.register.lexicon import read_table_file, table_rows
from framing.errors import RegisterError
from framing.text.chinese import HAN, to_simplified

__all__ = ["MapEntry", "MapSource", "BilingualMap", "MAP_COLUMNS", "MAP_SOURCE_COLUMNS", "MODES",
           "parse_bilingual_map_bytes", "parse_map_sources_bytes", "load_bilingual_map", "bundled_bilingual_map"]

MAP_COLUMNS = ("zh", "canonical", "renderings", "source_ids", "status", "rationale")
MAP_SOURCE_COLUMNS = ("id", "title", "url", "date", "note")
MODES = ("extend", "replace")
_DATA = Path(__file__).resolve().parents[2] / "data"
BUNDLED_MAP = _DATA / "descriptors_zh.csv"
BUNDLED_MAP_SOURCES = _DATA / "descriptors_zh_sources.csv"
_ZH_FORM = re.compile(f"[{HAN}]+")
_RENDERING = re.compile(r"[a-z][a-z' -]*[a-z]|[a-z]")


@dataclass(frozen=True)
class MapSource:
    """One row of the sources table: a page showing a Chinese use or an English rendering."""
    id: str
    title: str
    url: str
    date: str
    note: str


@dataclass(frozen=True)
class MapEntry:
    """One Chinese descriptor. ``key`` is ``zh`` in simplified characters (what matching uses);
    ``parts`` holds the keys of a compound's parts, empty for a plain row."""
    zh: str
    key: str
    canonical: str
    renderings: tuple[str, ...]
    source_ids: tuple[str, ...]
    status: str
    rationale: str
    parts: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"zh": self.zh, "canonical": self.canonical, "renderings": list(self.renderings),
                "source_ids": list(self.source_ids), "status": self.status}


@dataclass(frozen=True)
class BilingualMap:
    """Validated map rows (one per simplified form) and the sources they cite."""
    entries: tuple[MapEntry, ...]
    sources: tuple[MapSource, ...]
    name: str

    def lookup(self, zh: str) -> MapEntry | None:
        """The row of a Chinese form in either script, or None."""
        return self._index().get(to_simplified(zh))

    def _index(self) -> dict:
        index = self.__dict__.get("_index_cache")
        if index is None:
            index = {e.key: e for e in self.entries}
            object.__setattr__(self, "_index_cache", index)
        return index

    def renderings_of(self, canonical: str) -> frozenset:
        """Every English rendering recorded for any Chinese form of ``canonical``, and ``canonical`` itself."""
        out = {canonical}
        for e in self.entries:
            if e.canonical == canonical:
                out |= set(e.renderings)
        return frozenset(out)


def parse_map_sources_bytes(data: bytes, name: str) -> tuple[MapSource, ...]:
    """Parse the map's sources table. Raises RegisterError naming file, row, problem and fix."""
    out, seen = [], {}
    for number, row in table_rows(data, name, MAP_SOURCE_COLUMNS, "sources table"):
        sid = row["id"]
        if not sid:
            raise RegisterError(f"{name}, row {number}: the id is empty; give the source a short id or delete the row")
        if sid in seen:
            raise RegisterError(f"{name}, row {number}: source id {sid!r} is already in row {seen[sid]}; give each source its own id")
        if not row["title"] or not row["url"]:
            raise RegisterError(f"{name}, row {number}: source {sid!r} needs a title and a url; write both")
        seen[sid] = number
        out.append(MapSource(sid, row["title"], row["url"], row["date"], row["note"]))
    return tuple(out)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def _entry(row: dict, name: str, number: int, known: set) -> MapEntry:
    where = f"{name}, row {number}"
    zh, canonical = row["zh"], row["canonical"]
    if not _ZH_FORM.fullmatch(zh):
        raise RegisterError(f"{where}: zh {zh!r} is not a Chinese word; write the form in Chinese characters only "
                            "(no spaces, punctuation or Latin letters)")
    vocabulary = DESCRIPTOR_WORDS | AMBIGUOUS_WORDS
    if canonical not in vocabulary:
        near = sorted(w for w in vocabulary if w[:3] == canonical[:3])[:5]
        raise RegisterError(f"{where}: canonical {canonical!r} of {zh} is not a descriptor the English extractor "
                            f"reports, so it could never match an English readout; use one of its words "
                            f"({', '.join(near) or 'see DESCRIPTOR_WORDS in framing/analyses/descriptors'})")
    renderings = _split(row["renderings"])
    for r in renderings:
        if not _RENDERING.fullmatch(r):
            raise RegisterError(f"{where}: rendering {r!r} of {zh} is not lowercase English words; "
                                "write it as the translation has it, in lowercase, renderings separated by |")
    source_ids = _split(row["source_ids"])
    for sid in source_ids:
        if sid not in known:
            raise RegisterError(f"{where}: source id {sid!r} is not in the sources table; add a row with that id "
                                "to the sources file, or correct the id")
    status = row["status"]
    if status not in ("sourced", "unsourced"):
        raise RegisterError(f"{where}: status {status!r} is not known; use 'sourced' or 'unsourced'")
    if status == "sourced" and not (renderings and source_ids):
        raise RegisterError(f"{where}: {zh} is 'sourced' but has no {'renderings' if not renderings else 'source_ids'}; "
                            "give the renderings seen and the sources showing them, or mark it 'unsourced'")
    if not row["rationale"]:
        raise RegisterError(f"{where}: the rationale of {zh} is empty; write one line on why it maps to {canonical!r}")
    return MapEntry(zh, to_simplified(zh), canonical, renderings, source_ids, status, row["rationale"])


def _with_parts(entries: list[MapEntry]) -> tuple[MapEntry, ...]:
    """Mark compounds: a form that is two or more other forms run together (坦诚深入 = 坦诚 + 深入)."""
    keys = {e.key for e in entries}
    out = []
    for e in entries:
        parts = _parts(e.key, keys - {e.key})
        out.append(MapEntry(*[getattr(e, f) for f in ("zh", "key", "canonical", "renderings", "source_ids",
                                                        "status", "rationale")], parts=parts or ()))
    return tuple(out)


def _parts(word: str, keys: set) -> tuple[str, ...] | None:
    if not word:
        return ()
    for k in sorted((k for k in keys if word.startswith(k)), key=len, reverse=True):
        rest = _parts(word[len(k):], keys)
        if rest is not None:
            return (k,) + rest
    return None


def parse_bilingual_map_bytes(data: bytes, name: str, sources=None) -> BilingualMap:
    """Parse and validate a map file (columns :data:`MAP_COLUMNS`); ``sources`` defaults to the bundled table.

    Raises
    ------
    RegisterError
        Naming the file, the row, the problem and the fix: a missing column, a form that is not
        Chinese, a canonical the English extractor never reports, a rendering that is not lowercase
        English, an unknown source id or status, a 'sourced' row without renderings or sources, or a
        form another row already has (traditional and simplified spellings count as one form).
    """
    known = {s.id for s in (bundled_map_sources() if sources is None else sources)}
    entries, seen = [], {}
    for number, row in table_rows(data, name, MAP_COLUMNS, "descriptor map"):
        entry = _entry(row, name, number, known)
        if entry.key in seen:
            raise RegisterError(f"{name}, row {number}: {entry.zh} is already in row {seen[entry.key]} (simplified and "
                                "traditional spellings are one form); keep it in one row only")
        seen[entry.key] = number
        entries.append(entry)
    all_sources = bundled_map_sources() if sources is None else tuple(sources)
    cited = {sid for e in entries for sid in e.source_ids}
    return BilingualMap(_with_parts(entries), tuple(s for s in all_sources if s.id in cited), name)


@lru_cache(maxsize=1)
def bundled_map_sources() -> tuple[MapSource, ...]:
    """The bundled map's sources table."""
    return parse_map_sources_bytes(BUNDLED_MAP_SOURCES.read_bytes(), "framing/data/descriptors_zh_sources.csv")


@lru_cache(maxsize=1)
def bundled_bilingual_map() -> BilingualMap:
    """The bundled map (validated on first use)."""
    return parse_bilingual_map_bytes(BUNDLED_MAP.read_bytes(), "framing/data/descriptors_zh.csv", bundled_map_sources())


def load_bilingual_map(path=None, sources_path=None, mode: str = "extend") -> BilingualMap:
    """The bundled map, or a user's map file extending (its rows win) or replacing it.

    ``sources_path``: the user's sources table, added to the bundled one (an id may not be reused
    for another page). Raises RegisterError for a bad file or mode.
    """
    if path is None:
        return bundled_bilingual_map()
    if mode not in MODES:
        raise RegisterError(f"map mode {mode!r} is not known; use one of: {', '.join(MODES)}")
    sources = bundled_map_sources()
    if sources_path is not None:
        by_id = {s.id: s for s in sources}
        for s in parse_map_sources_bytes(read_table_file(sources_path), str(sources_path)):
            if s.id in by_id and by_id[s.id] != s:
                raise RegisterError(f"{sources_path}: source id {s.id!r} is already in the bundled sources table "
                                    "for another page; give your source another id")
            by_id[s.id] = s
        sources = tuple(by_id.values())
    user = parse_bilingual_map_bytes(read_table_file(path), str(path), sources)
    if mode == "replace":
        return user
    base = bundled_bilingual_map()
    claimed = {e.key for e in user.entries}
    kept = [e for e in base.entries if e.key not in claimed]
    merged_sources = {s.id: s for s in base.sources + user.sources}
    return BilingualMap(_with_parts(kept + list(user.entries)), tuple(merged_sources.values()),
                        f"{base.name} + {user.name}")
