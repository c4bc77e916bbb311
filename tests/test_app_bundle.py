"""The dashboard source "Results bundle": the headline of a bundle made on a Dask cluster is the
headline of the same comparison made in the dashboard's process (issue 15)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from app_support import app_diff
from convention import convention_csv
from streamlit.testing.v1 import AppTest

from app import views
from app.bundle_source import unpack_zip
from framing.comparison import compare
from framing.inputs.corpus import load_corpus
from framing.results import CompareOptions, evidence_table
from framing.scale.bundle import BundleError
from framing.scale.dask_engine import compare_dask, local_cluster

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
SIDES = ("democrat", "republican")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """(bundle folder, the in-process comparison of the same corpus)."""
    out = tmp_path_factory.mktemp("bundle") / "b"
    options = CompareOptions(sides=SIDES)
    with local_cluster(n_workers=2, memory_limit="1GB") as client:
        compare_dask([convention_csv()], options, columns=("party", "text", "event"), client=client, out_bundle=out)
    return out, compare(load_corpus(convention_csv(), side_column="party").strict(), options)


def _zip(folder: Path, top: str = "b/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, top + str(path.relative_to(folder)))
    return buffer.getvalue()


def _metrics(at: AppTest) -> dict:
    return {m.label: m.value for m in at.metric}


def _assert_headline(at: AppTest, ref) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert at.header[0].value == "democrat vs republican"
    metrics = _metrics(at)
    assert metrics["Overlap (TF-IDF cosine)"] == f"{ref.overlap.cosine:.3f}"
    for s in SIDES:
        assert metrics[f"{s}: mean tone"] == f"{ref.sentiment[s].mean:+.3f}"
        assert metrics[f"{s}: words"] == f"{ref.lengths[s]['words']:,}"
    assert app_diff(at) == {"Shared": list(ref.descriptor_diff.shared), "Only democrat": list(ref.descriptor_diff.only_a),
                            "Only republican": list(ref.descriptor_diff.only_b)}
    assert list(at.dataframe[0].value["term"]) == list(ref.distinctive.top["democrat"]["term"])
    # the duration facet (issue 11 item 5): beside the diff, as in-process, and traced to its sentence
    assert views.duration_line(ref) == "democrat: none · republican: brief"
    assert ("How long it lasted, kept out of the diff (length is not character): democrat: none · republican: brief"
            in [c.value for c in at.caption])
    evidence, duration = (df.value for df in at.dataframe[-2:])
    pd.testing.assert_frame_equal(evidence.reset_index(drop=True), evidence_table(ref, "descriptor_evidence"))
    assert duration.to_dict("records") == [{"side": "republican", "descriptor": "brief", "surface": "briefly",
                                            "form": "adverb", "sentence": "At that time, I had only met Mitt briefly."}]


def test_bundle_folder_shows_the_in_process_headline_and_sentences(made, monkeypatch):
    folder, ref = made
    monkeypatch.setenv("FRAMING_BUNDLE_FOLDERS", "1")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["source"] = "bundle"
    at.run()
    at.text_input(key="bundle_folder").set_value(str(folder)).run()
    _assert_headline(at, ref)
    sentences = at.dataframe[2].value
    assert list(sentences["sentence"]) == list(ref.sentiment["democrat"].sentences["sentence"][:50])
    agenda = at.dataframe[3].value   # the agenda: each topic and its sentence counts, as in-process
    counts = {s: {t: len(i) for t, i in ref.agenda.by_side[s]} for s in SIDES}
    topics = list(dict.fromkeys([t for t, _ in ref.agenda.by_side["democrat"]] + [t for t, _ in ref.agenda.by_side["republican"]]))
    assert agenda.to_dict("records") == [
        {"topic": ref.agenda.labels[t], "raised": "both" if t in ref.agenda.shared else
         f"only {'democrat' if t in ref.agenda.only['democrat'] else 'republican'}",
         "sentences democrat": counts["democrat"].get(t, 0), "sentences republican": counts["republican"].get(t, 0)}
        for t in topics]
    at.number_input(key="bundle_page").set_value(3).run()
    assert list(at.dataframe[2].value["compound"]) == list(ref.sentiment["democrat"].sentences["compound"][100:150])


def test_uploaded_bundle_zip_shows_the_headline_without_reading_server_files(made, monkeypatch):
    folder, ref = made
    monkeypatch.delenv("FRAMING_BUNDLE_FOLDERS", raising=False)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["source"] = "bundle"
    at.run()
    assert not at.text_input  # no folder paths on a hosted app
    at.file_uploader(key="bundle_upload").set_value(("b.zip", _zip(folder), "application/zip")).run()
    _assert_headline(at, ref)
    assert "sentence" not in at.dataframe[2].value.columns   # offsets and numbers only
    assert list(at.dataframe[2].value["compound"]) == list(ref.sentiment["democrat"].sentences["compound"][:50])


def test_a_zip_that_is_not_a_bundle_is_refused_with_the_reason(monkeypatch, tmp_path):
    with pytest.raises(BundleError, match="is not a .zip file"):
        unpack_zip(b"not a zip", "x.zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("../evil/summary.json", "{}")
    with pytest.raises(BundleError, match="points outside the bundle"):
        unpack_zip(buffer.getvalue(), "evil.zip")
    monkeypatch.delenv("FRAMING_BUNDLE_FOLDERS", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["source"] = "bundle"
    at.run()
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("notes.txt", "hello")
    at.file_uploader(key="bundle_upload").set_value(("notes.zip", empty.getvalue(), "application/zip")).run()
    assert not at.exception
    assert [e.value for e in at.error] == ["notes.zip: no summary.json at the top of the zip (or in one top folder); "
                                           "this is not a results bundle"]


def _evidence_page(summary, descriptors):
    from app.bundle_source import evidence_tables
    from framing.scale.bundle import comparison_from_summary

    evidence_tables(comparison_from_summary(summary, descriptors))


def test_a_long_evidence_table_is_drawn_up_to_its_cap_and_says_so(made):
    """A bundle of a large corpus has many descriptor occurrences: the page draws MAX_EVIDENCE_ROWS and says how
    many there are; the duration facet's rows are split out of them all the same."""
    from app.bundle_source import MAX_EVIDENCE_ROWS
    from framing.scale.bundle import open_bundle

    bundle = open_bundle(made[0])
    rows = bundle.descriptors()
    many = pd.concat([rows] * 400, ignore_index=True)   # 3 descriptors and 1 duration a copy: 1,200 and 400
    at = AppTest.from_function(_evidence_page, args=(bundle.summary, many), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert MAX_EVIDENCE_ROWS == 1000 and len(rows) == 4
    evidence, duration = (df.value for df in at.dataframe)
    assert (len(evidence), len(duration)) == (1000, 400)
    assert set(duration["descriptor"]) == {"brief"} and "brief" not in set(evidence["descriptor"])
    assert [c.value for c in at.caption] == ["The first 1,000 of 1,200 rows (the bundle's descriptors.parquet has all)."]
