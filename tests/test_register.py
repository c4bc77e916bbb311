"""Diplomatic register: the bundled lexicon, matching, validation, compare() and the CLI."""
import doctest
import json
from pathlib import Path

import pytest
from cli_support import run_cli

import framing.analyses.register
from framing import (
    CompareOptions,
    OptionsError,
    compare,
    corpus_from_texts,
    load_bundled,
)
from framing.analyses.register import (
    DIMENSION_NAMES,
    RegisterError,
    RegisterOptions,
    bundled_lexicon,
    canonical_form,
    combine_lexicons,
    load_lexicon,
    match_register,
    parse_lexicon_bytes,
    parse_sources_bytes,
    score_register,
    unify_variants,
)

ROOT = Path(__file__).resolve().parent.parent
HEADER = "phrase,variants,dimension,score,rationale,source_ids,status\n"


def lexicon(rows: str, name: str = "mine.csv"):
    return parse_lexicon_bytes((HEADER + rows).encode(), name)


def found(text, lex=None):
    return [(m.phrase, m.matched, m.dimension, m.score) for m in match_register(text, lex)]


# ---------------------------------------------------------------- the bundled lexicon

def test_bundled_lexicon_counts_and_sources():
    lex = bundled_lexicon()
    assert lex.summary() == {"name": "bundled", "rows": 43, "sourced": 9, "unsourced": 34}
    sourced = [e.phrase for e in lex.entries if e.status == "sourced"]
    assert sourced == ["candid", "frank", "exchange of views", "cordial and friendly", "firmly opposes",
                       "solemn representations", "strong dissatisfaction", "red line", "cannot remain indifferent"]
    assert {e.dimension for e in lex.entries} == set(DIMENSION_NAMES)
    assert all(e.source_ids for e in lex.entries if e.status == "sourced")
    assert not any(e.source_ids for e in lex.entries if e.status == "unsourced")
    # no invented addresses: REFERENCES.md gives no URL for any source
    assert [s.url for s in lex.sources] == [""] * 9


def test_candid_row_is_sourced_with_the_counter_note():
    entry = next(e for e in bundled_lexicon().entries if e.phrase == "candid")
    assert (entry.dimension, entry.score, entry.status) == ("differences_aired", 1, "sourced")
    assert entry.source_ids == ("tln2012", "woc2014", "afp2014", "frus1974")
    assert '"only friends can talk very frankly"' in entry.rationale
    assert bundled_lexicon().source("tln2012").citation == "Tea Leaf Nation (2012), \"Decoding China's Diplomatic Speak\""


# ---------------------------------------------------------------- matching: each kind of row

def test_sourced_row():
    [m] = match_register("China firmly opposes the visit.")
    assert (m.phrase, m.matched, m.variant, m.dimension, m.score, m.status) == (
        "firmly opposes", "firmly opposes", "", "firmness", 2, "sourced")
    assert [s.source_id for s in m.sources] == ["globaltimes2023", "scio2021"]
    assert m.rationale == "A formal protest formula of PRC statements."
    assert (m.start, m.end, m.sentence, m.negated, m.origin) == (6, 20, "China firmly opposes the visit.", False, "bundled")


def test_unsourced_row():
    [m] = match_register("The talks were constructive.")
    assert (m.phrase, m.dimension, m.score, m.status, m.sources) == ("constructive", "outcome", 1, "unsourced", ())


def test_multiword_row_and_its_variant():
    assert found("They held an exchange of views. The ministers exchanged views on trade.") == [
        ("exchange of views", "exchange of views", "outcome", -1),
        ("exchange of views", "exchanged views", "outcome", -1)]


def test_variants_are_unified_to_the_phrase():
    matches = match_register("A deep exchange; the most pronounced risk; practical cooperation; he emphasised it.")
    assert [(m.phrase, m.matched, m.variant) for m in matches] == [
        ("in-depth", "deep", "deep"), ("most prominent risk", "most pronounced risk", "most pronounced risk"),
        ("pragmatic", "practical", "practical"), ("stressed", "emphasised", "emphasised")]


def test_hyphen_and_space_forms_are_one_but_compounds_are_words():
    assert found("in depth, in-depth, in\u2011depth, wide ranging") == [
        ("in-depth", "in depth", "depth", 1), ("in-depth", "in-depth", "depth", 1),
        ("in-depth", "in\u2011depth", "depth", 1), ("wide-ranging", "wide ranging", "depth", 1)]
    assert found("deep-rooted differences and knee-deep trouble") == []


def test_longest_phrase_first_and_no_overlaps():
    assert found("China expressed strong dissatisfaction.") == [
        ("strong dissatisfaction", "strong dissatisfaction", "firmness", 2)]
    assert found("China expressed dissatisfaction.") == [("dissatisfaction", "dissatisfaction", "firmness", 1)]
    assert found("The meeting was cordial and friendly, then cordial.") == [
        ("cordial and friendly", "cordial and friendly", "warmth", 2), ("cordial", "cordial", "warmth", 1)]
    assert found("Taiwan is the core of China\u2019s core interests.") == [
        ("core of China's core interests", "core of China\u2019s core interests", "firmness", 2)]
    assert found("Taiwan is among China's core interests.") == [("core interests", "core interests", "firmness", 2)]
    assert found("We voiced deep concern.") == [("deep concern", "deep concern", "firmness", 1)]


def test_longest_first_across_the_sentence_not_leftmost():
    # "exchange of views" (three words) is taken before "frank exchange" (two) that starts earlier
    lex = combine_lexicons(bundled_lexicon(), lexicon("frank exchange,,differences_aired,2,r,,unsourced\n"))
    assert found("A frank exchange of views.", lex) == [("frank", "frank", "differences_aired", 1),
                                                        ("exchange of views", "exchange of views", "outcome", -1)]
    assert found("A frank exchange.", lex) == [("frank exchange", "frank exchange", "differences_aired", 2)]


def test_case_insensitive_and_whole_words_only():
    assert found("RED LINE. Red Line. red lines.") == [("red line", "RED LINE", "firmness", 2),
                                                      ("red line", "Red Line", "firmness", 2),
                                                      ("red line", "red lines", "firmness", 2)]
    assert found("A candidate from Frankfurt spoke positively; red, line.") == []


def test_negated_matches_are_kept_but_not_scored():
    r = score_register("A", ["The talks were not constructive. Neither frank nor useful.",
                             "Not only candid but constructive. No. The talks were candid."])
    assert [(m.phrase, m.negated) for m in r.matches] == [
        ("constructive", True), ("frank", True), ("useful", True),
        ("candid", False), ("constructive", False), ("candid", False)]
    assert r.profile == {"differences_aired": 2, "depth": 0, "outcome": 1, "warmth": 0, "firmness": 0,
                         "relationship": 0, "emphasis": 0}
    assert r.counts["differences_aired"] == 2 and r.counts["outcome"] == 1
    assert [(s.sentence, s.score) for s in r.sentences] == [
        ("The talks were not constructive.", 0), ("Neither frank nor useful.", 0),
        ("Not only candid but constructive.", 0), ("No. The talks were candid.", -1)]
    assert r.n_sentences == 4   # "No." is an abbreviation to the splitter; its full stop still ends the clause


def test_profile_is_the_sum_of_scores_and_counts_matches():
    r = score_register("PRC", ["The talks were candid and in-depth. We firmly oppose it and lodged solemn "
                               "representations. Relations are at their lowest point."])
    assert r.profile == {"differences_aired": 1, "depth": 1, "outcome": 0, "warmth": 0, "firmness": 4,
                         "relationship": -2, "emphasis": 0}
    assert r.counts == {"differences_aired": 1, "depth": 1, "outcome": 0, "warmth": 0, "firmness": 2,
                        "relationship": 1, "emphasis": 0}
    # register score of a sentence: sum(score * tone); depth has tone 0, firmness -1, relationship +1
    assert [s.score for s in r.sentences] == [-1, -4, -2]
    assert list(r.table().columns) == ["phrase", "matched", "dimension", "score", "status", "negated", "sentence",
                                       "rationale", "sources", "doc_index"]


# ---------------------------------------------------------------- validation

@pytest.mark.parametrize("rows,message", [
    (None, "mine.csv, header row: no column 'score'; the columns are 'phrase', 'variants', 'dimension', 'rationale', "
           "'source_ids', 'status'; a lexicon needs the columns phrase,variants,dimension,score,rationale,source_ids,status"),
    (" ,,warmth,1,r,,unsourced\n", "mine.csv, row 2: the phrase is empty; write the phrase or delete the row"),
    ("x,,warmth,high,r,,unsourced\n", "mine.csv, row 2: score 'high' is not a whole number; use a whole number from -2 to 2"),
    ("x,,warmth,1.5,r,,unsourced\n", "mine.csv, row 2: score '1.5' is not a whole number; use a whole number from -2 to 2"),
    ("x,,warmth,3,r,,unsourced\n", "mine.csv, row 2: score 3 is outside -2 to 2; use a whole number from -2 to 2"),
    ("x,,tone,1,r,,unsourced\n", "mine.csv, row 2: dimension 'tone' is not known; use one of: differences_aired, "
                                 "depth, outcome, warmth, firmness, relationship, emphasis"),
    ("x,,warmth,1,r,,maybe\n", "mine.csv, row 2: status 'maybe' is not known; use 'sourced' or 'unsourced'"),
    ("x,,warmth,1,r,,sourced\n", "mine.csv, row 2: 'x' is 'sourced' but source_ids is empty; add a source id from "
                                 "the sources table or set the status to 'unsourced'"),
    ("x,,warmth,1,r,tln2012,unsourced\n", "mine.csv, row 2: 'x' is 'unsourced' but cites 'tln2012'; set the status "
                                          "to 'sourced' or clear source_ids"),
    ("x,,warmth,1,r,nyt1999,sourced\n", "mine.csv, row 2: source id 'nyt1999' is not in the sources table (known: "
     "tln2012, woc2014, afp2014, frus1974, politico2018, globaltimes2023, scio2021, newsweek2022, nicolson1939); "
     "fix the id or add the source to the sources table"),
    ("warm,,warmth,1,r,,unsourced\nWarm,,warmth,2,r,,unsourced\n",
     "mine.csv, row 3: phrase 'Warm' duplicates phrase 'warm' in row 2 (case, hyphens and spaces do not count); "
     "keep it in one row only"),
    ("in-depth,deep,depth,1,r,,unsourced\ndeep,,depth,1,r,,unsourced\n",
     "mine.csv, row 3: phrase 'deep' duplicates variant 'deep' in row 2 (case, hyphens and spaces do not count); "
     "keep it in one row only"),
    ("in-depth,in depth,depth,1,r,,unsourced\n",
     "mine.csv, row 2: variant 'in depth' repeats phrase 'in-depth' of the same row; delete it: case, hyphen and "
     "space spellings already match"),
    ("x,,warmth,1,,,unsourced\n", "mine.csv, row 2: the rationale of 'x' is empty; write one line on what the phrase signals"),
    ("x,,warmth,1,r,,unsourced,extra\n", "mine.csv, row 2: has 8 cells but the header has 7; quote cells that contain commas"),
    ("", "mine.csv: the lexicon has no rows; add at least one row under the header"),
])
def test_lexicon_validation_messages(rows, message):
    data = ("phrase,variants,dimension,rationale,source_ids,status\nx,,warmth,r,,unsourced\n" if rows is None
            else HEADER + rows)
    with pytest.raises(RegisterError) as err:
        parse_lexicon_bytes(data.encode(), "mine.csv")
    assert str(err.value) == message


def test_sources_validation_messages():
    with pytest.raises(RegisterError, match=r"^src\.csv, row 3: source id 'a' is already in row 2; give each source its own id$"):
        parse_sources_bytes(b"source_id,citation,url\na,A,\na,B,\n", "src.csv")
    with pytest.raises(RegisterError, match=r"^src\.csv, header row: no column 'url'"):
        parse_sources_bytes(b"source_id,citation\na,A\n", "src.csv")


def test_file_errors(tmp_path):
    with pytest.raises(RegisterError) as err:
        load_lexicon(tmp_path / "none.csv")
    assert str(err.value) == f"{tmp_path / 'none.csv'}: no such file; check the path"
    with pytest.raises(RegisterError) as err:
        parse_lexicon_bytes(b"", "mine.csv")
    assert str(err.value) == ("mine.csv: the file is empty; it needs a header row: "
                              "phrase,variants,dimension,score,rationale,source_ids,status")


def test_bad_mode_is_an_options_error():
    with pytest.raises(OptionsError, match=r"^lexicon mode 'merge' is not known; use 'extend' or 'replace'$"):
        compare(corpus_from_texts({"A": "x y", "B": "y z"}), CompareOptions(register=RegisterOptions(mode="merge")))


# ---------------------------------------------------------------- an analyst's lexicon

def test_custom_lexicon_with_own_sources(tmp_path):
    (tmp_path / "lex.csv").write_text(HEADER + "businesslike,,warmth,-1,Cool and correct.,me2024,sourced\n", encoding="utf-8")
    (tmp_path / "src.csv").write_text("source_id,citation,url\nme2024,My coding notes (2024),https://example.org/notes\n",
                                      encoding="utf-8")
    lex = load_lexicon(tmp_path / "lex.csv", tmp_path / "src.csv")
    [m] = match_register("A businesslike meeting.", lex)
    assert (m.phrase, m.score, m.origin) == ("businesslike", -1, str(tmp_path / "lex.csv"))
    assert [s.to_dict() for s in m.sources] == [
        {"source_id": "me2024", "citation": "My coding notes (2024)", "url": "https://example.org/notes"}]


def test_custom_lexicon_extends_or_replaces():
    mine = lexicon("businesslike,,warmth,-1,Cool and correct.,,unsourced\n"
                   "candid,,differences_aired,2,Stronger in my coding.,,unsourced\n")
    corpus = corpus_from_texts({"A": "A candid and businesslike meeting.", "B": "A constructive meeting."})

    def register(options):
        return {s: [(m["phrase"], m["score"], m["lexicon"]) for m in v["matches"]]
                for s, v in compare(corpus, CompareOptions(register=options)).to_dict()["register"]["by_side"].items()}

    assert register(RegisterOptions()) == {"A": [("candid", 1, "bundled")], "B": [("constructive", 1, "bundled")]}
    assert register(RegisterOptions(mine)) == {"A": [("candid", 2, "mine.csv"), ("businesslike", -1, "mine.csv")],
                                               "B": [("constructive", 1, "bundled")]}
    assert register(RegisterOptions(mine, mode="replace")) == {
        "A": [("candid", 2, "mine.csv"), ("businesslike", -1, "mine.csv")], "B": []}
    opts = compare(corpus, CompareOptions(register=RegisterOptions(mine))).to_dict()["options"]["register"]
    assert opts == {"mode": "extend", "custom_lexicon": {"name": "mine.csv", "rows": 2, "sourced": 0, "unsourced": 2},
                    "lexicon": {"name": "bundled + mine.csv", "rows": 44, "sourced": 8, "unsourced": 36}}


def test_extend_drops_every_bundled_row_sharing_a_form():
    # "frank" as a variant of my "candid" takes over the bundled "candid" and "frank" rows
    mine = lexicon("candid,frank,differences_aired,1,One Chinese word.,,unsourced\n")
    combined = combine_lexicons(bundled_lexicon(), mine)
    assert len(combined.entries) == 42
    assert [(m.phrase, m.matched, m.status) for m in match_register("Frank talks.", combined)] == [
        ("candid", "Frank", "unsourced")]


# ---------------------------------------------------------------- the bundled event

@pytest.fixture(scope="module")
def bundled():
    return compare(load_bundled(), CompareOptions(sides=("US", "China"))).to_dict()


def test_register_json_shape(bundled):
    reg = bundled["register"]
    assert set(reg) == {"by_side", "disagreements"}
    assert list(reg["by_side"]) == ["US", "China"]
    for side in reg["by_side"].values():
        assert list(side["profile"]) == list(DIMENSION_NAMES)
        assert all(set(m) >= {"phrase", "matched", "dimension", "score", "sentence", "rationale", "status", "sources"}
                   for m in side["matches"])
    json.dumps(reg, allow_nan=False)


def test_bundled_candid_on_both_sides_and_taiwan_firmness(bundled):
    by_side = bundled["register"]["by_side"]
    for side in ("US", "China"):
        candid = [m for m in by_side[side]["matches"] if m["phrase"] == "candid"]
        assert candid and all(m["dimension"] == "differences_aired" and m["status"] == "sourced" for m in candid)
    assert by_side["US"]["profile"] == {"differences_aired": 3, "depth": 0, "outcome": 4, "warmth": 0,
                                        "firmness": 0, "relationship": 0, "emphasis": 1}
    assert by_side["China"]["profile"] == {"differences_aired": 1, "depth": 1, "outcome": 1, "warmth": 0,
                                           "firmness": 4, "relationship": -2, "emphasis": 1}
    taiwan = [(m["phrase"], m["matched"], m["dimension"], m["score"]) for m in by_side["China"]["matches"]
              if m["sentence"].startswith("The Taiwan issue")]
    assert taiwan == [("core of China's core interests", "core of China\u2019s core interests", "firmness", 2),
                      ("most important issue", "most important issue", "emphasis", 1),
                      ("most prominent risk", "most prominent risk", "firmness", 2)]
    assert [m["phrase"] for m in by_side["US"]["matches"]] == [
        "candid", "substantive", "constructive", "stressed", "issues of concern", "candid", "substantive", "constructive"]


def test_bundled_disagreements(bundled):
    assert [(d["side"], d["sentence"], d["compound"], d["register_score"], d["phrases"], d["vader_words"])
            for d in bundled["register"]["disagreements"]] == [
        ("US", "raised a number of issues of concern,", 0.0772, -1, ["issues of concern"], ["number"]),
        ("China", "The Taiwan issue is the core of China\u2019s core interests, the most important issue in China-US "
                  "relations and the most prominent risk,", 0.5119, -4,
         ["core of China's core interests", "most important issue", "most prominent risk"],
         ["interests", "important", "prominent", "risk"]),
    ]


def test_bundled_variants_off_by_default(bundled):
    assert bundled["options"]["translation_variants"] is False
    assert bundled["variants_applied"] == []


# ---------------------------------------------------------------- translation variants

VARIANT_TEXTS = {"A": "The talks were candid and deep. Practical cooperation was practical.",
                 "B": "The talks were candid and in-depth. Pragmatic cooperation was pragmatic."}


def test_translation_variants_off_keeps_the_words_apart():
    d = compare(corpus_from_texts(VARIANT_TEXTS), CompareOptions()).to_dict()
    assert d["descriptors"]["shared"] == ["candid"]
    assert d["descriptors"]["only"] == {"A": ["deep"], "B": ["in-depth"]}
    assert [t["term"] for t in d["distinctive_terms"]["A"]] == ["practical", "deep"]
    assert [t["term"] for t in d["distinctive_terms"]["B"]] == ["pragmatic", "depth"]
    assert d["overlap"]["cosine"] == pytest.approx(0.2329796548048752)


def test_translation_variants_on_makes_them_one_term():
    d = compare(corpus_from_texts(VARIANT_TEXTS), CompareOptions(translation_variants=True)).to_dict()
    assert d["options"]["translation_variants"] is True
    assert d["descriptors"]["by_side"] == {"A": ["candid", "in-depth"], "B": ["candid", "in-depth"]}
    assert d["descriptors"]["shared"] == ["candid", "in-depth"]
    assert d["descriptors"]["only"] == {"A": [], "B": []}
    assert [(e["descriptor"], e["surface"]) for e in d["descriptors"]["evidence"]["A"]] == [("candid", "candid"),
                                                                                            ("in-depth", "deep")]
    assert d["distinctive_terms"] == {"A": [], "B": []}   # the same words on both sides now
    assert d["overlap"]["cosine"] == pytest.approx(1.0)
    assert d["variants_applied"] == [{"variant": "deep", "canonical": "in-depth", "sides": ["A"]},
                                     {"variant": "practical", "canonical": "pragmatic", "sides": ["A"]}]
    # sentiment and alignment keep the words as written
    assert d["sentiment"]["A"]["sentences"][0]["sentence"] == "The talks were candid and deep."


def test_unify_variants_and_canonical_form():
    assert unify_variants("The most pronounced risk; candidly, deep-rooted.") == (
        "The most prominent risk; candid, deep-rooted.",
        (("most pronounced risk", "most prominent risk"), ("candidly", "candid")))
    assert [canonical_form(w) for w in ("deep", "practical", "in depth", "candid", "gruelling")] == [
        "in-depth", "pragmatic", "in depth", "candid", "gruelling"]


def test_docstring_examples():
    import importlib
    for name in ("", ".lexicon", ".match", ".disagreements", ".variants"):
        module = importlib.import_module("framing.analyses.register" + name)
        result = doctest.testmod(module)
        assert result.failed == 0 and (result.attempted > 0 or name in (".disagreements",)), name


# ---------------------------------------------------------------- the CLI

def test_cli_lexicon_extend_and_replace(tmp_path):
    lex = tmp_path / "lex.csv"
    lex.write_text(HEADER + "lowest point,,relationship,-1,Milder in my reading.,,unsourced\n", encoding="utf-8")
    proc = run_cli("compare", "--format", "json", "--lexicon", str(lex))
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    china = d["register"]["by_side"]["China"]
    assert [(m["phrase"], m["score"], m["lexicon"]) for m in china["matches"]][0] == ("lowest point", -1, str(lex))
    assert china["profile"]["relationship"] == -1 and china["profile"]["firmness"] == 4
    proc = run_cli("compare", "--format", "json", "--lexicon", str(lex), "--lexicon-mode", "replace")
    d = json.loads(proc.stdout)
    assert {s: [m["phrase"] for m in v["matches"]] for s, v in d["register"]["by_side"].items()} == {
        "US": [], "China": ["lowest point"]}
    assert d["options"]["register"]["lexicon"] == {"name": str(lex), "rows": 1, "sourced": 0, "unsourced": 1}


def test_cli_text_summary_shows_the_register():
    proc = run_cli("compare")
    assert proc.returncode == 0, proc.stderr
    assert "Diplomatic register (lexicon bundled: 43 phrases, 34 unsourced; * = unsourced reading):" in proc.stdout
    assert "  China: differences_aired +1, depth +1, outcome +1, firmness +4, relationship -2, emphasis +1" in proc.stdout
    assert "  VADER +0.51 vs register -4 (China): The Taiwan issue" in proc.stdout


def test_cli_translation_variants(tmp_path):
    for side, text in VARIANT_TEXTS.items():
        (tmp_path / f"{side}.txt").write_text(text, encoding="utf-8")
    proc = run_cli("compare", str(tmp_path / "A.txt"), str(tmp_path / "B.txt"), "--format", "json", "--translation-variants")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["descriptors"]["shared"] == ["candid", "in-depth"]
    assert [v["variant"] for v in d["variants_applied"]] == ["deep", "practical"]


@pytest.mark.parametrize("content,args,message", [
    (HEADER + "x,,warmth,9,r,,unsourced\n", [],
     "framing: error: {f}, row 2: score 9 is outside -2 to 2; use a whole number from -2 to 2"),
    (None, [], "framing: error: {f}: no such file; check the path"),
    (HEADER + "x,,warmth,1,r,,unsourced\n", ["--lexicon-mode", "merge"],
     "framing: error: argument --lexicon-mode: invalid choice: 'merge' (choose from 'extend', 'replace'); "
     "see 'python -m framing compare --help'"),
])
def test_cli_bad_lexicon_exits_2_with_one_line(tmp_path, content, args, message):
    f = tmp_path / "lex.csv"
    if content is not None:
        f.write_text(content, encoding="utf-8")
    proc = run_cli("compare", "--lexicon", str(f), *args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == message.format(f=f) + "\n"


def test_cli_lexicon_mode_needs_a_lexicon():
    proc = run_cli("compare", "--lexicon-mode", "replace")
    assert proc.returncode == 2
    assert proc.stderr == ("framing: error: --lexicon-mode needs --lexicon PATH; pass your lexicon file too, "
                           "or drop --lexicon-mode\n")
