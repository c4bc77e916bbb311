"""Workspaces: an analyst's corpus and settings in one JSON file they can reopen or send.

A hosted link carries settings only; a workspace carries the texts too (uploads,
pasted text, pages read from the web, all as documents), so a link plus a
workspace file reproduces a view made from private data on another machine.

The file::

    {"framing_workspace": 1,
     "settings": {"ngram": "1-2", "side_a": "US", ...},
     "documents": [{"event": "...", "side": "US", "text": "...", "date": "2023-06-18"}, ...]}

``settings`` maps names to text values; the dashboard stores its link
parameters there (the same names and values as in a "share this view" URL).
A document holds the fields of :class:`~framing.inputs.corpus.Document`; empty fields
are left out. Loading checks a workspace like any upload: problems with the
whole file raise :class:`~framing.inputs.corpus.CorpusError` naming the file, the
place, the problem and the fix; a document that cannot be used is returned as
a :class:`~framing.inputs.corpus.RejectedRow` ("document 3") for the caller to show.
Keys this version does not know are ignored, as unknown CSV columns are.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

from framing.errors import CorpusError
from framing.inputs.corpus import (
    Corpus,
    Document,
    JSONProblem,
    RejectedRow,
    normalise_version,
    read_json,
    surrogate_problem,
    version_problem,
)
from framing.text import decode_bytes

__all__ = ["WORKSPACE_KEY", "WORKSPACE_VERSION", "Workspace", "workspace_dict", "save_workspace",
           "parse_workspace_bytes", "load_workspace", "is_workspace"]

WORKSPACE_KEY = "framing_workspace"
#: The schema version written; files with a higher number were saved by a newer framing.
WORKSPACE_VERSION = 1
_TEXT_FIELDS = tuple(f.name for f in fields(Document) if f.type in ("str", str))
_OFFSET_FIELDS = ("start", "end")
_REQUIRED = ("event", "side", "text")


@dataclass(frozen=True)
class Workspace:
    """A loaded workspace: its documents, its settings, and the documents that could not be used."""

    corpus: Corpus
    settings: dict = field(default_factory=dict)
    rejected: tuple[RejectedRow, ...] = ()

    def strict(self) -> "Workspace":
        """The workspace if every document was usable, else a CorpusError naming the first problem."""
        if self.rejected:
            first, more = self.rejected[0], len(self.rejected) - 1
            raise first.error(f" ({more} more document(s) rejected too)" if more else "")
        return self


def _check_settings(settings: Mapping) -> dict:
    out = {}
    for key, value in settings.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise ValueError(f"setting {key!r} is {type(value).__name__}, not text; store every setting as text")
        out[key] = value
    return out


def _document_dict(doc: Document) -> dict:
    """The document's fields, empty ones left out (they load back as their defaults)."""
    return {k: v for k, v in doc.to_dict().items() if v not in ("", None)}


def workspace_dict(corpus: Corpus, settings: Mapping[str, str] | None = None) -> dict:
    """The workspace as a JSON-ready dict.

    Raises
    ------
    ValueError
        A setting whose name or value is not text.
    """
    return {WORKSPACE_KEY: WORKSPACE_VERSION, "settings": _check_settings(dict(settings or {})),
            "documents": [_document_dict(d) for d in corpus.documents]}


def save_workspace(corpus: Corpus, settings: Mapping[str, str] | None = None) -> bytes:
    """The workspace file's bytes (UTF-8 JSON, one document a line, readable in any editor).

    >>> from framing import corpus_from_texts
    >>> data = save_workspace(corpus_from_texts({"A": "Frank talks.", "B": "Useful talks."}), {"top": "10"})
    >>> parse_workspace_bytes(data, "w.json").settings
    {'top': '10'}
    """
    body = workspace_dict(corpus, settings)
    documents = ",\n".join("    " + json.dumps(d, ensure_ascii=False) for d in body["documents"])
    return (f'{{"{WORKSPACE_KEY}": {WORKSPACE_VERSION},\n'
            f' "settings": {json.dumps(body["settings"], ensure_ascii=False, sort_keys=True)},\n'
            f' "documents": [\n{documents}\n ]}}\n').encode("utf-8")


def is_workspace(data: bytes) -> bool:
    """Whether the bytes start like a workspace file (a cheap check before full parsing)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and WORKSPACE_KEY.encode() in data[:4096]


def _document(item, file: str, location: str) -> Document | RejectedRow:
    if not isinstance(item, dict):
        return RejectedRow(file, location, f"is {_kind(item)}, not an object; write each document as "
                                           '{"event": ..., "side": ..., "text": ...}')
    values = {}
    for name in _TEXT_FIELDS:
        value = item.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            return RejectedRow(file, location, f"its {name!r} is {_kind(value)}, not text; write it in quotes")
        values[name] = value
    for name in _OFFSET_FIELDS:
        value = item.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            return RejectedRow(file, location, f"its {name!r} is {value!r}, not a character offset; use a whole "
                                               "number from 0, or leave it out")
        values[name] = value
    problem = surrogate_problem(values)
    if problem is not None:
        return RejectedRow(file, location, problem)
    for name in _REQUIRED:
        if not values[name].strip():
            fix = {"event": "name the event it belongs to", "side": "fill in which side said it",
                   "text": "add the text or delete the document"}[name]
            return RejectedRow(file, location, f"its {name!r} is empty; {fix}")
    version = normalise_version(values["version"])
    if version is None:
        return RejectedRow(file, location, version_problem("version", values["version"]))
    return Document(**{**values, "version": version})


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def parse_workspace_bytes(data: bytes, name: str) -> Workspace:
    """Read a workspace file's bytes.

    Returns
    -------
    Workspace
        Documents, settings and rejected documents; call ``.strict()`` to refuse any rejection.

    Raises
    ------
    CorpusError
        Not UTF-8/UTF-16 text, not JSON (or JSON nested too deeply, or a whole number
        too long to read), not a framing workspace, a newer version, settings that are
        not text (or hold a lone surrogate), no documents. A document holding a lone
        surrogate is rejected, with the others.
    """
    text = decode_bytes(data, name)
    if not text.strip():
        raise CorpusError(f"{name}: the file is empty; choose a workspace file saved by framing (.json)")
    try:
        body = read_json(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{name}, line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg}); choose a "
                          "workspace file saved by framing, unchanged") from None
    except JSONProblem as exc:
        raise CorpusError(f"{name}: {exc}") from None
    if not isinstance(body, dict) or WORKSPACE_KEY not in body:
        raise CorpusError(f"{name}: is JSON but not a framing workspace (no {WORKSPACE_KEY!r} key); choose a file "
                          "saved with “Save workspace”, or upload a corpus as CSV or JSONL")
    version = body[WORKSPACE_KEY]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CorpusError(f"{name}, {WORKSPACE_KEY}: {version!r} is not a workspace version; it should be "
                          f"{WORKSPACE_VERSION}: save the workspace again")
    if version > WORKSPACE_VERSION:
        raise CorpusError(f"{name}: workspace version {version} was saved by a newer framing (this one reads "
                          f"version {WORKSPACE_VERSION}); update framing to open it")
    settings = body.get("settings", {})
    if not isinstance(settings, dict):
        raise CorpusError(f"{name}, settings: is {_kind(settings)}, not an object; write settings as "
                          '{"name": "value", ...} or remove them')
    for key, value in settings.items():
        if not isinstance(value, str):
            raise CorpusError(f"{name}, settings.{key}: is {_kind(value)}, not text; write the value in quotes "
                              "or remove the setting")
        problem = surrogate_problem({key: key, "value": value})
        if problem is not None:
            raise CorpusError(f"{name}, settings.{key!r}: {problem}")
    documents = body.get("documents")
    if not isinstance(documents, list):
        what = "missing" if documents is None else f"{_kind(documents)}, not a list"
        raise CorpusError(f"{name}, documents: is {what}; a workspace needs a list of documents")
    if not documents:
        raise CorpusError(f"{name}, documents: the list is empty; save a workspace with at least one document "
                          "per side")
    docs, rejected = [], []
    for number, item in enumerate(documents, start=1):
        result = _document(item, name, f"document {number}")
        (docs if isinstance(result, Document) else rejected).append(result)
    return Workspace(Corpus(tuple(docs)), dict(settings), tuple(rejected))


def load_workspace(path: str | Path) -> Workspace:
    """Read a workspace file from disk; see :func:`parse_workspace_bytes`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    return parse_workspace_bytes(data, str(path))
