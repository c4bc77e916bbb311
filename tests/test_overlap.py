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


# --- term counting without scikit-learn (issue 11: speed): the same vocabulary and matrix, entry for entry

_COUNT_TEXTS = [
    "The talks were candid, constructive and CANDID again.", "", "a b c", "Ünïcode wörds — and İstanbul's 2024 talks.",
    "the the the of of and", "Trade, tariffs; and <b>more</b> \"quoted\" talks-and-trade 12 345", "talks",
    "x", "Strategic communication: strategic; COMMUNICATION! communication?",
]


def _same_matrix(x, y) -> bool:
    import numpy as np
    return (type(x) is type(y) and x.shape == y.shape and x.data.dtype == y.data.dtype
            and x.indices.dtype == y.indices.dtype and np.array_equal(x.indptr, y.indptr)
            and np.array_equal(x.indices, y.indices) and x.data.tobytes() == y.data.tobytes())


@pytest.mark.parametrize("ngram_range,stop_words,min_df", [
    ((1, 1), "none", 1), ((1, 1), "english", 1), ((1, 2), "english", 1), ((2, 3), "none", 1),
    ((1, 3), "none", 2), ((1, 1), "none", 3), ((3, 5), "english", 1)])
def test_term_counts_equal_scikit_learns_count_vectorizer(ngram_range, stop_words, min_df):
    from framing.analyses.overlap import build_count_vectorizer, count_terms
    from framing.inputs.bundled import load_bundled
    texts = _COUNT_TEXTS + [d.text for d in load_bundled()]
    options = OverlapOptions(ngram_range=ngram_range, stop_words=stop_words, min_df=min_df)
    vectorizer = build_count_vectorizer(options)
    expected = vectorizer.fit_transform(texts).tocsr()
    vocabulary, counts = count_terms(texts, ngram_range, stop_words, min_df)
    assert list(vocabulary.get_feature_names_out()) == list(vectorizer.get_feature_names_out())
    assert _same_matrix(counts, expected)


def test_term_counts_fail_where_scikit_learn_fails():
    from framing.analyses.overlap import count_terms
    for texts, min_df in ([["", "!"], 1], [["the of", "and"], 1], [["one two", "three four"], 2]):
        with pytest.raises(ValueError):
            count_terms(texts, (1, 1), "english" if texts[0] == "the of" else "none", min_df)


def test_tfidf_rows_equal_scikit_learns_tfidf_vectorizer_to_the_bit():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from framing.analyses.overlap import tfidf_vectors
    from framing.inputs.bundled import load_bundled
    from framing.text import TOKEN_PATTERN, split_sentences
    sentences = _COUNT_TEXTS + [s.text for d in load_bundled() for s in split_sentences(d.text)]
    for stop_words in ("none", "english"):
        expected = TfidfVectorizer(token_pattern=TOKEN_PATTERN, stop_words=None if stop_words == "none" else "english")
        assert _same_matrix(tfidf_vectors(sentences, stop_words), expected.fit_transform(sentences).tocsr())


def test_the_english_stop_words_are_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from framing.analyses.overlap import english_stop_words
    assert english_stop_words() == ENGLISH_STOP_WORDS
