"""``compare_dask``: :func:`~framing.comparison.compare` with the corpus cut into partitions run by Dask.

Pass 1 reads every partition where it runs and returns its partial tables (:mod:`.partition`); they
reduce by addition (:mod:`.reduce`). Pass 2 sends the reduced vocabulary and idf back to the
partitions, whose per-document counts stayed on their workers, for the mean document similarity.
The scorers then run once, in this process (:mod:`.score`). Only sums cross the network: the
per-sentence records go from each worker straight into the bundle's folder (``out_bundle``), which
on a cluster must be storage every worker can write.
"""
from __future__ import annotations

import glob
import math
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from framing.errors import CorpusError, OptionsError
from framing.inputs.corpus import Document
from framing.results import CompareOptions, Comparison
from framing.scale import partition as part
from framing.scale.reduce import Reduced, fold_terms, reduce_partials
from framing.scale.score import score_reduced, vocabulary

__all__ = ["SUFFIXES", "compare_dask", "connect", "expand_inputs", "local_cluster", "on_cluster", "partition_specs"]

SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")


def expand_inputs(patterns) -> list[str]:
    """Paths and globs to a sorted, de-duplicated list of corpus files.

    Raises
    ------
    CorpusError
        A pattern matches nothing, or a file is not CSV, JSONL or Parquet.
    """
    files = []
    for pattern in patterns:
        found = sorted(glob.glob(str(pattern))) if glob.has_magic(str(pattern)) else [str(pattern)]
        if not found:
            raise CorpusError(f"{pattern}: no file matches; check the pattern (quote it so the shell does not expand it)")
        for path in found:
            if Path(path).suffix.lower() not in SUFFIXES:
                raise CorpusError(f"{path}: --engine dask reads .csv, .jsonl and .parquet corpus files; convert it or "
                                  "use --engine local")
            if not Path(path).is_file():
                raise CorpusError(f"{path}: no such file; check the path")
        files += found
    return list(dict.fromkeys(os.path.abspath(p) for p in files))


@contextmanager
def local_cluster(n_workers: int | None = None, memory_limit: str | None = "auto"):
    """A Dask client on a cluster of worker processes on this machine (one per core, one thread each)."""
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      memory_limit=memory_limit, dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


@contextmanager
def connect(scheduler: str | None, n_workers: int | None, memory_limit: str | None):
    if scheduler is None:
        with local_cluster(n_workers, memory_limit) as client:
            yield client
        return
    from dask.distributed import Client

    try:
        client = Client(scheduler, timeout="20s")
    except OSError as exc:
        raise OptionsError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); start it "
                           "(dask scheduler) or drop --scheduler to use a cluster on this machine") from None
    with client:
        yield client


def _choose(client, specs, options: CompareOptions) -> tuple[str, tuple[str, str]]:
    """The event and sides, by the in-process rules, from each partition's (event, side) pairs."""
    from framing.comparison import choose_event as choose_in_process

    triples = list(dict.fromkeys(t for found in client.gather(client.map(part.labels, specs)) for t in found))
    pairs = list(dict.fromkeys((e, s) for e, s, _ in triples))
    # one stand-in document per (event, side), in order of first appearance: the rules see what they need
    stand_in = part.as_corpus(Document(event=e, side=s, text="") for e, s in pairs)
    event, _, sides = choose_in_process(stand_in, options)
    part.refuse_versions(triples, [(event, side) for side in sides])
    return event, sides


def compare_dask(inputs, options: CompareOptions = CompareOptions(), *, scheduler: str | None = None,
                 n_workers: int | None = None, memory_limit: str | None = "auto", partitions: int | None = None,
                 columns: tuple = ("side", "text", "event"), skip_bad_rows: bool = False,
                 out_bundle: str | Path | None = None, client=None) -> Comparison:
    """Compare two sides of one event over corpus files on a Dask cluster.

    inputs : paths or globs of CSV, JSONL or Parquet files (each parsed as the CLI parses one).
    scheduler : address of a running Dask scheduler; None starts a local cluster of ``n_workers``
        processes (default: one per core) with ``memory_limit`` each. ``client``: an open client to use instead.
    partitions : partitions in all (default: one per file, at least four per worker, for balance).
    out_bundle : write the results bundle there (:mod:`framing.scale.bundle`).

    Raises
    ------
    CorpusError, OptionsError
        As :func:`~framing.comparison.compare`; also for options --engine dask does not support yet.
    """
    options.overlap.validate()
    options.align.validate()
    return on_cluster(_run, inputs, options, scheduler, n_workers, memory_limit, client,
                      partitions, columns, skip_bad_rows, out_bundle)


def on_cluster(run, inputs, options: CompareOptions, scheduler, n_workers, memory_limit, client, *args):
    """``run(client, files, options, *args)`` on ``client``, or on a client of ``scheduler`` (or of a new
    local cluster) opened and closed around it, once the options and inputs are known to be usable: what
    :func:`compare_dask` and :func:`~framing.scale.timeline_dask.timeline_dask` share."""
    if options.translation_variants:
        raise OptionsError("translation variants are not supported by the Dask engine yet",
                           "compare in-process (the local engine), or without translation variants")
    files = expand_inputs(inputs)
    if client is not None:
        return run(client, files, options, *args)
    with connect(scheduler, n_workers, memory_limit) as new:
        return run(new, files, options, *args)


def partition_specs(client, files, partitions, columns, skip_bad_rows) -> list[part.PartitionSpec]:
    """The partitions of ``files``: ``partitions`` in all (default four per worker, for balance), at least one a file."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    per_file = max(1, math.ceil((partitions or 4 * workers) / len(files)))
    return [part.PartitionSpec(path, i, p, per_file, tuple(columns), skip_bad_rows)
            for i, path in enumerate(files) for p in range(per_file)]


def _run(client, files, options, partitions, columns, skip_bad_rows, out_bundle) -> Comparison:
    from framing.scale.bundle import finish_bundle, start_bundle

    specs = partition_specs(client, files, partitions, columns, skip_bad_rows)
    event, sides = _choose(client, specs, options)
    staging = start_bundle(out_bundle) if out_bundle is not None else None
    pairs = client.map(part.read_partition, specs, event=event, sides=sides, options=options,
                       sentences_dir=None if staging is None else str(staging))
    try:
        reduced = _gather_reduce(client, client.map(part.summarise, pairs))
        mean_doc = _mean_document_similarity(client, pairs, reduced, options)
    finally:
        client.cancel(pairs)
    result = score_reduced(reduced, event, sides, options, mean_doc)
    if staging is not None:
        finish_bundle(staging, out_bundle, result, reduced, files, specs, columns)
    return result


#: Partials gathered at a time: their term tables are folded into the total and dropped (bounds the client's memory).
GATHER_BATCH = 32


def _gather_reduce(client, summaries) -> Reduced:
    terms, partials = None, []
    for start in range(0, len(summaries), GATHER_BATCH):
        batch = summaries[start:start + GATHER_BATCH]
        got = client.gather(batch)
        client.cancel(batch)
        terms = fold_terms(terms, [p.terms for p in got])
        for p in got:
            p.terms = None
        partials += got
    return reduce_partials(partials, terms=terms)


def _mean_document_similarity(client, pairs, reduced: Reduced, options: CompareOptions) -> float:
    n_a, n_b = reduced.docs
    kept, idf = vocabulary(reduced, options)
    [vocab, weights] = client.scatter([kept.index, idf], broadcast=True)
    works = client.map(part.work_of, pairs)
    sums = client.map(part.unit_sums, works, vocabulary=vocab, idf=weights, sublinear_tf=options.overlap.sublinear_tf)
    total_a, total_b = np.zeros(len(kept)), np.zeros(len(kept))
    for a, b in client.gather(sums):
        total_a += a
        total_b += b
    client.cancel(works + sums + [vocab, weights])
    return float(total_a @ total_b / (n_a * n_b)) if n_a and n_b else float("nan")


def temp_bundle_dir() -> str:
    """A fresh folder for a bundle (tests, benchmarks)."""
    return tempfile.mkdtemp(prefix="framing-bundle-")
