"""Sentence sentiment with VADER, explained word by word, and per-side means.

VADER (Hutto & Gilbert 2014, the ``vaderSentiment`` package) is a general
lexicon: it reads "stressed" as emotional stress and does not know "constructive".
Its scores are shown as general tone, never as what diplomatic register signals.

Each sentence is scored by running VADER's own rule steps once and keeping the
per-token valences it sums, so the compound equals ``polarity_scores`` exactly
and the words that moved it (after VADER's boosters, negation and "but" rules)
come with it at no extra cost.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer, SentiText

from .text import split_sentences

__all__ = ["SentimentOptions", "SideSentiment", "SentenceScore", "score_sentence", "score_side", "bootstrap_mean_ci"]


@dataclass(frozen=True)
class SentimentOptions:
    """bootstrap : resamples for the 95% interval; seed : makes it reproducible."""

    bootstrap: int = 2000
    seed: int = 0
    confidence: float = 0.95


@dataclass(frozen=True)
class SentenceScore:
    """One sentence's VADER compound and the words that moved it.

    words : tuple of (word, lexicon valence, valence after VADER's rules).
    """

    text: str
    compound: float
    words: tuple


@dataclass(frozen=True)
class SideSentiment:
    """Per-side result: mean compound with a bootstrap interval, and every sentence."""

    side: str
    mean: float
    ci_low: float
    ci_high: float
    n_sentences: int
    sentences: pd.DataFrame  # columns: doc_index, sentence, compound, words


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def score_sentence(text: str) -> SentenceScore:
    """VADER compound for ``text`` plus the lexicon words behind it.

    Examples
    --------
    >>> s = score_sentence("The talks were good.")
    >>> s.compound, [w[0] for w in s.words]
    (0.4404, ['good'])
    """
    vader = _analyzer()
    # Same emoji handling as polarity_scores, so the compound is identical.
    converted, prev_space = [], True
    for ch in text:
        if ch in vader.emojis:
            if not prev_space:
                converted.append(" ")
            converted.append(vader.emojis[ch])
            prev_space = False
        else:
            converted.append(ch)
            prev_space = ch == " "
    clean = "".join(converted).strip()
    senti = SentiText(clean)
    tokens = senti.words_and_emoticons
    sentiments: list[float] = []
    for i, item in enumerate(tokens):
        lowered = item.lower()
        if lowered in BOOSTER_DICT or (
            lowered == "kind" and i < len(tokens) - 1 and tokens[i + 1].lower() == "of"
        ):
            sentiments.append(0)
            continue
        sentiments = vader.sentiment_valence(0, senti, item, i, sentiments)
    sentiments = vader._but_check(tokens, sentiments)
    compound = float(vader.score_valence(sentiments, clean)["compound"])
    words = tuple(
        (tok, float(vader.lexicon[tok.lower()]), float(val))
        for tok, val in zip(tokens, sentiments)
        if tok.lower() in vader.lexicon and val != 0
    )
    return SentenceScore(text, compound, words)


def bootstrap_mean_ci(values: np.ndarray, options: SentimentOptions = SentimentOptions()) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval; NaN bounds when there are fewer than 2 values."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(values.mean())
    if values.size < 2:
        return mean, float("nan"), float("nan")
    rng = np.random.default_rng(options.seed)
    resampled = rng.choice(values, size=(options.bootstrap, values.size), replace=True).mean(axis=1)
    tail = (1 - options.confidence) / 2 * 100
    low, high = np.percentile(resampled, [tail, 100 - tail])
    return mean, float(low), float(high)


def score_side(side: str, texts: list[str], options: SentimentOptions = SentimentOptions()) -> SideSentiment:
    """Score every sentence of one side's documents."""
    rows = []
    for doc_index, text in enumerate(texts):
        for sentence in split_sentences(text):
            scored = score_sentence(sentence.text)
            rows.append((doc_index, sentence.text, scored.compound, scored.words))
    table = pd.DataFrame(rows, columns=["doc_index", "sentence", "compound", "words"])
    mean, low, high = bootstrap_mean_ci(table["compound"].to_numpy(), options)
    return SideSentiment(side, mean, low, high, len(table), table)
