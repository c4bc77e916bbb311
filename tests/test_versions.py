"""One side's original and its official translation in one corpus (issue 13, translation drift): the
``version`` column, what compare reads of a side holding both, the drift read from a corpus (library
and CLI).

The corpus is built here from the bundled event: the PRC readout in Chinese and the Foreign
Ministry's English (corpus/README.md has their addresses), filed under ONE side, "China", and marked
original / translation; the US statements stay as they are.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from cli_support import run_cli

from framing import CompareOptions, compare, load_bundled
from framing.drift import drift, drift_from_corpus
from framing.errors import CorpusError, OptionsError
from framing.inputs.corpus import Corpus, normalise_version, parse_corpus_bytes
from framing.inputs.workspace import parse_workspace_bytes, save_workspace
from framing.versions import choose_versions, versioned_sides

BUNDLED = load_bundled()
EVENT = "Blinken-Qin talks, Beijing, 2023-06-18"
ZH = BUNDLED.texts("China (original)")[0]
EN = BUNDLED.texts("China (official English)")[0]
US = BUNDLED.texts("US")


def versioned_csv(original="original", translation="translation") -> bytes:
    """The US statements, then China's Chinese original and its official English under one side."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["event", "side", "version", "text"])
    for text in US:
        writer.writerow([EVENT, "US", "", text])
    writer.writerow([EVENT, "China", original, ZH])
    writer.writerow([EVENT, "China", translation, EN])
    return out.getvalue().encode("utf-8")


def versioned_corpus(**kw) -> Corpus:
    return parse_corpus_bytes(versioned_csv(**kw), "versions.csv").strict()


# ---------------------------------------------------------------- the version column

def test_the_version_column_is_read_and_its_synonyms_normalised():
    corpus = versioned_corpus(original=" Orig ", translation="TRANSLATED")
    assert [(d.side, d.version) for d in corpus] == [("US", "")] * 6 + [("China", "original"), ("China", "translation")]
    assert [normalise_version(v) for v in ("original", "Source", "orig", "translation", "Trans", "official  translation",
                                           "", "  ")] == ["original"] * 3 + ["translation"] * 3 + ["", ""]
    assert [normalise_version(v) for v in ("english", "zh", "draft", "originals")] == [None] * 4


def test_a_file_without_a_version_column_has_no_marks_and_reads_as_before():
    result = parse_corpus_bytes(b"side,text\nA,Candid talks.\nB,Useful talks.\n", "plain.csv")
    assert [d.version for d in result.strict()] == ["", ""] and result.rejected == ()


def test_an_unknown_version_rejects_the_row_with_its_reason_never_silently():
    result = parse_corpus_bytes(versioned_csv(translation="english"), "versions.csv")
    assert len(result.corpus) == 7 and len(result.rejected) == 1
    assert result.rejected[0].message() == (
        "versions.csv, row 9: the version column 'version' holds 'english', which is not a version; write original "
        "(the side's own text) or translation (its official translation), or leave it empty")
    with pytest.raises(CorpusError, match="row 9: the version column 'version' holds 'english'"):
        result.strict()
    jsonl = b'{"side": "A", "text": "Candid talks.", "version": "Draft"}\n{"side": "B", "text": "Useful."}\n'
    rejected = parse_corpus_bytes(jsonl, "v.jsonl").rejected
    assert [r.message() for r in rejected] == [
        "v.jsonl, line 1: the version column 'version' holds 'Draft', which is not a version; write original "
        "(the side's own text) or translation (its official translation), or leave it empty"]


def test_another_version_column_can_be_named_and_must_then_exist():
    data = versioned_csv().replace(b"event,side,version,text", b"event,side,kind,text")
    corpus = parse_corpus_bytes(data, "v.csv", version_column="kind").strict()
    assert versioned_sides(corpus) == ["China"]
    assert versioned_sides(parse_corpus_bytes(data, "v.csv").strict()) == []   # no 'version' column: no marks
    with pytest.raises(CorpusError) as err:
        parse_corpus_bytes(data, "v.csv", version_column="edition")
    assert err.value.setting == "version_column"
    assert str(err.value) == ("v.csv, header row: no column 'edition'; the columns are 'event', 'side', 'kind', "
                              "'text'; choose the column that marks each document as original or translation")


def test_a_workspace_keeps_the_versions_and_refuses_an_unknown_one():
    corpus = versioned_corpus()
    assert parse_workspace_bytes(save_workspace(corpus), "w.json").strict().corpus == corpus
    bad = save_workspace(corpus).replace(b'"version": "translation"', b'"version": "copy"')
    rejected = parse_workspace_bytes(bad, "w.json").rejected
    assert len(rejected) == 1 and "holds 'copy', which is not a version" in rejected[0].reason


# ---------------------------------------------------------------- drift from a corpus

def test_drift_of_one_side_equals_the_drift_of_the_two_bundled_sides():
    expected = drift(ZH, EN)
    result = drift_from_corpus(versioned_corpus(), "China")
    assert result == expected and result.to_dict() == expected.to_dict()
    assert drift_from_corpus(versioned_corpus()) == expected   # the only side holding both
    assert [(r.zh, r.rendering, r.status) for r in result.descriptors] == [
        ("长时间", "at length", "same"), ("坦诚", "candid", "same"), ("深入", "in-depth", "same"),
        ("建设性", "constructive", "same")]
    assert [result.original_sentences[i] for i in result.unmatched_sentences][:2] == [
        "双方同意保持高层交往。", "双方同意继续推进中美关系指导原则磋商。"]
    assert len(result.unmatched_sentences) == 5


def test_each_versions_documents_are_joined_in_corpus_order():
    first, _, rest = EN.partition("\n")
    documents = [(d.side, d.version, rest if d.text == EN else d.text) for d in versioned_corpus()]
    out = io.StringIO()
    csv.writer(out).writerows([("side", "version", "text"), *documents, ("China", "translation", first)])
    corpus = parse_corpus_bytes(out.getvalue().encode("utf-8"), "v.csv").strict()   # the English title last
    assert drift_from_corpus(corpus, "China") == drift(ZH, rest + "\n" + first) != drift(ZH, EN)


def test_drift_from_a_corpus_says_what_is_missing():
    corpus = versioned_corpus()
    with pytest.raises(CorpusError) as err:
        drift_from_corpus(corpus, "US")
    assert (str(err.value), err.value.setting) == (
        "side 'US' has no document marked original or translation; sides holding both: 'China'; mark its documents "
        "original or translation in the version column, or choose another side", "version_column")
    with pytest.raises(CorpusError) as err:
        drift_from_corpus(corpus, "Chin")
    assert (str(err.value), err.value.setting) == ("side 'Chin' is not in the corpus; choose from: 'US', 'China'",
                                                   "drift_side")
    only_original = parse_corpus_bytes(versioned_csv(translation=""), "v.csv").strict()
    with pytest.raises(CorpusError) as err:
        drift_from_corpus(only_original, "China")
    assert str(err.value) == ("side 'China' has no document marked translation (1 marked original); mark its "
                              "documents original or translation in the version column, or choose another side")
    with pytest.raises(CorpusError) as err:
        drift_from_corpus(only_original)
    assert str(err.value) == ("the drift reads one side's original against its translation, and no side holds "
                              "documents marked both original and translation; mark a side's documents original "
                              "or translation in the version column")
    two_events = corpus.concat(Corpus(tuple(d.__class__(**{**d.to_dict(), "event": "later"}) for d in corpus)))
    with pytest.raises(CorpusError, match="the corpus holds 2 events; choose one") as err:
        drift_from_corpus(two_events, "China")
    assert err.value.setting == "event"
    assert drift_from_corpus(two_events, "China", event="later") == drift(ZH, EN)


# ---------------------------------------------------------------- compare reads one version

def _same_reading(result, expected) -> None:
    """The two comparisons read the same texts: equal numbers and words, side labels apart."""
    assert result.descriptors["China"] == expected.descriptors[expected.sides[1]]
    assert result.descriptors["US"] == expected.descriptors["US"]
    assert result.overlap.cosine == expected.overlap.cosine
    assert result.cross_language == expected.cross_language
    assert result.lengths["China"] == expected.lengths[expected.sides[1]]
    mine, theirs = result.sentiment["China"], expected.sentiment[expected.sides[1]]
    assert (mine.n_sentences, str(mine.mean)) == (theirs.n_sentences, str(theirs.mean))   # nan for Chinese


def test_compare_reads_the_translation_against_an_english_side_and_says_so():
    result = compare(versioned_corpus(), CompareOptions(sides=("US", "China")))
    _same_reading(result, compare(BUNDLED, CompareOptions(sides=("US", "China (official English)"))))
    assert result.warnings[0] == (
        "Side 'China' holds both an original (1 document(s), Chinese) and a translation (1 document(s), English): "
        "it is compared on its translation, in the language of 'US' (English), so that word overlap, distinctive "
        "terms and alignment compare one language; its original is left out of this comparison (prefer_version: "
        "original or translation chooses one). The translation drift reads the two versions against each other.")
    data = result.to_dict()
    assert data["versions"] == {"US": {"original": 0, "translation": 0, "unmarked": 6, "compared": None},
                                "China": {"original": 1, "translation": 1, "unmarked": 0, "compared": "translation"}}
    assert data["options"]["prefer_version"] == "auto"


def test_compare_reads_the_original_when_asked():
    result = compare(versioned_corpus(), CompareOptions(sides=("US", "China"), prefer_version="original"))
    _same_reading(result, compare(BUNDLED, CompareOptions(sides=("US", "China (original)"))))
    assert result.cross_language and result.descriptors["China"] == ["candid", "in-depth", "constructive"]
    assert "it is compared on its original, as asked (prefer_version: original); its translation is left out" in \
        result.warnings[0]
    assert result.to_dict()["versions"]["China"]["compared"] == "original"
    with pytest.raises(OptionsError) as err:
        compare(versioned_corpus(), CompareOptions(prefer_version="both"))
    assert (str(err.value), err.value.setting) == (
        "version 'both' is not known; use one of: auto, original, translation", "prefer_version")


def test_auto_reads_the_original_against_a_chinese_side_and_unmarked_documents_are_kept():
    corpus = versioned_corpus().concat(Corpus((
        BUNDLED.select(sides=["China (original)"]).documents[0].__class__(event=EVENT, side="Xinhua", text=ZH),)))
    extra = corpus.documents[-2].__class__(event=EVENT, side="China", text="双方同意保持高层交往。")
    chosen, versions, notes = choose_versions(corpus.concat(Corpus((extra,))).select(sides=["China", "Xinhua"]),
                                              ("China", "Xinhua"))
    assert [(d.side, d.version) for d in chosen] == [("China", "original"), ("Xinhua", ""), ("China", "")]
    assert versions["China"].to_dict() == {"original": 1, "translation": 1, "unmarked": 1, "compared": "original"}
    assert notes == ["Side 'China' holds both an original (1 document(s), Chinese) and a translation (1 document(s), "
                     "English): it is compared on its original (and its 1 unmarked document(s)), the side's own "
                     "text ('Xinhua' is in Chinese); its translation is left out of this comparison (prefer_version: "
                     "original or translation chooses one). The translation drift reads the two versions against "
                     "each other."]


def test_a_corpus_without_versions_compares_as_before():
    result = compare(BUNDLED, CompareOptions(sides=("US", "China")))
    assert not any("holds both an original" in w for w in result.warnings)
    assert all(v["compared"] is None for v in result.to_dict()["versions"].values())


# ---------------------------------------------------------------- CLI

def test_cli_drift_reads_a_corpus_as_the_two_file_form(tmp_path):
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "v.csv").write_bytes(versioned_csv())
    two_files = run_cli("drift", tmp_path / "zh.txt", tmp_path / "en.txt")
    from_corpus = run_cli("drift", tmp_path / "v.csv", "--side", "China", "--event", EVENT)
    assert from_corpus.returncode == 0 and from_corpus.stderr == "", from_corpus.stderr
    assert from_corpus.stdout == two_files.stdout
    assert json.loads(from_corpus.stdout) == drift(ZH, EN).to_dict()
    assert run_cli("drift", tmp_path / "v.csv").stdout == two_files.stdout   # the only side holding both
    text = run_cli("drift", tmp_path / "v.csv", "--format", "text")
    assert text.stdout == run_cli("drift", tmp_path / "zh.txt", tmp_path / "en.txt", "--format", "text").stdout
    renamed = tmp_path / "renamed.csv"
    renamed.write_bytes(versioned_csv().replace(b"event,side,version,text", b"event,who,kind,body"))
    out = run_cli("drift", renamed, "--side-column", "who", "--text-column", "body", "--version-column", "kind")
    assert out.stdout == two_files.stdout, out.stderr


def test_cli_drift_errors_are_one_line_with_status_2(tmp_path):
    (tmp_path / "bad.csv").write_bytes(versioned_csv(translation="draft"))
    (tmp_path / "v.csv").write_bytes(versioned_csv())
    (tmp_path / "zh.txt").write_text(ZH, encoding="utf-8")
    cases = {
        ("bad.csv",): f"framing: error: {tmp_path / 'bad.csv'}, row 9: the version column 'version' holds 'draft', "
                      "which is not a version; write original (the side's own text) or translation (its official "
                      "translation), or leave it empty; fix the row(s) or keep only the valid rows (--skip-bad-rows)\n",
        ("v.csv", "--side", "US"): "framing: error: side 'US' has no document marked original or translation; sides "
                                   "holding both: 'China'; mark its documents original or translation in the version "
                                   "column, or choose another side (--version-column)\n",
        ("v.csv", "--side", "Chin"): "framing: error: side 'Chin' is not in the corpus; choose from: 'US', 'China' "
                                     "(--side)\n",
        ("zh.txt",): f"framing: error: {tmp_path / 'zh.txt'}: one .txt file holds one version; give the Chinese "
                     "original and its English as two .txt files, or one .csv/.jsonl corpus with a version column\n",
        ("zh.txt", "zh.txt", "--side", "China"): "framing: error: --side reads a corpus file; give one .csv/.jsonl "
                                                 "corpus with a version column, or drop --side with the two .txt files\n",
    }
    for args, message in cases.items():
        out = run_cli("drift", *(tmp_path / a if a.endswith((".csv", ".txt")) else a for a in args))
        assert (out.returncode, out.stdout, out.stderr) == (2, "", message), args
    skipped = run_cli("drift", tmp_path / "bad.csv", "--skip-bad-rows")   # the original alone is left
    assert skipped.returncode == 2 and skipped.stderr.splitlines()[1].startswith(
        "framing: error: the drift reads one side's original against its translation, and no side holds")


def test_cli_compare_prefer_version(tmp_path):
    (tmp_path / "v.csv").write_bytes(versioned_csv())
    out = run_cli("compare", tmp_path / "v.csv", "--format", "json", "--prefer-version", "original")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["versions"]["China"]["compared"] == "original" and data["cross_language"] is True
    assert data["options"]["prefer_version"] == "original"
    wrong = run_cli("compare", tmp_path / "v.csv", "--prefer-version", "both")
    assert wrong.returncode == 2 and wrong.stderr.startswith("framing: error: argument --prefer-version: invalid choice")


def test_the_dask_engine_refuses_a_side_holding_both_versions(tmp_path):
    (tmp_path / "v.csv").write_bytes(versioned_csv())
    message = ("framing: error: side 'China' holds both an original and its translation (the version column) in "
               f"event '{EVENT}', and --engine dask does not choose between them yet; compare with --engine local, "
               "or keep one version of that side in the files\n")
    for command in ("compare", "timeline"):
        out = run_cli(command, tmp_path / "v.csv", "--sides", "US", "China", "--engine", "dask")
        # framing's one line (dask may warn before it, e.g. that its dashboard port is taken)
        ours = [line + "\n" for line in out.stderr.splitlines() if line.startswith("framing:")]
        assert (out.returncode, ours) == (2, [message]), out.stderr
    out = run_cli("compare", tmp_path / "v.csv", "--engine", "dask", "--version-column", "kind")
    assert (out.returncode, out.stderr) == (2, "framing: error: --version-column is not read by --engine dask yet; "
                                               "name the column version in the files, or compare with --engine local\n")
