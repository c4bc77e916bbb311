"""The scorers, run once on reduced tables: the same functions the in-process :func:`~framing.comparison.compare`
calls, so the numbers are the same (term statistics to the bit; sentiment moments to rounding)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from collections.abc import Sequence
from dataclasses import dataclass

from framing.analyses.agenda import Agenda
from framing.analyses.align import Alignment
from framing.analyses.descriptors import DescriptorMatch, diff_descriptors
from framing.analyses.distinctive import score_distinctive_terms
from framing.analyses.overlap import idf_from_df, score_overlap_counts
from framing.analyses.register import SideRegister
from framing.analyses.sentiment import (
    SideSentiment,
    bootstrap_mean_ci,
    interval_method,
    normal_mean_ci,
)
from framing.errors import OptionsError
from framing.results import CompareOptions, Comparison
from framing.scale.reduce import Reduced

__all__ = ["ALIGNMENT_NOTE", "CountedAgenda", "counted_agenda", "score_reduced", "vocabulary"]

#: Why a comparison made from partitions has no sentence alignment (said in its warnings).
ALIGNMENT_NOTE = ("sentence alignment is not computed by --engine dask: run --engine local on the event "
                  "(or a sample of it) to align sentences")


class _NotHere(Sequence):
    """A side's sentences when only their number is here: every item is None (the texts are the bundle's
    sentence records, read back by offsets)."""

    def __init__(self, n: int):
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [None] * len(range(*i.indices(self.n)))
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return None


@dataclass(frozen=True)
class CountedAgenda(Agenda):
    """The agenda from reduced counts: each topic's sentences are counted, not kept (``by_side`` holds
    ``range(count)``, and a sentence text is None); the bundle's sentence records name each sentence's
    topics. ``to_dict`` has the in-process keys, with ``sentences`` empty and ``sentence_count`` added."""

    def to_dict(self) -> dict:
        return {"by_side": {s: [{"topic": t, "label": self.labels.get(t, t), "sentences": [],
                                 "sentence_count": len(idx)} for t, idx in self.by_side[s]] for s in self.sides},
                "shared": list(self.shared),
                "only": {s: list(self.only[s]) for s in self.sides}}


def counted_agenda(reduced: Reduced, sides: tuple[str, str], options: CompareOptions) -> CountedAgenda:
    """The agenda of the reduced topic counts: the same topics, order, shared and only as
    :func:`~framing.analyses.agenda.build_agenda` on every sentence, and each topic's sentence count."""
    lexicon = options.agenda.resolve()
    a, b = sides
    by_side = {s: [(t, range(n)) for t, n in reduced.agenda[k].items()] for k, s in enumerate(sides)}
    raised = {s: [t for t, _ in by_side[s]] for s in sides}
    shared = tuple(t for t in raised[a] if t in set(raised[b]))
    only = {a: tuple(t for t in raised[a] if t not in set(raised[b])),
            b: tuple(t for t in raised[b] if t not in set(raised[a]))}
    n = {s: reduced.sentiment[k][0] for k, s in enumerate(sides)}
    return CountedAgenda(tuple(sides), by_side, shared, only, {s: _NotHere(n[s]) for s in sides},
                         {s: _NotHere(n[s]) for s in sides}, {t.topic: t.label for t in lexicon.topics})


def vocabulary(reduced: Reduced, options: CompareOptions) -> tuple[pd.DataFrame, np.ndarray]:
    """The terms kept (``df >= min_df``), as in :func:`~framing.analyses.overlap.fit_counts`, and their idf.

    Raises
    ------
    OptionsError
        ``min_df`` above the number of documents, or no term left.
    """
    n_docs = sum(reduced.docs)
    min_df = options.overlap.min_df
    if min_df > n_docs:
        raise OptionsError(f"min_df is {min_df} but there are only {n_docs} documents; lower min_df to {n_docs} or less")
    kept = reduced.terms[reduced.terms["df"] >= min_df]
    if kept.empty:
        stop = " after removing English stop words" if options.overlap.stop_words == "english" else ""
        raise OptionsError(f"no terms are left to compare{stop} (min_df={min_df}, n-grams "
                           f"{tuple(options.overlap.ngram_range)}); use --stop-words none, a lower min_df, or longer texts")
    return kept, idf_from_df(kept["df"].to_numpy(), n_docs)


def _sentiment(side: str, k: int, reduced: Reduced, options: CompareOptions) -> SideSentiment:
    n, mean, m2 = reduced.sentiment[k]
    if reduced.compounds[k] is not None:   # few enough for the bootstrap: the very values, in order
        mean, low, high = bootstrap_mean_ci(reduced.compounds[k], options.sentiment)
    else:
        mean, low, high = normal_mean_ci(mean, math.sqrt(m2 / (n - 1)), n, options.sentiment)
    empty = pd.DataFrame([], columns=["doc_index", "sentence", "compound", "words"])
    return SideSentiment(side, mean, low, high, n, empty, interval_method(n, options.sentiment))


def score_reduced(reduced: Reduced, event: str, sides: tuple[str, str], options: CompareOptions,
                  mean_document_similarity: float = float("nan")) -> Comparison:
    """The comparison from the reduced tables; per-sentence lists are left empty (they are in the bundle)."""
    from framing.comparison import (
        evidence_warnings,  # the in-process path's warnings, word for word
    )
    from framing.analyses.crosslang import is_cross_language, language_from_shares

    a, b = sides
    kept, _ = vocabulary(reduced, options)
    terms = kept.index.to_numpy(dtype=object)
    ca, cb = kept["count_a"].to_numpy(), kept["count_b"].to_numpy()
    overlap = score_overlap_counts(terms, ca, cb, kept["df"].to_numpy(), sum(reduced.docs), options.overlap, sides,
                                   mean_document_similarity=mean_document_similarity)
    distinctive = score_distinctive_terms(terms, ca, cb, sides, options.distinctive)
    sentiment = {s: _sentiment(s, k, reduced, options) for k, s in enumerate(sides)}
    evidence = {s: [DescriptorMatch(*m) for m in reduced.descriptors[k]] for k, s in enumerate(sides)}
    descriptors = {s: list(dict.fromkeys(m.descriptor for m in evidence[s])) for s in sides}
    register = {s: SideRegister(s, reduced.register[k][0], reduced.register[k][1], (), (), reduced.sentiment[k][0])
                for k, s in enumerate(sides)}
    alignment = Alignment(sides, pd.DataFrame([], columns=["a", "b", "similarity", "a_index", "b_index", "status"]),
                          [], [], None, options.align.threshold,
                          {"max_sentences": options.align.max_sentences, "seed": options.align.seed,
                           "aligned": {a: 0, b: 0}, "sentences": {s: sentiment[s].n_sentences for s in sides},
                           "note": ALIGNMENT_NOTE})
    # each side's language from its script shares, as far as the engine can tell (issue 13)
    languages = {s: language_from_shares(*reduced.script[k][:2]) for k, s in enumerate(sides)}
    lengths = {s: {"documents": reduced.docs[k], "words": reduced.words[k], "sentences": sentiment[s].n_sentences,
                   "language": languages[s].language} for k, s in enumerate(sides)}
    return Comparison(
        event=event, sides=sides, options=options, lengths=lengths, overlap=overlap, distinctive=distinctive,
        descriptors=descriptors, descriptor_diff=diff_descriptors(descriptors[a], descriptors[b]),
        descriptor_evidence=evidence, sentiment=sentiment, alignment=alignment,
        warnings=tuple(_input_notes(sides, reduced, distinctive, options)
                       + evidence_warnings(sides, distinctive, sentiment, descriptors, alignment)),
        register=register, languages=languages, cross_language=is_cross_language(languages),
        agenda=counted_agenda(reduced, sides, options))


def _input_notes(sides, reduced: Reduced, distinctive, options: CompareOptions) -> list[str]:
    """What :func:`framing.comparison._input_warnings` says, from the reduced counts (scripts are read
    from the first partition holding each side's documents)."""
    from framing.comparison import NON_LATIN_SHARE, UNSPACED_SCRIPT_SHARE

    notes = []
    for k, s in enumerate(sides):
        letters, unspaced, non_latin = reduced.script[k]
        if letters and unspaced >= UNSPACED_SCRIPT_SHARE:
            notes.append(f"Side {s!r} is written mostly in a script without spaces between words: its terms are "
                         "whole runs of characters; descriptors, register and VADER tone read English only.")
        elif letters and non_latin >= NON_LATIN_SHARE:
            notes.append(f"Side {s!r} is written mostly in a non-Latin script: descriptors, register and VADER tone "
                         "read English only and find little or nothing in it.")
        if distinctive.totals[s] == 0:
            notes.append(f"Side {s!r} has no terms left to count: its overlap is 0 and it has no distinctive terms.")
        if reduced.duplicates[k]:
            notes.append(f"Side {s!r} has {reduced.duplicates[k]} duplicate document(s), word for word the same as an "
                         "earlier one; they are kept and counted each time: remove them if they are reposts of one "
                         "statement.")
    if reduced.shared:
        notes.append(f"{reduced.shared} document(s) appear word for word on both sides ({sides[0]!r} and "
                     f"{sides[1]!r}); they are kept on both: remove them from one side if they were filed under the "
                     "wrong side.")
    return notes
