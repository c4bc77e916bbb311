"""Exports: the offline HTML report, standalone charts, CSV tables with formulas neutralised."""
import io
import re

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from framing import CompareOptions, compare, corpus_from_texts, load_bundled, results
from framing.render.charts import distinctive_bar_figure
from framing.render.report import chart_html, neutralise_formula, report_html, table_csv
from framing.results import TABLE_NAMES, comparison_tables

ATTACK = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(scope="module")
def hostile():
    corpus = corpus_from_texts({
        "Red": [f"The talks were candid and useful. {ATTACK} Trade was discussed.", f"{FORMULA} was pasted here."],
        "Blue": ["The meeting was frank and cordial. Trade was discussed at the meeting.", "-1 is not a formula here."],
    }, event="hostile")
    return compare(corpus, CompareOptions(sides=("Red", "Blue")))


@pytest.fixture(scope="module")
def bundled_report():
    return report_html(compare(load_bundled(), CompareOptions(sides=("US", "China"))))


def _section(page: str, heading: str) -> str:
    """The HTML of the diff box with this heading (up to the box's closing tag)."""
    match = re.search(rf"<h3>{re.escape(heading)}</h3>(.*?)</div>", page, re.S)
    assert match, heading
    return match.group(1)


def _chip_words(fragment: str) -> list:
    return re.findall(r'<span class="chip"[^>]*>([^<]*)</span>', fragment)


def test_neutralise_formula_prefixes_only_risky_text():
    assert [neutralise_formula(v) for v in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", " =x", ""]] == \
        ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "plain", " =x", ""]
    assert neutralise_formula(-2.5) == -2.5 and neutralise_formula(None) is None


def test_table_csv_neutralises_cells_and_headers_but_not_numbers():
    table = pd.DataFrame({"=head": ["=SUM(A1)", "+1", "-2", "@cmd", "safe", None], "z": [-1.5, 2.0, 0.0, 1.0, 1.0, 1.0]})
    assert table_csv(table) == ("\ufeff'=head,z\n'=SUM(A1),-1.5\n'+1,2.0\n'-2,0.0\n'@cmd,1.0\nsafe,1.0\n,1.0\n"
                                ).encode("utf-8")


def test_comparison_tables_are_all_named_and_neutralised(hostile):
    tables = comparison_tables(hostile)
    assert tuple(tables) == TABLE_NAMES
    assert list(tables["descriptors"].itertuples(index=False, name=None)) == [
        ("candid", "only Red"), ("useful", "only Red"), ("frank", "only Blue"), ("cordial", "only Blue")]
    assert list(tables["shared_terms"].columns) == ["term", "contribution", "share", "weight_Red", "weight_Blue",
                                                    "count_Red", "count_Blue"]
    csv = table_csv(tables["alignment"]).decode("utf-8-sig")
    read_back = pd.read_csv(io.StringIO(csv), keep_default_na=False)
    assert f"'{FORMULA} was pasted here." in set(read_back["Red"])
    assert "'-1 is not a formula here." in set(read_back["Blue"])
    assert not any(str(v).startswith(("=", "+", "-", "@")) for v in read_back[["Red", "Blue"]].to_numpy().ravel())
    sentiment = pd.read_csv(io.StringIO(table_csv(tables["sentence_sentiment"]).decode("utf-8-sig")))
    assert list(sentiment.columns) == ["side", "doc_index", "sentence", "compound", "words"]
    assert sentiment["side"].tolist().count("Red") == hostile.sentiment["Red"].n_sentences


def test_every_table_has_the_schema_columns_each_side_named_by_its_label(hostile):
    tables = comparison_tables(hostile)
    for name, table in tables.items():
        expected = results.columns(name, hostile.sides)
        if name == "document_similarity":  # then one column per document of the second side
            assert list(table.columns) == expected + [f"Blue {j + 1}" for j in range(len(table.columns) - 1)]
        else:
            assert list(table.columns) == expected, name
        assert not [c for c in table.columns if str(c).endswith(("_a", "_b"))], name  # never by position
    assert list(tables["distinctive_all_terms"].columns) == [
        "term", "z", "delta", "count_Red", "count_Blue", "per_10k_Red", "per_10k_Blue", "significant"]
    # the JSON keeps the same quantity keyed by side label
    shared = hostile.to_dict()["overlap"]["shared_terms"][0]
    row = tables["shared_terms"].iloc[0]
    assert shared["count"] == {"Red": row["count_Red"], "Blue": row["count_Blue"]}
    assert set(tables["alignment"]["status"]) <= set(results.alignment_labels(hostile.sides).values())


def test_report_is_offline_one_file_with_plotly_inlined_once(hostile):
    page = report_html(hostile)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<script[^>]+src=", page, re.I)
    assert not re.search(r"<link[^>]+href=[\"']https?:", page, re.I)
    assert page.count(get_plotlyjs()) == 1
    assert page.count('class="plotly-graph-div"') == 5  # four charts and the register profile


def test_report_escapes_corpus_text(hostile):
    page = report_html(hostile)
    assert ATTACK not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # every occurrence, in tables and in the charts' hover JSON, is the escaped text
    before = re.findall(r"(.{14})alert\(1\)", page)
    assert len(before) == 5 and set(before) == {"&lt;script&gt;"}


def test_report_shows_the_descriptor_diff(hostile, bundled_report):
    page = report_html(hostile)
    diff = hostile.descriptor_diff
    assert _chip_words(_section(page, "Only Red")) == list(diff.only_a)
    assert _chip_words(_section(page, "Only Blue")) == list(diff.only_b)
    assert _chip_words(_section(bundled_report, "Shared")) == ["candid", "constructive"]
    assert _chip_words(_section(bundled_report, "Only US")) == ["substantive"]
    assert _chip_words(_section(bundled_report, "Only China")) == ["in-depth"]
    assert "TF-IDF cosine 0." in bundled_report and "Thin evidence" in bundled_report


def test_report_highlights_one_side_only_claims(hostile):
    page = report_html(hostile)
    only_rows = re.findall(r'<tr class="only">', page)
    statuses = comparison_tables(hostile)["alignment"]["status"]
    assert len(only_rows) == int((statuses != "both").sum()) > 0


def test_chart_html_is_standalone_and_offline(hostile):
    page = chart_html(distinctive_bar_figure(hostile), "<b>bars</b>")
    assert page.count(get_plotlyjs()) == 1
    assert not re.search(r"<script[^>]+src=", page, re.I)
    assert "<title>&lt;b&gt;bars&lt;/b&gt;</title>" in page


def test_duration_table_traces_each_length_word_to_its_sentence_and_the_report_shows_it():
    """Issue 11 item 5: the duration facet has its own table (its CSV under Export), the descriptor
    evidence table's columns, and none of its words in the descriptor tables."""
    comparison = compare(corpus_from_texts({
        "Red": ["The two ministers held lengthy and candid talks. They spoke at length about trade."],
        "Blue": ["The meeting was brief but cordial."],
    }, event="lengths"), CompareOptions(sides=("Red", "Blue")))
    tables = comparison_tables(comparison)
    assert results.columns("duration", comparison.sides) == results.columns("descriptor_evidence", comparison.sides)
    assert list(tables["duration"].itertuples(index=False, name=None)) == [
        ("Red", "lengthy", "lengthy", "attributive", "The two ministers held lengthy and candid talks."),
        ("Red", "lengthy", "at length", "adverb", "They spoke at length about trade."),
        ("Blue", "brief", "brief", "predicate", "The meeting was brief but cordial.")]
    assert set(tables["descriptor_evidence"]["descriptor"]) == {"candid", "cordial"}
    assert set(tables["descriptors"]["descriptor"]) == {"candid", "cordial"}
    csv = pd.read_csv(io.StringIO(table_csv(tables["duration"]).decode("utf-8-sig")))
    assert csv["descriptor"].tolist() == ["lengthy", "lengthy", "brief"]
    page = report_html(comparison)
    section = page.split("<h2>How long it lasted (duration, not in the descriptors)</h2>", 1)[1].split("<h2>", 1)[0]
    assert "They spoke at length about trade." in section and "The meeting was brief but cordial." in section
    assert "How long it lasted (duration" not in report_html(compare(load_bundled(), CompareOptions(sides=("US", "China"))))
