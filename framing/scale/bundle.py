"""The results bundle: a comparison computed elsewhere, opened without recomputing it.

A bundle is a folder::

    summary.json                 the CLI's JSON keys (per-sentence lists empty), plus "bundle"
    terms.parquet                term, count_a, count_b, df: the reduced term table (every term)
    descriptors.parquet          side, descriptor, surface, start, end, form, sentence: every occurrence of a
                                 descriptor or a duration word (the summary's descriptor_duration)
    sentences/part-*.parquet     per-sentence records: side (0/1), file, doc, start, end, compound, topics

Sentences are (file, doc, start, end): the document is the ``doc``-th of corpus file ``file``
(``summary["bundle"]["files"]``) as framing reads it, and ``text[start:end]`` is the sentence;
the strings are not copied. ``topics`` names the agenda's topics a sentence raises (``|``-separated ids),
so a topic's sentences are offsets too. Any Parquet reader (pandas, pyarrow, Spark, DuckDB) reads the tables.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from framing.errors import CorpusError
from framing.results import Comparison

__all__ = ["FORMAT", "Bundle", "BundleError", "comparison_from_summary", "finish_bundle", "open_bundle", "start_bundle"]

FORMAT = "framing-bundle/1"


class BundleError(CorpusError):
    """A folder or file that is not a readable results bundle; the message says what is missing."""


def start_bundle(out: str | Path) -> Path:
    """Make ``out`` (new, or an earlier bundle, which is replaced) and return its sentence folder.

    Raises
    ------
    BundleError
        ``out`` is a file, or a folder holding something other than a bundle.
    """
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            raise BundleError(f"{out}: is a file; give --out-bundle a folder path")
        if any(out.iterdir()) and not (out / "summary.json").exists():
            raise BundleError(f"{out}: the folder holds other files; give --out-bundle a new or empty folder")
        shutil.rmtree(out)
    sentences = out / "sentences"
    sentences.mkdir(parents=True)
    return sentences


def finish_bundle(sentences: Path, out: str | Path, result: Comparison, reduced, files, specs, columns) -> None:
    """Write the tables and summary next to the sentence records the partitions wrote."""
    out = Path(out)
    reduced.terms.reset_index().to_parquet(out / "terms.parquet", index=False)
    rows = [(k, *m) for k, s in enumerate(result.sides) for m in reduced.descriptors[k]]
    pd.DataFrame(rows, columns=["side", "descriptor", "surface", "start", "end", "form", "sentence"]).to_parquet(
        out / "descriptors.parquet", index=False)
    summary = result.to_dict()
    summary["bundle"] = {"format": FORMAT, "files": list(files), "columns": dict(zip(("side", "text", "event"), columns)),
                         "partitions": len(specs), "sentence_records": int(sum(reduced.sentiment[k][0] for k in (0, 1)))}
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class Bundle:
    """An opened bundle; tables are read when asked for, and only the columns and rows asked for."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        summary = self.path / "summary.json"
        if not self.path.is_dir():
            raise BundleError(f"{self.path}: no such folder; give the folder written by --out-bundle")
        if not summary.is_file():
            raise BundleError(f"{self.path}: no summary.json; this is not a results bundle "
                              "(make one with python -m framing compare ... --engine dask --out-bundle DIR)")
        try:
            self.summary = json.loads(summary.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BundleError(f"{summary}: is not valid JSON ({exc}); write the bundle again") from None
        if self.summary.get("bundle", {}).get("format") != FORMAT:
            raise BundleError(f"{summary}: not a {FORMAT} summary; write the bundle again with this version of framing")
        self._documents: dict = {}
        self._comparison: Comparison | None = None

    @property
    def sides(self) -> tuple[str, str]:
        a, b = self.summary["sides"]
        return a, b

    def terms(self) -> pd.DataFrame:
        """term, count_a, count_b, df for every term of the corpus."""
        return self._read("terms.parquet")

    def descriptors(self) -> pd.DataFrame:
        """side (0/1), descriptor, surface, start, end, form, sentence: every occurrence of a descriptor or a
        word about the event's length (the duration facet), as the partitions found them."""
        return self._read("descriptors.parquet")

    def comparison(self) -> Comparison:
        """The bundle's comparison (:func:`comparison_from_summary`) with its descriptor and duration
        evidence read from ``descriptors.parquet`` (once per opened bundle; without that file, the
        summary's headline alone)."""
        if self._comparison is None:
            found = (self.path / "descriptors.parquet").exists()
            self._comparison = comparison_from_summary(self.summary, self.descriptors() if found else None)
        return self._comparison

    def _read(self, name: str, **kw) -> pd.DataFrame:
        path = self.path / name
        if not path.exists():
            raise BundleError(f"{self.path}: {name} is missing; copy the whole bundle folder")
        return pd.read_parquet(path, **kw)

    def sentences(self, side: int | None = None, limit: int | None = None, offset: int = 0,
                  topic: str | None = None) -> pd.DataFrame:
        """Per-sentence records in corpus order (one side's if ``side`` is 0 or 1; only those raising agenda
        topic ``topic`` if given), ``limit`` rows from ``offset``; only the part files those rows are in are read."""
        frames, seen = [], 0
        for path in sorted((self.path / "sentences").glob("part-*.parquet")):
            import pyarrow.parquet as pq

            n = pq.ParquetFile(path).metadata.num_rows
            if side is None and topic is None and seen + n <= offset:
                seen += n
                continue
            table = pd.read_parquet(path)
            if side is not None:
                table = table[table["side"] == side]
            if topic is not None:
                table = table[table["topics"].fillna("").str.split("|").map(lambda ts: topic in ts)]
            frames.append(table)
            seen += len(table)
            if limit is not None and seen >= offset + limit:
                break
        if not frames:
            return pd.DataFrame(columns=["side", "file", "doc", "start", "end", "compound", "topics"])
        table = pd.concat(frames, ignore_index=True)
        skip = offset - (seen - len(table))
        return table.iloc[max(0, skip): None if limit is None else max(0, skip) + limit].reset_index(drop=True)

    def sentence_texts(self, records: pd.DataFrame) -> list[str | None]:
        """Each record's sentence, read from its corpus file (None where the file is not here: a bundle
        moved without its corpus still shows every number)."""
        from framing.scale.partition import read_documents

        files = self.summary["bundle"]["files"]
        columns = tuple(self.summary["bundle"]["columns"][k] for k in ("side", "text", "event"))
        out = []
        for f, d, start, end in records[["file", "doc", "start", "end"]].itertuples(index=False):
            if f not in self._documents:
                try:
                    self._documents[f] = read_documents(files[f], columns, skip_bad_rows=True)
                except CorpusError:
                    self._documents[f] = None
            docs = self._documents[f]
            out.append(None if docs is None or d >= len(docs) else docs[d].text[start:end])
        return out


def open_bundle(path: str | Path) -> Bundle:
    """Open the bundle in folder ``path``; raises :class:`BundleError` if it is not one."""
    return Bundle(path)


def comparison_from_summary(summary: dict, descriptors: pd.DataFrame | None = None) -> Comparison:
    """The headline of a bundle's comparison as a :class:`~framing.results.Comparison`, from its summary alone:
    descriptors and the duration facet (words about the event's length, beside the diff), overlap and its
    top terms, each side's top distinctive terms, tone, lengths and warnings.
    Per-sentence lists are empty (they are the bundle's sentence records); options are the defaults.

    ``descriptors``: the bundle's ``descriptors.parquet`` (:meth:`Bundle.descriptors`); given, every
    occurrence becomes the descriptor evidence or the duration evidence, as in the process that made it."""
    from framing.analyses.descriptors import DescriptorMatch
    from framing.analyses.align import Alignment
    from framing.analyses.descriptors import DescriptorDiff
    from framing.analyses.distinctive import Distinctive
    from framing.analyses.overlap import Overlap
    from framing.analyses.sentiment import SideSentiment

    a, b = summary["sides"]
    sides = (a, b)
    nan = float("nan")

    def num(x):
        return nan if x is None else float(x)

    ov = summary["overlap"]
    shared = pd.DataFrame({
        "term": [t["term"] for t in ov["shared_terms"]], "contribution": [t["contribution"] for t in ov["shared_terms"]],
        "share": [t["share"] for t in ov["shared_terms"]], "weight_a": nan, "weight_b": nan,
        "count_a": [t["count"][a] for t in ov["shared_terms"]], "count_b": [t["count"][b] for t in ov["shared_terms"]]})
    overlap = Overlap(sides, ov["cosine"], shared, pd.DataFrame(), num(ov["mean_document_similarity"]),
                      ov["vocabulary_size"])
    top = {s: pd.DataFrame(summary["distinctive_terms"][s], columns=["term", "z", "count", "count_other", "significant"])
           for s in sides}
    ds = summary["distinctive_summary"]
    distinctive = Distinctive(sides, pd.DataFrame(), top, ds["n_significant"], ds["tokens"], ds["message"])
    empty = pd.DataFrame([], columns=["doc_index", "sentence", "compound", "words"])
    sentiment = {s: SideSentiment(s, num(v["mean"]), num(v["ci_low"]), num(v["ci_high"]), v["n_sentences"], empty,
                                  v["interval"]) for s, v in summary["sentiment"].items()}
    d = summary["descriptors"]
    alignment = Alignment(sides, pd.DataFrame([], columns=["a", "b", "similarity", "a_index", "b_index", "status"]),
                          [], [], None, summary["alignment_method"]["threshold"], summary["alignment_method"]["sampling"])
    from framing.results import CompareOptions

    evidence = {s: [] for s in sides}
    for k, descriptor, surface, start, end, form, sentence in (() if descriptors is None else descriptors[
            ["side", "descriptor", "surface", "start", "end", "form", "sentence"]].itertuples(index=False)):
        evidence[sides[int(k)]].append(DescriptorMatch(descriptor, surface, int(start), int(end), form, sentence))
    return Comparison(
        event=summary["event"], sides=sides, options=CompareOptions(sides=sides, event=summary["event"]),
        lengths=summary["lengths"], overlap=overlap, distinctive=distinctive,
        descriptors={s: list(d["by_side"][s]) for s in sides},
        descriptor_diff=DescriptorDiff(tuple(d["shared"]), tuple(d["only"][a]), tuple(d["only"][b])),
        descriptor_evidence=evidence, sentiment=sentiment, alignment=alignment,
        warnings=tuple(summary["warnings"]),
        # a bundle written before the duration facet has no such key: its words are then split from the
        # descriptors by Comparison itself
        descriptor_duration={s: list(summary.get("descriptor_duration", {}).get("by_side", {}).get(s, ())) for s in sides})
