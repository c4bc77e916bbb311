"""Documents, corpora, and loading them from CSV, JSONL and plain text.

Every problem is raised as :class:`CorpusError` with a message written for an
analyst: the file, the row or line, what is wrong and what to do about it.
Loading never drops a row silently: rows that cannot be used are returned as
:class:`RejectedRow` so the caller can show them and decide.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from framing.errors import CorpusError
from framing.text import decode_bytes, normalise_text

__all__ = [
    "Document", "Corpus", "CorpusError", "RejectedRow", "LoadResult",
    "decode_bytes", "parse_corpus_bytes", "load_corpus", "load_text_file",
    "corpus_from_texts", "OPTIONAL_FIELDS", "JSONProblem", "read_json", "surrogate_problem", "check_characters",
    "VERSIONS", "VERSION_SYNONYMS", "normalise_version", "version_problem",
]

#: Optional document fields read from a corpus file when a column of that name exists (``version``:
#: from the version column, ``version`` unless the caller names another; see :func:`normalise_version`).
OPTIONAL_FIELDS = ("date", "source", "speaker", "title", "url", "doc_id", "version")

#: The versions a document can be marked as: the side's ``original`` text, or its official ``translation``.
VERSIONS = ("original", "translation")
#: What the version column may hold (case and surrounding spaces ignored), and the version each means.
#: Languages ("zh", "english") are not accepted: the version says which text came first, not its
#: language (read from the text itself), and an original is not always Chinese.
VERSION_SYNONYMS = {
    "original": "original", "orig": "original", "source": "original",
    "translation": "translation", "translated": "translation", "trans": "translation",
    "official translation": "translation",
}


def normalise_version(value: str) -> str | None:
    """The version ``value`` means (``"original"``, ``"translation"``, ``""`` for an empty value), or
    None when it is none of :data:`VERSION_SYNONYMS`.

    >>> normalise_version(" Translated "), normalise_version(""), normalise_version("draft")
    ('translation', '', None)
    """
    value = " ".join(value.split()).lower()
    if not value:
        return ""
    return VERSION_SYNONYMS.get(value)


def version_problem(column: str, value: str) -> str:
    """The reason a row is rejected for a version value that :func:`normalise_version` does not know."""
    return (f"the version column {column!r} holds {value!r}, which is not a version; write original (the side's "
            "own text) or translation (its official translation), or leave it empty")

csv.field_size_limit(2**31 - 1)  # a 50 MB document is one legitimate CSV cell

# A JSON escape of half a UTF-16 pair ("\ud800") decodes to a lone surrogate: a str that cannot be
# written as UTF-8, which fails deep inside pandas/pyarrow (UnicodeEncodeError) if it gets that far.
_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONProblem(ValueError):
    """JSON that parses into nothing usable: the message says what is wrong and what to do."""


def read_json(text: str):
    """``json.loads``, with the ways hostile JSON fails besides a syntax error made into JSONProblem:
    nesting deeper than Python's recursion limit (RecursionError) and a whole number longer than
    Python converts (ValueError, over 4,300 digits). json.JSONDecodeError passes through as it is."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise JSONProblem("is nested too deeply (more than about 1,000 levels of [ ] or { }); write plain "
                          "objects with text values") from None
    except ValueError as exc:
        if "digits" not in str(exc):
            raise
        raise JSONProblem("holds a whole number too long to read (over 4,300 digits); write it in quotes, as "
                          "text, or shorten it") from None


def surrogate_problem(values: Mapping[str, object]) -> str | None:
    """Why one of these named text values cannot be used (a lone surrogate), or None."""
    for name, value in values.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            return (f"its {name!r} holds half of a UTF-16 character pair (an escape such as \\ud800 without "
                    "its partner), which is not a character; fix or delete that escape")
    return None


def check_characters(corpus: "Corpus") -> None:
    """Raise CorpusError if a document's event, side or text holds a lone surrogate (see
    :func:`surrogate_problem`): documents built in code, or labels from a command line."""
    for number, doc in enumerate(corpus.documents, start=1):
        problem = surrogate_problem({"event": doc.event, "side": doc.side, "text": doc.text, "title": doc.title})
        if problem is not None:
            raise CorpusError(f"document {number} (side {doc.side!r}): {problem}")




@dataclass(frozen=True)
class Document:
    """One account: what ``side`` said about ``event``, in its exact words."""

    event: str
    side: str
    text: str
    date: str = ""
    source: str = ""
    speaker: str = ""
    title: str = ""
    url: str = ""
    doc_id: str = ""
    #: "original" or "translation" when the side published both (``VERSIONS``), "" when not marked
    version: str = ""
    #: Character offsets of ``text`` in the document it was cut from (bundled events).
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class RejectedRow:
    """A row that could not be used, with where it is and why."""

    file: str
    location: str  # "row 7" or "line 3"
    reason: str  # the problem (with its fix when ``fix`` is empty), in neutral words
    fix: str = ""
    #: the setting the fix concerns (an id of :data:`framing.errors.SETTINGS`), if any
    setting: str | None = None

    def message(self) -> str:
        return f"{self.file}, {self.location}: {self.reason}" + (f"; {self.fix}" if self.fix else "")

    def error(self, more: str = "") -> CorpusError:
        """This row as an error; ``more`` (such as " (2 more rows rejected too)") follows the problem."""
        return CorpusError(f"{self.file}, {self.location}: {self.reason}{more}", self.fix, setting=self.setting)


@dataclass(frozen=True)
class Corpus:
    """An ordered collection of documents."""

    documents: tuple[Document, ...] = ()

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self):
        return iter(self.documents)

    @property
    def events(self) -> list[str]:
        return _unique(d.event for d in self.documents)

    @property
    def sides(self) -> list[str]:
        return _unique(d.side for d in self.documents)

    def select(self, *, event: str | None = None, sides: Sequence[str] | None = None) -> "Corpus":
        """Documents of one event and/or some sides, in their original order.

        Raises
        ------
        CorpusError
            If the event or a side does not occur in the corpus.
        """
        docs = self.documents
        if event is not None:
            if event not in self.events:
                raise CorpusError(
                    f"event {event!r} is not in the corpus", f"choose one of: {_listing(self.events)}", setting="event"
                )
            docs = tuple(d for d in docs if d.event == event)
        if sides is not None:
            present = _unique(d.side for d in docs)
            for side in sides:
                if side not in present:
                    raise CorpusError(
                        f"side {side!r} is not in the corpus", f"choose from: {_listing(present)}", setting="sides"
                    )
            docs = tuple(d for d in docs if d.side in sides)
        return Corpus(docs)

    def texts(self, side: str) -> list[str]:
        return [d.text for d in self.documents if d.side == side]

    def concat(self, other: "Corpus") -> "Corpus":
        return Corpus(self.documents + other.documents)


@dataclass(frozen=True)
class LoadResult:
    """A parsed corpus plus every row that was rejected, with reasons."""

    corpus: Corpus
    rejected: tuple[RejectedRow, ...] = field(default=())

    def strict(self) -> Corpus:
        """The corpus if nothing was rejected, else a CorpusError naming the first problem."""
        if self.rejected:
            first = self.rejected[0]
            more = len(self.rejected) - 1
            tail = f" ({more} more row(s) rejected too)" if more else ""
            raise first.error(tail)
        return self.corpus


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _listing(items: Sequence[str], limit: int = 20) -> str:
    shown = ", ".join(repr(i) for i in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "") or "(none)"


def row_to_document(
    record: Mapping[str, object], *, file: str, location: str, side_column: str,
    text_column: str, event_column: str, default_event: str, version_column: str = "version",
) -> Document | RejectedRow:
    def value(key: str) -> str:
        raw = record.get(key)
        return "" if raw is None else normalise_text(str(raw)).strip()

    side = value(side_column)
    text = value(text_column)
    if not side:
        return RejectedRow(file, location, f"the side column {side_column!r} is empty; fill in which side said it")
    if not text:
        return RejectedRow(file, location, f"the text column {text_column!r} is empty; add the text or delete the row")
    extra = {name: value(version_column if name == "version" else name) for name in OPTIONAL_FIELDS}
    event = value(event_column) or default_event
    problem = surrogate_problem({side_column: side, text_column: text, event_column: event, **extra})
    if problem is not None:
        return RejectedRow(file, location, problem)
    version = normalise_version(extra["version"])
    if version is None:   # never dropped silently, never guessed: the row is rejected and says why
        return RejectedRow(file, location, version_problem(version_column, extra["version"]))
    extra["version"] = version
    return Document(event=event, side=side, text=text, **extra)


def check_columns(columns: Sequence[str], side_column: str, text_column: str, file: str, where: str) -> None:
    for column, setting, holds in ((side_column, "side_column", "the side labels"), (text_column, "text_column", "the text")):
        if column not in columns:
            raise CorpusError(
                f"{file}, {where}: no column {column!r}; the columns are {_listing(list(columns))}",
                f"rename a column, or choose the column that holds {holds}", setting=setting)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``io.StringIO(text, newline="")``, one at a time.

    StringIO keeps a copy of the whole text at 4 bytes a character (160 MB for a 40 MB
    corpus); these lines are made as the CSV reader asks for them.
    """
    return (m.group() for m in _LINE.finditer(text))


def _parse_csv(text: str, file: str, **kw) -> LoadResult:
    reader = csv.DictReader(_lines(text))
    if not reader.fieldnames:
        raise CorpusError(f"{file}: the file is empty; it needs a header row with {kw['side_column']!r} and {kw['text_column']!r} columns")
    columns = [c.strip() for c in reader.fieldnames]
    reader.fieldnames = columns
    check_columns(columns, kw["side_column"], kw["text_column"], file, "header row")
    if kw["version_column"] != "version" and kw["version_column"] not in columns:   # named, so expected
        raise CorpusError(f"{file}, header row: no column {kw['version_column']!r}; the columns are "
                          f"{_listing(columns)}", "choose the column that marks each document as original or "
                          "translation", setting="version_column")
    docs: list[Document] = []
    rejected: list[RejectedRow] = []
    for number, row in enumerate(reader, start=2):
        if None in row:  # more cells than header columns
            rejected.append(RejectedRow(file, f"row {number}", f"has {len(columns) + len(row[None])} cells but the header has {len(columns)}; quote cells that contain commas"))
            continue
        item = row_to_document(row, file=file, location=f"row {number}", **kw)
        (docs if isinstance(item, Document) else rejected).append(item)
    return LoadResult(Corpus(tuple(docs)), tuple(rejected))


def _parse_jsonl(text: str, file: str, **kw) -> LoadResult:
    docs: list[Document] = []
    rejected: list[RejectedRow] = []
    # JSON Lines are separated by "\n" alone: str.splitlines() would also cut at U+2028, U+0085 and
    # other separators that JSON allows unescaped inside a string, breaking a valid line in two.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        location = f"line {number}"
        try:
            record = read_json(line)
        except json.JSONDecodeError as exc:
            rejected.append(RejectedRow(file, location, f"is not valid JSON ({exc.msg} at column {exc.colno}); write one JSON object per line"))
            continue
        except JSONProblem as exc:
            rejected.append(RejectedRow(file, location, str(exc)))
            continue
        if not isinstance(record, dict):
            rejected.append(RejectedRow(file, location, "is not a JSON object; write one object per line, like {\"side\": \"US\", \"text\": \"...\"}"))
            continue
        for column, setting, holds in ((kw["side_column"], "side_column", "the side labels"),
                                       (kw["text_column"], "text_column", "the text")):
            if column not in record:
                rejected.append(RejectedRow(file, location, f"has no key {column!r}",
                                            f"add it, or choose the key that holds {holds}", setting=setting))
                break
        else:
            item = row_to_document(record, file=file, location=location, **kw)
            (docs if isinstance(item, Document) else rejected).append(item)
    if not docs and not rejected:
        raise CorpusError(f"{file}: the file is empty; write one JSON object per line")
    return LoadResult(Corpus(tuple(docs)), tuple(rejected))


def parse_corpus_bytes(
    data: bytes, name: str, *, side_column: str = "side", text_column: str = "text",
    event_column: str = "event", side: str | None = None, default_event: str | None = None,
    version_column: str = "version",
) -> LoadResult:
    """Parse an uploaded or read file into documents.

    Parameters
    ----------
    data : bytes
        The file's bytes (UTF-8, UTF-8 with BOM or UTF-16 with BOM).
    name : str
        File name; its suffix (``.csv``, ``.jsonl``/``.ndjson``, ``.txt``) picks the format.
    side_column, text_column, event_column : str
        Column (CSV) or key (JSONL) names.
    version_column : str
        Column or key marking a document as its side's ``original`` or ``translation`` (optional: a
        file without it has no marks; see :func:`normalise_version` for the values accepted, any other
        non-empty value rejects the row).
    side : str, optional
        For ``.txt``: the side this text belongs to (default: the file's stem).
    default_event : str, optional
        Event for rows without an event value (default: the file's stem).

    Returns
    -------
    LoadResult
        Documents plus rejected rows; call ``.strict()`` to refuse any rejection.

    Raises
    ------
    CorpusError
        For problems with the whole file: encoding, format, missing columns, emptiness.
    """
    stem = Path(name).stem or name
    suffix = Path(name).suffix.lower()
    text = decode_bytes(data, name)
    event = default_event or stem
    if suffix == ".txt":
        body = normalise_text(text).strip()
        if not body:
            raise CorpusError(f"{name}: the file has no text; add the side's account or choose another file")
        return LoadResult(Corpus((Document(event=event, side=side or stem, text=body, title=stem),)))
    if not text.strip():
        if suffix in (".jsonl", ".ndjson"):
            raise CorpusError(f"{name}: the file is empty; write one JSON object per line, "
                              f"with {side_column!r} and {text_column!r} keys")
        raise CorpusError(f"{name}: the file is empty; it needs a header row with {side_column!r} and {text_column!r} columns")
    kw = dict(side_column=side_column, text_column=text_column, event_column=event_column, default_event=event,
              version_column=version_column)
    if suffix == ".csv":
        return _parse_csv(text, name, **kw)
    if suffix in (".jsonl", ".ndjson"):
        return _parse_jsonl(text, name, **kw)
    raise CorpusError(f"{name}: unsupported file type {suffix or '(none)'!r}; use .csv, .jsonl or .txt")


def load_corpus(path: str | Path, **kwargs) -> LoadResult:
    """Read a corpus file from disk; see :func:`parse_corpus_bytes` for the options."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a directory; give a .csv, .jsonl or .txt file") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    return parse_corpus_bytes(data, str(path), **kwargs)


def load_text_file(path: str | Path, side: str, event: str) -> Document:
    """One plain-text file as one document of ``side``."""
    result = load_corpus(path, side=side, default_event=event)
    return result.corpus.documents[0]


def corpus_from_texts(texts: Mapping[str, str | Sequence[str]], event: str = "pasted text") -> Corpus:
    """Build a corpus from text per side (pasted text, notebooks).

    Raises
    ------
    CorpusError
        If a side's text is empty, or a side or text holds a lone surrogate.
    """
    docs = []
    for side, value in texts.items():
        problem = surrogate_problem({"side": side})
        if problem is not None:
            raise CorpusError(f"side {side!r}: {problem}")
        items = [value] if isinstance(value, str) else list(value)
        cleaned = [normalise_text(t).strip() for t in items]
        if not any(cleaned):
            raise CorpusError(f"side {side!r} has no text; paste its account or remove the side")
        docs.extend(Document(event=event, side=side, text=t) for t in cleaned if t)
    corpus = Corpus(tuple(docs))
    check_characters(corpus)
    return corpus
