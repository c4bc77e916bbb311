"""The results schema: the options of a comparison, ``Comparison``, its tables and its JSON.

One schema, read by every output: :func:`comparison_tables` is the one function from a Comparison to
its tables (the dashboard, the CSV exports and the one-file report show them); ``to_dict()`` is the
CLI's JSON (a contract: keys are added, never renamed).

One name per quantity. A quantity has one name (``count``, ``weight``, ``per_10k``, ``z``, ...):

- in a table (and its CSV), a quantity of one side is the column ``<name>_<side label>``
  (``count_US``, :func:`per_side`); a table about one side at a time has a ``side`` column;
- in the JSON, the same quantity is keyed by the side label: ``"count": {"US": 3, "China": 1}``.

The analyses keep the two sides by position (``count_a``, ``status == "only_a"``); those names stay
inside the analyses and this module. The alignment status reads ``matched``/``only_a``/``only_b`` in
the data and the JSON, and "both"/"only <side>" wherever a person reads it (:func:`alignment_labels`).

Render and export code reads results through this module only; constants they need from the
analyses (the z threshold, the register's dimensions) are re-exported here.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import TypedDict

import pandas as pd

from framing.analyses.agenda import Agenda, AgendaOptions, agenda_table
from framing.analyses.align import Alignment, AlignOptions
from framing.analyses.descriptors import DescriptorDiff, DescriptorMatch, is_duration
from framing.analyses.distinctive import Z_THRESHOLD, Distinctive, DistinctiveOptions
from framing.analyses.meaning import MeaningOptions
from framing.analyses.overlap import Overlap, OverlapOptions
from framing.analyses.register import (
    DIMENSIONS,
    Disagreement,
    RegisterOptions,
    SideRegister,
)
from framing.analyses.sentiment import SentimentOptions, SideSentiment
from framing.lazyjson import Rows, rows

__all__ = ["CompareOptions", "Comparison", "DIMENSIONS", "Z_THRESHOLD", "SideLengths", "AppliedVariant",
           "TABLE_NAMES", "TABLE_COLUMNS", "SIDE_QUANTITIES", "columns", "per_side", "alignment_labels",
           "comparison_tables", "evidence_table", "alignment_table", "distinctive_all_terms_table", "register_profile_table",
           "register_matches_table", "register_disagreements_table", "agenda_table"]


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
    #: what alignment compares: "topics" (the default: content words without boilerplate, plus shared
    #: topics; see framing/analyses/meaning.py and docs/validity.md) or "words" (TF-IDF cosine of all
    #: words at align.threshold, the default before issue 14)
    similarity: str = "topics"
    meaning: MeaningOptions = field(default_factory=MeaningOptions)
    #: with ``similarity="embeddings"``: the folder of a static-embedding model on disk (model2vec's
    #: format); never downloaded
    model: str | None = None
    #: a side holding both an original and its translation (the ``version`` column) is compared on one:
    #: "auto" (the translation when the other side is in the translation's language, else the original),
    #: "original" or "translation" (framing/versions.py)
    prefer_version: str = "auto"


class SideLengths(TypedDict, total=False):
    """How long one side's account is, and its language ("en", "zh", "mixed" or "unknown")."""

    documents: int
    words: int
    sentences: int
    language: str


#: A lexicon variant that occurred with translation variants on: (variant, canonical phrase, the sides using it).
AppliedVariant = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`framing.compare`; every per-side mapping is keyed by side label.

    ``to_dict()`` is the CLI's JSON; :func:`comparison_tables` gives its tables.
    """

    event: str
    sides: tuple[str, str]
    options: CompareOptions
    lengths: dict[str, SideLengths]
    overlap: Overlap
    distinctive: Distinctive
    #: each side's descriptors, distinct, in the order first used
    descriptors: dict[str, list[str]]
    descriptor_diff: DescriptorDiff
    #: every occurrence of a descriptor, in text order
    descriptor_evidence: dict[str, list[DescriptorMatch]]
    sentiment: dict[str, SideSentiment]
    alignment: Alignment
    warnings: tuple[str, ...]
    register: dict[str, SideRegister] = field(default_factory=dict)
    #: sentences where VADER and the register disagree in sign, both sides
    disagreements: tuple[Disagreement, ...] = ()
    variants_applied: tuple[AppliedVariant, ...] = ()
    #: the topics each side raised
    agenda: Agenda | None = None
    #: each side's words about the event's length ("lengthy", "at length", "two-hour"), distinct, in order:
    #: the duration facet, shown beside the descriptors and never inside them or their diff
    descriptor_duration: dict[str, list[str]] = field(default_factory=dict)
    #: every occurrence of a duration word, in text order
    duration_evidence: dict[str, list[DescriptorMatch]] = field(default_factory=dict)

    # --- languages (issue 13): each side's SideLanguage, and whether the two differ ---
    languages: dict = field(default_factory=dict)
    #: the sides are in different languages: overlap and distinctive terms are not comparable
    cross_language: bool = False
    #: each side's documents marked original / translation and the version compared (framing.versions.SideVersions)
    versions: dict = field(default_factory=dict)

    def __post_init__(self):
        _split_duration(self)

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

        shared = _by_label(self.overlap.shared_terms, self.sides)
        return _clean({
            "event": self.event,
            "sides": [a, b],
            "lengths": self.lengths,
            "overlap": {
                "cosine": self.overlap.cosine,
                "method": "pooled: each side's documents summed, TF-IDF weighted, cosine of the two vectors",
                "mean_document_similarity": self.overlap.mean_document_similarity,
                "shared_terms": [
                    {"term": r["term"], "contribution": r["contribution"], "share": r["share"],
                     "count": {s: int(r[per_side("count", s)]) for s in self.sides}}
                    for r in _records(shared)
                ],
                "vocabulary_size": self.overlap.vocabulary_size,
                "comparable": not self.cross_language,
            },
            "descriptors": {
                "by_side": {s: list(self.descriptors[s]) for s in self.sides},
                "shared": list(self.descriptor_diff.shared),
                "only": {a: list(self.descriptor_diff.only_a), b: list(self.descriptor_diff.only_b)},
                "evidence": {s: lazy_rows(len(self.descriptor_evidence[s]), lambda s=s: (
                    {"descriptor": m.descriptor, "surface": m.surface, "form": m.form, "sentence": m.sentence}
                    for m in self.descriptor_evidence[s])) for s in self.sides},
            },
            "descriptor_duration": {
                "by_side": {s: list(self.descriptor_duration.get(s, [])) for s in self.sides},
                "evidence": {s: lazy_rows(len(self.duration_evidence.get(s, [])), lambda s=s: (
                    {"descriptor": m.descriptor, "surface": m.surface, "form": m.form, "sentence": m.sentence}
                    for m in self.duration_evidence.get(s, []))) for s in self.sides},
            },
            "distinctive_terms": {
                s: [{"term": r["term"], "z": r["z"], "count": int(r["count"]), "count_other": int(r["count_other"]),
                     "significant": bool(r["significant"])} for r in _records(self.distinctive.top[s])]
                for s in self.sides
            },
            "distinctive_summary": {
                "threshold": Z_THRESHOLD,
                "n_significant": self.distinctive.n_significant,
                "tokens": self.distinctive.totals,
                "message": self.distinctive.message,
                "comparable": not self.cross_language,
            },
            "cross_language": self.cross_language,
            "languages": {s: v.to_dict() for s, v in self.languages.items()},
            "per_side_terms": _per_side_terms(self),
            "versions": {s: self.versions[s].to_dict() for s in self.sides if s in self.versions},
            "sentiment": {
                s: {"mean": v.mean, "ci_low": v.ci_low, "ci_high": v.ci_high, "n_sentences": v.n_sentences,
                    "interval": v.interval,
                    "lexicon": "VADER (vaderSentiment 3.3.2): general tone, not diplomatic register",
                    **_sentiment_note(self, s),
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
            "alignment_method": {"matching": _matching(self.options),
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


def _split_duration(c: Comparison) -> None:
    """Move the words about length out of the descriptors, their evidence and their diff into the
    duration facet (``descriptor_duration``, ``duration_evidence``, ``DescriptorDiff.duration_a/_b``).

    Done here, once, so that every maker of a Comparison (compare, the dask engine, a results bundle)
    gives the same split; splitting a split Comparison changes nothing.
    """
    durations = {s: list(dict.fromkeys([*c.descriptor_duration.get(s, ()),
                                        *(w for w in c.descriptors.get(s, ()) if is_duration(w))])) for s in c.sides}
    evidence = {s: [*c.duration_evidence.get(s, ()), *(m for m in c.descriptor_evidence.get(s, ())
                                                       if m.facet == "duration")] for s in c.sides}
    keep = {s: [w for w in c.descriptors.get(s, ()) if not is_duration(w)] for s in c.sides}
    diff = c.descriptor_diff
    a, b = c.sides
    object.__setattr__(c, "descriptors", keep)
    object.__setattr__(c, "descriptor_evidence", {s: [m for m in c.descriptor_evidence.get(s, ())
                                                      if m.facet == "character"] for s in c.sides})
    object.__setattr__(c, "descriptor_duration", durations)
    object.__setattr__(c, "duration_evidence", evidence)
    object.__setattr__(c, "descriptor_diff", DescriptorDiff(
        *(tuple(w for w in words if not is_duration(w)) for words in (diff.shared, diff.only_a, diff.only_b)),
        tuple(durations[a]), tuple(durations[b])))


def _per_side_terms(comparison: Comparison) -> dict:
    """Each side's most frequent counted terms (``term``, ``count``): what to read when the sides are in
    two languages and their overlap means nothing (issue 13; see framing/analyses/crosslang.py)."""
    from framing.analyses.crosslang import side_top_terms
    tops = side_top_terms(comparison.distinctive.table, comparison.options.distinctive.top)
    return {s: _records(t) for s, t in zip(comparison.sides, tops)}


def _sentiment_note(comparison: Comparison, side: str) -> dict:
    """``unscored_sentences`` and ``reason`` (why sentences got no VADER score; None when all did)."""
    language = comparison.languages.get(side)
    if language is None:
        return {}
    return {"unscored_sentences": language.unscored_sentences,
            "reason": language.to_dict()["sentiment_note"]}


def _records(table: pd.DataFrame):
    """The rows of a table as dicts of plain Python values (numpy scalars become int, float, bool)."""
    return table.to_dict("records")


def _matching(options: CompareOptions) -> str:
    """How rows pair sentences (``alignment_method.matching``)."""
    if options.similarity in ("topics", "embeddings") and options.meaning.partners > 1:
        return (f"many-to-many, best match per sentence in both directions, plus up to "
                f"{options.meaning.partners - 1} more scoring at least {options.meaning.partner_ratio:g} of the best")
    return "many-to-one, best match per sentence in both directions"


def _similarity_method(options: CompareOptions) -> dict:
    """What alignment compared (added to ``alignment_method``)."""
    meaning = options.meaning
    if options.similarity == "embeddings":
        method = {"similarity": "embeddings",
                  "description": "cosine of the sentences' static embeddings (boilerplate removed; model on disk), "
                                 "or shared topics; similarity is the cosine the match rests on (see basis)",
                  "model": options.model, "embedding_threshold": meaning.embedding_threshold}
    elif options.similarity == "topics":
        method = {"similarity": "topics",
                  "description": "TF-IDF cosine of content words (boilerplate removed), or shared topics; "
                                 "similarity is the cosine the match rests on (see basis)",
                  "word_threshold": meaning.word_threshold}
    else:
        return {"similarity": "words", "description": "TF-IDF cosine of all words"}
    return {**method, "topic_threshold": meaning.topic_threshold, "partners": meaning.partners,
            "partner_ratio": meaning.partner_ratio}


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


# ---- tables ---------------------------------------------------------------------------------------

#: Quantities the analyses keep for both sides, by position (``count_a``, ``count_b``).
SIDE_QUANTITIES = ("count", "weight", "per_10k")


def per_side(quantity: str, side: str) -> str:
    """The column of one side's ``quantity`` in every table: ``per_side("count", "US") == "count_US"``."""
    return f"{quantity}_{side}"


def _by_label(table: pd.DataFrame, sides: tuple[str, str]) -> pd.DataFrame:
    """An analysis's table with its positional columns (``count_a``) named by side label (``count_US``)."""
    names = {f"{q}_{pos}": per_side(q, side) for q in SIDE_QUANTITIES for pos, side in zip("ab", sides)}
    return table.rename(columns=names)


def alignment_labels(sides: tuple[str, str]) -> dict[str, str]:
    """How an alignment status reads wherever a person reads it (the data and the JSON keep the keys).

    >>> alignment_labels(("US", "China"))
    {'matched': 'both', 'only_a': 'only US', 'only_b': 'only China'}
    """
    return {"matched": "both", "only_a": f"only {sides[0]}", "only_b": f"only {sides[1]}"}


#: The tables of :func:`comparison_tables`, in order, with their columns. ``{a}`` and ``{b}`` stand for
#: the side labels; ``document_similarity`` has one column per document of side B after ``document``.
TABLE_COLUMNS = {
    "summary": ("side", "documents", "words", "sentences", "sentiment_mean", "sentiment_ci_low", "sentiment_ci_high"),
    "descriptors": ("descriptor", "used_by"),
    "descriptor_evidence": ("side", "descriptor", "surface", "form", "sentence"),
    #: the duration facet's occurrences (issue 11 item 5): words about length, kept out of the two tables above
    "duration": ("side", "descriptor", "surface", "form", "sentence"),
    "shared_terms": ("term", "contribution", "share", "weight_{a}", "weight_{b}", "count_{a}", "count_{b}"),
    "distinctive_top": ("side", "term", "z", "count", "count_other", "significant"),
    "distinctive_all_terms": ("term", "z", "delta", "count_{a}", "count_{b}", "per_10k_{a}", "per_10k_{b}",
                              "significant"),
    "sentence_sentiment": ("side", "doc_index", "sentence", "compound", "words"),
    "alignment": ("{a}", "{b}", "similarity", "status"),
    "document_similarity": ("document",),
    "agenda": ("topic", "label", "side", "raised", "sentence", "firmness", "warmth"),
    "register_profile": ("side", "dimension", "label", "sum", "matches", "sentences"),
    "register_matches": ("side", "phrase", "matched", "dimension", "score", "counted", "status", "rationale",
                         "sources", "source_urls", "sentence", "doc_index", "lexicon"),
    "register_disagreements": ("side", "sentence", "vader_compound", "register_score", "phrases", "vader_words",
                               "doc_index"),
}
TABLE_NAMES = tuple(TABLE_COLUMNS)


def columns(name: str, sides: tuple[str, str]) -> list[str]:
    """The columns of table ``name`` for these sides (``count_{a}`` -> ``count_US``)."""
    return [c.format(a=sides[0], b=sides[1]) for c in TABLE_COLUMNS[name]]


def _words_cell(words) -> str:
    return "; ".join(f"{w} ({effect:+.3f})" for w, _valence, effect in words)


def alignment_table(comparison: Comparison) -> pd.DataFrame:
    """The alignment as people read it: each side's sentence under its label ("" for none), the
    similarity, and the status as :func:`alignment_labels` says it ("both", "only <side>")."""
    a, b = comparison.sides
    aligned = comparison.alignment.rows
    return pd.DataFrame({
        a: aligned["a"].fillna("").astype(str),
        b: aligned["b"].fillna("").astype(str),
        "similarity": aligned["similarity"].astype(float),
        "status": aligned["status"].map(alignment_labels(comparison.sides)),
    }, columns=columns("alignment", comparison.sides)).reset_index(drop=True)


def distinctive_all_terms_table(comparison: Comparison) -> pd.DataFrame:
    """Every counted term: z (positive favours the first side), delta, each side's count and rate per 10,000."""
    return _by_label(comparison.distinctive.table, comparison.sides)


def register_profile_table(comparison: Comparison) -> pd.DataFrame:
    """One row per side and dimension: side, dimension, label, sum, matches, sentences (of the side)."""
    return pd.DataFrame(
        [(s, d.name, d.label, comparison.register[s].profile[d.name], comparison.register[s].counts[d.name],
          comparison.register[s].n_sentences) for s in comparison.sides for d in DIMENSIONS],
        columns=columns("register_profile", comparison.sides))


def register_matches_table(comparison: Comparison) -> pd.DataFrame:
    """Every matched phrase of both sides, in text order per side.

    ``matched`` is the words as written; ``counted`` is False for a negated match (left out of every
    score); ``sources`` joins the citations with "; "; ``lexicon`` is the file the row came from.
    """
    found = [(s, m.phrase, m.matched, m.dimension, m.score, not m.negated, m.status, m.rationale,
              "; ".join(x.citation for x in m.sources), " ".join(x.url for x in m.sources if x.url),
              m.sentence, m.doc_index, m.origin)
             for s in comparison.sides for m in comparison.register[s].matches]
    return pd.DataFrame(found, columns=columns("register_matches", comparison.sides))


def register_disagreements_table(comparison: Comparison) -> pd.DataFrame:
    """Sentences on which VADER and the register disagree in sign (phrases and words joined by "; ")."""
    return pd.DataFrame(
        [(d.side, d.sentence, d.compound, d.register_score, "; ".join(d.phrases), "; ".join(d.vader_words),
          d.doc_index) for d in comparison.disagreements],
        columns=columns("register_disagreements", comparison.sides))


def evidence_table(comparison: Comparison, name: str = "descriptor_evidence") -> pd.DataFrame:
    """Every occurrence of a descriptor (``name="descriptor_evidence"``) or of a word about the event's
    length (``name="duration"``, the duration facet), both sides, in text order per side."""
    found = comparison.descriptor_evidence if name == "descriptor_evidence" else comparison.duration_evidence
    return pd.DataFrame([(s, m.descriptor, m.surface, m.form, m.sentence) for s in comparison.sides
                         for m in found.get(s, ())], columns=columns(name, comparison.sides))


def comparison_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    """Every table of a comparison as a DataFrame, by :data:`TABLE_NAMES` (file-name-friendly keys).

    The one function the CSV exports, the one-file report and the dashboard read tables from; the
    columns are :data:`TABLE_COLUMNS`.
    """
    sides = comparison.sides
    a, b = sides
    diff = comparison.descriptor_diff
    labels = alignment_labels(sides)  # a descriptor's "used by" reads like an alignment status
    descriptors = pd.DataFrame(
        [(d, "shared") for d in diff.shared] + [(d, labels["only_a"]) for d in diff.only_a]
        + [(d, labels["only_b"]) for d in diff.only_b], columns=columns("descriptors", sides))
    evidence = evidence_table(comparison, "descriptor_evidence")
    duration = evidence_table(comparison, "duration")
    summary = pd.DataFrame([
        (s, *(comparison.lengths[s][k] for k in ("documents", "words", "sentences")), comparison.sentiment[s].mean,
         comparison.sentiment[s].ci_low, comparison.sentiment[s].ci_high) for s in sides],
        columns=columns("summary", sides))
    sentences = pd.concat([
        comparison.sentiment[s].sentences.assign(side=s, words=lambda t: t["words"].map(_words_cell))
        [columns("sentence_sentiment", sides)] for s in sides], ignore_index=True)
    top = pd.concat([comparison.distinctive.top[s].assign(side=s)[columns("distinctive_top", sides)] for s in sides],
                    ignore_index=True)
    return {
        "summary": summary,
        "descriptors": descriptors,
        "descriptor_evidence": evidence,
        "duration": duration,
        "shared_terms": _by_label(comparison.overlap.shared_terms, sides),
        "distinctive_top": top,
        "distinctive_all_terms": distinctive_all_terms_table(comparison),
        "sentence_sentiment": sentences,
        "alignment": alignment_table(comparison),
        "document_similarity": comparison.overlap.document_similarity.reset_index(names="document"),
        # the topics each side raised, a row per sentence, with its firmness and warmth
        "agenda": pd.DataFrame(agenda_table(comparison.agenda, comparison.register) if comparison.agenda else [],
                               columns=columns("agenda", sides)),
        "register_profile": register_profile_table(comparison),
        "register_matches": register_matches_table(comparison),
        "register_disagreements": register_disagreements_table(comparison),
    }
