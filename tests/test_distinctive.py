
import numpy as np
import pytest

from framing.analyses.distinctive import log_odds_z, score_distinctive_terms


def test_log_odds_matches_hand_computation():
    # y_a = [2, 0], y_b = [0, 2]; prior = pooled + 0.01 = [2.01, 2.01]; alpha_0 = 4.02.
    delta, z = log_odds_z(np.array([2, 0]), np.array([0, 2]), np.array([2.01, 2.01]))
    assert delta[0] == pytest.approx(1.381313038494987, rel=1e-12)  # 2 ln(4.01 / 2.01)
    assert z[0] == pytest.approx(1.5983212760939596, rel=1e-12)    # / sqrt(1/4.01 + 1/2.01)
    assert z[1] == pytest.approx(-1.5983212760939596, rel=1e-12)


def test_tiny_corpus_says_no_term_is_significant():
    r = score_distinctive_terms(np.array(["substantive", "depth", "candid"]), np.array([1, 0, 1]), np.array([0, 1, 1]), ("US", "China"))
    assert list(r.top["US"]["term"]) == ["substantive"]
    assert list(r.top["China"]["term"]) == ["depth"]
    assert r.n_significant == {"US": 0, "China": 0}
    assert r.message == ("No term reaches |z| >= 1.96 on either side: with 2 and 2 tokens the evidence is too thin "
                         "to call any word distinctive. The ranking is shown, but read it as a hint.")


def test_significant_terms_are_marked_and_z_is_oriented_per_side():
    terms = np.array(["tariffs", "friendship", "talks"])
    r = score_distinctive_terms(terms, np.array([40, 1, 30]), np.array([1, 40, 30]), ("A", "B"))
    a, b = r.top["A"], r.top["B"]
    assert list(a["term"]) == ["tariffs"] and list(b["term"]) == ["friendship"]
    assert a["z"][0] > 1.96 and b["z"][0] > 1.96 and a["z"][0] == pytest.approx(b["z"][0])
    assert bool(a["significant"][0]) and (int(a["count"][0]), int(a["count_other"][0])) == (40, 1)
    assert r.message == ""
    talks = r.table.set_index("term").loc["talks"]
    assert talks["z"] == pytest.approx(0.0, abs=1e-12) and not talks["significant"]


def test_swapping_sides_mirrors_scores():
    terms = np.array(["x", "y", "z"])
    ab = score_distinctive_terms(terms, np.array([5, 1, 2]), np.array([1, 4, 2]), ("A", "B"))
    ba = score_distinctive_terms(terms, np.array([1, 4, 2]), np.array([5, 1, 2]), ("B", "A"))
    assert list(ab.table["z"]) == pytest.approx(list(-ba.table["z"]))
    assert ab.top["A"].equals(ba.top["A"]) and ab.top["B"].equals(ba.top["B"])


def test_top_n_limits_each_side():
    terms = np.array([f"t{i}" for i in range(10)])
    r = score_distinctive_terms(terms, np.arange(10), np.arange(10)[::-1], ("A", "B"))
    from framing.analyses.distinctive import DistinctiveOptions
    r3 = score_distinctive_terms(terms, np.arange(10), np.arange(10)[::-1], ("A", "B"), DistinctiveOptions(top=3))
    assert len(r.top["A"]) == 5 and list(r3.top["A"]["term"]) == ["t9", "t8", "t7"]
