"""``timeline_dask``: :func:`~framing.timeline.timeline` with the corpus cut into partitions run by Dask.

The events, their order and the events lacking a side come from the same rules as in-process
(:func:`~framing.timeline.plan_events`, fed each partition's distinct (event, side, date) triples).
Each partition then reads its file once and counts every event it holds, separately
(:func:`~framing.scale.partition.read_partition_events`): a partition's partials are per
(event, side), and each event's partials reduce by addition on their own, then go through the
same scorers as :func:`~framing.scale.dask_engine.compare_dask`.

With ``out_bundle`` the folder holds ``timeline.json`` (the events in order, each with its folder)
and one results bundle per compared event (``event-0001/`` …), each one the dashboard's
"Results bundle" source opens.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from framing.errors import CorpusError, OptionsError
from framing.inputs.corpus import Document
from framing.results import CompareOptions
from framing.scale import partition as part
from framing.scale.dask_engine import GATHER_BATCH, on_cluster, partition_specs
from framing.scale.reduce import fold_terms, reduce_partials
from framing.scale.score import score_reduced, vocabulary
from framing.timeline import EventComparison, plan_events

__all__ = ["TIMELINE_FORMAT", "timeline_dask"]

TIMELINE_FORMAT = "framing-timeline-bundle/1"


def timeline_dask(inputs, options: CompareOptions = CompareOptions(), *, scheduler: str | None = None,
                  n_workers: int | None = None, memory_limit: str | None = "auto", partitions: int | None = None,
                  columns: tuple = ("side", "text", "event"), skip_bad_rows: bool = False,
                  out_bundle: str | Path | None = None, client=None) -> list[EventComparison]:
    """The same two sides compared on every event of corpus files, on a Dask cluster.

    Arguments as :func:`~framing.scale.dask_engine.compare_dask`; the result as
    :func:`~framing.timeline.timeline` (per-sentence lists empty: they are in the bundle).

    Raises
    ------
    CorpusError, OptionsError
        As :func:`~framing.timeline.timeline`; also for options --engine dask does not support yet.
    """
    return on_cluster(_run, inputs, options, scheduler, n_workers, memory_limit, client,
                      partitions, columns, skip_bad_rows, out_bundle)


def _run(client, files, options, partitions, columns, skip_bad_rows, out_bundle) -> list[EventComparison]:
    specs = partition_specs(client, files, partitions, columns, skip_bad_rows)
    quads = dict.fromkeys(t for found in client.gather(client.map(part.dated_labels, specs)) for t in found)
    triples = dict.fromkeys((e, s, d) for e, s, d, _ in quads)
    # one stand-in document per distinct (event, side, date), in corpus order: all the plan reads
    stand_in = part.as_corpus(Document(event=e, side=s, text="", date=d) for e, s, d in triples)
    sides, plan = plan_events(stand_in, options)
    events = tuple(e for e, _, _, reason in plan if not reason)
    part.refuse_versions([(e, s, v) for e, s, _, v in quads], [(e, s) for e in events for s in sides])
    staging = _start(out_bundle, events)
    pairs = client.map(part.read_partition_events, specs, events=events, sides=sides, options=options,
                       sentences_dirs=None if staging is None else {e: str(d) for e, d in staging.items()})
    try:
        reduced = _gather_reduce_events(client, client.map(part.event_summaries, pairs), events)
        out = []
        for event, when, note, reason in plan:
            if reason:
                out.append(EventComparison(event, when, sides, reason=reason, date_note=note))
                continue
            settings = replace(options, event=event, sides=sides)
            try:
                mean_doc = _mean_document_similarity(client, pairs, event, reduced[event], settings)
                result = score_reduced(reduced[event], event, sides, settings, mean_doc)
            except (CorpusError, OptionsError) as exc:
                out.append(EventComparison(event, when, sides, reason=str(exc), date_note=note))
                continue
            out.append(EventComparison(event, when, sides, comparison=result, date_note=note))
    finally:
        client.cancel(pairs)
    if staging is not None:
        _finish(out_bundle, staging, out, reduced, files, specs, columns)
    return out


def _gather_reduce_events(client, summaries, events) -> dict:
    """{event: Reduced}: each event's partials summed, a batch of partitions at a time."""
    terms = {e: None for e in events}
    partials = {e: [] for e in events}
    for start in range(0, len(summaries), GATHER_BATCH):
        batch = summaries[start:start + GATHER_BATCH]
        got = client.gather(batch)
        client.cancel(batch)
        for event in events:
            found = [by_event[event] for by_event in got if event in by_event]
            if found:
                terms[event] = fold_terms(terms[event], [p.terms for p in found])
            for p in found:
                p.terms = None
            partials[event] += found
    return {e: reduce_partials(partials[e], terms=terms[e]) for e in events}


def _mean_document_similarity(client, pairs, event, reduced, options: CompareOptions) -> float:
    n_a, n_b = reduced.docs
    kept, idf = vocabulary(reduced, options)
    [vocab, weights] = client.scatter([kept.index, idf], broadcast=True)
    sums = client.map(part.event_unit_sums, pairs, event=event, vocabulary=vocab, idf=weights,
                      sublinear_tf=options.overlap.sublinear_tf)
    total_a, total_b = np.zeros(len(kept)), np.zeros(len(kept))
    for got in client.gather(sums):
        if got is not None:
            total_a += got[0]
            total_b += got[1]
    client.cancel(sums + [vocab, weights])
    return float(total_a @ total_b / (n_a * n_b)) if n_a and n_b else float("nan")


def _start(out_bundle, events) -> dict | None:
    """{event: its bundle's sentence folder} under ``out_bundle`` (replaced if it is an earlier timeline bundle)."""
    if out_bundle is None:
        return None
    import shutil

    from framing.scale.bundle import BundleError, start_bundle

    out = Path(out_bundle)
    if out.exists():
        if not out.is_dir():
            raise BundleError(f"{out}: is a file; give --out-bundle a folder path")
        if any(out.iterdir()) and not (out / "timeline.json").exists():
            raise BundleError(f"{out}: the folder holds other files; give --out-bundle a new or empty folder")
        shutil.rmtree(out)
    return {e: start_bundle(out / _folder(k)) for k, e in enumerate(events)}


def _folder(k: int) -> str:
    return f"event-{k + 1:04d}"


def _finish(out_bundle, staging: dict, results: list[EventComparison], reduced: dict, files, specs, columns) -> None:
    from framing.scale.bundle import finish_bundle

    out = Path(out_bundle)
    folders = {e: _folder(k) for k, e in enumerate(staging)}
    listing = []
    for r in results:
        folder = folders.get(r.event) if r.compared else None
        if folder is not None:
            finish_bundle(staging[r.event], out / folder, r.comparison, reduced[r.event], files, specs, columns)
        elif r.event in staging:   # planned but not comparable (min_df, no terms): no bundle for it
            import shutil

            shutil.rmtree(out / folders[r.event], ignore_errors=True)
        listing.append({"event": r.event, "date": r.date or None, "compared": r.compared, "folder": folder,
                        "reason": r.reason or None, "summary": r.summary()})
    data = {"bundle": {"format": TIMELINE_FORMAT, "files": list(files), "partitions": len(specs)},
            "sides": list(results[0].sides) if results else [], "events": listing}
    (out / "timeline.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
