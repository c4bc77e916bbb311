"""Alignment by meaning: a match may rest on content words, on a shared topic or on an alias.

Readouts of one meeting paraphrase each other ("maintain open lines of communication" /
"agreed to keep regular communication") and share boilerplate that is no claim at all ("the
United States", a minister's name, a weekday, "held talks"). So two sentences are compared
twice:

- **words**: TF-IDF cosine of their words once boilerplate is removed. The boilerplate is
  ``framing/data/alignment_boilerplate.csv`` (side names, titles, ministries, dates, readout
  verbs, each with its rationale) plus names taken from the corpus itself: the side labels and
  the capitalised words both sides use (officials, the other side's name) that are not part of
  a topic form (so "Taiwan" and "Bali" stay) and do not follow "in"/"at" (a venue stays);
- **topics**: overlap of the sentences' topic sets (:mod:`framing.analyses.agenda`): the weight of
  the topics they share over the weight of the smaller set, each topic weighted by its inverse
  frequency over both sides' sentences (so where sentences hold several topics, a rare shared
  topic counts more than one raised everywhere), and a sentence on one topic fully meets a list
  that names it ("cooperation on drug control, climate change and AI"). ``topic_measure="cosine"``
  compares the sets by cosine instead (the first round's default).

A pair of sentences matches when (word cosine / word threshold) or (topic similarity / topic
threshold) is at least 1. A sentence's best match is the matching sentence of the other side with
the highest sum of the two (``ranking="sum"``: among sentences that share the topic, the one that
also shares words wins; ``"max"`` ranks by the stronger of the two). ``basis`` says
what it rests on: "words" when the word cosine reaches its threshold, else "topic" (a topic
named by its terms on both sides) or "alias" (only through an alias on one side or both).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from framing.analyses.agenda import (
    TopicLexicon,
    bundled_topics,
    normalise,
    tag_sentences,
)
from framing.errors import OptionsError
from framing.text import TOKEN_PATTERN, word_alternation

__all__ = ["MeaningOptions", "SIMILARITIES", "boilerplate_phrases", "corpus_names", "strip_boilerplate",
           "match_by_meaning"]

BOILERPLATE = Path(__file__).resolve().parents[1] / "data" / "alignment_boilerplate.csv"
SIMILARITIES = ("words", "topics", "embeddings")
_CAPITALISED = re.compile(r"(?<![\w.'\u2019])([A-Z][\w'\u2019]*(?:\.[A-Z]\.?)?)")
_VENUE = re.compile(r"\b(?:in|at)\s+$")
_DIGITS = re.compile(r"\b\d[\d\-/.,]*\b")


@dataclass(frozen=True)
class MeaningOptions:
    """word_threshold : content-word cosine at or above which two sentences match on words.
    topic_threshold : topic cosine at or above which they match on a topic (0 < t <= 1).
    The defaults were chosen on the readout development set (``bench/alignment_eval.py``,
    ``docs/validity.md``).
    """

    word_threshold: float = 0.2
    topic_threshold: float = 0.2
    #: topics that alone never connect two sentences (they still count in the agenda)
    broad_topics: tuple = ()
    #: how candidates are ranked: "max" (the stronger of words and topics) or "sum" (both add up)
    ranking: str = "sum"
    #: a sentence that names officials of the meeting with a meeting verb reports the meeting itself
    #: (the topic "the meeting"), which connects the sides' opening sentences without sharing words
    meeting: bool = True
    #: how two sentences' topic sets compare: "cosine" (idf-weighted) or "overlap" (the idf weight of
    #: the shared topics over that of the smaller set: a one-topic sentence fully matches a list naming it)
    topic_measure: str = "overlap"
    #: with an embedding model (``--similarity embeddings``): the cosine of the boilerplate-free
    #: sentences' embeddings at or above which they match, in place of the word cosine. Not measured
    #: on the development set (no model was reachable): check it on your model (docs/validity.md)
    embedding_threshold: float = 0.5
    #: most partners a sentence is shown with: its best match, and further matches of the other side
    #: whose score is at least ``partner_ratio`` of the best one's. One side often says in three
    #: sentences what the other says in two (Taiwan: a US position in two sentences, the PRC's in
    #: three), so one partner per sentence cannot show all of what both sides report. 1 keeps one.
    partners: int = 1
    partner_ratio: float = 0.9
    #: how much a topic found only through an alias (a looser form: "Woodside" for the summit) counts
    #: towards a topic match, against 1 for a term: 0 means an alias never connects two sentences
    alias_weight: float = 0.0

    def validate(self) -> None:
        if self.ranking not in ("max", "sum"):
            raise OptionsError(f"ranking {self.ranking!r} is not known; use 'sum' or 'max'")
        if self.topic_measure not in ("cosine", "overlap"):
            raise OptionsError(f"topic measure {self.topic_measure!r} is not known; use 'cosine' or 'overlap'")
        for name, value in (("word threshold", self.word_threshold), ("topic threshold", self.topic_threshold),
                            ("embedding threshold", self.embedding_threshold)):
            if not (0.0 < value <= 1.0):
                raise OptionsError(f"{name} {value!r} is outside 0-1 (above 0); choose a value like 0.2")
        if int(self.partners) != self.partners or self.partners < 1:
            raise OptionsError(f"partners {self.partners!r} is not valid", "use a whole number, 1 or more", setting="partners")
        if not (0.0 <= self.alias_weight <= 1.0):
            raise OptionsError(f"alias weight {self.alias_weight!r} is outside 0-1", "choose a value like 0.5")
        if not (0.0 < self.partner_ratio <= 1.0):
            raise OptionsError(f"partner ratio {self.partner_ratio!r} is outside 0-1 (above 0)", "choose a value like 0.9",
                               setting="partners")


@lru_cache(maxsize=8)
def boilerplate_phrases(kind: str | None = None) -> tuple[str, ...]:
    """The bundled boilerplate phrases (of one ``kind``, or all), as written (``*`` ends a prefix)."""
    reader = csv.DictReader(io.StringIO(BOILERPLATE.read_text("utf-8")))
    return tuple(row["phrase"].strip() for row in reader if row["phrase"].strip() and kind in (None, row["kind"]))


@lru_cache(maxsize=8)
def _topic_words(lexicon: TopicLexicon) -> frozenset:
    return frozenset(w.rstrip("*") for t in lexicon.topics for f in t.terms + t.aliases
                     for w in normalise(f).split(" "))


def corpus_names(sentences_a: list[str], sentences_b: list[str], sides: tuple[str, str],
                 lexicon: TopicLexicon | None = None) -> tuple[str, ...]:
    """Names to ignore, from the corpus: the side labels, and the capitalised words (not opening
    a sentence) that both sides use, unless a topic form holds the word or it names a venue
    ("in Malta"). Lowercase, sorted.

    >>> corpus_names(["Blinken met Wang Yi in Malta on Taiwan."], ["Wang Yi met Blinken in Malta on Taiwan."], ("US", "China"))
    ('blinken', 'china', 'us', 'wang', 'yi')
    """
    from sklearn.feature_extraction.text import (
        ENGLISH_STOP_WORDS,  # imported when used: see overlap.py
    )

    topic_words = _topic_words(lexicon or bundled_topics())

    def capitalised(sentences):
        found, opening, venues = set(), set(), set()
        for s in sentences:
            for m in _CAPITALISED.finditer(s):
                word = m.group(1).casefold().rstrip(".")
                if m.start() == 0:
                    opening.add(word)
                else:
                    (venues if _VENUE.search(s[max(0, m.start() - 4):m.start()]) else found).add(word)
        return found, opening, venues

    (ca, oa, va), (cb, ob, vb) = capitalised(sentences_a), capitalised(sentences_b)
    inside = ca | cb   # a word opening a sentence is a name only if it is capitalised inside one too
    names = {w for w in (ca | oa) & (cb | ob) if w in inside | va | vb and w not in topic_words
             and w not in va | vb and w not in ENGLISH_STOP_WORDS}
    return tuple(sorted(names | {s.casefold() for s in sides}))


@lru_cache(maxsize=32)
def _boilerplate_pattern(names: tuple[str, ...]) -> re.Pattern:
    forms = [normalise(f) for f in boilerplate_phrases()] + list(names)
    whole = [f for f in forms if not f.endswith("*")]
    prefix = [f[:-1] for f in forms if f.endswith("*")]
    parts = [f"(?:{word_alternation(whole)})(?![^\\W_])"]
    if prefix:
        parts.append(f"(?:{word_alternation(prefix)})[^\\W_]*")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")")


def strip_boilerplate(sentence: str, names: tuple[str, ...] = ()) -> str:
    """The sentence, lowercased, without boilerplate phrases, ``names`` and numbers (dates).

    >>> strip_boilerplate("On Monday, Secretary Blinken held talks on fentanyl.", ("blinken",))
    'on , on fentanyl.'
    """
    return " ".join(_DIGITS.sub(" ", _boilerplate_pattern(tuple(names)).sub(" ", normalise(sentence))).split())


#: The pseudo-topic of sentences that report the meeting itself ("X met Y in Z").
MEETING = "the_meeting"
_MEETING_VERB = re.compile(r"\b(?:met|meet|meets|meeting|meetings|talks|call|calls|engagement|dialogue|teleconference|"
                           r"spoke|speak|speaks|conversation|phone|telephone|videoconference|video|virtual)\b")


@lru_cache(maxsize=8)
def _official_names(names: tuple[str, ...]) -> re.Pattern | None:
    """The corpus names that are not a side's name (boilerplate rows of kind side_name): officials."""
    sides = {normalise(f) for f in boilerplate_phrases(kind="side_name")}
    people = [n for n in names if n not in sides]
    return re.compile(r"(?<![^\W_])(?:" + word_alternation(people) + r")(?![^\W_])") if people else None


def reports_meeting(sentence: str, names: tuple[str, ...]) -> bool:
    """Whether the sentence names two or more officials (corpus names, not side names) and a meeting verb.

    >>> reports_meeting("Blinken met Wang Yi in Malta.", ("blinken", "china", "wang", "yi"))
    True
    """
    pattern = _official_names(tuple(names))
    text = normalise(sentence)
    return bool(pattern and _MEETING_VERB.search(text) and len(set(pattern.findall(text))) >= 2)


def _topic_vectors(tags_a: list, tags_b: list, topics: tuple[str, ...], measure: str = "cosine",
                   alias_weight: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Rows of idf-weighted topic indicators (idf over both sides' sentences, as sklearn's smooth idf;
    a topic found only through an alias weighs ``alias_weight``): unit rows for "cosine", as they are
    for "overlap" (see :func:`_topic_similarity`)."""
    index = {t: k for k, t in enumerate(topics)}
    m = np.zeros((len(tags_a) + len(tags_b), len(topics)))
    for r, tags in enumerate(list(tags_a) + list(tags_b)):
        for t, kind in tags.items():
            if t in index:
                m[r, index[t]] = 1.0 if kind == "term" else alias_weight
    idf = np.log((1 + len(m)) / (1 + (m > 0).sum(axis=0))) + 1
    if measure == "overlap":
        return m[: len(tags_a)] * idf, m[len(tags_a):] * idf
    m *= idf
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)
    return m[: len(tags_a)], m[len(tags_a):]


def _topic_similarity(ta: np.ndarray, tb: np.ndarray, measure: str) -> np.ndarray:
    """Topic similarity of every row of ``ta`` with every row of ``tb`` (0-1)."""
    if measure == "cosine":
        return np.clip(ta @ tb.T, 0.0, 1.0)
    # the shared topics' weight (the lighter of the two where an alias weighs less) over the smaller set's
    both = np.vstack([ta, tb])
    present = both > 0
    lightest = np.where(present, both, np.inf).min(axis=0)
    if np.all((both.max(axis=0) == lightest) | ~present.any(axis=0)):   # one weight per topic: a product
        shared = ta @ (tb > 0).T.astype(float)
    else:
        shared = np.zeros((len(ta), len(tb)))
        for k in np.flatnonzero(ta.any(axis=0) & tb.any(axis=0)).tolist():
            shared += np.minimum.outer(ta[:, k], tb[:, k])
    smaller = np.minimum(ta.sum(axis=1)[:, None], tb.sum(axis=1)[None, :])
    return np.clip(np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0), 0.0, 1.0)


def _basis(tags_x: dict, tags_y: dict, broad=()) -> str:
    shared = [t for t in tags_x if t in tags_y and t not in broad]
    return "topic" if any(tags_x[t] == "term" and tags_y[t] == "term" for t in shared) else "alias"


def match_by_meaning(sa: list[str], sb: list[str], sides: tuple[str, str], options: MeaningOptions = MeaningOptions(),
                     lexicon: TopicLexicon | None = None, stop_words: str = "english",
                     tags: tuple[list, list] | None = None, max_matrix: int = 250_000, embed=None) -> dict:
    """Best matches both ways between two sides' sentences.

    ``embed``: None, or a function of sentences returning unit rows (as
    :meth:`framing.analyses.embeddings.EmbeddingModel.encode` does): the boilerplate-free sentences'
    embedding cosine then takes the word cosine's place, at ``options.embedding_threshold``, and a
    match on it has basis "embedding".

    Returns ``{"a": (index, similarity, basis), "b": (...), "words": the A-by-B word cosines (None
    above ``max_matrix`` cells), "names": corpus names}``; for side a, ``index[i]`` is the best sentence of b (-1 when b has
    none), ``similarity[i]`` the cosine the match rests on (the word cosine when unmatched) and
    ``basis[i]`` "words" (or "embedding"), "topic", "alias" or None (no match). Ties go to the lowest index.
    ``"more_a"`` / ``"more_b"``: each sentence's further partners, ``[(index, similarity, basis)]``
    (at most ``options.partners - 1``, best first; see :class:`MeaningOptions`).
    """
    options.validate()
    lexicon = lexicon or bundled_topics()
    if tags is None:
        tags = (tag_sentences(sa, lexicon), tag_sentences(sb, lexicon))
    names = corpus_names(sa, sb, sides, lexicon)
    topic_ids = tuple(t.topic for t in lexicon.topics if t.topic not in options.broad_topics)
    if options.meeting:
        tags = tuple([{**t, MEETING: "term"} if reports_meeting(s, names) else t for s, t in zip(x, tx)]
                     for x, tx in zip((sa, sb), tags))
        topic_ids += (MEETING,)
    from scipy import sparse
    from sklearn.feature_extraction.text import (
        TfidfVectorizer,  # imported when used: see overlap.py
    )

    va, vb = sparse.csr_matrix((len(sa), 1)), sparse.csr_matrix((len(sb), 1))
    word_threshold, word_basis = options.word_threshold, "words"
    if embed is not None:
        word_threshold, word_basis = options.embedding_threshold, "embedding"
    if sa and sb and embed is not None:
        cleaned = [strip_boilerplate(s, names) for s in sa + sb]
        vectors = embed(cleaned)
        va, vb = vectors[: len(sa)], vectors[len(sa):]
    elif sa and sb:
        cleaned = [strip_boilerplate(s, names) for s in sa + sb]
        vectorizer = TfidfVectorizer(token_pattern=TOKEN_PATTERN, stop_words="english" if stop_words == "english" else None)
        try:
            v = vectorizer.fit_transform(cleaned).tocsr()
            va, vb = v[: len(sa)], v[len(sa):]
        except ValueError:   # nothing but boilerplate: no word can match
            pass
    ta, tb = _topic_vectors(tags[0], tags[1], topic_ids, options.topic_measure, options.alias_weight)
    out = {"a": _empty(len(sa)), "b": _empty(len(sb)), "names": names, "words": None,
           "more_a": [[] for _ in sa], "more_b": [[] for _ in sb]}
    if not sa or not sb:
        return out
    best_b = np.full(len(sb), -np.inf)
    k = int(options.partners)
    # with further partners: each B sentence's k best A sentences so far (score, index, word and topic similarity)
    top_b = [np.full((len(sb), k), -np.inf), np.full((len(sb), k), -1, dtype=np.int64),
             np.zeros((len(sb), k)), np.zeros((len(sb), k))] if k > 1 else None
    vbt = vb.T if embed is not None else vb.T.tocsc()
    step = max(1, _CHUNK_CELLS // len(sb))
    for start in range(0, len(sa), step):
        stop = min(len(sa), start + step)
        block = va[start:stop] @ vbt
        words = np.clip(block if embed is not None else block.toarray(), 0.0, 1.0)
        topics = _topic_similarity(ta[start:stop], tb, options.topic_measure)
        w, t = words / word_threshold, topics / options.topic_threshold
        # a pair below both thresholds scores below 1 either way; "sum" only reorders the candidates
        score = np.maximum(w, t) if options.ranking == "max" else np.where(np.maximum(w, t) >= 1, w + t, np.maximum(w, t))
        if start == 0 and stop == len(sa) and words.size <= max_matrix:
            out["words"] = words
        for i, j in enumerate(score.argmax(axis=1).tolist()):
            _keep(out["a"], start + i, j, words[i, j], topics[i, j], words[i].max(), options, word_threshold,
                  word_basis, lambda: _basis(tags[0][start + i], tags[1][j], options.broad_topics))
        cols = score.argmax(axis=0)
        col_score = score[cols, np.arange(len(sb))]
        for j in np.flatnonzero(col_score > best_b).tolist():   # strictly: an earlier row keeps a tie
            best_b[j] = col_score[j]
            i = int(cols[j])
            _keep(out["b"], j, start + i, words[i, j], topics[i, j], 0.0, options, word_threshold,
                  word_basis, lambda: _basis(tags[1][j], tags[0][start + i], options.broad_topics))
        np.maximum(out["b"][3], words.max(axis=0), out=out["b"][3])
        if k > 1:
            _more_rows(out["more_a"], start, score, words, topics, options, word_threshold, word_basis,
                       lambda i, j: _basis(tags[0][i], tags[1][j], options.broad_topics))
            _merge_top(top_b, start, score, words, topics, k)
    if k > 1:
        _more_cols(out["more_b"], top_b, out["b"][0], options, word_threshold, word_basis,
                   lambda j, i: _basis(tags[1][j], tags[0][i], options.broad_topics))
    for side in ("a", "b"):   # unmatched: the best word cosine (how close the nearest claim came)
        index, sim, basis, nearest = out[side]
        for k in range(len(sim)):
            if basis[k] is None:
                sim[k] = nearest[k]
        out[side] = (index, sim, basis)
    return out


#: Similarity cells computed per chunk: bounds the memory (as in align.py).
_CHUNK_CELLS = 500_000


def _empty(n: int) -> list:
    return [np.full(n, -1, dtype=np.int64), np.zeros(n), [None] * n, np.zeros(n)]


def _partner(word: float, topic: float, options: MeaningOptions, word_threshold: float, word_basis: str, basis):
    """(similarity, basis) of a further partner, as :func:`_keep` records a best one."""
    if word >= word_threshold:
        return float(word), word_basis
    return float(topic), basis()


def _more_rows(more: list, start: int, score, words, topics, options, word_threshold, word_basis, basis) -> None:
    """Each row's further partners in this chunk: the next best columns (ties to the lowest index)
    that match (score 1 or more) and score at least ``partner_ratio`` of the row's best."""
    k = int(options.partners)
    best = score.max(axis=1)
    order = np.argsort(-score, axis=1, kind="stable")[:, 1:k]
    for i, js in enumerate(order.tolist()):
        for j in js:
            if score[i, j] >= 1 and score[i, j] >= options.partner_ratio * best[i]:
                more[start + i].append((j, *_partner(words[i, j], topics[i, j], options, word_threshold, word_basis,
                                                     lambda i=i, j=j: basis(start + i, j))))


def _merge_top(top: list, start: int, score, words, topics, k: int) -> None:
    """Merge this chunk's k best rows per column into the running k best (ties to the lowest index)."""
    rows = np.argsort(-score, axis=0, kind="stable")[:k].T            # columns x k, this chunk
    cols = np.arange(score.shape[1])[:, None]
    new = [score[rows, cols], rows + start, words[rows, cols], topics[rows, cols]]
    merged = [np.concatenate([old, add], axis=1) for old, add in zip(top, new)]
    order = np.argsort(merged[1], axis=1, kind="stable")               # by index, then by score
    merged = [np.take_along_axis(m, order, axis=1) for m in merged]
    order = np.argsort(-merged[0], axis=1, kind="stable")
    for n, m in enumerate(merged):
        top[n][:] = np.take_along_axis(m, order, axis=1)[:, :k]


def _more_cols(more: list, top: list, best_index, options, word_threshold, word_basis, basis) -> None:
    """Each column's further partners from its k best rows (the first is its best match)."""
    scores, index, words, topics = top
    for j in range(len(more)):
        for n in range(1, scores.shape[1]):
            i = int(index[j, n])
            if i < 0 or i == best_index[j] or not (scores[j, n] >= 1 and scores[j, n] >= options.partner_ratio * scores[j, 0]):
                continue
            more[j].append((i, *_partner(words[j, n], topics[j, n], options, word_threshold, word_basis,
                                         lambda j=j, i=i: basis(j, i))))


def _keep(side: list, k: int, j: int, word: float, topic: float, nearest: float, options: MeaningOptions,
          word_threshold: float, word_basis: str, basis) -> None:
    """Record ``j`` as the best match of sentence ``k`` with what it rests on."""
    index, sim, bases, near = side
    index[k] = j
    near[k] = max(near[k], nearest)
    if word >= word_threshold:
        sim[k], bases[k] = word, word_basis
    elif topic >= options.topic_threshold:
        sim[k], bases[k] = topic, basis()
    else:
        sim[k], bases[k] = 0.0, None
