"""One partition of a corpus: its documents read from one file, and the partial tables they give.

A partition is a contiguous run of one file's documents (:class:`PartitionSpec`). Everything
the comparison needs from it is either a sum (term counts per side, document frequencies,
sentence and word counts, sentiment moments, descriptor and register counts) or a per-sentence
record; :func:`summarise` returns those as a :class:`Partial`, and partials of a corpus reduce by
addition (:mod:`framing.scale.reduce`). The per-document term counts stay with the partition
(:class:`PartitionWork`, on the worker that read it) for the one statistic that needs the
reduced vocabulary first: :func:`unit_sums`.

The work per document is the in-process path's: the same vectoriser
(:func:`~framing.analyses.overlap.build_count_vectorizer`), sentence splitter, descriptor finder,
VADER scorer and register matcher.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from framing.analyses.agenda import tag_sentences
from framing.analyses.descriptors import find_descriptors_in_texts
from framing.analyses.overlap import build_count_vectorizer, tfidf_unit_rows
from framing.analyses.register import score_register
from framing.analyses.sentiment import BOOTSTRAP_MAX_VALUES, score_sentences
from framing.errors import CorpusError
from framing.inputs.corpus import Corpus, Document, load_corpus
from framing.results import CompareOptions
from framing.text import read_document, script_shares

__all__ = [
    "SENTENCE_COLUMNS",
    "Partial",
    "PartitionSpec",
    "PartitionWork",
    "labels",
    "read_documents",
    "read_partition",
    "read_partition_events",
    "dated_labels",
    "refuse_versions",
    "summarise",
    "unit_sums",
]

#: Per-sentence records: side (0 = A, 1 = B), file (index in the input list), doc (the document's
#: position among the file's documents), start/end (offsets into that document's text), compound,
#: topics (the agenda's topic ids the sentence raises, ``|``-separated, "" for none).
SENTENCE_COLUMNS = ("side", "file", "doc", "start", "end", "compound", "topics")


@dataclass(frozen=True)
class PartitionSpec:
    """Documents ``[len * part // parts, len * (part + 1) // parts)`` of ``path`` (all its documents,
    any event or side); ``file`` is the path's index in the input list, ``columns`` the loader's
    column names (side_column, text_column, event_column)."""

    path: str
    file: int
    part: int = 0
    parts: int = 1
    columns: tuple = ("side", "text", "event")
    skip_bad_rows: bool = False


def read_documents(path: str, columns: tuple = ("side", "text", "event"),
                   skip_bad_rows: bool = False) -> tuple[Document, ...]:
    """All documents of one corpus file (CSV, JSONL or Parquet), in order.

    Raises
    ------
    CorpusError
        As :func:`~framing.inputs.corpus.load_corpus`, and for any rejected row unless ``skip_bad_rows``.
    """
    side_column, text_column, event_column = columns
    if Path(path).suffix.lower() == ".parquet":
        from framing.scale.parquet_input import parse_parquet
        result = parse_parquet(path, side_column=side_column, text_column=text_column, event_column=event_column)
    else:
        result = load_corpus(path, side_column=side_column, text_column=text_column, event_column=event_column)
    if result.rejected and not skip_bad_rows:
        try:
            result.strict()
        except CorpusError as exc:
            raise CorpusError(f"{exc}; fix the row(s) or pass --skip-bad-rows to keep only valid rows") from None
    return result.corpus.documents


def _slice(spec: PartitionSpec) -> tuple[int, tuple[Document, ...]]:
    docs = read_documents(spec.path, spec.columns, spec.skip_bad_rows)
    lo, hi = len(docs) * spec.part // spec.parts, len(docs) * (spec.part + 1) // spec.parts
    return lo, docs[lo:hi]


def labels(spec: PartitionSpec) -> list[tuple[str, str, str]]:
    """The (event, side, version) triples of the partition's documents, in order of first appearance
    (``version``: "original", "translation" or "" from the version column)."""
    return list(dict.fromkeys((d.event, d.side, d.version) for d in _slice(spec)[1]))


def dated_labels(spec: PartitionSpec) -> list[tuple[str, str, str, str]]:
    """The (event, side, date, version) of the partition's documents, distinct, in order of first
    appearance (what a timeline needs to order its events and name its sides; the version to refuse
    a side holding both versions, :func:`refuse_versions`)."""
    return list(dict.fromkeys((d.event, d.side, d.date, d.version) for d in _slice(spec)[1]))


def refuse_versions(marks, event_sides) -> None:
    """Raise CorpusError when a compared (event, side) of ``event_sides`` holds both an original and its
    translation: ``marks`` are (event, side, version) triples. The in-process choice of one version
    (:mod:`framing.versions`) is not made on the cluster; never mix the two silently."""
    found: dict = {}
    for event, side, version in marks:
        found.setdefault((event, side), set()).add(version)
    for event, side in event_sides:
        if {"original", "translation"} <= found.get((event, side), set()):
            raise CorpusError(f"side {side!r} holds both an original and its translation (the version column) in "
                              f"event {event!r}, and --engine dask does not choose between them yet",
                              "compare with --engine local, or keep one version of that side in the files")


@dataclass
class PartitionWork:
    """What a partition keeps where it was read: its per-document term counts (local vocabulary)."""

    terms: np.ndarray        # the partition's own vocabulary, sorted
    counts: sparse.csr_matrix  # documents (side A's first) by terms
    n_a: int


@dataclass
class Partial:
    """A partition's partial tables; see :func:`framing.scale.reduce.reduce_partials` for the sum.

    terms : DataFrame indexed by term: ``count_a``, ``count_b``, ``df``.
    docs, words : per side. sentiment : per side (n, mean, M2) of the sentence compounds, and
    ``compounds`` the values themselves when at most BOOTSTRAP_MAX_VALUES (for a bootstrap).
    descriptors : per side, the matches in text order (DescriptorMatch's fields, as a tuple).
    register : per side (profile, counts). sentences : how many per-sentence records were made.
    hashes : per side, a digest per document (duplicates are counted after the reduce).
    script : per side, (letters, unspaced share, non-Latin share) of its first characters.
    agenda : per side, {topic: sentences raising it}, topics in order of first mention.
    """

    index: int
    terms: pd.DataFrame
    docs: tuple
    words: tuple
    sentiment: tuple
    compounds: tuple
    descriptors: tuple
    register: tuple
    sentences: int
    hashes: tuple
    script: tuple
    agenda: tuple = ({}, {})


def read_partition(spec: PartitionSpec, event: str, sides: tuple[str, str], options: CompareOptions,
                   sentences_dir: str | None = None) -> tuple[PartitionWork, Partial]:
    """Read the partition's documents of ``event`` and ``sides`` and count everything.

    ``sentences_dir``: where the per-sentence records are written, one Parquet file per partition
    (``part-FFFFF-PPPPP.parquet``); without it they are not kept (``Partial.sentences`` is their number).
    """
    lo, docs = _slice(spec)
    chosen = [(lo + i, d) for i, d in enumerate(docs) if d.event == event and d.side in sides]
    return _count(chosen, spec, sides, options, sentences_dir)


def read_partition_events(spec: PartitionSpec, events: tuple[str, ...], sides: tuple[str, str],
                          options: CompareOptions, sentences_dirs: dict | None = None) -> dict:
    """:func:`read_partition` for every event of ``events`` the partition holds, its file read once:
    {event: (PartitionWork, Partial)}; ``sentences_dirs``: {event: folder} for the sentence records."""
    lo, docs = _slice(spec)
    wanted, grouped = set(events), {}
    for i, d in enumerate(docs):
        if d.event in wanted and d.side in sides:
            grouped.setdefault(d.event, []).append((lo + i, d))
    return {e: _count(chosen, spec, sides, options, None if sentences_dirs is None else sentences_dirs[e])
            for e, chosen in grouped.items()}


def event_summaries(pairs: dict) -> dict:
    """{event: Partial} of :func:`read_partition_events`'s result (what goes back to the client)."""
    return {e: pair[1] for e, pair in pairs.items()}


def event_unit_sums(pairs: dict, event: str, vocabulary: pd.Index, idf: np.ndarray,
                    sublinear_tf: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`unit_sums` of one event's documents in this partition (None when it holds none)."""
    if event not in pairs:
        return None
    return unit_sums(pairs[event][0], vocabulary, idf, sublinear_tf)


def _count(chosen: list, spec: PartitionSpec, sides: tuple[str, str], options: CompareOptions,
           sentences_dir: str | None) -> tuple[PartitionWork, Partial]:
    by_side = [[(i, d.text) for i, d in chosen if d.side == s] for s in sides]
    texts = [[t for _, t in side] for side in by_side]
    work = _term_counts(texts, options)
    terms = pd.DataFrame({"count_a": np.asarray(work.counts[:work.n_a].sum(axis=0)).ravel(),
                          "count_b": np.asarray(work.counts[work.n_a:].sum(axis=0)).ravel(),
                          "df": np.bincount(work.counts.indices, minlength=len(work.terms))},
                         index=pd.Index(work.terms, name="term"), dtype=np.int64)
    lexicon = options.register.resolve()
    topics = options.agenda.resolve()
    records, moments, compounds, descriptors, register, words, agenda = [], [], [], [], [], [], []
    for k, side in enumerate(by_side):
        read = [read_document(t) for _, t in side]   # each document read once, as compare() does
        split = [r.sentences for r in read]
        flat = [s.text for doc in split for s in doc]
        scores = np.fromiter((c for c, _ in score_sentences(flat)), dtype=float, count=len(flat))
        tags = tag_sentences(flat, topics)
        raised: dict = {}
        for t in tags:
            for topic in t:
                raised[topic] = raised.get(topic, 0) + 1
        agenda.append(raised)
        records.append(pd.DataFrame({
            "side": np.full(len(flat), k, dtype=np.int8),
            "file": np.full(len(flat), spec.file, dtype=np.int32),
            "doc": np.repeat(np.array([i for i, _ in side], dtype=np.int64), [len(d) for d in split]),
            "start": np.fromiter((s.start for doc in split for s in doc), dtype=np.int64, count=len(flat)),
            "end": np.fromiter((s.end for doc in split for s in doc), dtype=np.int64, count=len(flat)),
            "compound": scores,
            "topics": pd.array(["|".join(t) for t in tags], dtype="string")}))
        moments.append(_moments(scores))
        compounds.append(scores if len(scores) <= BOOTSTRAP_MAX_VALUES else None)
        descriptors.append(tuple((m.descriptor, m.surface, m.start, m.end, m.form, m.sentence)
                                 for matches in find_descriptors_in_texts(texts[k], spans=[r.spans for r in read])
                                 for m in matches))
        reg = score_register(sides[k], texts[k], lexicon, sentences=[[s.text for s in doc] for doc in split])
        register.append((dict(reg.profile), dict(reg.counts)))
        words.append(sum(r.n_words for r in read))
    partial = Partial(
        index=spec.file * 1_000_000 + spec.part, terms=terms,
        docs=tuple(len(t) for t in texts), words=tuple(words),
        sentiment=tuple(moments), compounds=tuple(compounds), descriptors=tuple(descriptors),
        register=tuple(register), sentences=_write_sentences(records, spec, sentences_dir),
        hashes=tuple([hashlib.blake2b(x.encode("utf-8"), digest_size=16).digest() for x in t] for t in texts),
        script=tuple(script_shares(t) for t in texts), agenda=tuple(agenda))
    return work, partial


def _write_sentences(records: list[pd.DataFrame], spec: PartitionSpec, directory: str | None) -> int:
    table = pd.concat(records, ignore_index=True)
    if directory is not None:
        table.to_parquet(Path(directory) / f"part-{spec.file:05d}-{spec.part:05d}.parquet", index=False)
    return len(table)


def summarise(pair: tuple[PartitionWork, Partial]) -> Partial:
    """The partial tables of :func:`read_partition`'s result (what goes back to the client)."""
    return pair[1]


def work_of(pair: tuple[PartitionWork, Partial]) -> PartitionWork:
    """The per-document counts of :func:`read_partition`'s result (what stays on the worker)."""
    return pair[0]


def _term_counts(texts: list[list[str]], options: CompareOptions) -> PartitionWork:
    # min_df applies to the whole corpus, after the reduce: a partition keeps every term
    vectorizer = build_count_vectorizer(options.overlap, min_df=1)
    docs = texts[0] + texts[1]
    try:
        counts = vectorizer.fit_transform(docs).tocsr()
        terms = vectorizer.get_feature_names_out().astype(object)
    except ValueError:   # no term in this partition (empty, or stop words only): it adds nothing
        counts, terms = sparse.csr_matrix((len(docs), 0), dtype=np.int64), np.array([], dtype=object)
    return PartitionWork(terms, counts, len(texts[0]))


def _moments(values: np.ndarray) -> tuple[int, float, float]:
    """(n, mean, sum of squared deviations): combined across partitions by Chan et al.'s formula."""
    if not len(values):
        return 0, 0.0, 0.0
    mean = float(values.mean())
    return len(values), mean, float(((values - mean) ** 2).sum())


def unit_sums(work: PartitionWork, vocabulary: pd.Index, idf: np.ndarray,
              sublinear_tf: bool) -> tuple[np.ndarray, np.ndarray]:
    """Each side's sum of its documents' unit-length TF-IDF vectors over the reduced ``vocabulary``
    (what the mean document similarity is made of); terms outside it (below min_df) are dropped."""
    where = vocabulary.get_indexer(work.terms)
    keep = np.flatnonzero(where >= 0)
    local = work.counts[:, keep]
    # columns in the order of the reduced vocabulary (both sorted: the order is kept)
    counts = sparse.csr_matrix((local.data, where[keep][local.indices], local.indptr),
                               shape=(local.shape[0], len(vocabulary)))
    docs = tfidf_unit_rows(counts, idf, sublinear_tf)
    return (np.asarray(docs[:work.n_a].sum(axis=0)).ravel(), np.asarray(docs[work.n_a:].sum(axis=0)).ravel())


def as_corpus(documents) -> Corpus:
    """Documents as a :class:`~framing.inputs.corpus.Corpus` (for code that takes one)."""
    return Corpus(tuple(documents))
