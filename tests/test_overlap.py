import math

import pytest

from framing.analyses.overlap import OptionsError, OverlapOptions, score_overlap

SIDES = ("A", "B")


def test_identical_accounts_have_cosine_one():
    r = score_overlap(["candid constructive talks"], ["candid constructive talks"], SIDES)
    assert r.cosine == pytest.approx(1.0, abs=1e-12)


def test_disjoint_accounts_have_cosine_zero_and_no_shared_terms():
    r = score_overlap(["candid talks"], ["lowest point"], SIDES)
    assert r.cosine == 0.0
    assert list(r.shared_terms["term"]) == []


def test_contributions_add_up_to_the_cosine_and_explain_it():
    # Pooled counts: A = {candid:1, talks:2, flights:1}, B = {candid:1, talks:1, risk:1}.
    # IDF (smooth): talks df=3 of 3 docs -> 1; candid df=2 -> 1+ln(4/3); flights, risk df=1 -> 1+ln(2).
    a = ["candid talks", "talks flights"]
    b = ["candid talks risk"]
    r = score_overlap(a, b, SIDES, OverlapOptions(stop_words="none"))
    idf_c, idf_1 = 1 + math.log(4 / 3), 1 + math.log(2)
    va = {"candid": idf_c, "talks": 2.0, "flights": idf_1}
    vb = {"candid": idf_c, "talks": 1.0, "risk": idf_1}
    na = math.sqrt(sum(v * v for v in va.values()))
    nb = math.sqrt(sum(v * v for v in vb.values()))
    expected = {t: va[t] * vb[t] / (na * nb) for t in ("candid", "talks")}
    assert r.cosine == pytest.approx(sum(expected.values()), rel=1e-12)
    assert list(r.shared_terms["term"]) == ["talks", "candid"]
    assert list(r.shared_terms["contribution"]) == pytest.approx([expected["talks"], expected["candid"]], rel=1e-12)
    assert r.shared_terms["share"].sum() == pytest.approx(1.0)
    assert list(r.shared_terms["count_a"]) == [2, 1] and list(r.shared_terms["count_b"]) == [1, 1]


def test_pooling_does_not_depend_on_how_a_side_is_split():
    whole = score_overlap(["candid talks. useful talks."], ["candid talks"], SIDES, OverlapOptions(stop_words="none"))
    split = score_overlap(["candid talks.", "useful talks."], ["candid talks"], SIDES, OverlapOptions(stop_words="none"))
    # Same pooled counts; IDF changes with the number of documents, so compare the document matrix shape instead.
    assert whole.document_similarity.shape == (1, 1) and split.document_similarity.shape == (2, 1)
    assert split.document_similarity.index.tolist() == ["A 1", "A 2"]
    assert split.document_similarity.iloc[0, 0] == pytest.approx(1.0)


def test_bigrams_and_stop_words():
    r = score_overlap(["the candid talks"], ["the candid talks"], SIDES, OverlapOptions(ngram_range=(2, 2), stop_words="none"))
    assert sorted(r.shared_terms["term"]) == ["candid talks", "the candid"]


@pytest.mark.parametrize("options,message", [
    (OverlapOptions(ngram_range=(2, 1)), "n-gram range (2, 1) is not valid; use 1 <= MIN <= MAX <= 5, e.g. 1 2"),
    (OverlapOptions(stop_words="french"), "stop words 'french' are not known; use 'english' or 'none'"),
    (OverlapOptions(min_df=0), "min_df 0 is not valid; use a whole number of documents, 1 or more"),
    (OverlapOptions(min_df=5), "min_df is 5 but there are only 2 documents; lower min_df to 2 or less"),
])
def test_bad_options_say_what_to_change(options, message):
    with pytest.raises(OptionsError) as err:
        score_overlap(["a text"], ["b text"], SIDES, options)
    assert str(err.value) == message


def test_side_empty_after_stop_words_is_a_clear_error():
    with pytest.raises(OptionsError) as err:
        score_overlap(["the and of"], ["it is the"], SIDES)
    assert str(err.value) == ("no terms are left to compare after removing English stop words (min_df=1, n-grams (1, 1)); "
                              "keep stop words, lower min_df, or give longer texts")
    assert err.value.setting == "stop_words"


def test_a_large_document_matrix_is_not_kept_but_its_mean_is(monkeypatch):
    from framing.analyses import overlap
    a, b = ["candid talks", "talks flights", "risk"], ["candid talks risk", "flights"]
    kept = score_overlap(a, b, SIDES)
    monkeypatch.setattr(overlap, "MAX_DOCUMENT_CELLS", 5)
    dropped = score_overlap(a, b, SIDES)
    assert kept.document_similarity.shape == (3, 2) and dropped.document_similarity.empty
    assert dropped.mean_document_similarity == pytest.approx(kept.mean_document_similarity, rel=1e-12)
    assert dropped.cosine == kept.cosine
