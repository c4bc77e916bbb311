"""Figure builders, checked through fig.data / fig.layout on a tiny named corpus."""
import html

import numpy as np
import pytest

from framing import (
    AlignOptions,
    CompareOptions,
    OverlapOptions,
    compare,
    corpus_from_texts,
)
from framing.render.charts import (
    NEUTRAL,
    OKABE_ITO,
    all_figures,
    distinctive_bar_figure,
    distinctive_scatter_figure,
    sentiment_figure,
    side_colors,
    similarity_heatmap_figure,
)
from framing.render.evidence import TermHit, duration_evidence, highlight_html, term_evidence
from framing.results import alignment_table

SCRIPT = "<script>alert(1)</script> was typed by a reader."
HAWKS = [
    "The talks were good. Tariffs were raised.",
    "Tariffs, tariffs and tariffs on steel. Tariffs protect steel. Tariffs again.",
    "Tariffs on steel and tariffs on aluminium. More tariffs, tariffs, tariffs.",
    SCRIPT,
]
DOVES = [
    "The talks were frank. Climate finance was discussed.",
    "Climate, climate and climate again. Climate finance for the poor.",
    "We discussed climate and trade. Climate, climate, climate.",
]


@pytest.fixture(scope="module")
def tiny():
    corpus = corpus_from_texts({"Hawks": HAWKS, "Doves": DOVES}, event="tiny")
    return compare(corpus, CompareOptions(sides=("Hawks", "Doves"), event="tiny"))


def _side_traces(fig, sides):
    return {t.name: t for t in fig.data if t.name in sides}


def test_side_colors_are_okabe_ito_in_comparison_order():
    assert side_colors(("Hawks", "Doves")) == {"Hawks": "#0072B2", "Doves": "#D55E00"}
    assert side_colors(("Doves", "Hawks")) == {"Doves": "#0072B2", "Hawks": "#D55E00"}
    assert OKABE_ITO[:2] == ("#0072B2", "#D55E00")


def test_tiny_corpus_has_a_significant_term_per_side(tiny):
    # the fixture is only useful if both colours appear in the scatter
    assert tiny.distinctive.n_significant == {"Hawks": 1, "Doves": 1}
    assert tiny.distinctive.top["Hawks"]["term"].iloc[0] == "tariffs"
    assert tiny.distinctive.top["Doves"]["term"].iloc[0] == "climate"


def test_distinctive_bar_traces_are_sides_with_signed_z(tiny):
    fig = distinctive_bar_figure(tiny)
    assert [t.name for t in fig.data] == ["Doves", "Hawks"]
    bars = _side_traces(fig, tiny.sides)
    assert bars["Hawks"].marker.color == "#0072B2" and bars["Doves"].marker.color == "#D55E00"
    top_h, top_d = tiny.distinctive.top["Hawks"], tiny.distinctive.top["Doves"]
    # strongest term drawn last, i.e. at the top of a horizontal bar chart
    assert list(bars["Hawks"].y) == list(top_h["term"][::-1])
    np.testing.assert_allclose(bars["Hawks"].x, top_h["z"][::-1])
    np.testing.assert_allclose(bars["Doves"].x, -top_d["z"][::-1])
    assert all(x > 0 for x in bars["Hawks"].x) and all(x < 0 for x in bars["Doves"].x)
    # significant bars are opaque, the rest faded
    assert bars["Hawks"].marker.opacity[-1] == 1.0 and bars["Hawks"].marker.opacity[0] == 0.55
    assert sorted(s.x0 for s in fig.layout.shapes) == [-1.96, 1.96]
    assert all(s.line.dash == "dash" for s in fig.layout.shapes)
    assert "Hawks" in fig.layout.xaxis.title.text and "Doves" in fig.layout.xaxis.title.text


def test_scatter_groups_terms_by_threshold_and_marks_it(tiny):
    fig = distinctive_scatter_figure(tiny)
    assert [t.name for t in fig.data[:3]] == ["Hawks", "Doves", "not distinctive"]
    hawks, doves, neither = fig.data[:3]
    assert list(hawks.hovertext) and "tariffs" in hawks.hovertext[0]
    assert hawks.marker.color == "#0072B2" and doves.marker.color == "#D55E00" and neither.marker.color == NEUTRAL
    assert list(hawks.y) == pytest.approx([tiny.distinctive.table.set_index("term").loc["tariffs", "z"]])
    assert list(doves.y) == pytest.approx([tiny.distinctive.table.set_index("term").loc["climate", "z"]])
    assert len(hawks.x) + len(doves.x) + len(neither.x) == len(tiny.distinctive.table)
    assert sorted(s.y0 for s in fig.layout.shapes) == [-1.96, 1.96]
    assert fig.layout.xaxis.type == "log"


def test_scatter_caps_terms_and_says_so(tiny):
    fig = distinctive_scatter_figure(tiny, max_terms=3)
    drawn = sorted(h.split("</b>")[0][3:] for t in fig.data[:3] for h in t.hovertext)
    assert drawn == ["climate", "steel", "tariffs"]  # counts 9, 11 and 3; the next terms occur twice
    assert fig.layout.title.text == "Frequency against distinctiveness (the 3 most frequent of 17 terms)"


def test_sentiment_boxes_per_side_with_escaped_sentences_and_words(tiny):
    fig = sentiment_figure(tiny)
    boxes = {t.name: t for t in fig.data if t.type == "box"}
    assert set(boxes) == {"Hawks", "Doves"}
    assert boxes["Hawks"].marker.color == "#0072B2" and boxes["Doves"].marker.color == "#D55E00"
    assert boxes["Hawks"].boxpoints == "all"
    assert list(boxes["Hawks"].x) == list(tiny.sentiment["Hawks"].sentences["compound"])
    hover = list(boxes["Hawks"].hovertext)
    assert hover[0] == "The talks were good.<br><b>compound +0.440</b><br>good (+1.90)"
    script = [h for h in hover if "alert(1)" in h]
    assert script == ["&lt;script&gt;alert(1)&lt;/script&gt; was typed by a reader.<br><b>compound +0.000</b>"
                      "<br>no lexicon word moved the score"]
    assert not any("<script>" in h for h in hover)
    means = [t for t in fig.data if t.type == "scatter"]
    assert [t.name for t in means] == ["Doves mean (95% CI)", "Hawks mean (95% CI)"]
    hawks_mean = means[1]
    assert hawks_mean.x[0] == pytest.approx(tiny.sentiment["Hawks"].mean)
    assert hawks_mean.error_x.array[0] == pytest.approx(tiny.sentiment["Hawks"].ci_high - tiny.sentiment["Hawks"].mean)


def test_heatmap_is_a_by_b_with_both_sentences_escaped(tiny):
    fig = similarity_heatmap_figure(tiny)
    (heat,) = fig.data
    assert np.asarray(heat.z).shape == (8, 6)
    np.testing.assert_allclose(heat.z, tiny.alignment.matrix)
    assert list(heat.y) == [f"Hawks {i}" for i in range(1, 9)] and list(heat.x) == [f"Doves {j}" for j in range(1, 7)]
    assert heat.zmin == 0 and heat.zmax == 1
    cell = heat.hovertext[7][0]
    assert cell.startswith("<b>Hawks 8</b>: &lt;script&gt;alert(1)&lt;/script&gt; was typed by a reader.")
    assert "<b>Doves 1</b>: The talks were frank." in cell
    assert "<script>" not in "".join("".join(row) for row in heat.hovertext)


def test_heatmap_title_says_what_the_cells_are(tiny):
    assert similarity_heatmap_figure(tiny).layout.title.text == (
        "Sentence similarity: Hawks sentences × Doves sentences (content-word cosine, boilerplate removed; "
        "a shared topic also matches: see Claims side by side)")
    words = compare(corpus_from_texts({"Hawks": HAWKS, "Doves": DOVES}, event="tiny"),
                    CompareOptions(sides=("Hawks", "Doves"), event="tiny", similarity="words"))
    assert similarity_heatmap_figure(words).layout.title.text == (
        "Sentence similarity: Hawks sentences × Doves sentences (matched at ≥ 0.2)")


def test_heatmap_caps_sentences_and_handles_no_matrix(tiny):
    fig = similarity_heatmap_figure(tiny, max_sentences=2)
    assert np.asarray(fig.data[0].z).shape == (2, 2)
    assert fig.layout.title.text.endswith("first 2 of 8 × first 2 of 6")
    corpus = corpus_from_texts({"Hawks": HAWKS, "Doves": DOVES}, event="tiny")
    no_matrix = compare(corpus, CompareOptions(sides=("Hawks", "Doves"), align=AlignOptions(max_matrix=1)))
    fig = similarity_heatmap_figure(no_matrix)
    assert len(fig.data) == 0 and fig.layout.annotations[0].text.startswith("No sentence matrix")


def test_every_chart_uses_the_same_colour_per_side(tiny):
    colors = {}
    for fig in all_figures(tiny).values():
        for trace in fig.data:
            if trace.name in tiny.sides:
                colors.setdefault(trace.name, set()).add(trace.marker.color)
    assert colors == {"Hawks": {"#0072B2"}, "Doves": {"#D55E00"}}


def test_side_labels_with_markup_are_escaped_in_traces_and_titles():
    corpus = corpus_from_texts({"<b>A</b>": HAWKS, "B&C": DOVES}, event="tiny")
    comparison = compare(corpus, CompareOptions(sides=("<b>A</b>", "B&C")))
    fig = distinctive_bar_figure(comparison)
    assert [t.name for t in fig.data] == ["B&amp;C", "&lt;b&gt;A&lt;/b&gt;"]
    assert "<b>A</b>" not in fig.layout.title.text


def test_alignment_view_names_columns_by_side(tiny):
    # by meaning (the default) "talks" is a readout word, so "good" and "frank" talks share nothing
    assert list(alignment_table(tiny)["status"]) == ["only Hawks"] * 8 + ["only Doves"] * 6
    words = compare(corpus_from_texts({"Hawks": HAWKS, "Doves": DOVES}, event="tiny"),
                    CompareOptions(sides=("Hawks", "Doves"), event="tiny", similarity="words"))
    view = alignment_table(words)
    assert list(view.columns) == ["Hawks", "Doves", "similarity", "status"]
    assert list(view["status"]) == ["both"] + ["only Hawks"] * 7 + ["only Doves"] * 5
    assert view.iloc[0].tolist()[:2] == ["The talks were good.", "The talks were frank."]
    assert view.iloc[7]["Hawks"] == SCRIPT and view.iloc[7]["Doves"] == ""  # raw here; escaped where rendered
    assert view.iloc[8]["Hawks"] == "" and view.iloc[8]["Doves"] == "Climate finance was discussed."


def test_term_evidence_matches_ngrams_across_removed_stop_words():
    corpus = corpus_from_texts({"A": ["We held an Exchange of Views on <b>trade</b>. Views differ."],
                                "B": ["No exchange happened."]}, event="e")
    comparison = compare(corpus, CompareOptions(sides=("A", "B")))
    hits = term_evidence(comparison, "exchange views")
    assert hits == {"A": [TermHit("We held an Exchange of Views on <b>trade</b>.", ((11, 28),))], "B": []}
    assert highlight_html(hits["A"][0]) == "We held an <mark>Exchange of Views</mark> on &lt;b&gt;trade&lt;/b&gt;."
    kept = compare(corpus, CompareOptions(sides=("A", "B"), overlap=OverlapOptions(stop_words="none")))
    assert term_evidence(kept, "exchange views") == {"A": [], "B": []}


def test_term_evidence_finds_hyphenated_descriptor_and_every_occurrence(tiny):
    corpus = corpus_from_texts({"A": ["Talks were candid, in-depth and constructive. In-depth, again in depth."],
                                "B": ["Talks were candid."]}, event="e")
    comparison = compare(corpus, CompareOptions(sides=("A", "B")))
    hits = term_evidence(comparison, "in-depth")
    assert [h.spans for h in hits["A"]] == [((19, 27),), ((0, 8), (16, 24))]
    assert highlight_html(hits["A"][1]) == "<mark>In-depth</mark>, again <mark>in depth</mark>."
    assert hits["B"] == []
    assert term_evidence(tiny, "  ") == {"Hawks": [], "Doves": []}


def test_highlight_escapes_text_outside_and_inside_marks():
    hit = TermHit("a <i>x</i> & b", ((2, 10),))
    assert highlight_html(hit) == "a <mark>&lt;i&gt;x&lt;/i&gt;</mark> &amp; b"
    assert html.unescape(highlight_html(hit).replace("<mark>", "").replace("</mark>", "")) == hit.sentence


def test_duration_evidence_traces_each_length_word_as_the_comparison_found_it():
    """The duration facet under Evidence: "at length" is traced as lengthy (a search for the word would
    miss it), a sentence with two occurrences is one hit, and a term that is no duration word finds nothing."""
    corpus = corpus_from_texts({"A": ["They spoke at length. They held lengthy talks and spoke at length about <b>trade</b>."],
                                "B": ["The call was brief."]}, event="e")
    comparison = compare(corpus, CompareOptions(sides=("A", "B")))
    hits = duration_evidence(comparison, "lengthy")
    assert hits == {"A": [TermHit("They spoke at length.", ((11, 20),)),
                          TermHit("They held lengthy talks and spoke at length about <b>trade</b>.", ((10, 17), (34, 43)))],
                    "B": []}
    assert highlight_html(hits["A"][1]) == ("They held <mark>lengthy</mark> talks and spoke <mark>at length</mark> "
                                            "about &lt;b&gt;trade&lt;/b&gt;.")
    assert duration_evidence(comparison, "brief") == {"A": [], "B": [TermHit("The call was brief.", ((13, 18),))]}
    assert duration_evidence(comparison, "candid") == {"A": [], "B": []}
    assert term_evidence(comparison, "lengthy")["A"] == [TermHit(hits["A"][1].sentence, ((10, 17),))]


def test_a_descriptor_is_traced_by_its_words_and_where_the_comparison_found_it():
    from framing import CompareOptions, compare, load_bundled
    from framing.render import evidence
    c = compare(load_bundled(), CompareOptions(sides=("US", "China (original)")))
    assert {s: len(h) for s, h in evidence.term_evidence(c, "candid").items()} == {"US": 2, "China (original)": 0}
    hits = evidence.with_descriptor_evidence(c, "candid")
    assert [(h.sentence, h.spans) for h in hits["China (original)"]] == [
        ("双方就中美总体关系及有关重要问题进行了长时间坦诚、深入、建设性沟通。", ((22, 24),))]
    assert [h.spans for h in hits["US"]] == [((0, 6),), ((0, 6),)]   # one hit a sentence, its words' spans kept
    assert evidence.with_descriptor_evidence(c, "issues") == evidence.term_evidence(c, "issues")   # not a descriptor
