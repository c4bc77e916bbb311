"""Sentence alignment: which claims both sides make, and which only one makes.

Every sentence of side A is matched to its most similar sentence of side B by
TF-IDF cosine (a vectoriser fit on the sentences of both sides), and every
sentence of B to its most similar sentence of A. The matching is *many-to-one*:
several A sentences may share one best B sentence, because one side often
spreads over three sentences what the other says in one, and a one-to-one
assignment would then call two of them "unmatched" although the other side
does make the claim. A sentence whose best similarity is below the threshold is
a claim only its side makes.

Rows: first every A sentence in order (with its best B sentence if matched),
then every B sentence not already shown in a row (with its best A sentence if
matched, else alone). The best similarity is kept even for unmatched sentences,
so "how close did the nearest claim come" is always visible.

Similarity is computed in chunks of rows and each chunk stays sparse (only its
row maxima are kept), so memory stays bounded on large corpora; the full matrix
is built only when it is small enough for the heatmap.

Aligning every sentence with every other is quadratic: 100,000 sentences a side
would be 10^10 pairs. Above ``AlignOptions.max_sentences`` sentences on a side,
a seeded random sample of that many sentences of the side is aligned instead
(the vectoriser is fit on the sampled sentences of both sides, and a sentence's
best match is the best among the other side's aligned sentences). The result
says so (``Alignment.sampling``), and ``compare`` adds a warning.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.errors import OptionsError
from framing.text import TOKEN_PATTERN, split_sentences

__all__ = ["AlignOptions", "Alignment", "align_sentences", "side_sentences"]

#: Similarity cells computed per chunk (rows x other side's sentences): bounds the memory.
_CHUNK_CELLS = 500_000


@dataclass(frozen=True)
class AlignOptions:
    """threshold : cosine at or above which two sentences make the same claim (0-1).
    stop_words : ``"english"`` or ``"none"`` for the sentence vectoriser.
    max_matrix : largest A-by-B matrix kept for the heatmap (cells); larger is not kept.
    max_sentences : most sentences of a side that are aligned; a larger side is
        represented by a random sample of this many (seeded by ``seed``).
    """

    threshold: float = 0.2
    stop_words: str = "english"
    max_matrix: int = 250_000
    max_sentences: int = 5_000
    seed: int = 0

    def validate(self) -> None:
        if not (0.0 <= self.threshold <= 1.0):
            raise OptionsError(f"alignment threshold {self.threshold!r} is outside 0-1", "choose a value like 0.2", setting="threshold")
        if int(self.max_sentences) != self.max_sentences or self.max_sentences < 1:
            raise OptionsError(f"max_sentences {self.max_sentences!r} is not valid; use a whole number, 1 or more")


@dataclass(frozen=True)
class Alignment:
    """rows : DataFrame with ``a``, ``b`` (sentence or None), ``similarity``, ``a_index``,
    ``b_index`` (position in each side's sentence list or -1), ``status``
    (``"matched"``, ``"only_a"``, ``"only_b"``), ``basis`` (what a match rests on: ``"words"``,
    ``"topic"``, ``"alias"``; None when unmatched).
    sentences_a, sentences_b : each side's sentences in order.
    matrix : A-by-B similarity, or None when larger than ``max_matrix`` cells or sampled.
    sampling : None when every sentence was aligned; else ``{"max_sentences", "seed",
        "aligned": {side: n}, "sentences": {side: n}, "note"}`` and the rows cover
        only the sampled sentences (indices still point into ``sentences_a``/``_b``).
    """

    sides: tuple[str, str]
    rows: pd.DataFrame
    sentences_a: list
    sentences_b: list
    matrix: np.ndarray | None
    threshold: float
    sampling: dict | None = None


def side_sentences(texts: list[str]) -> list[str]:
    """All sentences of a side's documents, in order."""
    return [s.text for text in texts for s in split_sentences(text)]


def _best_matches(x, y) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Best matches both ways from one pass over ``x @ y.T`` (rows unit length).

    Returns (index, cosine) of the most similar row of y for each row of x, then
    the same for each row of y among the rows of x. Ties go to the lowest index
    (``argmax``); a row with no shared term gets cosine 0. The product is computed
    ``_CHUNK_CELLS`` cells at a time, so memory stays bounded.
    """
    idx_x, sim_x = np.full(x.shape[0], -1, dtype=np.int64), np.zeros(x.shape[0])
    idx_y, sim_y = np.full(y.shape[0], -1, dtype=np.int64), np.zeros(y.shape[0])
    if x.shape[0] == 0 or y.shape[0] == 0:
        return idx_x, sim_x, idx_y, sim_y
    yt = y.T.tocsc()
    step = max(1, _CHUNK_CELLS // y.shape[0])
    for start in range(0, x.shape[0], step):
        block = (x[start:start + step] @ yt).toarray()
        rows = np.arange(block.shape[0])
        best = block.argmax(axis=1)
        idx_x[start:start + len(best)] = best
        sim_x[start:start + len(best)] = block[rows, best]
        col_best = block.argmax(axis=0)
        col_sim = block[col_best, np.arange(block.shape[1])]
        better = col_sim > sim_y   # strictly: an earlier row keeps a tie
        idx_y[better] = start + col_best[better]
        sim_y[better] = col_sim[better]
    return idx_x, np.clip(sim_x, 0.0, 1.0), idx_y, np.clip(sim_y, 0.0, 1.0)


def _sample(n: int, limit: int, rng: np.random.Generator) -> np.ndarray:
    """Positions aligned on a side of ``n`` sentences: all, or ``limit`` of them at random, in order."""
    if n <= limit:
        return np.arange(n)
    return np.sort(rng.choice(n, size=limit, replace=False))


def align_sentences(texts_a: list[str], texts_b: list[str], sides: tuple[str, str],
                    options: AlignOptions = AlignOptions(),
                    sentences: tuple[list[str], list[str]] | None = None, matcher=None) -> Alignment:
    """Match each side's sentences to the other side's most similar sentence.

    ``sentences`` : both sides' sentences (as :func:`side_sentences` gives them), when
    the caller has split them already.
    ``matcher`` : None (TF-IDF cosine at ``options.threshold``), or a function of the two sides'
    aligned sentences returning best matches both ways with their basis, as
    :func:`framing.analyses.meaning.match_by_meaning` does (alignment by meaning).

    Examples
    --------
    >>> r = align_sentences(["Talks were candid. Flights will grow."], ["The talks were candid."], ("A", "B"))
    >>> list(r.rows["status"])
    ['matched', 'only_a']
    """
    options.validate()
    if sentences is None:
        sentences = (side_sentences(texts_a), side_sentences(texts_b))
    sa, sb = list(sentences[0]), list(sentences[1])
    rng = np.random.default_rng(options.seed)
    pa, pb = _sample(len(sa), options.max_sentences, rng), _sample(len(sb), options.max_sentences, rng)
    sampling = None
    if len(pa) < len(sa) or len(pb) < len(sb):
        sampling = {"max_sentences": int(options.max_sentences), "seed": int(options.seed),
                    "aligned": {sides[0]: len(pa), sides[1]: len(pb)},
                    "sentences": {sides[0]: len(sa), sides[1]: len(sb)},
                    "note": (f"sentence alignment covers a random sample of {len(pa):,} of {len(sa):,} {sides[0]} and "
                             f"{len(pb):,} of {len(sb):,} {sides[1]} sentences (at most {options.max_sentences:,} "
                             f"a side, seed {options.seed}); best matches are among the sampled sentences")}
    aligned_a, aligned_b = [sa[i] for i in pa], [sb[j] for j in pb]
    from sklearn.feature_extraction.text import (
        TfidfVectorizer,  # imported when used: see overlap.py
    )

    vectorizer = TfidfVectorizer(token_pattern=TOKEN_PATTERN, stop_words="english" if options.stop_words == "english" else None)
    vectors = None
    if matcher is None:
        try:
            vectors = vectorizer.fit_transform(aligned_a + aligned_b).tocsr()
        except ValueError:  # no terms at all: nothing can match
            pass
    if matcher is not None and sa and sb:   # --- alignment by meaning (framing/analyses/meaning.py)
        found = matcher(aligned_a, aligned_b)
        (ia, sim_a, basis_a), (ib, sim_b, basis_b) = found["a"], found["b"]
        more_a, more_b = found.get("more_a"), found.get("more_b")
        matrix = found["words"] if sampling is None else None
    elif vectors is None or not sa or not sb:
        ia, sim_a = np.full(len(pa), -1), np.zeros(len(pa))
        ib, sim_b = np.full(len(pb), -1), np.zeros(len(pb))
        matrix = np.zeros((len(sa), len(sb))) if sampling is None else None
    else:
        va, vb = vectors[: len(pa)], vectors[len(pa):]
        ia, sim_a, ib, sim_b = _best_matches(va, vb)
        small = sampling is None and len(sa) * len(sb) <= options.max_matrix
        matrix = (va @ vb.T).toarray() if small else None
    if matcher is None or not (sa and sb):   # word cosine: a match rests on words
        basis_a = ["words" if s >= options.threshold and i >= 0 and s > 0 else None for i, s in zip(ia, sim_a)]
        basis_b = ["words" if s >= options.threshold and i >= 0 and s > 0 else None for i, s in zip(ib, sim_b)]
    more_a = more_a if matcher is not None and sa and sb and more_a else [[] for _ in pa]
    more_b = more_b if matcher is not None and sa and sb and more_b else [[] for _ in pb]
    rows, shown_b = [], set()
    for k, i in enumerate(pa.tolist()):
        text = sa[i]
        if basis_a[k] is not None:
            j = int(pb[ia[k]])
            rows.append((text, sb[j], float(sim_a[k]), i, j, "matched", basis_a[k]))
            shown_b.add(j)
            for m, sim, basis in more_a[k]:   # further partners nearly as close (alignment by meaning)
                j = int(pb[m])
                rows.append((text, sb[j], float(sim), i, j, "matched", basis))
                shown_b.add(j)
        else:
            rows.append((text, None, float(sim_a[k]), i, -1, "only_a", None))
    for k, j in enumerate(pb.tolist()):
        if j in shown_b:
            continue
        text = sb[j]
        if basis_b[k] is not None:
            i = int(pa[ib[k]])
            rows.append((sa[i], text, float(sim_b[k]), i, j, "matched", basis_b[k]))
            for m, sim, basis in more_b[k]:
                i = int(pa[m])
                rows.append((sa[i], text, float(sim), i, j, "matched", basis))
        else:
            rows.append((None, text, float(sim_b[k]), -1, j, "only_b", None))
    columns = list(zip(*rows)) if rows else [()] * 7
    names = ["a", "b", "similarity", "a_index", "b_index", "status", "basis"]
    # object columns keep None (not NaN) where a side has no matching sentence
    table = pd.DataFrame({name: pd.Series(col, dtype=dtype) for name, col, dtype in
                          zip(names, columns, [object, object, float, "int64", "int64", object, object])})
    return Alignment(tuple(sides), table, sa, sb, matrix, options.threshold, sampling)
