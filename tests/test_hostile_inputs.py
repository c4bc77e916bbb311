"""Inputs a hostile visitor (or a broken exporter) sends, each refused with the documented message:
JSON nested 200,000 deep, a 5,000-digit number, a lone surrogate in a label, and an uploaded lexicon
over the row limit. The library raises CorpusError/RegisterError, the CLI prints one line and exits 2,
the dashboard shows the message in its one error spot. (The lexicon cache: tests/test_register_cache.py.)"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.safe import md
from framing import CompareOptions, CorpusError, compare, parse_corpus_bytes
from framing.analyses.register import RegisterError, parse_lexicon_bytes
from framing.inputs.corpus import Corpus, Document, corpus_from_texts
from framing.inputs.workspace import parse_workspace_bytes, save_workspace

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
DEEP = "[" * 200_000 + "]" * 200_000
LONG_NUMBER = "9" * 5_000
GOOD = '{"side": "Beta", "text": "The meeting was cordial and pragmatic."}\n'
NESTED = "is nested too deeply (more than about 1,000 levels of [ ] or { }); write plain objects with text values"
DIGITS = "holds a whole number too long to read (over 4,300 digits); write it in quotes, as text, or shorten it"
SURROGATE = ("holds half of a UTF-16 character pair (an escape such as \\ud800 without its partner), which is not a "
             "character; fix or delete that escape")

LINES = {  # a JSONL corpus whose first line is hostile, and the reason that line is rejected for
    "deep": ('{"side": "Alpha", "text": ' + DEEP + "}\n", NESTED),
    "digits": ('{"side": "Alpha", "text": ' + LONG_NUMBER + "}\n", DIGITS),
    "surrogate": ('{"side": "Alpha\\ud800", "text": "The talks were frank and useful."}\n', f"its 'side' {SURROGATE}"),
}


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "framing", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("case", LINES)
def test_jsonl_line_is_rejected_with_the_reason(case):
    line, reason = LINES[case]
    result = parse_corpus_bytes((line + GOOD).encode(), "c.jsonl")
    assert [r.message() for r in result.rejected] == [f"c.jsonl, line 1: {reason}"]
    assert [d.side for d in result.corpus] == ["Beta"]


@pytest.mark.parametrize("case", LINES)
def test_cli_prints_one_line_and_exits_2(case, tmp_path):
    line, reason = LINES[case]
    path = tmp_path / "c.jsonl"
    path.write_text(line + GOOD, encoding="utf-8")
    out = cli("compare", str(path))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == (f"framing: error: {path}, line 1: {reason}; fix the row(s) or keep only the valid rows "
                          "(--skip-bad-rows)\n")


def _workspace(documents_json: str, settings_json: str = "{}") -> bytes:
    return ('{"framing_workspace": 1, "settings": ' + settings_json + ', "documents": ' + documents_json
            + "}").encode()


@pytest.mark.parametrize("data,message", [
    (_workspace(DEEP), f"w.json: {NESTED}"),
    (_workspace("[]", '{"n": ' + LONG_NUMBER + "}"), f"w.json: {DIGITS}"),
    (_workspace('[{"event": "e", "side": "A", "text": "x"}]', '{"side_a": "A\\udfff"}'),
     f"w.json, settings.'side_a': its 'value' {SURROGATE}"),
])
def test_workspace_problems_are_corpus_errors(data, message):
    with pytest.raises(CorpusError) as caught:
        parse_workspace_bytes(data, "w.json")
    assert str(caught.value) == message


def test_workspace_document_with_a_lone_surrogate_is_rejected():
    good = json.loads(save_workspace(corpus_from_texts({"A": "Frank talks.", "B": "Cordial talks."})))["documents"]
    docs = json.dumps(good)[:-1] + ', {"event": "e", "side": "B", "text": "bad \\ud800 text"}]'
    loaded = parse_workspace_bytes(_workspace(docs), "w.json")
    assert [r.message() for r in loaded.rejected] == [f"w.json, document 3: its 'text' {SURROGATE}"]
    assert len(loaded.corpus) == 2


def test_compare_refuses_a_lone_surrogate_in_a_side_label():
    corpus = Corpus((Document("e", "A\ud800", "The talks were candid."), Document("e", "B", "The talks were frank.")))
    with pytest.raises(CorpusError) as caught:
        compare(corpus, CompareOptions())
    assert str(caught.value) == f"document 1 (side 'A\\ud800'): its 'side' {SURROGATE}"
    with pytest.raises(CorpusError) as caught:
        corpus_from_texts({"A\ud800": "The talks were candid.", "B": "The talks were frank."})
    assert str(caught.value) == f"side 'A\\ud800': its 'side' {SURROGATE}"


def test_cli_label_that_is_not_text_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text("The talks were candid.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The talks were frank.", encoding="utf-8")
    # an argument that is not UTF-8 reaches Python as a lone surrogate (surrogateescape)
    out = subprocess.run([sys.executable, "-m", "framing", "compare", "a.txt", "b.txt", "--labels", b"A\xff", "B"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == f"framing: error: document 1 (side 'A\\udcff'): its 'side' {SURROGATE}\n"


# ---- the dashboard: the one error spot -----------------------------------------------------------

def _upload(name: str, data: bytes) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["source"] = "upload"
    at.run()
    at.file_uploader(key="upload").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("data,message", [
    (_workspace(DEEP), f"w.json: {NESTED}"),
    (_workspace("[]", '{"n": ' + LONG_NUMBER + "}"), f"w.json: {DIGITS}"),
])
def test_dashboard_shows_workspace_problems_in_the_error_spot(data, message, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["source"] = "workspace"
    at.run()
    at.file_uploader(key="workspace_upload").set_value(("w.json", data, "application/json")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == list(map(md, [message]))


@pytest.mark.parametrize("case", LINES)
def test_dashboard_names_the_rejected_line(case):
    line, reason = LINES[case]
    at = _upload("c.jsonl", (line + GOOD).encode())
    shown = " ".join(w.value for w in at.warning) + " ".join(e.value for e in at.error)
    assert md(f"c.jsonl, line 1: {reason}") in shown


def test_uploaded_lexicon_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_LEXICON_ROWS", "2")
    header = b"phrase,variants,dimension,score,rationale,source_ids,status\n"
    rows = b"".join(f"word{n}ish,,warmth,1,Mine.,,unsourced\n".encode() for n in range(3))
    message = ("mine.csv: more than 2 rows, the limit of a lexicon here; keep the rows your texts need, or run the "
               "comparison with the CLI, which has no limit")
    with pytest.raises(RegisterError) as caught:
        parse_lexicon_bytes(header + rows, "mine.csv", max_rows=2)
    assert str(caught.value) == message
    assert len(parse_lexicon_bytes(header + rows, "mine.csv").entries) == 3  # the library has no default limit
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", header + rows, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == list(map(md, [message]))
