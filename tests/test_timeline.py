"""framing.timeline: per-event comparisons in date order, exact on a tiny corpus, plus the CLI's `timeline`."""
from __future__ import annotations

import json
import math
from pathlib import Path

import events_fixture
import pandas as pd
import pytest
from cli_support import run_cli
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing import (
    CompareOptions,
    CorpusError,
    OptionsError,
    OverlapOptions,
    compare,
    parse_corpus_bytes,
)
from framing.inputs.corpus import Corpus, Document
from framing.timeline import (
    descriptor_table,
    descriptor_usage,
    event_label,
    parse_date,
    render_timeline_text,
    timeline,
    timeline_table,
)

ROOT = Path(__file__).resolve().parent.parent
A_E2 = ("The meeting was frank and useful.", "Trade was discussed.")
B_E2 = "Great progress on tariffs."


def tiny() -> Corpus:
    """Four events given out of order: E3 lacks side B, E0 has no date, E1 has a third side."""
    d = Document
    return Corpus((
        d("E3", "A", "Useful talks.", date="2023-03-01"),
        d("E0", "A", "Useful talks."), d("E0", "B", "Great talks."),
        d("E2", "A", " ".join(A_E2), date="2023-02-01"), d("E2", "B", B_E2, date="2023-02-01T09:00:00+08:00"),
        d("E1", "B", "The talks were candid.", date="2023-01-01"), d("E1", "A", "The talks were candid.", date="2023-01-01"),
        d("E1", "C", "No comment.", date="2023-01-01"),
    ))


def vader(sentence: str) -> float:
    return SentimentIntensityAnalyzer().polarity_scores(sentence)["compound"]


@pytest.fixture(scope="module")
def tiny_timeline():
    return timeline(tiny(), CompareOptions(sides=("A", "B")))


def test_events_are_sorted_by_date_then_name_undated_last_and_none_dropped(tiny_timeline):
    assert [(r.event, r.date, r.compared) for r in tiny_timeline] == [
        ("E1", "2023-01-01", True), ("E2", "2023-02-01", True), ("E3", "2023-03-01", False), ("E0", "", True)]
    assert tiny_timeline[2].reason == ("no document from 'B' in this event (it has 'A'); add that side's account "
                                       "to compare it")
    assert all(r.sides == ("A", "B") for r in tiny_timeline)


def test_exact_values_per_event(tiny_timeline):
    e1, e2, e3, e0 = tiny_timeline
    # E1: the same words on both sides.
    assert e1.cosine == pytest.approx(1.0, abs=1e-12)
    assert (e1.sentiment_gap, e1.length_ratio, e1.words) == (0.0, 1.0, {"A": 4, "B": 4})
    assert (e1.descriptor_diff.shared, e1.descriptor_diff.only_a, e1.descriptor_diff.only_b) == (("candid",), (), ())
    # E2: no shared term once English stop words are removed; 9 words against 4.
    assert e2.cosine == 0.0
    assert e2.length_ratio == 9 / 4 and e2.words == {"A": 9, "B": 4}
    assert e2.sentiment_gap == pytest.approx((vader(A_E2[0]) + vader(A_E2[1])) / 2 - vader(B_E2), rel=1e-12)
    assert (e2.descriptor_diff.shared, e2.descriptor_diff.only_a, e2.descriptor_diff.only_b) == ((), ("frank", "useful"), ())
    # E3: listed, not compared.
    assert math.isnan(e3.cosine) and math.isnan(e3.sentiment_gap) and math.isnan(e3.length_ratio)
    assert e3.descriptor_diff is None and e3.words == {}
    assert e0.sentiment_gap == pytest.approx(vader("Useful talks.") - vader("Great talks."), rel=1e-12)


def test_each_event_is_exactly_compare_on_that_event(tiny_timeline):
    for result in tiny_timeline:
        if result.compared:
            direct = compare(tiny(), CompareOptions(sides=("A", "B"), event=result.event))
            assert result.comparison.to_dict() == direct.to_dict()


def test_to_dict_is_event_date_then_compare_keys(tiny_timeline):
    e1, _, e3, e0 = (r.to_dict() for r in tiny_timeline)
    direct = compare(tiny(), CompareOptions(sides=("A", "B"), event="E1")).to_dict()
    assert list(e1)[:2] == ["event", "date"]
    assert {k: v for k, v in e1.items() if k in direct} == direct
    assert (e1["compared"], e1["reason"], e1["summary"]) == (
        True, None, {"cosine": e1["overlap"]["cosine"], "sentiment_gap": 0.0, "length_ratio": 1.0,
                     "words": {"A": 4, "B": 4}})
    assert e3 == {"event": "E3", "date": "2023-03-01", "sides": ["A", "B"], "compared": False,
                  "reason": tiny_timeline[2].reason, "date_note": None,
                  "summary": {"cosine": None, "sentiment_gap": None, "length_ratio": None, "words": None}}
    assert e0["date"] is None
    json.dumps([r.to_dict() for r in tiny_timeline], allow_nan=False)  # valid JSON: no NaN anywhere


def test_timeline_table(tiny_timeline):
    table = timeline_table(tiny_timeline)
    assert list(table.columns) == ["event", "date", "compared", "cosine", "sentiment_gap", "tone A", "tone B",
                                   "length_ratio", "words A", "words B", "shared", "only A", "only B", "note",
                                   "duration A", "duration B"]   # added after note: issue 11 item 5
    assert table["duration A"].tolist() == table["duration B"].tolist() == ["", "", "", ""]
    assert table["event"].tolist() == ["E1", "E2", "E3", "E0"]
    assert table["length_ratio"].tolist()[:2] == [1.0, 2.25] and math.isnan(table["length_ratio"][2])
    assert table["words A"].tolist() == [4, 9, pd.NA, 2]
    assert table["only A"].tolist() == ["", "frank, useful", "", "useful"]
    assert table["only B"].tolist() == ["", "", "", "great"]
    assert table["note"][2].startswith("no document from 'B'")


def test_which_side_used_which_descriptor_when(tiny_timeline):
    table = descriptor_table(tiny_timeline)
    assert list(table.columns) == ["2023-01-01 · E1", "2023-02-01 · E2", "E0"]
    assert table.index.tolist() == ["candid", "frank", "useful", "great"]
    assert table.to_dict(orient="index") == {
        "candid": {"2023-01-01 · E1": "both", "2023-02-01 · E2": "", "E0": ""},
        "frank": {"2023-01-01 · E1": "", "2023-02-01 · E2": "A", "E0": ""},
        "useful": {"2023-01-01 · E1": "", "2023-02-01 · E2": "A", "E0": "A"},
        "great": {"2023-01-01 · E1": "", "2023-02-01 · E2": "", "E0": "B"},
    }
    usage = descriptor_usage(tiny_timeline)
    assert usage[["event", "side", "descriptor", "uses"]].values.tolist() == [
        ["E1", "A", "candid", 1], ["E1", "B", "candid", 1], ["E2", "A", "frank", 1], ["E2", "A", "useful", 1],
        ["E0", "A", "useful", 1], ["E0", "B", "great", 1]]
    assert usage["example"][2] == A_E2[0]


def test_durations_are_kept_out_of_each_events_descriptors_and_given_beside_them():
    """Issue 11 item 5: words about length ("lengthy", "at length", "brief") are no descriptor at any event;
    each event has them as its own key (JSON ``descriptor_duration``, ``duration``, the table's columns)."""
    d = Document
    corpus = Corpus((
        d("E1", "A", "They held lengthy and candid talks.", date="2023-01-01"),
        d("E1", "B", "The two sides spoke at length. The talks were candid.", date="2023-01-01"),
        d("E2", "A", "The meeting was brief but useful.", date="2023-02-01"),
        d("E2", "B", "The meeting was useful.", date="2023-02-01"),
    ))
    e1, e2 = timeline(corpus, CompareOptions(sides=("A", "B")))
    assert (e1.duration, e2.duration) == ({"A": ["lengthy"], "B": ["lengthy"]}, {"A": ["brief"], "B": []})
    assert (e1.comparison.descriptors, e2.comparison.descriptors) == (
        {"A": ["candid"], "B": ["candid"]}, {"A": ["useful"], "B": ["useful"]})
    assert (e1.descriptor_diff.shared, e1.descriptor_diff.only_a, e1.descriptor_diff.only_b) == (("candid",), (), ())
    assert e2.descriptor_diff.duration_a == ("brief",)
    assert [e.to_dict()["descriptor_duration"]["by_side"] for e in (e1, e2)] == [e1.duration, e2.duration]
    assert e1.to_dict()["descriptors"]["by_side"] == {"A": ["candid"], "B": ["candid"]}
    table = timeline_table([e1, e2])
    assert table[["shared", "only A", "only B", "duration A", "duration B"]].values.tolist() == [
        ["candid", "", "", "lengthy", "lengthy"], ["useful", "", "", "brief", ""]]
    assert descriptor_table([e1, e2]).index.tolist() == ["candid", "useful"]
    assert descriptor_usage([e1, e2])["descriptor"].tolist() == ["candid", "candid", "useful", "useful"]
    lines = render_timeline_text([e1, e2]).splitlines()
    assert lines[4:6] == [f"{'':<43}shared: candid; only A: -; only B: -", f"{'':<43}how long it lasted: A: lengthy; B: lengthy"]
    assert lines[7:9] == [f"{'':<43}shared: useful; only A: -; only B: -", f"{'':<43}how long it lasted: A: brief; B: -"]


def test_fixture_corpus_drifts_as_generated():
    corpus = parse_corpus_bytes(events_fixture.csv_bytes(), "events.csv").strict()
    assert len(corpus.events) == 12 and corpus.sides == ["US", "China", "EU"]
    results = timeline(corpus, CompareOptions(sides=("US", "China")))
    assert [r.event for r in results] == [events_fixture.event_name(i) for i in range(12)]
    assert [r.compared for r in results] == [i != events_fixture.MISSING_CHINA for i in range(12)]
    table = descriptor_table(results)
    assert table.loc["constructive"].tolist() == ["US"] * 6 + [""] * 5
    assert table.loc["pragmatic"].tolist() == [""] * 8 + ["China"] * 3
    assert set(table.loc["candid"]) == {"both"}
    eu = timeline(corpus, CompareOptions(sides=("US", "EU")))
    assert [r.compared for r in eu] == [i % 2 == 0 for i in range(12)]
    assert event_label(results[0]) == "2023-01-15 · Round 01, Beijing"


def test_settings_that_fail_on_one_event_list_that_event_with_the_reason():
    corpus = tiny().concat(Corpus((Document("E1", "A", "More candid talks.", date="2023-01-01"),)))
    results = timeline(corpus, CompareOptions(sides=("A", "B"), overlap=OverlapOptions(min_df=3)))
    assert [r.compared for r in results] == [True, False, False, False]  # E1 has 3 documents, the others 2 or 1
    with pytest.raises(OptionsError) as expected:
        compare(corpus, CompareOptions(sides=("A", "B"), event="E2", overlap=OverlapOptions(min_df=3)))
    assert results[1].reason == str(expected.value) == ("min_df is 3 but there are only 2 documents; lower min_df "
                                                        "to 2 or less")


@pytest.mark.parametrize("corpus,options,message", [
    (Corpus(), CompareOptions(), "the corpus has no documents; load a file with at least one document per side"),
    (tiny(), CompareOptions(), "the corpus has 3 sides (A, B, C); choose two of them"),
    (tiny(), CompareOptions(sides=("A", "Z")), "side 'Z' is not in the corpus; choose from: 'A', 'B', 'C'"),
    (tiny(), CompareOptions(sides=("A", "A")), "sides ['A', 'A'] are not two different sides; choose two different "
                                                "sides to compare"),
    (Corpus((Document("e", "A", "x y"),)), CompareOptions(), "the corpus has only one side ('A'); a timeline "
                                                             "compares two sides: add the other side's documents"),
])
def test_corpus_errors(corpus, options, message):
    with pytest.raises(CorpusError) as caught:
        timeline(corpus, options)
    assert str(caught.value) == message


def test_options_invalid_for_any_corpus_raise_at_once():
    with pytest.raises(OptionsError, match="n-gram range"):
        timeline(tiny(), CompareOptions(sides=("A", "B"), overlap=OverlapOptions(ngram_range=(2, 1))))


def test_unreadable_dates_keep_the_event_with_a_note():
    corpus = Corpus((Document("x", "A", "Frank talks.", date="18 June 2023"), Document("x", "B", "Useful talks."),
                     Document("y", "A", "Frank talks.", date="2020-01-01"), Document("y", "B", "Talks.")))
    first, second = timeline(corpus)
    assert (first.event, second.event, second.date) == ("y", "x", "18 June 2023")
    assert second.date_note.startswith("date '18 June 2023' is not an ISO date; write it as YYYY-MM-DD")
    assert parse_date("20230618").isoformat() == "2023-06-18" and parse_date("June") is None


def test_text_rendering(tiny_timeline):
    text = render_timeline_text(tiny_timeline)
    assert text.splitlines()[0] == "Sides: A vs B · 4 event(s), 3 compared"
    assert "2023-01-01   1.000    +0.000         1.00  E1" in text
    assert "not compared: no document from 'B'" in text


# ---- the CLI --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def events_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("timeline") / "events.csv"
    path.write_bytes(events_fixture.csv_bytes())
    return path


def test_cli_timeline_json(events_csv):
    proc = run_cli("timeline", str(events_csv), "--sides", "US", "China", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    events = json.loads(proc.stdout)
    assert [(e["event"], e["date"]) for e in events] == [
        (events_fixture.event_name(i), events_fixture.event_date(i)) for i in range(12)]
    corpus = parse_corpus_bytes(events_fixture.csv_bytes(), str(events_csv)).strict()
    first = compare(corpus, CompareOptions(sides=("US", "China"), event=events[0]["event"])).to_dict()
    assert {k: v for k, v in events[0].items() if k in first} == json.loads(json.dumps(first))
    skipped = events[events_fixture.MISSING_CHINA]
    assert skipped["compared"] is False and skipped["sides"] == ["US", "China"]
    assert skipped["reason"] == ("no document from 'China' in this event (it has 'US'); add that side's account to "
                                 "compare it")
    assert all(e["compared"] for i, e in enumerate(events) if i != events_fixture.MISSING_CHINA)


def test_cli_timeline_text_and_column_options(events_csv, tmp_path):
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(events_fixture.csv_bytes().replace(b"event,date,side,text", b"meeting,date,party,body", 1))
    proc = run_cli("timeline", str(renamed), "--side-column", "party", "--text-column", "body", "--event-column",
               "meeting", "--sides", "US", "EU")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "Sides: US vs EU · 12 event(s), 6 compared"
    assert "not compared: no document from 'EU' in this event (it has 'US', 'China')" in proc.stdout


@pytest.mark.parametrize("args,message", [
    ((), "framing: error: the corpus has 3 sides (US, China, EU); choose two of them (--sides)"),
    (("--sides", "US", "Russia"), "framing: error: side 'Russia' is not in the corpus; choose from: 'US', 'China', 'EU' (--sides)"),
    (("--sides", "US", "China", "--ngram", "2", "1"), "framing: error: n-gram range (2, 1) is not valid; use "
                                                      "1 <= MIN <= MAX <= 5, e.g. 1 2 (--ngram)"),
])
def test_cli_timeline_bad_input_exits_2_with_one_line(events_csv, args, message):
    proc = run_cli("timeline", str(events_csv), *args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == message + "\n"
