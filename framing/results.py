"""The results schema: the options of a comparison, ``Comparison`` and its JSON (the CLI's contract).

Render and export code reads results through this module only; constants they need from the
analyses (the z threshold, the register's dimensions) are re-exported here.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from framing.analyses.agenda import Agenda, AgendaOptions, agenda_table
from framing.analyses.align import Alignment, AlignOptions
from framing.analyses.descriptors import DescriptorDiff
from framing.analyses.distinctive import Z_THRESHOLD, Distinctive, DistinctiveOptions
from framing.analyses.meaning import MeaningOptions
from framing.analyses.overlap import Overlap, OverlapOptions
from framing.analyses.register import DIMENSIONS, RegisterOptions
from framing.analyses.sentiment import SentimentOptions
from framing.lazyjson import Rows, rows

__all__ = ["CompareOptions", "Comparison", "DIMENSIONS", "Z_THRESHOLD", "agenda_table"]


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
    #: the register lexicon: bundled, or an analyst's extending or replacing it
    register: RegisterOptions = field(default_factory=RegisterOptions)
    #: treat the lexicon's variants as one term in descriptors, overlap and distinctive terms
    #: ("deep" ~ "in-depth", "practical" ~ "pragmatic"); alignment and sentiment keep the words as written
    translation_variants: bool = False
    # --- agenda and alignment by meaning (issue 14) ---
    #: the topic lexicon: bundled, or an analyst's extending or replacing it
    agenda: AgendaOptions = field(default_factory=AgendaOptions)
    #: what alignment compares: "words" (TF-IDF cosine at align.threshold) or "topics" (content words
    #: without boilerplate, plus shared topics; see framing/analyses/meaning.py)
    similarity: str = "words"
    meaning: MeaningOptions = field(default_factory=MeaningOptions)


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
    register: dict = field(default_factory=dict)  # side -> SideRegister
    disagreements: tuple = ()  # Disagreement, both sides
    variants_applied: tuple = ()  # (variant, canonical, sides) that occurred, with translation_variants on
    agenda: Agenda | None = None  # the topics each side raised

    def to_dict(self, lazy: bool = False) -> dict:
        """The CLI's JSON as a dict.

        ``lazy``: the per-sentence lists (descriptor evidence, every sentence's score and words, the
        register's matches and sentences, the alignment) are made as they are iterated, for
        ``json.dump(..., indent=...)`` to write row by row (see :mod:`framing.lazyjson`); the JSON is the
        same, byte for byte.
        """
        a, b = self.sides

        def lazy_rows(count, make):
            return rows(count, lambda: (_clean(r) for r in make()), lazy)

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
                "evidence": {s: lazy_rows(len(self.descriptor_evidence[s]), lambda s=s: (
                    {"descriptor": m.descriptor, "surface": m.surface, "form": m.form, "sentence": m.sentence}
                    for m in self.descriptor_evidence[s])) for s in self.sides},
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
                    "interval": v.interval,
                    "lexicon": "VADER (vaderSentiment 3.3.2): general tone, not diplomatic register",
                    "sentences": lazy_rows(len(v.sentences), lambda v=v: (
                        {"sentence": r.sentence, "compound": r.compound,
                         "words": [{"word": w, "valence": lv, "effect": ev} for w, lv, ev in r.words]}
                        for r in v.sentences.itertuples()))}
                for s, v in self.sentiment.items()
            },
            "alignment": lazy_rows(len(self.alignment.rows), lambda: (
                {"a": r.a, "b": r.b, "similarity": r.similarity, "status": r.status,
                 "basis": getattr(r, "basis", None)}
                for r in self.alignment.rows.itertuples())),
            "alignment_method": {"matching": "many-to-one, best match per sentence in both directions",
                                 "threshold": self.alignment.threshold,
                                 "sampling": self.alignment.sampling,
                                 **_similarity_method(self.options)},
            "agenda": self.agenda.to_dict() if self.agenda is not None else None,
            "register": {
                "by_side": {s: self.register[s].to_dict(lazy) for s in self.sides},
                "disagreements": [d.to_dict() for d in self.disagreements],
            },
            "variants_applied": [{"variant": v, "canonical": c, "sides": list(ss)} for v, c, ss in self.variants_applied],
            "options": _options_dict(self.options),
            "warnings": list(self.warnings),
        })


def _similarity_method(options: CompareOptions) -> dict:
    """What alignment compared (added to ``alignment_method``)."""
    if options.similarity == "topics":
        return {"similarity": "topics",
                "description": "TF-IDF cosine of content words (boilerplate removed), or shared topics; "
                               "similarity is the cosine the match rests on (see basis)",
                "word_threshold": options.meaning.word_threshold,
                "topic_threshold": options.meaning.topic_threshold}
    return {"similarity": "words", "description": "TF-IDF cosine of all words"}


def _options_dict(options: CompareOptions) -> dict:
    data = asdict(options)
    topics = options.agenda.lexicon
    data["agenda"] = {"mode": options.agenda.mode, "custom_lexicon": topics.summary() if topics else None,
                      "lexicon": options.agenda.resolve().summary()}
    data["meaning"]["broad_topics"] = list(options.meaning.broad_topics)
    data["overlap"]["ngram_range"] = list(options.overlap.ngram_range)
    data["sides"] = list(options.sides) if options.sides else None
    custom = options.register.lexicon
    data["register"] = {"mode": options.register.mode, "custom_lexicon": custom.summary() if custom else None,
                        "lexicon": options.register.resolve().summary()}
    return data


def _clean(value):
    """NaN is not JSON: report unknown numbers as null (rows made later are cleaned as they are made)."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Rows):
        return value
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value
