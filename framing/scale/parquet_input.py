"""Parquet corpus files: the same rows, checks and messages as CSV and JSONL (:mod:`framing.inputs.corpus`)."""
from __future__ import annotations

from pathlib import Path

from framing.errors import CorpusError
from framing.inputs.corpus import (
    OPTIONAL_FIELDS,
    Corpus,
    Document,
    LoadResult,
    check_columns,
    row_to_document,
)

__all__ = ["parse_parquet"]


def parse_parquet(path: str | Path, *, side_column: str = "side", text_column: str = "text",
                  event_column: str = "event", default_event: str | None = None,
                  version_column: str = "version") -> LoadResult:
    """Read a Parquet corpus file: one row per document, as a CSV's rows (row numbers count from 1).

    Raises
    ------
    CorpusError
        The file cannot be read as Parquet, or lacks the side or text column.
    """
    import pyarrow.parquet as pq

    path = Path(path)
    try:
        schema = pq.read_schema(path)
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file; check the path") from None
    except Exception as exc:   # pyarrow raises several types for a file that is not Parquet
        raise CorpusError(f"{path}: cannot be read as Parquet ({exc}); write it with pandas.to_parquet "
                          "or pyarrow, or give a .csv or .jsonl file") from None
    check_columns(schema.names, side_column, text_column, str(path), "schema")
    wanted = [c for c in dict.fromkeys((side_column, text_column, event_column, version_column, *OPTIONAL_FIELDS))
              if c in schema.names]
    table = pq.read_table(path, columns=wanted)
    kw = dict(file=str(path), side_column=side_column, text_column=text_column, event_column=event_column,
              default_event=default_event or path.stem, version_column=version_column)
    docs, rejected = [], []
    for number, row in enumerate(table.to_pylist(), start=1):
        item = row_to_document(row, location=f"row {number}", **kw)
        (docs if isinstance(item, Document) else rejected).append(item)
    if not docs and not rejected:
        raise CorpusError(f"{path}: the file has no rows; write one row per document")
    return LoadResult(Corpus(tuple(docs)), tuple(rejected))
