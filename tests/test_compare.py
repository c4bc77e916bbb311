"""Golden test on the bundled event, and compare()'s choices and errors."""
import importlib
import json

import pytest

from framing import (
    DEFAULT_EVENT,
    CompareOptions,
    Corpus,
    CorpusError,
    Document,
    compare,
    load_bundled,
)
from framing.analyses.overlap import OptionsError, OverlapOptions

GOLDEN_KEYS = {"event", "sides", "lengths", "overlap", "descriptors", "distinctive_terms", "distinctive_summary",
               "sentiment", "alignment", "alignment_method", "register", "variants_applied", "options", "warnings",
               "agenda", "descriptor_duration",  # agenda: issue 14; descriptor_duration: issue 11 item 5
               "cross_language", "languages", "per_side_terms",  # issue 13
               "versions"}  # issue 13, a side's original and translation (framing/versions.py)


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
    assert d["lengths"] == {"US": {"documents": 6, "words": 79, "sentences": 6, "language": "en"},
                            "China": {"documents": 4, "words": 63, "sentences": 4, "language": "en"}}
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
    (load_bundled(), CompareOptions(), "event 'Blinken-Qin talks, Beijing, 2023-06-18' has 5 sides (media, US, China, China (original), China (official English)); choose two of them"),
    (load_bundled(), CompareOptions(sides=("US", "US")), "sides ['US', 'US'] are not two different sides; choose two different sides to compare"),
    (load_bundled(), CompareOptions(sides=("US", "Russia")), "side 'Russia' is not in the corpus; choose from: "
     "'media', 'US', 'China', 'China (original)', 'China (official English)'"),
    (Corpus((Document("E1", "A", "x"), Document("E2", "B", "y"))), CompareOptions(),
     "the corpus holds 2 events; choose one (for example 'E1')"),
])
def test_choice_errors(corpus, options, message):
    with pytest.raises(CorpusError) as err:
        compare(corpus, options)
    assert str(err.value) == message


def test_settings_change_the_result(bundled):
    bigrams = compare(load_bundled(), CompareOptions(sides=("US", "China"), overlap=OverlapOptions(ngram_range=(1, 2), stop_words="none")))
    assert bigrams.overlap.vocabulary_size > bundled.overlap.vocabulary_size
    assert "candid" in bigrams.to_dict()["descriptors"]["shared"]


def _many_documents():
    texts = {"US": [], "China": []}
    for doc in load_bundled().select(event=DEFAULT_EVENT, sides=["US", "China"]):
        texts[doc.side].append(doc.text)
    # enough documents for several chunks of 200 per side, each one different
    return Corpus(tuple(Document(side=side, text=f"Round {k}. {text}", event="e")
                        for k in range(450) for side in ("US", "China") for text in texts[side]))



def test_both_cores_give_exactly_what_one_core_gives(monkeypatch):
    import framing.analyses.sentiment as sentiment_module
    compare_module = importlib.import_module("framing.comparison")  # the package's 'compare' is the function
    from framing.parallel import available_cores

    corpus = _many_documents()
    options = CompareOptions(sides=("US", "China"))
    one_core = json.dumps(compare(corpus, options).to_dict(), sort_keys=True)
    monkeypatch.setattr(compare_module, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(sentiment_module, "PARALLEL_MIN_SENTENCES", 0)
    both = json.dumps(compare(corpus, options).to_dict(), sort_keys=True)
    assert both == one_core
    assert available_cores() >= 2  # else the second run was on one core too and proves nothing


def test_an_options_error_while_workers_read_documents_is_raised(monkeypatch):
    compare_module = importlib.import_module("framing.comparison")
    monkeypatch.setattr(compare_module, "PARALLEL_MIN_CHARS", 0)
    with pytest.raises(OptionsError, match="min_df"):
        compare(_many_documents(), CompareOptions(sides=("US", "China"), overlap=OverlapOptions(min_df=10**6)))


@pytest.mark.parametrize("texts", [
    None,  # the bundled event
    {"A": ["The talks were candid."], "B": ["Frank and useful talks. Trade, tariffs; and <b>more</b> \"quoted\"."]},
])
def test_the_lazy_dict_writes_the_same_json_byte_for_byte(texts):
    from framing import corpus_from_texts
    from framing.lazyjson import Rows

    if texts is None:
        result = compare(load_bundled(), CompareOptions(sides=("US", "China")))
    else:
        result = compare(corpus_from_texts(texts), CompareOptions(sides=("A", "B")))
    lazy = result.to_dict(lazy=True)
    assert isinstance(lazy["sentiment"][result.sides[0]]["sentences"], Rows)
    assert isinstance(lazy["register"]["by_side"][result.sides[1]]["matches"], Rows)
    eager = result.to_dict()
    assert not any(isinstance(x, Rows) for x in (eager["alignment"], eager["descriptors"]["evidence"][result.sides[0]]))
    for indent in (2, 1):
        assert json.dumps(lazy, ensure_ascii=False, indent=indent) == json.dumps(eager, ensure_ascii=False, indent=indent)
    if texts is not None:
        assert eager["sentiment"]["A"]["ci_low"] is None  # one sentence: NaN written as null either way


def test_parts_too_long_for_one_task_are_scored_in_sentence_tasks_with_the_same_result(monkeypatch):
    # a very long document is one part; its VADER scoring goes out again in tasks of sentences
    compare_module = importlib.import_module("framing.comparison")
    texts = {"US": [], "China": []}
    for doc in load_bundled().select(event=DEFAULT_EVENT, sides=["US", "China"]):
        texts[doc.side].append(doc.text)
    corpus = Corpus(tuple(Document(side=side, text=" ".join(f"Round {k}. {t}" for k in range(60) for t in texts[side]),
                                   event="e") for side in ("US", "China"))
                    + tuple(Document(side=side, text=f"Short {k}. {t}", event="e")
                            for k in range(3) for side in ("US", "China") for t in texts[side]))
    options = CompareOptions(sides=("US", "China"))
    one_core = json.dumps(compare(corpus, options).to_dict(), sort_keys=True)
    monkeypatch.setattr(compare_module, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(compare_module, "VADER_TASK_SENTENCES", 7)
    monkeypatch.setattr(compare_module, "CHARACTERS_PER_TASK", 2_000)
    late = []
    original = compare_module._score_late_parts
    monkeypatch.setattr(compare_module, "_score_late_parts",
                        lambda pool, parts: late.append(sum(p[1] is None for s in parts for p in parts[s])) or original(pool, parts))
    assert json.dumps(compare(corpus, options).to_dict(), sort_keys=True) == one_core
    assert late and late[0] >= 2   # the two long documents at least
