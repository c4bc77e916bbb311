"""The CLI through a real subprocess: JSON contract, text summary, exit 2 with one line."""
import json
from pathlib import Path

import pytest
from cli_support import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_json_contract():
    proc = run_cli("compare", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["sides"] == ["US", "China"]
    assert d["descriptors"]["shared"] == ["candid", "constructive"]
    assert d["descriptors"]["only"] == {"US": ["substantive"], "China": ["in-depth"]}
    assert set(d["overlap"]) >= {"cosine", "shared_terms"}
    assert set(d["overlap"]["shared_terms"][0]) >= {"term", "contribution"}
    for side in ("US", "China"):
        assert set(d["distinctive_terms"][side][0]) >= {"term", "z", "count"}
        zs = [t["z"] for t in d["distinctive_terms"][side]]
        assert zs == sorted(zs, reverse=True) and len(zs) <= 20
        assert set(d["sentiment"][side]) >= {"mean", "ci_low", "ci_high", "n_sentences"}
    assert all(set(r) >= {"a", "b", "similarity"} for r in d["alignment"])


def test_text_summary_is_default():
    proc = run_cli("compare")
    assert proc.returncode == 0
    assert "  shared:       candid, constructive" in proc.stdout
    assert "only US:" in proc.stdout and "substantive" in proc.stdout


def test_two_text_files_with_labels_and_out(tmp_path):
    (tmp_path / "us.txt").write_text("The talks were frank and useful. Flights will expand.", encoding="utf-8")
    (tmp_path / "prc.txt").write_text("The talks were frank and in-depth. Taiwan is a red line.", encoding="utf-8")
    out = tmp_path / "r.json"
    proc = run_cli("compare", str(tmp_path / "us.txt"), str(tmp_path / "prc.txt"), "--format", "json", "--out", str(out),
               "--top", "3", "--ngram", "1", "2", "--stop-words", "none")
    assert proc.returncode == 0 and proc.stdout == ""
    d = json.loads(out.read_text(encoding="utf-8"))
    assert d["sides"] == ["us", "prc"]
    assert d["descriptors"]["shared"] == ["frank"] and d["descriptors"]["only"] == {"us": ["useful"], "prc": ["in-depth"]}
    assert len(d["distinctive_terms"]["us"]) == 3
    proc = run_cli("compare", str(tmp_path / "us.txt"), str(tmp_path / "prc.txt"), "--labels", "US", "PRC", "--format", "json")
    assert json.loads(proc.stdout)["sides"] == ["US", "PRC"]


def test_corpus_file_with_columns_and_sides(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("party,body\nA,The talks were candid.\nB,The talks were candid and long.\nC,Nothing.\n", encoding="utf-8")
    proc = run_cli("compare", str(path), "--side-column", "party", "--text-column", "body", "--sides", "B", "A", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["sides"] == ["B", "A"]


@pytest.mark.parametrize("make,args,message", [
    (None, ["compare", "missing.csv"], "framing: error: missing.csv: no such file; check the path"),
    ("side,text\nUS,only one side here\n", ["compare", "{f}"],
     "framing: error: only one side ('US') in event 'c'; a comparison needs two sides: add the other side's documents"),
    ("party,text\nUS,x\n", ["compare", "{f}"],
     "framing: error: {f}, header row: no column 'side'; the columns are 'party', 'text'; rename a column, or choose the column that holds the side labels (--side-column)"),
    ("side,text\nUS,a b\nChina,\n", ["compare", "{f}"],
     "framing: error: {f}, row 3: the text column 'text' is empty; add the text or delete the row; fix the row(s) or keep only the valid rows (--skip-bad-rows)"),
    (None, ["compare", "--ngram", "2", "1"], "framing: error: n-gram range (2, 1) is not valid; use 1 <= MIN <= MAX <= 5, e.g. 1 2 (--ngram)"),
    (None, ["compare", "--top", "0"], "framing: error: --top 0 is not valid; ask for 1 or more terms"),
    (None, ["compare", "--sides", "US", "Mars"], "framing: error: side 'Mars' is not in the corpus; choose from: 'media', 'US', 'China', "
     "'China (original)', 'China (official English)' (--sides)"),
    (None, ["compare", "--format", "xml"],
     "framing: error: argument --format: invalid choice: 'xml' (choose from 'json', 'text'); see 'python -m framing compare --help'"),
    (None, ["--bogus"], "framing: error: unrecognized arguments: --bogus; see 'python -m framing --help'"),
    (None, [], "framing: error: no command given; use 'python -m framing compare' or 'python -m framing descriptors'"),
])
def test_bad_input_exits_2_with_one_line(tmp_path, make, args, message):
    f = tmp_path / "c.csv"
    if make is not None:
        f.write_text(make, encoding="utf-8")
    args = [a.replace("{f}", str(f)) for a in args]
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == message.replace("{f}", str(f)) + "\n"


def test_skip_bad_rows_keeps_valid_rows_and_lists_the_rest(tmp_path):
    f = tmp_path / "c.csv"
    f.write_text("side,text\nUS,The talks were candid.\nChina,\nChina,The talks were in-depth.\n", encoding="utf-8")
    proc = run_cli("compare", str(f), "--skip-bad-rows", "--format", "json")
    assert proc.returncode == 0
    assert proc.stderr == f"framing: skipped {f}, row 3: the text column 'text' is empty; add the text or delete the row\n"
    assert json.loads(proc.stdout)["descriptors"]["only"] == {"US": ["candid"], "China": ["in-depth"]}


def test_descriptors_command_reads_stdin_and_files(tmp_path):
    proc = run_cli("descriptors", "-", stdin="The talks were candid, in depth and Candid.")
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == {"descriptors": ["candid", "in-depth"]}
    f = tmp_path / "r.txt"
    f.write_text("“candid, substantive, and constructive”", encoding="utf-8")
    assert json.loads(run_cli("descriptors", str(f)).stdout) == {"descriptors": ["candid", "substantive", "constructive"]}


def test_every_setting_an_error_can_name_is_a_flag_or_named_in_the_message():
    # the CLI names an error's setting by its flag: each flag exists, each setting id is mapped or
    # deliberately flagless (its message names the file or address itself)
    from framing.cli import FLAGS, NO_FLAG, _build_parser
    from framing.errors import SETTINGS
    assert set(FLAGS) | NO_FLAG == set(SETTINGS) and not set(FLAGS) & NO_FLAG
    commands = _build_parser()._subparsers._group_actions[0].choices
    known = {flag for action in commands["compare"]._actions for flag in action.option_strings}
    assert set(FLAGS.values()) - {"--side"} <= known, set(FLAGS.values()) - known
    drift = {flag for action in commands["drift"]._actions for flag in action.option_strings}
    assert FLAGS["drift_side"] == "--side" and "--side" in drift   # the drift's one side (issue 13)
