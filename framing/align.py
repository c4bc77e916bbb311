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

Similarity is computed in chunks of rows, so memory stays bounded on large
corpora (the full matrix is built only when asked for, for the heatmap).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from .overlap import OptionsError
from .text import TOKEN_PATTERN, split_sentences

__all__ = ["AlignOptions", "Alignment", "align_sentences", "side_sentences"]

_CHUNK = 2048


@dataclass(frozen=True)
class AlignOptions:
    """threshold : cosine at or above which two sentences make the same claim (0-1).
    stop_words : ``"english"`` or ``"none"`` for the sentence vectoriser.
    max_matrix : largest A-by-B matrix kept for the heatmap (cells); larger is not kept.
    """

    threshold: float = 0.2
    stop_words: str = "english"
    max_matrix: int = 250_000

    def validate(self) -> None:
        if not (0.0 <= self.threshold <= 1.0):
            raise OptionsError(f"alignment threshold {self.threshold!r} is outside 0-1; choose a value like 0.2")


@dataclass(frozen=True)
class Alignment:
    """rows : DataFrame with ``a``, ``b`` (sentence or None), ``similarity``, ``a_index``,
    ``b_index`` (position in each side's sentence list or -1), ``status``
    (``"matched"``, ``"only_a"``, ``"only_b"``).
    sentences_a, sentences_b : each side's sentences in order.
    matrix : A-by-B similarity, or None when larger than ``max_matrix`` cells.
    """

    sides: tuple[str, str]
    rows: pd.DataFrame
    sentences_a: list
    sentences_b: list
    matrix: np.ndarray | None
    threshold: float


def side_sentences(texts: list[str]) -> list[str]:
    """All sentences of a side's documents, in order."""
    return [s.text for text in texts for s in split_sentences(text)]


def _best_matches(x, y) -> tuple[np.ndarray, np.ndarray]:
    """For each row of x, index and cosine of the most similar row of y (rows unit length)."""
    best_idx = np.full(x.shape[0], -1, dtype=np.int64)
    best_sim = np.zeros(x.shape[0])
    yt = y.T.tocsc()
    for start in range(0, x.shape[0], _CHUNK):
        block = (x[start:start + _CHUNK] @ yt).toarray()
        if block.shape[1] == 0:
            break
        idx = block.argmax(axis=1)
        best_idx[start:start + len(idx)] = idx
        best_sim[start:start + len(idx)] = block[np.arange(len(idx)), idx]
    return best_idx, np.clip(best_sim, 0.0, 1.0)


def align_sentences(texts_a: list[str], texts_b: list[str], sides: tuple[str, str],
                    options: AlignOptions = AlignOptions()) -> Alignment:
    """Match each side's sentences to the other side's most similar sentence.

    Examples
    --------
    >>> r = align_sentences(["Talks were candid. Flights will grow."], ["The talks were candid."], ("A", "B"))
    >>> list(r.rows["status"])
    ['matched', 'only_a']
    """
    options.validate()
    sa, sb = side_sentences(texts_a), side_sentences(texts_b)
    vectorizer = TfidfVectorizer(token_pattern=TOKEN_PATTERN, stop_words="english" if options.stop_words == "english" else None)
    try:
        vectors = vectorizer.fit_transform(sa + sb).tocsr()
    except ValueError:  # no terms at all: nothing can match
        vectors = None
    if vectors is None or not sa or not sb:
        ia, sim_a = np.full(len(sa), -1), np.zeros(len(sa))
        ib, sim_b = np.full(len(sb), -1), np.zeros(len(sb))
        matrix = np.zeros((len(sa), len(sb)))
    else:
        va, vb = vectors[: len(sa)], vectors[len(sa):]
        ia, sim_a = _best_matches(va, vb)
        ib, sim_b = _best_matches(vb, va)
        matrix = (va @ vb.T).toarray() if len(sa) * len(sb) <= options.max_matrix else None
    rows, shown_b = [], set()
    for i, text in enumerate(sa):
        if sim_a[i] >= options.threshold and ia[i] >= 0 and sim_a[i] > 0:
            rows.append((text, sb[ia[i]], float(sim_a[i]), i, int(ia[i]), "matched"))
            shown_b.add(int(ia[i]))
        else:
            rows.append((text, None, float(sim_a[i]), i, -1, "only_a"))
    for j, text in enumerate(sb):
        if j in shown_b:
            continue
        if sim_b[j] >= options.threshold and ib[j] >= 0 and sim_b[j] > 0:
            rows.append((sa[ib[j]], text, float(sim_b[j]), int(ib[j]), j, "matched"))
        else:
            rows.append((None, text, float(sim_b[j]), -1, j, "only_b"))
    columns = list(zip(*rows)) if rows else [()] * 6
    names = ["a", "b", "similarity", "a_index", "b_index", "status"]
    # object columns keep None (not NaN) where a side has no matching sentence
    table = pd.DataFrame({name: pd.Series(col, dtype=dtype) for name, col, dtype in
                          zip(names, columns, [object, object, float, "int64", "int64", object])})
    return Alignment(tuple(sides), table, sa, sb, matrix, options.threshold)
