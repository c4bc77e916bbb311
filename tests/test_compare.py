"""Golden test on the bundled event, and compare()'s choices and errors."""
import json

import pytest

from framing import CompareOptions, CorpusError, Document, Corpus, compare, load_bundled
from framing.overlap import OverlapOptions

GOLDEN_KEYS = {"event", "sides", "lengths", "overlap", "descriptors", "distinctive_terms", "distinctive_summary",
               "sentiment", "alignment", "alignment_method", "register", "variants_applied", "options", "warnings"}


@pytest.fixture(scope="module")
def bundled():
    return compare(load_bundled(), CompareOptions(sides=("US", "China")))


def test_bundled_descriptor_diff(bundled):
    d = bundled.to_dict()["descriptors"]
    assert d["by_side"] == {"US": ["candid", "substantive", "constructive"], "China": ["candid", "in-depth", "constructive"]}
    assert d["shared"] == ["candid", "constructive"]
    assert d["only"] == {"US": ["substantive"], "China": ["in-depth"]}


def test_bundled_golden_numbers(bundled):
    d = bundled.to_dict()
    assert set(d) == GOLDEN_KEYS
    assert d["sides"] == ["US", "China"]
    assert d["lengths"] == {"US": {"documents": 6, "words": 79, "sentences": 6},
                            "China": {"documents": 4, "words": 63, "sentences": 4}}
    assert d["overlap"]["cosine"] == pytest.approx(0.12838112388125753, rel=1e-9)
    assert [t["term"] for t in d["overlap"]["shared_terms"]] == ["china", "candid", "constructive", "interests", "risk"]
    assert sum(t["contribution"] for t in d["overlap"]["shared_terms"]) == pytest.approx(d["overlap"]["cosine"])
    assert d["distinctive_summary"]["n_significant"] == {"US": 0, "China": 0}
    assert d["distinctive_summary"]["message"].startswith("No term reaches |z| >= 1.96 on either side")
    assert d["sentiment"]["US"]["n_sentences"] == 6 and d["sentiment"]["China"]["n_sentences"] == 4
    assert d["sentiment"]["US"]["mean"] == pytest.approx(0.19525)
    assert [r["status"] for r in d["alignment"]] == ["matched", "only_a", "only_a", "only_a", "only_a", "matched",
                                                      "only_b", "only_b", "only_b"]
    assert any(w.startswith("Thin evidence: side 'US'") for w in d["warnings"])
    json.dumps(d, allow_nan=False)  # strict JSON: no NaN anywhere


def test_sides_default_when_the_corpus_has_exactly_two():
    corpus = Corpus((Document("E", "A", "Talks were frank."), Document("E", "B", "Talks were useful.")))
    assert compare(corpus).sides == ("A", "B")


@pytest.mark.parametrize("corpus,options,message", [
    (Corpus(), CompareOptions(), "the corpus has no documents; load a file with at least one document per side"),
    (Corpus((Document("E", "A", "x y"),)), CompareOptions(),
     "only one side ('A') in event 'E'; a comparison needs two sides: add the other side's documents"),
    (load_bundled(), CompareOptions(), "event 'Blinken-Qin talks, Beijing, 2023-06-18' has 3 sides (media, US, China); pick two with --sides A B"),
    (load_bundled(), CompareOptions(sides=("US", "US")), "sides ['US', 'US'] are not two different sides; name two different sides to compare"),
    (load_bundled(), CompareOptions(sides=("US", "Russia")), "side 'Russia' is not in the corpus; choose from: 'media', 'US', 'China'"),
    (Corpus((Document("E1", "A", "x"), Document("E2", "B", "y"))), CompareOptions(),
     "the corpus holds 2 events; pick one with --event (for example 'E1')"),
])
def test_choice_errors(corpus, options, message):
    with pytest.raises(CorpusError) as err:
        compare(corpus, options)
    assert str(err.value) == message


def test_settings_change_the_result(bundled):
    bigrams = compare(load_bundled(), CompareOptions(sides=("US", "China"), overlap=OverlapOptions(ngram_range=(1, 2), stop_words="none")))
    assert bigrams.overlap.vocabulary_size > bundled.overlap.vocabulary_size
    assert "candid" in bigrams.to_dict()["descriptors"]["shared"]
