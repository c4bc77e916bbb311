import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.analyses.sentiment import (
    SentimentOptions,
    bootstrap_mean_ci,
    score_sentence,
    score_side,
)

VADER = SentimentIntensityAnalyzer()


@pytest.mark.parametrize("text", [
    "The talks were candid, substantive, and constructive.",
    "China strongly opposes this and lodged solemn representations.",
    "The secretary stressed the importance of diplomacy.",
    "I am NOT happy but the food was GREAT!!! :)",
    "not bad at all",
    "kind of good \U0001F600",
    "The Taiwan issue is the core of China\u2019s core interests, the most important issue and the most prominent risk",
])
def test_compound_equals_vader_exactly(text):
    assert score_sentence(text).compound == VADER.polarity_scores(text)["compound"]


def test_the_words_that_moved_the_score_are_kept():
    s = score_sentence("China strongly opposes this.")
    assert s.compound == 0.2732
    assert s.words == (("strongly", 1.1, 1.1),)
    assert score_sentence("The talks were candid, substantive, and constructive.").words == ()
    neg = score_sentence("The talks were not good.")
    assert [(w, lex) for w, lex, _ in neg.words] == [("good", 1.9)]
    assert neg.words[0][2] == pytest.approx(1.9 * -0.74)  # VADER's negation scalar


def test_side_mean_and_interval():
    side = score_side("US", ["The talks were good. The food was bad.", "Nothing to report."])
    assert side.n_sentences == 3
    assert list(side.sentences["doc_index"]) == [0, 0, 1]
    values = [0.4404, -0.5423, 0.0]
    assert side.mean == pytest.approx(sum(values) / 3)
    assert min(values) - 1e-12 <= side.ci_low <= side.mean <= side.ci_high <= max(values) + 1e-12


def test_bootstrap_is_reproducible_and_unknown_with_one_value():
    a = bootstrap_mean_ci([0.1, 0.5, -0.2, 0.3], SentimentOptions(seed=7))
    assert a == bootstrap_mean_ci([0.1, 0.5, -0.2, 0.3], SentimentOptions(seed=7))
    mean, low, high = bootstrap_mean_ci([0.3])
    assert mean == 0.3 and low != low and high != high  # NaN: one sentence gives no interval


# One sentence per VADER rule (and rule pairs), so a re-implemented rule that drifts shows up here;
# the benchmark checks every sentence of the 2012 convention corpus as well (docs/benchmarks.md).
VARIED = [
    "VADER is smart, handsome, and funny.", "VADER is very smart, handsome, and funny!",
    "VADER is VERY SMART, handsome, and FUNNY.", "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.", "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!", "Today only kinda sux! But I'll get by, lol", "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as \U0001F498 and \U0001F48B and \U0001F601", "Not bad at all",
    "Sentiment analysis has never been good.", "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.", "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.", "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!", "Without a doubt, excellent idea.", "Without a doubt, an excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Not such a badass after all.", "At least it isn't a horrible book.", "no good deed", "There is no problem",
    "no, no or nor happy", "It was sort of nice, kind of awful and just enough fun.", "Are you happy??",
    "What a great day???? Really???", "GOOD good good BAD", "good but good but bad", "I wasn't happy, I'm not sad",
    "The food was the bomb and a kiss of death", "to die for, yeah right", "least happy", "very least happy",
    "this is never so bad", "it is so very extremely good", "", "   ", "!!!", "a", "Hello \u00e9t\u00e9 caf\u00e9 good",
    "The talks were candid, in-depth and constructive; the risks remain serious.",
    "China firmly opposes and strongly condemns the so-called sanctions, a grave mistake.",
]


@pytest.mark.parametrize("text", VARIED)
def test_compound_equals_vader_on_a_varied_sample(text):
    assert score_sentence(text).compound == VADER.polarity_scores(text)["compound"]


def test_batch_scoring_equals_one_by_one():
    from framing.analyses.sentiment import score_sentences
    assert score_sentences(VARIED) == [(score_sentence(t).compound, score_sentence(t).words) for t in VARIED]


def test_large_sides_get_a_normal_interval_and_say_so(monkeypatch):
    import numpy as np

    from framing.analyses import sentiment
    values = np.linspace(-1, 1, 401)
    monkeypatch.setattr(sentiment, "BOOTSTRAP_MAX_VALUES", 400)
    mean, low, high = bootstrap_mean_ci(values)
    half = 1.959963984540054 * values.std(ddof=1) / np.sqrt(values.size)
    assert (low, high) == pytest.approx((mean - half, mean + half))
    assert sentiment.interval_method(401).startswith("95% normal approximation")
    assert sentiment.interval_method(400) == "95% percentile bootstrap, 2000 resamples, seed 0"


def test_bootstrap_in_blocks_is_bounded_and_reproducible(monkeypatch):
    from framing.analyses import sentiment
    monkeypatch.setattr(sentiment, "BOOTSTRAP_BLOCK_CELLS", 1000)  # 2000 resamples of 300 values: 600 blocks
    values = [0.1, 0.5, -0.2, 0.3] * 75
    a = bootstrap_mean_ci(values)
    assert a == bootstrap_mean_ci(values)
    assert a[1] < a[0] < a[2]


def test_parallel_scoring_equals_one_core():
    from framing.analyses.sentiment import score_sentences
    from framing.parallel import map_chunks
    texts = VARIED * 3
    assert map_chunks(score_sentences, texts, parallel=True, chunk_items=7) == score_sentences(texts)


def test_the_sentence_table_holds_the_callers_strings_not_copies():
    # a copy of every sentence would cost as much memory again as the corpus (45 MB at 40 MB of text)
    sentences = [["The talks were good.", "Trade came up."], ["Both sides were candid."]]
    side = score_side("A", ["The talks were good. Trade came up.", "Both sides were candid."], sentences=sentences)
    cells = side.sentences["sentence"].tolist()
    assert cells == [s for doc in sentences for s in doc]
    assert all(cell is s for cell, s in zip(cells, [s for doc in sentences for s in doc]))
    assert side.sentences["sentence"].dtype == object


def test_a_side_built_from_scores_made_elsewhere_equals_score_side():
    from framing.analyses.sentiment import score_sentences, side_from_scores

    sentences = [["The talks were good.", "Sadly, trade was not discussed!"], [], ["Both sides were candid."]]
    flat = [s for doc in sentences for s in doc]
    built = side_from_scores("A", sentences, score_sentences(flat))
    direct = score_side("A", [], sentences=sentences)
    assert (built.mean, built.ci_low, built.ci_high, built.n_sentences) == \
        (direct.mean, direct.ci_low, direct.ci_high, direct.n_sentences)
    assert built.sentences.equals(direct.sentences) and list(built.sentences["doc_index"]) == [0, 0, 2]
    with pytest.raises(ValueError, match="2 scores for 3 sentences"):
        side_from_scores("A", sentences, score_sentences(flat[:2]))


def test_the_stored_normal_quantiles_are_scipys_to_the_bit():
    from scipy.stats import norm

    from framing.analyses.sentiment import _NORMAL_QUANTILES, _normal_quantile
    for p, z in _NORMAL_QUANTILES.items():
        assert z == float(norm.ppf(p)) and _normal_quantile(p) == z
    assert _normal_quantile(0.8) == float(norm.ppf(0.8))
