import pytest

from framing.align import AlignOptions, align_sentences
from framing.overlap import OptionsError


def test_matched_and_one_side_only_claims():
    a = ["The talks were candid and constructive. Both sides agreed to expand flights."]
    b = ["The talks were candid and in-depth. Taiwan is the core of core interests."]
    r = align_sentences(a, b, ("US", "China"))
    rows = r.rows
    assert list(rows["status"]) == ["matched", "only_a", "only_b"]
    assert rows.loc[0, "a"] == "The talks were candid and constructive."
    assert rows.loc[0, "b"] == "The talks were candid and in-depth."
    assert rows.loc[1, "b"] is None and rows.loc[2, "a"] is None
    assert rows.loc[2, "b"] == "Taiwan is the core of core interests."
    assert r.matrix.shape == (2, 2)
    assert 0.2 <= rows.loc[0, "similarity"] <= 1.0


def test_many_to_one_keeps_every_sentence_that_makes_the_same_claim():
    a = ["Flights will expand. Flights between the countries will expand soon."]
    b = ["Both agreed flights will expand."]
    r = align_sentences(a, b, ("A", "B"))
    assert list(r.rows["status"]) == ["matched", "matched"]
    assert list(r.rows["b_index"]) == [0, 0]


def test_threshold_one_leaves_only_identical_claims():
    r = align_sentences(["Talks were candid."], ["Talks were candid and long."], ("A", "B"), AlignOptions(threshold=1.0))
    assert list(r.rows["status"]) == ["only_a", "only_b"]
    assert r.rows.loc[0, "similarity"] == pytest.approx(r.rows.loc[1, "similarity"]) and r.rows.loc[0, "similarity"] < 1


def test_bad_threshold():
    with pytest.raises(OptionsError, match=r"^alignment threshold 1.5 is outside 0-1; choose a value like 0.2$"):
        align_sentences(["a b"], ["c d"], ("A", "B"), AlignOptions(threshold=1.5))
