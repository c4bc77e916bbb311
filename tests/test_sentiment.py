import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.sentiment import SentimentOptions, bootstrap_mean_ci, score_sentence, score_side

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
