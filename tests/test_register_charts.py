"""The register drawn and exported: figure (render.register_charts), tables (results), chips (render.html)."""
import html
import io
import re

import pandas as pd
import pytest

from framing import CompareOptions, compare, corpus_from_texts, load_bundled
from framing.analyses.register import DIMENSIONS, RegisterOptions, parse_lexicon_bytes
from framing.render.html import (
    DIMENSION_LABELS,
    STATUS_MARKS,
    disagreement_html,
    phrase_chips_html,
)
from framing.render.register_charts import register_figures, register_profile_figure
from framing.render.report import report_html, table_csv
from framing.results import (
    TABLE_NAMES,
    comparison_tables,
    register_disagreements_table,
    register_matches_table,
    register_profile_table,
)

HEADER = "phrase,variants,dimension,score,rationale,source_ids,status\n"
ATTACK = "<script>alert(1)</script>"
TAIWAN = ("The Taiwan issue is the core of China\u2019s core interests, the most important issue in China-US relations "
          "and the most prominent risk,")


@pytest.fixture(scope="module")
def bundled():
    return compare(load_bundled(), CompareOptions(sides=("US", "China")))


@pytest.fixture(scope="module")
def hostile():
    """Markup in side labels, text, and an analyst's lexicon (phrase, rationale, citation)."""
    lexicon = parse_lexicon_bytes((HEADER + 'talks,,warmth,1,"<b>bold</b> & more",,unsourced\n').encode(), "<i>x</i>.csv")
    corpus = corpus_from_texts({"<b>A</b>": [f"The talks were candid {ATTACK} here. It was not frank."],
                                "B&C": ["Cordial and friendly talks. We firmly oppose it, a great success."]})
    return compare(corpus, CompareOptions(sides=("<b>A</b>", "B&C"), register=RegisterOptions(lexicon)))


def test_profile_figure_bars_per_dimension_per_side(bundled):
    fig = register_profile_figure(bundled)
    assert [t.name for t in fig.data] == ["US", "China"]
    assert [t.marker.color for t in fig.data] == ["#0072B2", "#D55E00"]
    assert list(fig.data[0].y) == [d.label for d in DIMENSIONS]
    assert list(fig.data[0].x) == [3, 0, 4, 0, 0, 0, 1] and list(fig.data[1].x) == [1, 1, 1, 0, 4, -2, 1]
    assert list(fig.data[1].text) == ["n=1", "n=1", "n=1", "n=0", "n=2", "n=1", "n=1"]
    assert fig.layout.barmode == "group" and fig.layout.yaxis.autorange == "reversed"
    firmness = fig.data[1].hovertext[4]
    assert firmness.startswith("<b>China</b> · Firmness / protest / warning<br>sum +4 over 2 match(es) · cool side (−)")
    assert "· core of China&#x27;s core interests ×1 (+2, ○ unsourced)<br>· most prominent risk ×1 (+2, ○ unsourced)" \
        in firmness
    assert "· candid ×2 (+1, ● sourced)" in fig.data[0].hovertext[0]
    assert fig.data[0].hovertext[3].endswith("· no phrase matched")
    assert list(register_figures(bundled)) == ["register_profile"]


def test_profile_figure_escapes_labels_and_phrases(hostile):
    fig = register_profile_figure(hostile)
    assert [t.name for t in fig.data] == ["&lt;b&gt;A&lt;/b&gt;", "B&amp;C"]
    hover = " ".join(h for t in fig.data for h in t.hovertext)
    assert "<b>&lt;b&gt;A&lt;/b&gt;</b> · Warmth<br>sum +1 over 1 match(es)" in hover
    assert "· talks ×1 (+1, ○ unsourced)" in hover and "<b>A</b>" not in hover and "<script>" not in hover


def test_profile_table(bundled):
    table = register_profile_table(bundled)
    assert list(table.columns) == ["side", "dimension", "label", "sum", "matches", "sentences"]
    china = table[table["side"] == "China"].set_index("dimension")
    assert (china.loc["firmness", "sum"], china.loc["firmness", "matches"], china.loc["firmness", "sentences"]) == (4, 2, 4)
    assert len(table) == 2 * len(DIMENSIONS)


def test_matches_table_has_rationale_status_and_sources(bundled):
    table = register_matches_table(bundled)
    assert list(table.columns) == ["side", "phrase", "matched", "dimension", "score", "counted", "status", "rationale",
                                   "sources", "source_urls", "sentence", "doc_index", "lexicon"]
    assert table["side"].tolist() == ["US"] * 8 + ["China"] * 7
    candid = table[table["phrase"] == "candid"]
    assert candid["side"].tolist() == ["US", "US", "China"] and set(candid["status"]) == {"sourced"}
    assert candid["sources"].iloc[0].startswith("Tea Leaf Nation (2012), \"Decoding China's Diplomatic Speak\"; ")
    taiwan = table[table["sentence"] == TAIWAN]
    assert list(taiwan[["phrase", "dimension", "score"]].itertuples(index=False, name=None)) == [
        ("core of China's core interests", "firmness", 2), ("most important issue", "emphasis", 1),
        ("most prominent risk", "firmness", 2)]
    assert set(table["lexicon"]) == {"bundled"} and table["counted"].all()


def test_negated_matches_are_listed_but_not_counted(hostile):
    table = register_matches_table(hostile)
    frank = table[table["phrase"] == "frank"].iloc[0]
    assert (frank["side"], bool(frank["counted"])) == ("<b>A</b>", False)
    chips = phrase_chips_html(hostile, "<b>A</b>")
    assert "<s><b>frank</b></s> ×1" in chips and "negated, not counted" in chips


def test_disagreements_table(bundled):
    table = register_disagreements_table(bundled)
    assert list(table.itertuples(index=False, name=None)) == [
        ("US", "raised a number of issues of concern,", 0.0772, -1, "issues of concern", "number", 3),
        ("China", TAIWAN, 0.5119, -4, "core of China's core interests; most important issue; most prominent risk",
         "interests; important; prominent; risk", 2)]


def test_disagreement_html_marks_the_phrases_as_written(bundled):
    block = disagreement_html(bundled, bundled.disagreements[1])
    assert "border-left:4px solid #D55E00" in block
    assert "<span style=\"background:#ffe9a8;font-weight:600\">core of China’s core interests</span>" in block
    assert "VADER compound <b>+0.512</b>" in block and "register score <b>-4</b>" in block


def test_chips_mark_status_and_escape_everything(bundled, hostile):
    us = phrase_chips_html(bundled, "US")
    assert us.count("border:2px solid") == 1 and us.count("border:2px dashed") == 4  # candid vs the unsourced rest
    chips = phrase_chips_html(hostile, "<b>A</b>")
    assert ATTACK not in chips and "<b>bold</b>" not in chips and "<i>x</i>" not in chips
    assert "<b>talks</b> ×1 · <small>Warmth +1</small> ○" in chips
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in chips
    assert "\n" not in chips
    nothing = compare(corpus_from_texts({"X": ["Weather."], "Y": ["Rain."]}), CompareOptions())
    assert "no register phrase matched" in phrase_chips_html(nothing, "X")


def test_status_marks_and_labels():
    assert STATUS_MARKS == {"sourced": "● sourced", "unsourced": "○ unsourced"}
    assert list(DIMENSION_LABELS) == [d.name for d in DIMENSIONS]


# ---- exports ------------------------------------------------------------------------------------

def test_register_tables_are_exported_as_csv(bundled):
    assert TABLE_NAMES[-3:] == ("register_profile", "register_matches", "register_disagreements")
    tables = comparison_tables(bundled)
    matches = pd.read_csv(io.StringIO(table_csv(tables["register_matches"]).decode("utf-8-sig")), keep_default_na=False)
    assert len(matches) == 15 and matches.loc[0, "phrase"] == "candid" and matches.loc[0, "status"] == "sourced"
    disagreements = pd.read_csv(io.StringIO(table_csv(tables["register_disagreements"]).decode("utf-8-sig")))
    assert disagreements["register_score"].tolist() == [-1, -4]
    assert disagreements["vader_compound"].tolist() == [0.0772, 0.5119]


def test_register_csv_neutralises_formulas():
    lexicon = parse_lexicon_bytes((HEADER + 'candid,,differences_aired,1,"=HYPERLINK(""x"")",,unsourced\n').encode(),
                                  "mine.csv")
    comparison = compare(corpus_from_texts({"A": ["-candid talks."], "B": ["Calm."]}),
                         CompareOptions(register=RegisterOptions(lexicon, "replace")))
    text = table_csv(register_matches_table(comparison)).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'-candid talks." in text


def test_report_has_the_register_section(bundled):
    page = report_html(bundled)
    section = page[page.index("<h2>Diplomatic register</h2>"):]
    assert section.count('class="plotly-graph-div"') == 1
    assert "<h3>US</h3>" in section and "<h3>China</h3>" in section
    assert "<b>candid</b> ×2" in section and "<h3>VADER and the register disagree</h3>" in section
    assert "register score <b>-4</b>" in section and "<h3>Every matched phrase</h3>" in section
    assert "Translation variants treated" not in section
    on = compare(load_bundled(), CompareOptions(sides=("US", "China"), translation_variants=True))
    assert "Translation variants treated as one term: emphasized → stressed (US)." in report_html(on)


def test_report_register_section_is_escaped(hostile):
    page = report_html(hostile)
    section = page[page.index("<h2>Diplomatic register</h2>"):]
    assert ATTACK not in section and "<b>bold</b>" not in section and "<i>x</i>" not in section
    assert "&lt;b&gt;A&lt;/b&gt;" in section
    assert not re.search(r"<script>alert", page)
    assert html.escape(ATTACK) in section
