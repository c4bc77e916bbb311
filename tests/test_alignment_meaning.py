"""Alignment by meaning (issue 14) on real readout sentences: basis per row, boilerplate ignored."""
import json
from pathlib import Path

import pytest

from bench import alignment_eval
from framing import CompareOptions, compare, load_bundled
from framing.analyses.align import align_sentences
from framing.analyses.meaning import (
    MeaningOptions,
    corpus_names,
    match_by_meaning,
    reports_meeting,
    strip_boilerplate,
)
from framing.errors import OptionsError

DEVSET = Path(__file__).resolve().parent.parent / "bench" / "devsets" / "readouts"
SIDES = ("US", "China")


def _meeting(name: str) -> tuple[list, list]:
    data = json.loads((DEVSET / name).read_text("utf-8"))
    return data["sides"]["US"]["sentences"], data["sides"]["China"]["sentences"]


def _rows(us, china):
    r = align_sentences([], [], SIDES, sentences=(us, china), matcher=lambda x, y: match_by_meaning(x, y, SIDES))
    return [(int(a), int(b), s, basis) for a, b, s, basis in r.rows[["a_index", "b_index", "status", "basis"]]
            .itertuples(index=False)]


def test_names_come_from_the_corpus_and_topics_and_venues_stay():
    us, china = _meeting("2023-09-17-sullivan-wang-yi-malta.json")
    names = corpus_names(us, china, SIDES)
    assert {"sullivan", "jake", "wang", "yi", "china", "us"} <= set(names)
    assert not {"taiwan", "bali", "ukraine", "malta"} & set(names)
    assert strip_boilerplate("Senior Chinese and U.S. officials held multiple rounds of meetings in Malta on Saturday",
                             names) == "senior and multiple rounds of in malta on"


def test_malta_paraphrase_matches_on_a_topic_where_word_cosine_did_not():
    us, china = _meeting("2023-09-17-sullivan-wang-yi-malta.json")
    old = align_sentences([], [], SIDES, sentences=(us, china)).rows
    assert old.loc[1, "status"] == "only_a"   # "maintain open lines of communication": no counterpart by words
    rows = _rows(us, china)
    assert rows[1] == (1, 3, "matched", "topic")   # ... its counterpart "strategic communication on stabilizing"
    # both open with the meeting: "met ... with ... Wang Yi" / "held multiple rounds of meetings", and
    # Sullivan and Wang Yi named with "met" / "the meetings were between" (China 1's own row, after the US rows)
    assert rows[0] == (0, 0, "matched", "words") and rows[7] == (0, 1, "matched", "topic")
    assert rows[2] == (2, 6, "matched", "topic")   # "engagements between President Biden and President Xi in Bali"
    assert rows[3] == (3, 0, "matched", "topic")   # "high-level engagements" / "high-level exchanges"
    # "cross-Strait issues" / "the Taiwan question is the first red line", and the US Taiwan sentence too
    assert rows[4:6] == [(4, 2, "matched", "topic"), (5, 2, "matched", "topic")]
    assert rows[6] == (6, 0, "matched", "topic")   # "strategic channel of communication" / "high-level exchanges"
    assert rows[-1] == (4, 8, "matched", "topic")   # the PRC's Ukraine sentence finds the US list naming Ukraine
    only_china = [b for a, b, s, _ in rows if s == "only_b"]
    assert only_china == [4, 5, 7]   # China's development (twice); personnel exchanges


def test_a_second_partner_only_when_nearly_as_close():
    us, china = _meeting("2022-09-23-blinken-wang-yi-new-york.json")
    one = align_sentences([], [], SIDES, sentences=(us, china),
                          matcher=lambda x, y: match_by_meaning(x, y, SIDES)).rows   # the default: one partner
    two = align_sentences([], [], SIDES, sentences=(us, china),
                          matcher=lambda x, y: match_by_meaning(x, y, SIDES, MeaningOptions(partners=2))).rows
    pairs = lambda rows: {(int(a), int(b)) for a, b, s in rows[["a_index", "b_index", "status"]].itertuples(index=False)
                          if s == "matched"}
    # Taiwan: the US says it in two sentences, the PRC in eight. One partner per sentence shows US 3
    # ("peace and stability across the Taiwan Strait") beside one PRC sentence; with a second partner
    # scoring 0.9 of the best or more, each PRC Taiwan sentence is shown beside both US sentences:
    # six more rows, every one a pair marked by hand in the development set
    assert pairs(two) - pairs(one) == {(3, 3), (3, 4), (3, 6), (3, 7), (3, 8), (3, 10)} and pairs(one) <= pairs(two)
    # no sentence loses its "only one side" label by having partners: the labels are the same
    assert list(one[one["status"] != "matched"]["b_index"]) == list(two[two["status"] != "matched"]["b_index"])
    with pytest.raises(OptionsError, match="partners 0 is not valid"):
        MeaningOptions(partners=0).validate()
    with pytest.raises(OptionsError, match="partner ratio 1.5 is outside 0-1"):
        MeaningOptions(partner_ratio=1.5).validate()


def test_opening_sentences_report_the_meeting():
    us, china = _meeting("2024-07-27-blinken-wang-yi-vientiane.json")
    names = corpus_names(us, china, SIDES)
    assert reports_meeting(us[0], names) and reports_meeting(china[0], names)
    assert [reports_meeting(s, names) for s in us[1:]] == [False] * (len(us) - 1)


def test_woodside_connects_the_summit_in_san_francisco():
    us, china = _meeting("2024-01-27-sullivan-wang-yi-bangkok.json")
    rows = _rows(us, china)
    assert rows[3] == (3, 1, "matched", "topic") and "Woodside" in us[3] and "summit meeting in San Francisco" in china[1]


def test_an_alias_alone_connects_only_when_weighted():
    # 2 of the 10 matches that rested on an alias alone were marked pairs on the development set, so by
    # default an alias adds nothing to a topic match (alias_weight 0, chosen on 43 meetings)
    us, china = _meeting("2024-07-27-blinken-wang-yi-vientiane.json")
    weighted = align_sentences([], [], SIDES, sentences=(us, china),
                               matcher=lambda x, y: match_by_meaning(x, y, SIDES, MeaningOptions(alias_weight=1.0))).rows
    alias = [(int(a), int(b)) for a, b, basis in weighted[["a_index", "b_index", "basis"]].itertuples(index=False)
             if basis == "alias"]
    assert alias == [(2, 3), (2, 10)]   # "responsibly manage competition" / "containment and suppression", "hegemonic"
    assert "alias" not in set(_rows(us, china)[k][3] for k in range(len(_rows(us, china))))
    with pytest.raises(OptionsError, match="alias weight 2 is outside 0-1"):
        MeaningOptions(alias_weight=2).validate()


def test_boilerplate_alone_connects_nothing():
    us = ["On Monday, Secretary Blinken said the United States and China discussed issues."]
    china = ["Wang Yi said on Monday that China and the United States discussed issues.", "Both discussed fentanyl."]
    assert _rows(us, china) == [(0, -1, "only_a", None), (-1, 0, "only_b", None), (-1, 1, "only_b", None)]


def test_options_are_validated():
    with pytest.raises(OptionsError, match="word threshold 0 is outside 0-1"):
        MeaningOptions(word_threshold=0).validate()
    with pytest.raises(OptionsError, match="similarity 'vectors' is not known; use one of: words, topics"):
        compare(load_bundled(), CompareOptions(sides=SIDES, similarity="vectors"))


def test_json_rows_gain_basis_and_words_keep_their_values():
    words = compare(load_bundled(), CompareOptions(sides=SIDES, similarity="words")).to_dict()
    assert [r["basis"] for r in words["alignment"]] == ["words", None, None, None, None, "words", None, None, None]
    assert all((r["basis"] == "words") == (r["status"] == "matched") for r in words["alignment"])
    assert words["alignment_method"]["similarity"] == "words"
    assert words["alignment"][0]["similarity"] == pytest.approx(0.4532029791037192)


def test_alignment_by_meaning_is_the_default():
    assert CompareOptions().similarity == "topics"
    topics = compare(load_bundled(), CompareOptions(sides=SIDES)).to_dict()
    # the bundled event's two sides share no topic: the same claims match, now on content words only
    assert [r["basis"] for r in topics["alignment"]] == ["words", None, None, None, None, "words", None, None, None]
    assert topics["alignment_method"]["similarity"] == "topics"
    assert topics["alignment_method"]["word_threshold"] == 0.2
    assert (topics["alignment_method"]["partners"], topics["alignment_method"]["partner_ratio"]) == (1, 0.9)
    assert topics["alignment"][0]["similarity"] == pytest.approx(0.5636449663672963)


def test_devset_figures_with_the_chosen_defaults():
    result = alignment_eval.evaluate()
    assert MeaningOptions() == alignment_eval.meaning_options(alignment_eval.CHOSEN)
    three = lambda f: (round(f["pair_recall"], 3), round(f["pair_precision"], 3), round(f["only_precision"], 3))
    new, old = result["pooled"]["new", alignment_eval.CHOSEN], result["pooled"]["old", 0.2]
    # 51 meetings: the 16 of readouts/, the 11 of readouts_fresh_other/ (China with six other governments),
    # the 7 of readouts_fresh_uscn/, the 9 of readouts_fresh_third/ and the 8 of readouts_fresh_fourth/;
    # below the bar on recall (0.6), on only-one-side precision (0.7) and on pair precision (the old 0.743)
    assert result["meetings"] == 51 and three(new) == (0.553, 0.669, 0.678)
    # what the rule chose on 43, 34, 27 and 16 meetings, the second and the first round's defaults
    assert three(result["pooled"]["new", alignment_eval.THIRD_ROUND_43]) == (0.553, 0.669, 0.678)
    assert three(result["pooled"]["new", alignment_eval.THIRD_ROUND_34]) == (0.556, 0.644, 0.689)
    assert three(result["pooled"]["new", alignment_eval.THIRD_ROUND_27]) == (0.567, 0.637, 0.704)
    assert three(result["pooled"]["new", alignment_eval.THIRD_ROUND_16]) == (0.592, 0.612, 0.69)
    assert three(result["pooled"]["new", alignment_eval.SECOND_ROUND]) == (0.537, 0.636, 0.676)
    assert three(result["pooled"]["new", alignment_eval.FIRST_ROUND]) == (0.515, 0.601, 0.677)
    best = alignment_eval.choose({s: result["pooled"]["new", s] for s in alignment_eval.NEW_GRID}, old["pair_precision"])
    assert best == alignment_eval.CHOSEN   # the defaults are the rule's choice, not a hand pick
    unseen = result["lomo"]["new"]["figures"]   # leave one meeting out: the bar of issue 14 is 0.6 / 0.7
    assert three(unseen) == (0.553, 0.664, 0.673)
    # the old words alignment is more precise (it matches a fifth of the pairs): no setting of the grid
    # reaches its pair precision on these 51 meetings (docs/validity.md)
    assert three(old) == (0.205, 0.743, 0.413)


def test_agenda_figures_on_the_development_set():
    # docs/validity.md "The agenda": tagging recall on sentences of marked pairs, shared topics per
    # meeting against the topics of its marked pairs (in-sample figures: the lexicon saw these meetings)
    from bench import agenda_eval
    result = agenda_eval.evaluate()
    assert (result["tagging"]["found"], result["tagging"]["marked"]) == (160, 168)
    assert (result["shared"]["found"], result["shared"]["marked"], result["shared"]["extra"]) == (53, 56, 13)
    vientiane = next(r for r in result["rows"] if r["name"] == "2024-07-27-blinken-wang-yi-vientiane")
    assert vientiane["shared_marked"] == ["counternarcotics_fentanyl", "leaders_consensus_summits",
                                          "military_to_military", "relationship_management"]
    # the one shared topic missed: the PRC's counternarcotics sentence is not tagged
    assert vientiane["shared_found"] == ["leaders_consensus_summits", "military_to_military", "relationship_management"]
    assert [(i, t) for i, t, _ in vientiane["tag_misses"]["China"]] == [(2, "counternarcotics_fentanyl")]


def test_a_call_reports_the_meeting_like_a_meeting():
    # readouts of calls say "spoke with" / "held a phone conversation" where meetings say "met"
    names = ("rubio", "marco", "wang", "yi", "china", "us")
    assert reports_meeting("Secretary of State Marco Rubio spoke today with Foreign Minister Wang Yi.", names)
    assert reports_meeting("Wang Yi said in a phone conversation with US Secretary of State Marco Rubio.", names)
    assert not reports_meeting("Rubio said Wang Yi is a colleague.", names)   # two officials, no meeting verb


def test_cli_partners_shows_further_counterparts(tmp_path):
    import csv
    import subprocess
    import sys
    us, china = _meeting("2022-09-23-blinken-wang-yi-new-york.json")
    corpus = tmp_path / "new-york.csv"
    with corpus.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["side", "text"])
        writer.writerows([("US", s) for s in us] + [("China", s) for s in china])

    def run(*extra):
        out = subprocess.run([sys.executable, "-m", "framing", "compare", str(corpus), "--sides", "US", "China",
                              "--format", "json", *extra], cwd=DEVSET.parents[2], capture_output=True, text=True)
        return out

    pairs = lambda data: {(r["a"], r["b"]) for r in data["alignment"] if r["status"] == "matched"}
    one, two = json.loads(run().stdout), json.loads(run("--partners", "2").stdout)
    # the six Taiwan pairs of the library test above, now in the CLI's JSON too
    assert pairs(two) - pairs(one) == {(us[3], china[b]) for b in (3, 4, 6, 7, 8, 10)}
    assert (two["alignment_method"]["partners"], two["alignment_method"]["partner_ratio"]) == (2, 0.9)
    assert two["alignment_method"]["matching"].startswith("many-to-many")
    bad = run("--partners", "0")
    assert bad.returncode == 2 and bad.stderr.strip().endswith(
        "partners 0 is not valid; use a whole number, 1 or more (--partners)")
    words = run("--partners", "2", "--similarity", "words")
    assert words.returncode == 2 and "--partners and --partner-ratio are for alignment by meaning" in words.stderr


def test_partners_are_the_same_computed_in_chunks(monkeypatch):
    # large corpora are compared a few rows at a time (bounded memory): the best matches and the further
    # partners must not depend on where the chunks fall
    from framing.analyses import meaning
    us, china = _meeting("2022-09-23-blinken-wang-yi-new-york.json")
    options = MeaningOptions(partners=3, partner_ratio=0.5)
    whole = match_by_meaning(us, china, SIDES, options)
    monkeypatch.setattr(meaning, "_CHUNK_CELLS", len(china) * 2)   # two US sentences per chunk
    chunked = match_by_meaning(us, china, SIDES, options)
    for side in ("a", "b"):
        assert [list(x) for x in whole[side]] == [list(x) for x in chunked[side]]
        assert whole[f"more_{side}"] == chunked[f"more_{side}"]
    assert sum(len(m) for m in whole["more_b"]) > 0 and sum(len(m) for m in whole["more_a"]) > 0


def test_fifth_fresh_set_first_run_with_the_defaults():
    # docs/validity.md "Third round": bench/devsets/readouts_fresh_fifth/, marked and committed (03994a5)
    # before any code ran on it and scored once with these defaults (628fe7f); nothing was tuned on it since
    r = alignment_eval.score_set(alignment_eval.HELD_OUT)
    assert (r["meetings"], r["sentences"], r["pairs"]) == (8, 118, 49)
    count = lambda t: (t["found"], t["pairs"], t["matched"], t["only_a_true"] + t["only_b_true"],
                       t["only_a"] + t["only_b"], t["truly_a"] + t["truly_b"])
    # pair recall 20/49, pair precision 20/45, "only one side" precision 24/48 and recall 24/41
    assert count(r["settings"]["new", alignment_eval.CHOSEN]["total"]) == (20, 49, 45, 24, 48, 41)
    assert count(r["settings"]["old", 0.2]["total"]) == (18, 49, 26, 41, 73, 41)
