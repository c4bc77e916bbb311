"""The dashboard's diplomatic register (issue 6) under AppTest: the Register tab on the bundled event,
translation variants (checkbox and URL), an analyst's lexicon (upload, extend/replace, errors), caching."""
import json
import pickle

import pytest
from app_support import each_tab, no_exception, open_tab, start_app
from streamlit.testing.v1 import AppTest

import dashboard
from app import compute, register_panel, settings
from app.safe import md
from framing import CompareOptions, compare, load_bundled
from framing.analyses.register import (
    DIMENSION_NAMES,
    RegisterError,
    RegisterOptions,
    parse_lexicon_bytes,
)

HEADER = b"phrase,variants,dimension,score,rationale,source_ids,status\n"
MINE = HEADER + b"businesslike,,warmth,1,Correct and to the point (my coding).,,unsourced\n"
TAIWAN = ("The Taiwan issue is the core of China\u2019s core interests, the most important issue in China-US relations "
          "and the most prominent risk,")
TEXT_A = "The talks were businesslike and candid.\n\nTrade came up."
TEXT_B = "The meeting was cordial. Climate came up."


def _matches(at: AppTest) -> list:
    """The Register tab's table of matches: (side, phrase, matched, dimension, score, status, counted)."""
    (table,) = [d.value for d in at.dataframe if "phrase" in d.value.columns]
    return list(table[["side", "phrase", "matched", "dimension", "score", "status", "counted"]]
                .itertuples(index=False, name=None))


def _profile(at: AppTest) -> dict:
    """The register profile chart: {trace name: [sum per dimension, in DIMENSIONS order]}."""
    (fig,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart")
              if "Diplomatic register" in json.loads(c.proto.spec)["layout"]["title"]["text"]]
    return {t["name"]: list(t["x"]) for t in fig["data"]}


def _html(at: AppTest, needle: str) -> list:
    return [m.value for m in at.main.markdown if needle in m.value]


def _paste(at: AppTest) -> AppTest:
    at.radio(key="source").set_value("paste").run()
    at.text_area(key="paste_a").input(TEXT_A)
    at.text_area(key="paste_b").input(TEXT_B).run()
    no_exception(at)
    return at


@pytest.fixture(scope="module")
def default_app():
    return start_app()


# ---- the bundled event --------------------------------------------------------------------------

def test_register_tab_sits_beside_the_others(default_app):
    no_exception(default_app)
    assert [t.label for t in default_app.tabs] == ["Charts", "Claims side by side", "Evidence", "Register", "Agenda", "Export"]
    assert default_app.checkbox(key="variants").value is False
    open_tab(default_app, "Register")
    no_exception(default_app)
    assert _html(default_app, "Lexicon: <b>bundled</b>, 43 rows (9 sourced, 34 unsourced)")


def test_candid_is_differences_aired_and_sourced_on_both_sides(default_app):
    open_tab(default_app, "Register")
    rows = _matches(default_app)
    candid = [r for r in rows if r[1] == "candid"]
    assert candid == [("US", "candid", "candid", "Differences aired", 1, "● sourced", True)] * 2 + [
        ("China", "candid", "candid", "Differences aired", 1, "● sourced", True)]
    (us_chips,) = _html(default_app, "<b>US</b> <small>· 8 match(es) in 4 of its 6 sentence(s)")
    (china_chips,) = _html(default_app, "<b>China</b> <small>· 7 match(es) in 3 of its 4 sentence(s)")
    assert "<b>candid</b> ×2 · <small>Differences aired +1</small> ●" in us_chips
    assert "<b>candid</b> ×1 · <small>Differences aired +1</small> ●" in china_chips
    # the chip's hover: rationale and sources (escaped), solid border for a sourced row
    assert ('title="Differences aired +1 · sourced&#10;Differences were aired: each side set out where it disagrees'
            in us_chips)
    assert "Tea Leaf Nation (2012), &quot;Decoding China&#x27;s Diplomatic Speak&quot;" in us_chips
    assert "border:2px solid #0072B2" in us_chips and "border:2px solid #D55E00" in china_chips
    # unsourced rows are marked as such: dashed border and the word
    assert ('<b>substantive</b> ×2 · <small>Progress / outcome +1</small> ○ <small style="color:#777">unsourced'
            '</small>') in us_chips


def test_taiwan_statement_reads_as_firmness(default_app):
    open_tab(default_app, "Register")
    (table,) = [d.value for d in default_app.dataframe if "phrase" in d.value.columns]
    taiwan = table[table["sentence"] == TAIWAN]
    assert list(taiwan[["phrase", "matched", "dimension", "score", "status"]].itertuples(index=False, name=None)) == [
        ("core of China's core interests", "core of China\u2019s core interests", "Firmness / protest / warning", 2,
         "○ unsourced"),
        ("most important issue", "most important issue", "Emphasis", 1, "○ unsourced"),
        ("most prominent risk", "most prominent risk", "Firmness / protest / warning", 2, "○ unsourced")]
    assert _profile(default_app) == {"US": [3, 0, 4, 0, 0, 0, 1], "China": [1, 1, 1, 0, 4, -2, 1]}


def test_vader_register_disagreements_are_listed(default_app):
    open_tab(default_app, "Register")
    (block,) = _html(default_app, "VADER compound")
    assert block.count("border-left:4px solid") == 2
    assert ("<b>US</b>: “raised a number of <span style=\"background:#ffe9a8;font-weight:600\">issues of concern"
            "</span>,”") in block
    assert ("VADER compound <b>+0.077</b> (read: number) · register score <b>-1</b> (issues of concern)") in block
    assert "<b>China</b>: “The Taiwan issue is the " in block
    assert ("VADER compound <b>+0.512</b> (read: interests, important, prominent, risk) · register score <b>-4</b> "
            "(core of China&#x27;s core interests, most important issue, most prominent risk)") in block


def test_register_exports_are_offered(default_app):
    open_tab(default_app, "Export")
    labels = [b.label for b in default_app.main.get("download_button")]
    assert {"register profile", "register matches", "register disagreements"} <= set(labels)


# ---- translation variants -----------------------------------------------------------------------

def _distinctive_terms(at: AppTest, side: str) -> list:
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    (trace,) = [t for t in fig["data"] if t["name"] == side]
    return trace["y"]


def test_toggling_translation_variants_reruns_and_shows_what_was_unified():
    at = start_app()
    assert "emphasized" in _distinctive_terms(at, "US")
    assert not _html(at, "Translation variants treated as one term")
    at.checkbox(key="variants").check().run()
    no_exception(at)
    assert at.query_params["variants"] == "1" and "variants=1" in at.sidebar.code[0].value
    note = ("Translation variants treated as one term in descriptors, overlap and distinctive terms: "
            "<b>emphasized</b> → <b>stressed</b> (US).")
    assert "emphasized" not in _distinctive_terms(at, "US")
    open_tab(at, "Register")
    assert len(_html(at, note)) == 2  # under the headline and in the Register tab
    assert ("US", "stressed", "emphasized", "Emphasis", 1, "○ unsourced", True) in _matches(at)  # as written
    at.checkbox(key="variants").uncheck().run()
    no_exception(at)
    assert "variants" not in at.query_params and not _html(at, "Translation variants treated")
    open_tab(at, "Charts")
    assert "emphasized" in _distinctive_terms(at, "US")


def test_query_parameter_restores_the_variants_checkbox():
    at = start_app(variants="1")
    no_exception(at)
    assert not at.info and at.checkbox(key="variants").value is True
    assert _html(at, "<b>emphasized</b> → <b>stressed</b> (US)")
    assert dict(at.query_params) == {"variants": "1"}
    at = start_app(variants="maybe")
    assert at.checkbox(key="variants").value is False
    assert [i.value for i in at.info] == [
        "The link's variants='maybe' cannot be used (use 1 or 0); showing the default, 0."]


def test_variants_setting_round_trips_through_the_url():
    state = {}
    settings.start_run(state, {"variants": "true"})
    assert state["variants"] is True and settings.url_params(state, {}) == {"variants": "1"}
    settings.start_run(state := {}, {})
    assert state["variants"] is False and settings.url_params(state, {}) == {}


# ---- an analyst's lexicon -----------------------------------------------------------------------

def test_custom_lexicon_upload_shows_its_phrase_in_pasted_text():
    at = open_tab(_paste(start_app()), "Register")
    assert not [r for r in _matches(at) if r[1] == "businesslike"]  # not in the bundled lexicon
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", MINE, "text/csv")).run()
    no_exception(at)
    assert not at.error
    assert _matches(at) == [("Side A", "businesslike", "businesslike", "Warmth", 1, "○ unsourced", True),
                            ("Side A", "candid", "candid", "Differences aired", 1, "● sourced", True),
                            ("Side B", "cordial", "cordial", "Warmth", 1, "○ unsourced", True)]
    assert _profile(at) == {"Side A": [1, 0, 0, 1, 0, 0, 0], "Side B": [0, 0, 0, 1, 0, 0, 0]}
    assert _html(at, "Lexicon: <b>bundled + mine.csv</b>, 44 rows (9 sourced, 35 unsourced) · your rows win over "
                     "bundled rows sharing a phrase or variant")
    (chips,) = _html(at, "<b>Side A</b> <small>")
    assert 'title="Warmth +1 · unsourced&#10;Correct and to the point (my coding).&#10;Source: none' in chips
    at.radio(key="lexicon_mode").set_value("replace").run()
    no_exception(at)
    assert _matches(at) == [("Side A", "businesslike", "businesslike", "Warmth", 1, "○ unsourced", True)]
    assert _html(at, "Lexicon: <b>mine.csv</b>, 1 rows (0 sourced, 1 unsourced) · your rows only")
    at.file_uploader(key="lexicon_upload").set_value(None).run()
    no_exception(at)
    assert not [r for r in _matches(at) if r[1] == "businesslike"]
    assert _html(at, "Lexicon: <b>bundled</b>, 43 rows")


def test_custom_lexicon_with_its_own_sources_table():
    at = open_tab(_paste(start_app()), "Register")
    lexicon = HEADER + b"businesslike,,warmth,-1,Cool and correct.,me2024,sourced\n"
    sources = b"source_id,citation,url\nme2024,My coding notes (2024),https://example.org/notes\n"
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", lexicon, "text/csv"))
    at.file_uploader(key="lexicon_sources_upload").set_value(("src.csv", sources, "text/csv")).run()
    no_exception(at)
    (table,) = [d.value for d in at.dataframe if "phrase" in d.value.columns]
    row = table[table["phrase"] == "businesslike"].iloc[0]
    assert (row["score"], row["status"], row["sources"]) == (-1, "● sourced", "My coding notes (2024)")
    (chips,) = _html(at, "<b>Side A</b> <small>")
    assert "Source: My coding notes (2024) &lt;https://example.org/notes&gt;" in chips


@pytest.mark.parametrize("data", [
    HEADER + b"businesslike,,warmth,3,Too strong.,,unsourced\n",
    HEADER + b"businesslike,,mood,1,No such dimension.,,unsourced\n",
    b"phrase,score\nbusinesslike,1\n",
    HEADER + b"businesslike,,warmth,1,Mine.,,unsourced\nBusinesslike,,warmth,-1,Again.,,unsourced\n",
])
def test_malformed_lexicon_shows_the_error_and_the_app_stays_usable(data):
    at = start_app()
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", data, "text/csv")).run()
    no_exception(at)
    with pytest.raises(RegisterError) as expected:
        parse_lexicon_bytes(data, "mine.csv")
    assert [e.value for e in at.error] == list(map(md, [str(expected.value)]))
    assert not at.get("plotly_chart")  # nothing is compared with a lexicon that cannot be used
    assert at.checkbox(key="variants") and at.radio(key="lexicon_mode")  # the settings are still there
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", MINE, "text/csv")).run()
    no_exception(at)
    assert not at.error and at.header[0].value == "US vs China"
    assert len(at.get("plotly_chart")) == 4  # compared again: the Charts tab is open
    open_tab(at, "Register")
    assert _html(at, "Lexicon: <b>bundled + mine.csv</b>")


def test_unknown_source_id_in_an_uploaded_lexicon_is_explained():
    at = start_app()
    data = HEADER + b"businesslike,,warmth,1,Mine.,nobody2024,sourced\n"
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", data, "text/csv")).run()
    no_exception(at)
    assert len(at.error) == 1 and at.error[0].value.startswith("mine.csv, row 2: ")
    assert "nobody2024" in at.error[0].value


def test_uploaded_lexicon_text_is_escaped():
    at = _paste(start_app())
    hostile = HEADER + b'businesslike,,warmth,1,"<img src=x onerror=alert(1)> rationale",,unsourced\n'
    at.file_uploader(key="lexicon_upload").set_value(("<b>mine</b>.csv", hostile, "text/csv")).run()
    no_exception(at)
    markdown, charts = [], []  # every tab's, each drawn only while open
    for _, at in each_tab(at):
        no_exception(at)
        markdown += [m.value for m in at.main.markdown]
        charts += [c.proto.spec for c in at.get("plotly_chart")]
    assert len(charts) == 5  # the four under Charts and the register profile
    page = " ".join(markdown)
    assert "<img" not in page and "<b>mine</b>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; rationale" in page and "&lt;b&gt;mine&lt;/b&gt;.csv" in page
    spec = " ".join(charts)
    assert "<img" not in spec and "onerror" not in spec.replace("onerror=alert(1)&gt;", "")


# ---- caching ------------------------------------------------------------------------------------

def test_lexicon_parse_cache_is_per_session_and_bounded():
    info = register_panel.parse_lexicon._info
    assert info.scope == "session" and 0 < info.max_entries <= 8


def test_cache_key_routes_custom_lexicon_runs_away_from_the_global_cache():
    plain = register_panel.RegisterChoice(translation_variants=True)
    assert plain.cache_key(None) is None and plain.cache_key("abc") == "abc"
    lexicon = parse_lexicon_bytes(MINE, "mine.csv")
    custom = register_panel.RegisterChoice(RegisterOptions(lexicon), False, "d1")
    assert custom.cache_key(None) is not None and custom.cache_key(None) != custom.cache_key("abc")
    assert register_panel.RegisterChoice(RegisterOptions(lexicon), False, "d2").cache_key(None) != custom.cache_key(None)
    options = custom.apply(CompareOptions(sides=("US", "China")))
    assert options.register.lexicon is lexicon and options.translation_variants is False


def _cached_comparisons(function_name: str, session: bool) -> list:
    """Every Comparison held by a cache_data function, from Streamlit's in-memory caches."""
    from streamlit.runtime.caching.cache_data_api import _data_caches

    out = []
    for session_id, caches in _data_caches._function_caches.items():
        if (session_id is not None) != session:
            continue
        for cache in caches.values():
            if cache.display_name.split(".")[-1] != function_name:
                continue
            for raw in list(cache.storage._mem_cache.values()):
                out.append(pickle.loads(raw).value)
    return out


def test_custom_lexicon_on_the_bundled_event_never_reaches_the_global_cache():
    at = start_app()
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", MINE, "text/csv")).run()
    no_exception(at)
    assert _html(open_tab(at, "Register"), "Lexicon: <b>bundled + mine.csv</b>")
    shared = _cached_comparisons("compare_bundled", session=False)
    store = at.session_state[dashboard.PRIVATE_RESULTS]  # the session's own store (app/compute.py)
    private = [compute.unpack(blob) for blob in store["packed"].values()]
    assert shared and all(c.options.register.lexicon is None for c in shared)
    assert any(c.options.register.lexicon is not None and c.options.register.lexicon.name == "mine.csv"
               for c in private)


def test_bundled_app_register_matches_the_library(default_app):
    open_tab(default_app, "Register")
    expected = compare(load_bundled(), CompareOptions(sides=("US", "China")))
    assert _profile(default_app) == {s: [expected.register[s].profile[d] for d in DIMENSION_NAMES]
                                     for s in expected.sides}
    assert len(_matches(default_app)) == sum(len(expected.register[s].matches) for s in expected.sides)


def test_lexicon_column_error_is_not_taken_for_a_corpus_column_problem():
    at = start_app(source="upload")
    at.file_uploader(key="upload").set_value(("doc.csv", b"side,text\nA,The talks were candid.\nB,Cordial.\n",
                                              "text/csv"))
    at.file_uploader(key="lexicon_upload").set_value(("mine.csv", b"phrase,score\nbusinesslike,1\n", "text/csv")).run()
    no_exception(at)
    assert [e.value for e in at.error] == list(map(md, [
        "mine.csv, header row: no column 'variants'; the columns are 'phrase', 'score'; a lexicon needs the columns "
        "phrase,variants,dimension,score,rationale,source_ids,status"]))
    # a hint follows an error's setting (none here: the file's content is to change), never words in
    # its message such as "column"
    assert not any(c.value.startswith("Change “") for c in at.main.caption)
