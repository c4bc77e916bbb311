"""TF-IDF overlap between two sides, and the terms that make it up.

One vectoriser is fit on the documents being compared, so inverse document
frequencies come from these documents and no others. Each side is then *pooled*:
its documents' term counts are summed before weighting, and the two pooled
vectors are compared by cosine. Pooling, rather than averaging document-by-
document cosines, is deliberate: sides split their accounts into different
numbers of statements (four US paragraphs against twenty Chinese ones), and an
average of pairwise cosines falls as either side is cut into more, shorter
pieces even when the words are the same. The pairwise matrix is still returned
(``document_similarity``) together with its mean, for analysts who want it.

Because cosine is a sum over terms of ``a_t * b_t / (|a| |b|)``, each term's
share of the overlap is exact: ``shared_terms`` lists the terms with the largest
contributions and their contributions add up to ``cosine``.
"""
from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from framing.errors import OptionsError
from framing.text import TOKEN_PATTERN

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import CountVectorizer

# scikit-learn is imported where it is used: importing it (with scipy.stats) takes about 0.6 s,
# which a dashboard or CLI that has not compared anything yet should not wait for.

__all__ = ["OverlapOptions", "Overlap", "score_overlap", "score_overlap_counts", "idf_from_df",
           "tfidf_unit_rows", "build_count_vectorizer", "count_terms", "Vocabulary", "english_stop_words",
           "tfidf_vectors", "OptionsError", "MAX_DOCUMENT_CELLS"]

#: Largest document-by-document similarity matrix kept (cells; 8 bytes each). 9,450 documents
#: split 6,150 / 3,300 would need 160 MB and 37,800 documents 2.6 GB.
MAX_DOCUMENT_CELLS = 2_000_000




@dataclass(frozen=True)
class OverlapOptions:
    """Settings for the vocabulary shared by overlap and distinctive terms.

    ngram_range : (min, max) word n-gram lengths, 1 <= min <= max <= 5.
    stop_words : ``"english"`` (scikit-learn's list) or ``"none"``.
    min_df : keep terms that occur in at least this many documents (>= 1).
    sublinear_tf : use ``1 + log(tf)`` instead of raw counts.
    top_terms : how many contributing terms to report.
    """

    ngram_range: tuple[int, int] = (1, 1)
    stop_words: str = "english"
    min_df: int = 1
    sublinear_tf: bool = False
    top_terms: int = 20

    def validate(self) -> None:
        lo, hi = self.ngram_range
        if not (1 <= lo <= hi <= 5):
            raise OptionsError(f"n-gram range ({lo}, {hi}) is not valid", "use 1 <= MIN <= MAX <= 5, e.g. 1 2", setting="ngram")
        if self.stop_words not in ("english", "none"):
            raise OptionsError(f"stop words {self.stop_words!r} are not known", "use 'english' or 'none'", setting="stop_words")
        if int(self.min_df) != self.min_df or self.min_df < 1:
            raise OptionsError(f"min_df {self.min_df!r} is not valid", "use a whole number of documents, 1 or more", setting="min_df")
        if self.top_terms < 1:
            raise OptionsError(f"top {self.top_terms} is not valid", "ask for 1 or more terms", setting="top")


@dataclass(frozen=True)
class Overlap:
    """Result of :func:`score_overlap`.

    cosine : cosine between the two pooled side vectors, in [0, 1].
    shared_terms : DataFrame with columns ``term``, ``contribution`` (adds up to
        ``cosine`` over all terms), ``share`` (contribution / cosine), ``weight_a``,
        ``weight_b`` (the unit-length TF-IDF weights), ``count_a``, ``count_b``.
    document_similarity : DataFrame, side A documents (rows) by side B documents
        (columns), cosine of their TF-IDF vectors; empty (no rows, no columns) when
        it would exceed ``MAX_DOCUMENT_CELLS`` cells.
    mean_document_similarity : mean of that matrix (NaN if there are no pairs), computed
        without the matrix when it is not kept.
    vocabulary_size : terms in the fitted vocabulary.
    """

    sides: tuple[str, str]
    cosine: float
    shared_terms: pd.DataFrame
    document_similarity: pd.DataFrame
    mean_document_similarity: float
    vocabulary_size: int


def build_count_vectorizer(options: OverlapOptions, min_df: int | None = None) -> CountVectorizer:
    """The one tokenisation every term statistic uses (scikit-learn's defaults, lowercase)."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        token_pattern=TOKEN_PATTERN,
        lowercase=True,
        ngram_range=tuple(options.ngram_range),
        stop_words="english" if options.stop_words == "english" else None,
        min_df=options.min_df if min_df is None else min_df,
        dtype=np.int64,
    )


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset:
    """scikit-learn's English stop words (``framing/data/english_stop_words.txt``, a copy of its list)."""
    text = (Path(__file__).resolve().parents[1] / "data" / "english_stop_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@dataclass(frozen=True)
class Vocabulary:
    """The fitted vocabulary of :func:`count_terms` (what callers read of a fitted CountVectorizer)."""

    terms: np.ndarray   # sorted, object dtype

    def get_feature_names_out(self) -> np.ndarray:
        return self.terms


def count_terms(texts: list[str], ngram_range: tuple[int, int] = (1, 1), stop_words: str = "none",
                min_df: int = 1, dtype=np.int64) -> tuple[Vocabulary, sparse.csr_matrix]:
    """Each document's term counts: exactly what scikit-learn's ``CountVectorizer(token_pattern=
    TOKEN_PATTERN, lowercase=True, ngram_range=..., stop_words=..., min_df=..., dtype=...)`` returns
    from ``fit_transform`` (the same vocabulary, and the same matrix down to the order of the
    entries within each row, which later sums follow), without importing scikit-learn (0.6 s).

    Each document is counted with ``collections.Counter`` (in C) instead of one dictionary
    update per word; a term's provisional number is its first appearance in the corpus, as in
    scikit-learn, and the rows are sorted by it before the numbers become sorted-vocabulary
    positions. Raises ValueError where scikit-learn does (no term at all, none left by min_df).
    """
    findall = re.compile(TOKEN_PATTERN).findall
    stop = english_stop_words() if stop_words == "english" else None
    lo, hi = ngram_range
    first: dict = {}
    # the matrix's own arrays, filled in place (no list of pointers, no copy at the end)
    indices = array("i")   # int32, as scikit-learn's below 2**31 entries
    values = array("q")
    indptr = [0]
    for doc in texts:
        tokens = findall(doc.lower())
        if stop is not None:
            tokens = [w for w in tokens if w not in stop]
        if hi != 1:
            tokens = _ngrams(tokens, lo, hi)
        counted = Counter(tokens)
        for term in counted:
            if term not in first:
                first[term] = len(first)
        indices.extend(map(first.__getitem__, counted))
        values.extend(counted.values())
        indptr.append(len(indices))
    if not first:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    index_dtype = np.int32 if len(indices) <= np.iinfo(np.int32).max else np.int64
    data = np.frombuffer(values, dtype=np.int64)
    matrix = sparse.csr_matrix((data if data.dtype == dtype else data.astype(dtype),
                                np.frombuffer(indices, dtype=np.int32).astype(index_dtype, copy=False),
                                np.asarray(indptr, dtype=index_dtype)), shape=(len(indptr) - 1, len(first)))
    del data, indices, values
    matrix.sort_indices()
    terms = list(first)
    if min_df > 1:
        df = np.bincount(matrix.indices, minlength=len(terms))
        keep = df >= min_df
        if not keep.any():
            raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
        matrix = matrix[:, np.flatnonzero(keep)]
        terms = [t for t, k in zip(terms, keep) if k]
    order = sorted(range(len(terms)), key=terms.__getitem__)
    position = np.empty(len(terms), dtype=matrix.indices.dtype)
    position[order] = np.arange(len(terms), dtype=matrix.indices.dtype)
    matrix.indices = position.take(matrix.indices)
    matrix.has_sorted_indices = False
    return Vocabulary(np.asarray([terms[i] for i in order], dtype=object)), matrix


def tfidf_vectors(texts: list[str], stop_words: str = "none") -> sparse.csr_matrix:
    """Unit-length TF-IDF rows of ``texts``: exactly what scikit-learn's ``TfidfVectorizer(token_pattern=
    TOKEN_PATTERN, stop_words=...)`` returns from ``fit_transform`` (counts of :func:`count_terms`,
    its smoothed idf, and each row divided by the square root of its sum of squares, summed in
    the row's order as its ``normalize`` does), without importing scikit-learn."""
    _, matrix = count_terms(texts, (1, 1), stop_words, 1, dtype=np.float64)
    idf = idf_from_df(np.bincount(matrix.indices, minlength=matrix.shape[1]), matrix.shape[0])
    matrix.data *= idf[matrix.indices]
    squares, ptr = (matrix.data * matrix.data).tolist(), matrix.indptr.tolist()
    norms = []
    for start, end in zip(ptr, ptr[1:]):
        total = 0.0
        for x in squares[start:end]:
            total += x
        norms.append(math.sqrt(total) if total != 0.0 else 1.0)
    matrix.data /= np.repeat(np.asarray(norms), np.diff(matrix.indptr))
    return matrix


def _ngrams(tokens: list, lo: int, hi: int) -> list:
    """scikit-learn's ``_word_ngrams``: the n-grams from ``lo`` to ``hi`` words, joined by a space."""
    out = list(tokens) if lo == 1 else []
    for n in range(max(lo, 2), min(hi + 1, len(tokens) + 1)):
        out += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    return out


def fit_counts(texts_a: list[str], texts_b: list[str], options: OverlapOptions):
    """Fit the vocabulary on all documents; return (vocabulary, counts, n_a): what
    :func:`build_count_vectorizer` would fit and count (see :func:`count_terms`).

    Raises
    ------
    OptionsError
        If no term survives (all stop words, or ``min_df`` above the number of documents).
    """
    n_docs = len(texts_a) + len(texts_b)
    if options.min_df > n_docs:
        raise OptionsError(
            f"min_df is {options.min_df} but there are only {n_docs} documents", f"lower min_df to {n_docs} or less",
            setting="min_df")
    try:
        vectorizer, counts = count_terms(list(texts_a) + list(texts_b), tuple(options.ngram_range),
                                         options.stop_words, options.min_df)
    except ValueError:
        if not any(re.search(TOKEN_PATTERN, t) for t in list(texts_a) + list(texts_b)):
            # emoji, punctuation or single characters only: no setting can help, so say so
            raise OptionsError(
                "no words to compare: neither side's text has a word of two or more letters or digits "
                "(only emoji, punctuation or single characters); add the sides' accounts in words"
            ) from None
        stop = " after removing English stop words" if options.stop_words == "english" else ""
        raise OptionsError(
            f"no terms are left to compare{stop} (min_df={options.min_df}, n-grams {tuple(options.ngram_range)})",
            "keep stop words, lower min_df, or give longer texts", setting="stop_words") from None
    return vectorizer, counts.tocsr(), len(texts_a)


def pool_counts(counts, n_a: int) -> np.ndarray:
    """Each side's summed term counts: a 2-by-terms integer array (side A first)."""
    return np.vstack([np.asarray(counts[:n_a].sum(axis=0)).ravel(),
                      np.asarray(counts[n_a:].sum(axis=0)).ravel()])


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def idf_from_df(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Smoothed inverse document frequencies, ``log((1 + n) / (1 + df)) + 1``: scikit-learn's
    ``TfidfTransformer`` formula, operation for operation, so the weights are the same to the bit."""
    df = np.asarray(df).astype(np.float64) + 1.0
    idf = np.full_like(df, fill_value=int(n_docs) + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def tfidf_unit_rows(counts, idf: np.ndarray, sublinear_tf: bool = False) -> sparse.csr_matrix:
    """Each row of a term-count matrix TF-IDF weighted with ``idf`` and scaled to unit length."""
    weighted = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
    weighted.sort_indices()   # as scikit-learn's transform does: sums run in the same order, to the bit
    if sublinear_tf:
        np.log(weighted.data, weighted.data)
        weighted.data += 1.0
    weighted.data *= idf[weighted.indices]
    return _unit_rows(weighted)


def score_overlap_counts(terms: np.ndarray, pooled_a: np.ndarray, pooled_b: np.ndarray, df: np.ndarray,
                         n_docs: int, options: OverlapOptions, sides: tuple[str, str],
                         document_similarity: pd.DataFrame | None = None,
                         mean_document_similarity: float = float("nan")) -> Overlap:
    """The overlap from counts alone: what :func:`score_overlap` computes, for callers that summed the
    counts elsewhere (partitions of a corpus on other machines).

    terms : the vocabulary, sorted; pooled_a, pooled_b : each side's summed counts per term;
    df : documents per term (both sides); n_docs : documents (both sides). The document-pair
    similarity is not computable from these sums: pass it, or its mean, if the caller has it.
    """
    idf = idf_from_df(df, n_docs)
    pooled_counts = sparse.csr_matrix(np.vstack([pooled_a, pooled_b]).astype(np.int64))
    pooled = tfidf_unit_rows(pooled_counts, idf, options.sublinear_tf).toarray()
    contributions = pooled[0] * pooled[1]
    cosine = float(min(1.0, max(0.0, contributions.sum())))
    terms = np.asarray(terms)
    order = np.argsort(-contributions, kind="stable")
    order = [i for i in order[: options.top_terms] if contributions[i] > 0]
    totals = pooled_counts.toarray()
    shared = pd.DataFrame({
        "term": terms[order].astype(str),
        "contribution": contributions[order],
        "share": contributions[order] / cosine if cosine > 0 else np.zeros(len(order)),
        "weight_a": pooled[0][order],
        "weight_b": pooled[1][order],
        "count_a": totals[0][order].astype(int),
        "count_b": totals[1][order].astype(int),
    })
    doc_sim = pd.DataFrame() if document_similarity is None else document_similarity
    return Overlap(tuple(sides), cosine, shared, doc_sim, float(mean_document_similarity), len(terms))


def score_overlap(texts_a: list[str], texts_b: list[str], sides: tuple[str, str],
                  options: OverlapOptions = OverlapOptions(), fitted=None) -> Overlap:
    """TF-IDF cosine between two sides' pooled accounts, explained term by term.

    Parameters
    ----------
    texts_a, texts_b : list of str
        Each side's documents (at least one each).
    sides : (str, str)
        Side labels, used as column names.
    options : OverlapOptions
    fitted : optional result of :func:`fit_counts` to reuse.

    Examples
    --------
    >>> r = score_overlap(["candid talks"], ["candid talks"], ("A", "B"))
    >>> round(r.cosine, 6)
    1.0
    """
    options.validate()
    vectorizer, counts, n_a = fitted or fit_counts(texts_a, texts_b, options)
    n_docs, n_b = counts.shape[0], counts.shape[0] - n_a
    df = np.bincount(counts.indices, minlength=counts.shape[1])   # documents per term, as scikit-learn counts them
    idf = idf_from_df(df, n_docs)
    docs = tfidf_unit_rows(counts, idf, options.sublinear_tf)
    if n_a * n_b <= MAX_DOCUMENT_CELLS:
        matrix = (docs[:n_a] @ docs[n_a:].T).toarray()
        doc_sim = pd.DataFrame(matrix, index=[f"{sides[0]} {i + 1}" for i in range(n_a)],
                               columns=[f"{sides[1]} {j + 1}" for j in range(n_b)])
        mean_doc = float(matrix.mean()) if matrix.size else float("nan")
    else:
        # The mean of all pairwise dot products is the dot product of the two sums.
        sum_a = np.asarray(docs[:n_a].sum(axis=0)).ravel()
        sum_b = np.asarray(docs[n_a:].sum(axis=0)).ravel()
        doc_sim = pd.DataFrame()
        mean_doc = float(sum_a @ sum_b / (n_a * n_b))
    pooled = pool_counts(counts, n_a)
    return score_overlap_counts(vectorizer.get_feature_names_out(), pooled[0], pooled[1], df, n_docs, options,
                                sides, document_similarity=doc_sim, mean_document_similarity=mean_doc)
