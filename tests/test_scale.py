"""--engine dask: the same comparison from partitions on a local Dask cluster of two worker processes,
and the results bundle read back (issue 15)."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from convention import convention_csv

from framing.analyses.overlap import OverlapOptions
from framing.comparison import compare
from framing.errors import CorpusError, OptionsError
from framing.inputs.corpus import load_corpus
from framing.results import CompareOptions
from framing.scale.bundle import BundleError, comparison_from_summary, open_bundle
from framing.scale.dask_engine import compare_dask, local_cluster
from framing.scale.timeline_dask import TIMELINE_FORMAT, timeline_dask
from framing.timeline import timeline

ROOT = Path(__file__).resolve().parent.parent
SIDES = ("democrat", "republican")
COLUMNS = ("party", "text", "event")


@pytest.fixture(scope="module")
def client():
    with local_cluster(n_workers=2, memory_limit="1GB") as c:
        yield c


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(convention_csv(), side_column="party").strict()


def assert_same(ref, got):
    """What --engine dask promises to reproduce: exact term statistics, sentiment to 1e-12."""
    assert got.event == ref.event and got.sides == ref.sides
    assert got.lengths == ref.lengths
    assert got.overlap.cosine == ref.overlap.cosine
    assert got.overlap.vocabulary_size == ref.overlap.vocabulary_size
    pd.testing.assert_frame_equal(got.overlap.shared_terms, ref.overlap.shared_terms, check_exact=True)
    assert got.overlap.mean_document_similarity == pytest.approx(ref.overlap.mean_document_similarity, abs=1e-12)
    for s in ref.sides:
        pd.testing.assert_frame_equal(got.distinctive.top[s], ref.distinctive.top[s], check_exact=True)
        assert got.descriptors[s] == ref.descriptors[s]
        assert got.descriptor_evidence[s] == ref.descriptor_evidence[s]
        assert got.descriptor_duration[s] == ref.descriptor_duration[s]   # the duration facet (issue 11 item 5)
        assert got.duration_evidence[s] == ref.duration_evidence[s]
        for field in ("mean", "ci_low", "ci_high"):
            assert getattr(got.sentiment[s], field) == pytest.approx(getattr(ref.sentiment[s], field), abs=1e-12)
        assert got.sentiment[s].n_sentences == ref.sentiment[s].n_sentences
        assert got.sentiment[s].interval == ref.sentiment[s].interval
        assert got.register[s].profile == ref.register[s].profile and got.register[s].counts == ref.register[s].counts
        assert [(t, len(i)) for t, i in got.agenda.by_side[s]] == [(t, len(i)) for t, i in ref.agenda.by_side[s]]
    assert got.agenda.shared == ref.agenda.shared and got.agenda.only == ref.agenda.only
    assert got.distinctive.n_significant == ref.distinctive.n_significant
    assert got.distinctive.totals == ref.distinctive.totals
    assert got.descriptor_diff == ref.descriptor_diff


@pytest.mark.parametrize("overlap", [OverlapOptions(), OverlapOptions(ngram_range=(1, 2), min_df=3, sublinear_tf=True)],
                         ids=["defaults", "bigrams-min_df-sublinear"])
def test_dask_engine_gives_the_in_process_comparison(client, corpus, overlap):
    options = CompareOptions(sides=SIDES, overlap=overlap)
    ref = compare(corpus, options)
    got = compare_dask([convention_csv()], options, columns=COLUMNS, client=client, partitions=5)
    assert_same(ref, got)
    assert "Sentence alignment is not computed by --engine dask" in got.warnings[-1]


def test_many_parquet_files_by_glob_give_the_same_comparison(client, corpus, tmp_path):
    rows = pd.read_csv(convention_csv(), dtype=str, keep_default_na=False)
    for i, chunk in enumerate(np.array_split(np.arange(len(rows)), 3)):
        rows.iloc[chunk].to_parquet(tmp_path / f"part{i}.parquet", index=False)
    options = CompareOptions(sides=SIDES)
    got = compare_dask([str(tmp_path / "part*.parquet")], options, columns=COLUMNS, client=client)
    assert_same(compare(corpus, options), got)


def test_bundle_round_trip_gives_the_in_process_headline(client, corpus, tmp_path):
    options = CompareOptions(sides=SIDES)
    ref = compare(corpus, options)
    compare_dask([convention_csv()], options, columns=COLUMNS, client=client, out_bundle=tmp_path / "b")
    bundle = open_bundle(tmp_path / "b")
    summary = bundle.summary
    assert summary["overlap"]["cosine"] == ref.overlap.cosine
    assert summary["descriptors"]["shared"] == list(ref.descriptor_diff.shared)
    assert summary["descriptors"]["only"] == {"democrat": list(ref.descriptor_diff.only_a),
                                              "republican": list(ref.descriptor_diff.only_b)}
    for s in SIDES:
        assert summary["sentiment"][s]["mean"] == pytest.approx(ref.sentiment[s].mean, abs=1e-12)
        assert [t["term"] for t in summary["distinctive_terms"][s]] == list(ref.distinctive.top[s]["term"])
    # every sentence: its offsets read back to the very sentence, with its compound, in corpus order
    for k, s in enumerate(SIDES):
        records = bundle.sentences(side=k)
        assert records["compound"].tolist() == ref.sentiment[s].sentences["compound"].tolist()
        assert bundle.sentence_texts(records) == ref.sentiment[s].sentences["sentence"].tolist()
    # each topic's sentences, by the records' topics: the in-process agenda's sentences
    for k, s in enumerate(SIDES):
        for topic, idx in ref.agenda.by_side[s][:3]:
            records = bundle.sentences(side=k, topic=topic)
            assert bundle.sentence_texts(records) == [ref.agenda.sentences[s][i] for i in idx], (s, topic)
    assert summary["agenda"] == {**json.loads(json.dumps(ref.agenda.to_dict())), "by_side": {
        s: [{**t, "sentences": [], "sentence_count": len(t["sentences"])} for t in ref.agenda.to_dict()["by_side"][s]]
        for s in SIDES}}
    page = bundle.sentences(limit=7, offset=4000)
    assert page.equals(bundle.sentences().iloc[4000:4007].reset_index(drop=True))
    # the duration facet (issue 11 item 5) read back: beside the diff, traced to its sentences, as in-process
    opened = bundle.comparison()
    assert opened.descriptor_duration == ref.descriptor_duration == {"democrat": [], "republican": ["brief"]}
    assert opened.descriptor_diff == ref.descriptor_diff and opened.descriptor_diff.duration_b == ("brief",)
    assert opened.descriptors == ref.descriptors
    for s in SIDES:
        assert opened.duration_evidence[s] == ref.duration_evidence[s]
        assert opened.descriptor_evidence[s] == ref.descriptor_evidence[s]
    assert [(m.surface, m.form, m.sentence) for m in opened.duration_evidence["republican"]] == [
        ("briefly", "adverb", "At that time, I had only met Mitt briefly.")]
    assert summary["descriptor_duration"]["by_side"] == {"democrat": [], "republican": ["brief"]}
    assert comparison_from_summary(summary).descriptor_duration == ref.descriptor_duration   # the summary alone
    terms = bundle.terms().set_index("term")
    assert int(terms.loc["president", "count_a"]) == int(
        ref.overlap.shared_terms.set_index("term").loc["president", "count_a"])


def test_cli_engine_dask_json_matches_the_golden_local_json(corpus, tmp_path):
    golden = json.loads(gzip.decompress((ROOT / "tests/golden/compare_convention.json.gz").read_bytes()))
    out = subprocess.run([sys.executable, "-m", "framing", "compare", convention_csv(), "--side-column", "party",
                          "--sides", *SIDES, "--format", "json", "--engine", "dask", "--out-bundle", str(tmp_path / "b")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout)
    # keys are only added: the duration facet (issue 11 item 5), languages (issue 13), the agenda (issue 14)
    assert set(got) - set(golden) == {"agenda", "descriptor_duration", "cross_language", "languages", "per_side_terms",
                                      "versions"}
    assert got["versions"] == {}   # not counted on the cluster, which refuses a side holding both versions
    assert got["descriptor_duration"]["by_side"] == {"democrat": [], "republican": ["brief"]}
    assert got["lengths"] == {s: {**golden["lengths"][s], "language": "en"} for s in SIDES}
    local = compare(corpus, CompareOptions(sides=SIDES)).to_dict()["agenda"]
    assert got["agenda"]["shared"] == local["shared"] and got["agenda"]["only"] == local["only"]
    for s in SIDES:   # each topic's sentences are counted; the sentences themselves are the bundle's records
        assert [(t["topic"], t["label"], t["sentence_count"], t["sentences"]) for t in got["agenda"]["by_side"][s]] == [
            (t["topic"], t["label"], len(t["sentences"]), []) for t in local["by_side"][s]]
    for key in ("distinctive_terms", "descriptors", "event", "sides"):
        assert got[key] == golden[key], key
    assert got["distinctive_summary"] == {**golden["distinctive_summary"], "comparable": True}   # added: issue 13
    assert got["overlap"]["cosine"] == golden["overlap"]["cosine"]
    assert got["overlap"]["shared_terms"] == golden["overlap"]["shared_terms"]
    for s in SIDES:
        assert got["sentiment"][s]["mean"] == pytest.approx(golden["sentiment"][s]["mean"], abs=1e-12)
        assert got["sentiment"][s]["sentences"] == []   # every sentence is in the bundle instead
    assert json.loads((tmp_path / "b" / "summary.json").read_text())["overlap"] == got["overlap"]


@pytest.fixture(scope="module")
def events_files(tmp_path_factory):
    """The convention corpus as four events in two files: three dated (one date unreadable), one with
    a single side; the same rows in one file for the in-process run."""
    rows = pd.read_csv(convention_csv(), dtype=str, keep_default_na=False)
    rows["event"] = [f"e{i % 3}" for i in range(len(rows))]
    rows["date"] = rows["event"].map({"e0": "2012-09-06", "e1": "2012-08-30", "e2": "6 September"})
    lonely = rows[rows["party"] == "democrat"].head(4).assign(event="lonely", date="2012-09-01")
    rows = pd.concat([rows, lonely], ignore_index=True)
    folder = tmp_path_factory.mktemp("events")
    rows.to_csv(folder / "all.csv", index=False)
    rows.iloc[:100].to_csv(folder / "part-a.csv", index=False)
    rows.iloc[100:].to_csv(folder / "part-b.csv", index=False)
    return folder


def test_timeline_dask_gives_the_in_process_timeline(client, events_files, tmp_path):
    options = CompareOptions(sides=SIDES)
    ref = timeline(load_corpus(events_files / "all.csv", side_column="party").strict(), options)
    got = timeline_dask([str(events_files / "part-*.csv")], options, columns=COLUMNS, client=client, partitions=5,
                        out_bundle=tmp_path / "b")
    plan = [(r.event, r.date, r.compared, r.reason, r.date_note) for r in ref]
    assert [(r.event, r.date, r.compared, r.reason, r.date_note) for r in got] == plan
    assert [p[:3] for p in plan] == [("e1", "2012-08-30", True), ("lonely", "2012-09-01", False),
                                     ("e0", "2012-09-06", True), ("e2", "6 September", True)]
    for r, g in zip(ref, got):
        if r.compared:
            assert_same(r.comparison, g.comparison)
    listing = json.loads((tmp_path / "b" / "timeline.json").read_text())
    assert listing["bundle"]["format"] == TIMELINE_FORMAT
    assert [(e["event"], e["folder"]) for e in listing["events"]] == [
        ("e1", "event-0001"), ("lonely", None), ("e0", "event-0002"), ("e2", "event-0003")]
    # the one duration word of the corpus ("briefly", republican) is in one event, read back there
    assert [r.event for r in ref if r.compared and r.comparison.descriptor_duration["republican"] == ["brief"]] == ["e0"]
    for r, e in zip(ref, listing["events"]):
        if r.compared:   # each compared event is a results bundle of its own
            bundle = open_bundle(tmp_path / "b" / e["folder"])
            assert bundle.summary["event"] == r.event
            assert bundle.summary["overlap"]["cosine"] == r.comparison.overlap.cosine
            opened = bundle.comparison()   # the duration facet read back with the descriptors (issue 11 item 5)
            assert opened.descriptor_diff == r.comparison.descriptor_diff
            assert opened.duration_evidence == r.comparison.duration_evidence
            records = bundle.sentences(side=0)
            assert bundle.sentence_texts(records) == r.comparison.sentiment["democrat"].sentences["sentence"].tolist()


def test_cli_timeline_engine_dask_json_matches_local(events_files, tmp_path):
    def run(*args):
        out = subprocess.run([sys.executable, "-m", "framing", "timeline", *args, "--side-column", "party",
                              "--sides", *SIDES, "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr[-2000:]
        return json.loads(out.stdout)

    local = run(str(events_files / "all.csv"))
    got = run(str(events_files / "part-*.csv"), "--engine", "dask", "--out-bundle", str(tmp_path / "b"))
    assert [(e["event"], e["compared"], e["reason"]) for e in got] == [(e["event"], e["compared"], e["reason"]) for e in local]
    for g, e in zip(got, local):
        assert set(g) == set(e)
        if not e["compared"]:
            assert g == e
            continue
        for key in ("lengths", "distinctive_terms", "distinctive_summary", "descriptors", "date", "sides"):
            assert g[key] == e[key], (e["event"], key)
        assert g["overlap"]["cosine"] == e["overlap"]["cosine"]
        assert g["overlap"]["shared_terms"] == e["overlap"]["shared_terms"]
        assert g["agenda"]["shared"] == e["agenda"]["shared"] and g["agenda"]["only"] == e["agenda"]["only"]
        for s in SIDES:
            assert g["sentiment"][s]["mean"] == pytest.approx(e["sentiment"][s]["mean"], abs=1e-12)
            assert [t["sentence_count"] for t in g["agenda"]["by_side"][s]] == [
                len(t["sentences"]) for t in e["agenda"]["by_side"][s]]
        assert g["summary"]["cosine"] == e["summary"]["cosine"]
        assert g["summary"]["sentiment_gap"] == pytest.approx(e["summary"]["sentiment_gap"], abs=1e-12)
    assert (tmp_path / "b" / "timeline.json").is_file()


def test_bad_engine_input_says_what_to_do(client, tmp_path):
    with pytest.raises(CorpusError, match="no file matches"):
        compare_dask([str(tmp_path / "*.csv")], CompareOptions(), client=client)
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(CorpusError, match=r"reads \.csv, \.jsonl and \.parquet"):
        compare_dask([str(tmp_path / "a.txt")], CompareOptions(), client=client)
    with pytest.raises(OptionsError, match="^translation variants are not supported by the Dask engine yet; compare "
                                           "in-process \\(the local engine\\), or without translation variants$"):
        compare_dask([convention_csv()], CompareOptions(translation_variants=True), client=client)
    with pytest.raises(BundleError, match="no summary.json"):
        open_bundle(tmp_path)
    out = subprocess.run([sys.executable, "-m", "framing", "compare", "--out-bundle", str(tmp_path / "b")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and out.stderr == ("framing: error: --out-bundle needs --engine dask; add --engine dask, "
                                                  "or drop --out-bundle\n")
    out = subprocess.run([sys.executable, "-m", "framing", "timeline", "--engine", "dask"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and out.stderr == ("framing: error: --engine dask needs corpus files: give one or more "
                                                  ".csv, .jsonl or .parquet paths or globs\n")
