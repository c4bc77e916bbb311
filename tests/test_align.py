import pytest

from framing.analyses.align import AlignOptions, align_sentences
from framing.analyses.overlap import OptionsError


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


def test_large_sides_are_sampled_and_say_so():
    a = [" ".join(f"Claim number {i} about flights." for i in range(30))]
    b = [" ".join(f"Claim number {i} about trade." for i in range(12))]
    r = align_sentences(a, b, ("A", "B"), AlignOptions(max_sentences=10))
    assert r.sampling["aligned"] == {"A": 10, "B": 10} and r.sampling["sentences"] == {"A": 30, "B": 12}
    assert r.sampling["note"].startswith("sentence alignment covers a random sample of 10 of 30 A and 10 of 12 B")
    assert r.matrix is None and len(r.sentences_a) == 30
    shown_a = [i for i in r.rows["a_index"] if i >= 0]
    assert len(set(shown_a)) <= 10 and all(r.sentences_a[i] in set(r.rows["a"]) for i in shown_a)
    for row in r.rows.itertuples():   # indices point into the full sentence lists
        assert row.a is None or row.a == r.sentences_a[row.a_index]
        assert row.b is None or row.b == r.sentences_b[row.b_index]
    again = align_sentences(a, b, ("A", "B"), AlignOptions(max_sentences=10))
    assert again.rows.equals(r.rows)   # seeded
    assert align_sentences(a, b, ("A", "B")).sampling is None


def test_sampled_alignment_is_a_warning_in_compare():
    from framing import CompareOptions, Corpus, Document, compare
    corpus = Corpus((Document("E", "A", " ".join(f"Claim {i} on flights." for i in range(8))),
                     Document("E", "B", "Flights will grow.")))
    result = compare(corpus, CompareOptions(align=AlignOptions(max_sentences=5)))
    assert result.to_dict()["alignment_method"]["sampling"]["aligned"] == {"A": 5, "B": 1}
    assert any(w.startswith("Sentence alignment covers a random sample of 5 of 8 A") for w in result.warnings)


def test_bad_max_sentences():
    with pytest.raises(OptionsError, match=r"^max_sentences 0 is not valid; use a whole number, 1 or more$"):
        align_sentences(["a b"], ["c d"], ("A", "B"), AlignOptions(max_sentences=0))
