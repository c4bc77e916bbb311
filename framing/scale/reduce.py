"""Partials of a corpus summed into one set of tables: addition, in partition order where order matters."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from framing.analyses.sentiment import BOOTSTRAP_MAX_VALUES
from framing.scale.partition import Partial

__all__ = ["Reduced", "combine_moments", "fold_terms", "reduce_partials"]


@dataclass
class Reduced:
    """The whole corpus's tables (see :class:`~framing.scale.partition.Partial` for each field).

    terms : sorted by term (the vocabulary order scikit-learn gives), every term of any partition.
    compounds : per side, every sentence compound in corpus order, or None above BOOTSTRAP_MAX_VALUES.
    duplicates : per side, documents word for word the same as an earlier one of the side;
    shared : documents (distinct texts) on both sides.
    agenda : per side, {topic: sentences raising it} in order of first mention in the corpus.
    """

    terms: pd.DataFrame
    docs: tuple
    words: tuple
    sentiment: tuple
    compounds: tuple
    descriptors: tuple
    register: tuple
    duplicates: tuple
    shared: int
    script: tuple
    partitions: int
    agenda: tuple = ({}, {})


def combine_moments(x: tuple[int, float, float], y: tuple[int, float, float]) -> tuple[int, float, float]:
    """(n, mean, M2) of two groups together (Chan, Golub and LeVeque's pairwise update)."""
    (na, ma, sa), (nb, mb, sb) = x, y
    n = na + nb
    if not n:
        return 0, 0.0, 0.0
    delta = mb - ma
    return n, ma + delta * nb / n, sa + sb + delta * delta * na * nb / n


def fold_terms(total: pd.DataFrame | None, tables: list[pd.DataFrame]) -> pd.DataFrame:
    """``total`` plus the term tables ``tables`` (count_a, count_b, df per term), sorted by term (Python
    string order, as scikit-learn's vocabulary). Folding a batch at a time keeps one batch in memory."""
    tables = ([] if total is None else [total]) + list(tables)
    return pd.concat(tables).groupby(level=0, sort=True).sum().sort_index()


def reduce_partials(partials: list[Partial], terms: pd.DataFrame | None = None) -> Reduced:
    """Sum ``partials`` (any order in, partition order used); ``terms``: their term tables already folded
    (:func:`fold_terms`), when the caller dropped them from the partials as they arrived."""
    partials = sorted(partials, key=lambda p: p.index)
    if terms is None:
        terms = fold_terms(None, [p.terms for p in partials])
    sides = range(2)
    moments = []
    for k in sides:
        m = (0, 0.0, 0.0)
        for p in partials:
            m = combine_moments(m, p.sentiment[k])
        moments.append(m)
    compounds = tuple(
        np.concatenate([p.compounds[k] for p in partials]) if moments[k][0] <= BOOTSTRAP_MAX_VALUES else None
        for k in sides)
    hashes = [[h for p in partials for h in p.hashes[k]] for k in sides]
    script = tuple(next((p.script[k] for p in partials if p.docs[k]), (0, 0.0, 0.0)) for k in sides)
    register = []
    for k in sides:
        profile, counts = {}, {}
        for p in partials:
            for dim, v in p.register[k][0].items():
                profile[dim] = profile.get(dim, 0) + v
            for dim, v in p.register[k][1].items():
                counts[dim] = counts.get(dim, 0) + v
        register.append((profile, counts))
    agenda = []
    for k in sides:   # partitions are in corpus order, so the first partition to raise a topic mentions it first
        raised: dict = {}
        for p in partials:
            for topic, n in p.agenda[k].items():
                raised[topic] = raised.get(topic, 0) + n
        agenda.append(raised)
    return Reduced(
        terms=terms, docs=tuple(sum(p.docs[k] for p in partials) for k in sides),
        words=tuple(sum(p.words[k] for p in partials) for k in sides), sentiment=tuple(moments),
        compounds=compounds, descriptors=tuple([m for p in partials for m in p.descriptors[k]] for k in sides),
        register=tuple(register), duplicates=tuple(len(h) - len(set(h)) for h in hashes),
        shared=len(set(hashes[0]) & set(hashes[1])), script=script, partitions=len(partials),
        agenda=tuple(agenda))
