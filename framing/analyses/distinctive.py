"""Distinctive terms: log-odds ratio with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words", Political Analysis 16(4).
For term w with counts y_a, y_b, side totals n_a, n_b and prior alpha_w
(alpha_0 = sum of alpha_w)::

    delta_w = log((y_a+alpha_w)/(n_a+alpha_0-y_a-alpha_w))
            - log((y_b+alpha_w)/(n_b+alpha_0-y_b-alpha_w))
    var_w  ~= 1/(y_a+alpha_w) + 1/(y_b+alpha_w)
    z_w     = delta_w / sqrt(var_w)                     (positive: side a)

The default prior, alpha_w = pooled count of w + 0.01, is the reference
setting that reproduces Scattertext's ``LogOddsRatioInformativeDirichletPrior``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["DistinctiveOptions", "Distinctive", "score_distinctive_terms", "log_odds_z", "Z_THRESHOLD"]

#: Two-sided 5% significance for a standard normal z.
Z_THRESHOLD = 1.96


@dataclass(frozen=True)
class DistinctiveOptions:
    """prior_offset : added to the pooled count of every term to form the prior."""

    prior_offset: float = 0.01
    top: int = 20


@dataclass(frozen=True)
class Distinctive:
    """Result of :func:`score_distinctive_terms`.

    table : one row per term: ``term``, ``z`` (positive favours side A), ``delta``,
        ``count_a``, ``count_b``, ``per_10k_a``, ``per_10k_b`` (rate per 10,000 tokens),
        ``significant`` (|z| >= 1.96).
    top : per side label, DataFrame of that side's strongest terms with ``z``
        oriented to that side (positive = distinctive of it), strongest first.
    n_significant : per side, how many of its terms reach |z| >= 1.96.
    message : a plain sentence when no term reaches the threshold, else "".
    """

    sides: tuple[str, str]
    table: pd.DataFrame
    top: dict
    n_significant: dict
    totals: dict
    message: str


def log_odds_z(y_a: np.ndarray, y_b: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (delta, z) for count vectors ``y_a``, ``y_b`` and prior ``alpha``."""
    y_a = np.asarray(y_a, dtype=float)
    y_b = np.asarray(y_b, dtype=float)
    alpha = np.asarray(prior, dtype=float)
    n_a, n_b, a0 = y_a.sum(), y_b.sum(), alpha.sum()
    # A one-term vocabulary has no "rest of the vocabulary" to weigh the term against: its odds
    # are 0/0 and z is NaN (reported as null). numpy would also print a RuntimeWarning, which
    # would reach the CLI's stderr; the NaN says it instead.
    # Each side's log-odds on its own, then their difference: swapping the sides then gives
    # exactly -delta (x - y == -(y - x) in floating point), so a ranking never depends on which
    # side is named first. Log-odds equal to rounding error (a side with no tokens has the
    # prior's odds for every term) favour neither side: delta is 0, not +-1e-16.
    with np.errstate(divide="ignore", invalid="ignore"):
        log_odds_a = np.log(y_a + alpha) - np.log(n_a + a0 - y_a - alpha)
        log_odds_b = np.log(y_b + alpha) - np.log(n_b + a0 - y_b - alpha)
        delta = log_odds_a - log_odds_b
    delta[np.abs(delta) <= 1e-12 * np.maximum(np.abs(log_odds_a), 1.0)] = 0.0
    variance = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha)
    return delta, delta / np.sqrt(variance)


def score_distinctive_terms(terms: np.ndarray, counts_a: np.ndarray, counts_b: np.ndarray,
                            sides: tuple[str, str],
                            options: DistinctiveOptions = DistinctiveOptions()) -> Distinctive:
    """Score every term; rank each side's most distinctive ones.

    Parameters
    ----------
    terms : array of str
    counts_a, counts_b : arrays of int, the same length as ``terms``
        Each side's pooled term counts.

    Examples
    --------
    >>> r = score_distinctive_terms(np.array(["x", "y"]), np.array([3, 0]), np.array([0, 3]), ("A", "B"))
    >>> list(r.top["A"]["term"]), list(r.top["B"]["term"])
    (['x'], ['y'])
    """
    counts_a = np.asarray(counts_a, dtype=np.int64)
    counts_b = np.asarray(counts_b, dtype=np.int64)
    prior = counts_a + counts_b + options.prior_offset
    delta, z = log_odds_z(counts_a, counts_b, prior)
    total_a, total_b = int(counts_a.sum()), int(counts_b.sum())
    table = pd.DataFrame({
        "term": np.asarray(terms).astype(str),
        "z": z,
        "delta": delta,
        "count_a": counts_a,
        "count_b": counts_b,
        "per_10k_a": counts_a / max(total_a, 1) * 1e4,
        "per_10k_b": counts_b / max(total_b, 1) * 1e4,
    })
    table["significant"] = table["z"].abs() >= Z_THRESHOLD
    top, n_sig = {}, {}
    for label, sign, own, other in ((sides[0], 1.0, "count_a", "count_b"), (sides[1], -1.0, "count_b", "count_a")):
        oriented = table.assign(z=table["z"] * sign)
        mine = oriented[oriented["z"] > 0].sort_values(["z", "term"], ascending=[False, True], kind="stable")
        top[label] = pd.DataFrame({
            "term": mine["term"], "z": mine["z"], "count": mine[own], "count_other": mine[other],
            "significant": mine["significant"],
        }).head(options.top).reset_index(drop=True)
        n_sig[label] = int(mine["significant"].sum())
    message = ""
    if not any(n_sig.values()):
        message = (f"No term reaches |z| >= {Z_THRESHOLD} on either side: with {total_a} and {total_b} tokens "
                   "the evidence is too thin to call any word distinctive. The ranking is shown, but read it as a hint.")
    return Distinctive(tuple(sides), table, top, n_sig, {sides[0]: total_a, sides[1]: total_b}, message)
