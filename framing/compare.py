"""``compare(corpus, options) -> Comparison``: every analysis for two sides in one call."""
from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

from .align import AlignOptions, Alignment, align_sentences
from .corpus import Corpus, CorpusError
from .descriptors import DescriptorDiff, diff_descriptors, extract_descriptors_from_texts, find_descriptors
from .distinctive import Distinctive, DistinctiveOptions, Z_THRESHOLD, score_distinctive_terms
from .overlap import Overlap, OverlapOptions, fit_counts, pool_counts, score_overlap
from .sentiment import SentimentOptions, SideSentiment, score_side

__all__ = ["CompareOptions", "Comparison", "compare", "THIN_EVIDENCE_TOKENS"]

#: Below this many tokens on a side, term statistics are flagged as thin evidence.
THIN_EVIDENCE_TOKENS = 500


@dataclass(frozen=True)
class CompareOptions:
    """Every setting of a comparison; defaults reproduce the bundled view.

    sides : the two side labels to compare (None: the corpus's only two sides).
    event : the event to compare (None: the corpus's only event).
    """

    sides: tuple[str, str] | None = None
    event: str | None = None
    overlap: OverlapOptions = field(default_factory=OverlapOptions)
    distinctive: DistinctiveOptions = field(default_factory=DistinctiveOptions)
    align: AlignOptions = field(default_factory=AlignOptions)
    sentiment: SentimentOptions = field(default_factory=SentimentOptions)


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare`; ``to_dict()`` is the CLI's JSON."""

    event: str
    sides: tuple[str, str]
    options: CompareOptions
    lengths: dict
    overlap: Overlap
    distinctive: Distinctive
    descriptors: dict  # side -> list of descriptors
    descriptor_diff: DescriptorDiff
    descriptor_evidence: dict  # side -> list of DescriptorMatch
    sentiment: dict  # side -> SideSentiment
    alignment: Alignment
    warnings: tuple[str, ...]

    def to_dict(self) -> dict:
        a, b = self.sides
        return _clean({
            "event": self.event,
            "sides": [a, b],
            "lengths": self.lengths,
            "overlap": {
                "cosine": self.overlap.cosine,
                "method": "pooled: each side's documents summed, TF-IDF weighted, cosine of the two vectors",
                "mean_document_similarity": self.overlap.mean_document_similarity,
                "shared_terms": [
                    {"term": r.term, "contribution": r.contribution, "share": r.share,
                     "count": {a: int(r.count_a), b: int(r.count_b)}}
                    for r in self.overlap.shared_terms.itertuples()
                ],
                "vocabulary_size": self.overlap.vocabulary_size,
            },
            "descriptors": {
                "by_side": {s: list(self.descriptors[s]) for s in self.sides},
                "shared": list(self.descriptor_diff.shared),
                "only": {a: list(self.descriptor_diff.only_a), b: list(self.descriptor_diff.only_b)},
                "evidence": {s: [{"descriptor": m.descriptor, "surface": m.surface, "form": m.form,
                                  "sentence": m.sentence} for m in self.descriptor_evidence[s]]
                             for s in self.sides},
            },
            "distinctive_terms": {
                s: [{"term": r.term, "z": r.z, "count": int(r.count), "count_other": int(r.count_other),
                     "significant": bool(r.significant)} for r in self.distinctive.top[s].itertuples()]
                for s in self.sides
            },
            "distinctive_summary": {
                "threshold": Z_THRESHOLD,
                "n_significant": self.distinctive.n_significant,
                "tokens": self.distinctive.totals,
                "message": self.distinctive.message,
            },
            "sentiment": {
                s: {"mean": v.mean, "ci_low": v.ci_low, "ci_high": v.ci_high, "n_sentences": v.n_sentences,
                    "lexicon": "VADER (vaderSentiment 3.3.2): general tone, not diplomatic register",
                    "sentences": [{"sentence": r.sentence, "compound": r.compound,
                                   "words": [{"word": w, "valence": lv, "effect": ev} for w, lv, ev in r.words]}
                                  for r in v.sentences.itertuples()]}
                for s, v in self.sentiment.items()
            },
            "alignment": [
                {"a": r.a, "b": r.b, "similarity": r.similarity, "status": r.status}
                for r in self.alignment.rows.itertuples()
            ],
            "alignment_method": {"matching": "many-to-one, best match per sentence in both directions",
                                 "threshold": self.alignment.threshold},
            "options": _options_dict(self.options),
            "warnings": list(self.warnings),
        })


def _options_dict(options: CompareOptions) -> dict:
    data = asdict(options)
    data["overlap"]["ngram_range"] = list(options.overlap.ngram_range)
    data["sides"] = list(options.sides) if options.sides else None
    return data


def _clean(value):
    """NaN is not JSON: report unknown numbers as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _choose(corpus: Corpus, options: CompareOptions) -> tuple[str, Corpus, tuple[str, str]]:
    if not len(corpus):
        raise CorpusError("the corpus has no documents; load a file with at least one document per side")
    event = options.event
    if event is None:
        events = corpus.events
        if len(events) > 1:
            raise CorpusError(f"the corpus holds {len(events)} events; pick one with --event (for example {events[0]!r})")
        event = events[0]
    selected = corpus.select(event=event)
    sides = options.sides
    if sides is None:
        present = selected.sides
        if len(present) < 2:
            raise CorpusError(f"only one side ({present[0]!r}) in event {event!r}; a comparison needs two sides: add the other side's documents")
        if len(present) > 2:
            raise CorpusError(f"event {event!r} has {len(present)} sides ({', '.join(present)}); pick two with --sides A B")
        sides = (present[0], present[1])
    if len(sides) != 2 or sides[0] == sides[1]:
        raise CorpusError(f"sides {list(sides)!r} are not two different sides; name two different sides to compare")
    return event, selected.select(sides=sides), (sides[0], sides[1])


def _word_count(texts: list[str]) -> int:
    return sum(len(re.findall(r"\w+", t)) for t in texts)


def compare(corpus: Corpus, options: CompareOptions = CompareOptions()) -> Comparison:
    """Compare how two sides tell one event.

    Raises
    ------
    CorpusError
        Unknown event or side, fewer than two sides.
    OptionsError
        Settings that cannot work on this corpus (min_df too high, no terms left).
    """
    options.overlap.validate()
    options.align.validate()
    event, selected, sides = _choose(corpus, options)
    texts = {s: selected.texts(s) for s in sides}
    a, b = sides
    fitted = fit_counts(texts[a], texts[b], options.overlap)
    overlap = score_overlap(texts[a], texts[b], sides, options.overlap, fitted=fitted)
    vectorizer, counts, n_a = fitted
    pooled = pool_counts(counts, n_a)
    distinctive = score_distinctive_terms(
        vectorizer.get_feature_names_out(), pooled[0], pooled[1], sides, options.distinctive,
    )
    descriptors = {s: extract_descriptors_from_texts(texts[s]) for s in sides}
    evidence = {s: [m for t in texts[s] for m in find_descriptors(t)] for s in sides}
    sentiment = {s: score_side(s, texts[s], options.sentiment) for s in sides}
    alignment = align_sentences(texts[a], texts[b], sides, options.align)
    lengths = {s: {"documents": len(texts[s]), "words": _word_count(texts[s]),
                   "sentences": sentiment[s].n_sentences} for s in sides}
    return Comparison(
        event=event, sides=sides, options=options, lengths=lengths, overlap=overlap,
        distinctive=distinctive, descriptors=descriptors,
        descriptor_diff=diff_descriptors(descriptors[a], descriptors[b]),
        descriptor_evidence=evidence, sentiment=sentiment, alignment=alignment,
        warnings=tuple(_warnings(sides, distinctive, sentiment, descriptors)),
    )


def _warnings(sides, distinctive: Distinctive, sentiment: dict, descriptors: dict) -> list[str]:
    notes = []
    for s in sides:
        tokens = distinctive.totals[s]
        if tokens < THIN_EVIDENCE_TOKENS:
            notes.append(f"Thin evidence: side {s!r} has only {tokens} counted tokens (under {THIN_EVIDENCE_TOKENS}); "
                         "term statistics and overlap rest on very few words.")
        if sentiment[s].n_sentences < 2:
            notes.append(f"Side {s!r} has {sentiment[s].n_sentences} sentence(s): no sentiment interval can be estimated.")
        if not descriptors[s]:
            notes.append(f"Side {s!r} uses no characterising adjective for the event; often one side says none.")
    if distinctive.message:
        notes.append(distinctive.message)
    return notes
