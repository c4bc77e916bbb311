"""Sentence sentiment with VADER, explained word by word, and per-side means.

VADER (Hutto & Gilbert 2014, the ``vaderSentiment`` package) is a general
lexicon: it reads "stressed" as emotional stress and does not know "constructive".
Its scores are shown as general tone, never as what diplomatic register signals.

Each sentence is scored by VADER's own rules, re-implemented here over one
lowercased token list (vaderSentiment re-lowercases the whole sentence for every
rule it checks on every lexicon word, which makes it quadratic in sentence
length). The lexicon, booster list, negations, idioms and constants are
vaderSentiment's own, the arithmetic follows its order of operations, and the
compound equals ``SentimentIntensityAnalyzer().polarity_scores(s)["compound"]``
exactly (checked on every sentence of the 2012 convention corpus by
``bench/run.sh`` and on a varied sample in ``tests/test_sentiment.py``). The
per-token valences it sums are kept, so the words that moved each score (after
VADER's boosters, negation and "but" rules) come with it at no extra cost.

Large sides are scored on both cores (see :data:`PARALLEL_MIN_SENTENCES`);
the scores do not depend on it.
"""
from __future__ import annotations

import math
import string
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import (
    B_INCR,
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from framing.parallel import map_chunks
from framing.text import split_sentences

__all__ = ["SentimentOptions", "SideSentiment", "SentenceScore", "score_sentence", "score_sentences",
           "score_side", "side_from_scores", "side_from_columns", "bootstrap_mean_ci", "normal_mean_ci", "interval_method", "PARALLEL_MIN_SENTENCES"]

#: A side with at least this many sentences is scored in chunks on every available core.
PARALLEL_MIN_SENTENCES = 20_000

_NEGATIONS = frozenset(NEGATE)
_PUNCTUATION = string.punctuation
# Every word of a multi-word idiom or booster: a window holding none of them cannot match one.
_IDIOM_WORDS = frozenset(w for key in list(SPECIAL_CASES) + list(BOOSTER_DICT) if " " in key for w in key.split())
_SO_THIS = ("so", "this")
_ = B_INCR  # imported for readers: the booster increment every BOOSTER_DICT value is made of


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
    interval: str = ""  # how ci_low and ci_high were computed (see interval_method)


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _without_emoji(text: str, emojis: dict) -> str:
    """vaderSentiment's emoji step: each emoji character becomes its description."""
    if text.isascii():  # every emoji key is non-ASCII
        return text.strip()
    converted, prev_space = [], True
    for ch in text:
        if ch in emojis:
            if not prev_space:
                converted.append(" ")
            converted.append(emojis[ch])
            prev_space = False
        else:
            converted.append(ch)
            prev_space = ch == " "
    return "".join(converted).strip()


#: ``scipy.stats.norm.ppf`` of the usual probabilities, to the bit (tests/test_sentiment.py checks
#: them): importing scipy.stats takes 0.3 s, which a comparison that needs only these can skip.
_NORMAL_QUANTILES = {0.975: 1.959963984540054, 0.95: 1.6448536269514722, 0.995: 2.5758293035489004}


def _normal_quantile(p: float) -> float:
    if p in _NORMAL_QUANTILES:
        return _NORMAL_QUANTILES[p]
    from scipy.stats import norm
    return norm.ppf(p)


def _negated(word: str) -> bool:
    return word in _NEGATIONS or "n't" in word


def _idioms(valence: float, lower: list, i: int) -> float:
    """vaderSentiment's ``_special_idioms_check`` for the lexicon word at ``i`` (i >= 3)."""
    if _IDIOM_WORDS.isdisjoint(lower[i - 3:i + 3]):
        return valence
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence


def _valences(tokens: list, lower: list, lexicon: dict, hits: list | None = None) -> list:
    """The valence VADER gives each token (0 for most), before the "but" rule.

    ``tokens`` are only asked whether they are upper case (the words as written will do);
    ``hits``: the positions of the tokens in the lexicon, when the caller has found them (every
    other token's valence is 0)."""
    n = len(tokens)
    n_upper = sum(map(str.isupper, tokens))
    cap_diff = 0 < n - n_upper < n
    sentiments = [0] * n
    if hits is None:
        hits = [i for i in range(n) if lower[i] in lexicon]
    for i in hits:
        word = lower[i]
        lex = lexicon[word]
        if word in BOOSTER_DICT or (word == "kind" and i < n - 1 and lower[i + 1] == "of"):
            continue
        valence = lex
        if word == "no" and i != n - 1 and lower[i + 1] in lexicon:
            valence = 0.0   # "no" negates the next lexicon word instead of counting itself
        if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") or (
                i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor")):
            valence = lex * N_SCALAR
        if cap_diff and tokens[i].isupper():
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        for start_i in range(3):
            j = i - start_i - 1
            if j < 0 or lower[j] in lexicon:
                continue
            scalar = 0.0
            boost = BOOSTER_DICT.get(lower[j])
            if boost is not None:
                scalar = boost
                if valence < 0:
                    scalar *= -1
                if tokens[j].isupper() and cap_diff:
                    scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
                if start_i == 1:
                    scalar = scalar * 0.95
                elif start_i == 2:
                    scalar = scalar * 0.9
            valence = valence + scalar
            if start_i == 0:
                if _negated(lower[i - 1]):
                    valence = valence * N_SCALAR
            elif start_i == 1:
                if lower[i - 2] == "never" and lower[i - 1] in _SO_THIS:
                    valence = valence * 1.25
                elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                    pass
                elif _negated(lower[i - 2]):
                    valence = valence * N_SCALAR
            else:
                if (lower[i - 3] == "never" and lower[i - 2] in _SO_THIS) or lower[i - 1] in _SO_THIS:
                    valence = valence * 1.25
                elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                    pass
                elif _negated(lower[i - 3]):
                    valence = valence * N_SCALAR
                valence = _idioms(valence, lower, i)
        if i > 1 and lower[i - 1] == "least" and "least" not in lexicon:
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * N_SCALAR
        elif i > 0 and lower[i - 1] == "least" and "least" not in lexicon:
            valence = valence * N_SCALAR
        sentiments[i] = valence
    if "but" in lower:   # vaderSentiment's _but_check, including its list.index lookups
        bi = lower.index("but")
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 0.5)
            elif si > bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 1.5)
    return sentiments


def _compound(sentiments: list, text: str) -> float:
    """vaderSentiment's ``score_valence`` compound: sum, punctuation emphasis, normalise, round."""
    if not sentiments:
        return 0.0
    total = float(sum(sentiments))
    ep_count = min(text.count("!"), 4)
    qm_count = text.count("?")
    qm_amplifier = 0
    if qm_count > 1:
        qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
    emphasis = ep_count * 0.292 + qm_amplifier
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    compound = total / math.sqrt(total * total + 15)
    return round(max(-1.0, min(1.0, compound)), 4)


def _emoji_chars(emojis: dict) -> frozenset:
    """Every character that :func:`_without_emoji` replaces (it reads a text character by
    character, so only one-character keys can match)."""
    global _EMOJI_CHARS
    if _EMOJI_CHARS is None or _EMOJI_CHARS[0] is not emojis:
        _EMOJI_CHARS = (emojis, frozenset(k for k in emojis if len(k) == 1))
    return _EMOJI_CHARS[1]


_EMOJI_CHARS = None


def _token(word: str) -> str:
    """vaderSentiment's token for a white-space separated word: punctuation stripped from its ends,
    unless that leaves two characters or fewer."""
    stripped = word.strip(_PUNCTUATION)
    return word if len(stripped) <= 2 else stripped


def _score(text: str, lexicon: dict, emojis: dict, memo: dict | None = None) -> tuple[float, tuple]:
    if text.isascii() or _emoji_chars(emojis).isdisjoint(text):
        clean = text.strip()   # what _without_emoji gives a text without emoji
    else:
        clean = _without_emoji(text, emojis)
    low = clean.lower()
    if len(low) == len(clean):
        # lowercasing mapped each character to one (it does not touch punctuation or white space):
        # the lowered text splits into the lowered words, whose tokens are the lowered tokens
        lower = [w if len(t := w.strip(_PUNCTUATION)) <= 2 else t for w in low.split()]
    else:
        lower = [_token(w).lower() for w in clean.split()]
    if lexicon.keys().isdisjoint(lower):
        return 0.0, ()
    hits = [i for i, w in enumerate(lower) if w in lexicon]
    # the words as written: a token is upper case exactly when its word is (stripping takes off
    # ASCII punctuation only, which has no case), so only the words that are reported are stripped
    words_as_written = clean.split()
    sentiments = _valences(words_as_written, lower, lexicon, hits)
    words = tuple((_token(words_as_written[i]), float(lexicon[lower[i]]), float(sentiments[i]))
                  for i in hits if sentiments[i] != 0)
    if memo is not None:   # equal explanations share one object: on a large corpus most repeat
        words = tuple(memo.setdefault(w, w) for w in words)
        words = memo.setdefault(words, words)
    return _compound(sentiments, clean), words


def score_sentence(text: str) -> SentenceScore:
    """VADER compound for ``text`` plus the lexicon words behind it.

    Examples
    --------
    >>> s = score_sentence("The talks were good.")
    >>> s.compound, [w[0] for w in s.words]
    (0.4404, ['good'])
    """
    vader = _analyzer()
    compound, words = _score(text, vader.lexicon, vader.emojis)
    return SentenceScore(text, compound, words)


def score_sentences(texts: list[str]) -> list[tuple[float, tuple]]:
    """(compound, words) for each text, in order; see :func:`score_sentence`."""
    vader = _analyzer()
    lexicon, emojis = vader.lexicon, vader.emojis
    memo: dict = {}   # lives for this call only: nothing carries over to the next corpus
    return [_score(t, lexicon, emojis, memo) for t in texts]


#: Resampled values drawn at once (resamples x values): bounds the bootstrap's memory.
BOOTSTRAP_BLOCK_CELLS = 4_000_000
#: Above this many values the interval is the normal approximation, not a bootstrap.
BOOTSTRAP_MAX_VALUES = 20_000


def interval_method(n_values: int, options: SentimentOptions = SentimentOptions()) -> str:
    """How :func:`bootstrap_mean_ci` computes the interval for ``n_values`` values, in words."""
    level = f"{options.confidence:.0%}"
    if n_values > BOOTSTRAP_MAX_VALUES:
        return (f"{level} normal approximation (mean +/- z * sd / sqrt(n)): above {BOOTSTRAP_MAX_VALUES:,} sentences "
                "a percentile bootstrap gives the same interval at far greater cost")
    return f"{level} percentile bootstrap, {options.bootstrap} resamples, seed {options.seed}"


def normal_mean_ci(mean: float, sd: float, n: int,
                   options: SentimentOptions = SentimentOptions()) -> tuple[float, float, float]:
    """Mean and normal-approximation interval ``mean +/- z * sd / sqrt(n)`` from the summary alone
    (what :func:`bootstrap_mean_ci` returns above ``BOOTSTRAP_MAX_VALUES`` values)."""
    z = float(_normal_quantile(0.5 + options.confidence / 2))
    half = z * sd / np.sqrt(n)
    return mean, mean - half, mean + half


def bootstrap_mean_ci(values: np.ndarray, options: SentimentOptions = SentimentOptions()) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval; NaN bounds when there are fewer than 2 values.

    Resamples are drawn in blocks of at most ``BOOTSTRAP_BLOCK_CELLS`` values, so
    memory stays bounded (a single block, as for every side of up to 2,000
    sentences, draws exactly what one call would). Above ``BOOTSTRAP_MAX_VALUES``
    values the interval is the normal approximation instead (see
    :func:`interval_method`): with tens of thousands of sentences the bootstrap
    distribution of a mean is normal to well within the precision shown.
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return float("nan"), float("nan"), float("nan")
    mean = float(values.mean())
    if values.size < 2:
        return mean, float("nan"), float("nan")
    if values.size > BOOTSTRAP_MAX_VALUES:
        return normal_mean_ci(mean, float(values.std(ddof=1)), values.size, options)
    rng = np.random.default_rng(options.seed)
    rows = max(1, BOOTSTRAP_BLOCK_CELLS // values.size)
    resampled = np.concatenate([
        rng.choice(values, size=(min(rows, options.bootstrap - start), values.size), replace=True).mean(axis=1)
        for start in range(0, options.bootstrap, rows)])
    tail = (1 - options.confidence) / 2 * 100
    low, high = np.percentile(resampled, [tail, 100 - tail])
    return mean, float(low), float(high)


def score_side(side: str, texts: list[str], options: SentimentOptions = SentimentOptions(),
               sentences: list[list[str]] | None = None) -> SideSentiment:
    """Score every sentence of one side's documents.

    ``sentences`` : each document's sentences, when the caller has split them already.
    """
    if sentences is None:
        sentences = [[s.text for s in split_sentences(text)] for text in texts]
    flat = [s for doc in sentences for s in doc]
    scored = map_chunks(score_sentences, flat, parallel=len(flat) >= PARALLEL_MIN_SENTENCES)
    return side_from_scores(side, sentences, scored, options)


def side_from_scores(side: str, sentences: list[list[str]], scored: list[tuple[float, tuple]],
                     options: SentimentOptions = SentimentOptions()) -> SideSentiment:
    """The side's result from its documents' sentences and :func:`score_sentences` of them, flattened.

    What :func:`score_side` returns; for a caller that scored the sentences elsewhere (in worker processes).
    """
    compounds = np.fromiter((c for c, _ in scored), dtype=float, count=len(scored))
    return side_from_columns(side, sentences, compounds, [w for _, w in scored], options)


def side_from_columns(side: str, sentences: list[list[str]], compounds: np.ndarray, words: list,
                      options: SentimentOptions = SentimentOptions()) -> SideSentiment:
    """:func:`side_from_scores` from the scores as two columns: each sentence's compound (a float
    array) and words (a list), in order (a worker process sends 8 bytes a compound this way,
    not a tuple and a float object)."""
    doc_index = np.repeat(np.arange(len(sentences), dtype=np.int64), [len(s) for s in sentences])
    flat = [s for doc in sentences for s in doc]
    if len(compounds) != len(flat) or len(words) != len(flat):
        raise ValueError(f"{len(compounds)} scores for {len(flat)} sentences")
    if not flat:   # the same empty table as ever: no rows, object columns
        table = pd.DataFrame([], columns=["doc_index", "sentence", "compound", "words"])
    else:
        table = pd.DataFrame({
            "doc_index": doc_index,
            # object dtype: the cells are the very strings the caller holds (pandas' default string
            # dtype would copy every sentence into a second buffer: 45 MB on a 40 MB corpus)
            "sentence": pd.Series(flat, dtype=object),
            "compound": np.asarray(compounds, dtype=float),
            "words": pd.Series(words, dtype=object),
        })
    mean, low, high = bootstrap_mean_ci(table["compound"].to_numpy(dtype=float), options)
    return SideSentiment(side, mean, low, high, len(table), table, interval_method(len(table), options))
