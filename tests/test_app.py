"""The dashboard under streamlit.testing.v1.AppTest: render, settings, uploads, bad input, links."""
import json
from typing import NamedTuple

import events_fixture
import pytest
from app_support import app_diff, no_exception, open_tab, start_app
from streamlit.testing.v1 import AppTest

from app import settings
from app.safe import md
from framing import (
    AlignOptions,
    CompareOptions,
    CorpusError,
    DistinctiveOptions,
    OptionsError,
    OverlapOptions,
    compare,
    load_bundled,
    parse_corpus_bytes,
)

#: Plotly charts under Charts, the tab a comparison opens on (the register profile is under Register).
N_CHARTS = 4
#: Charts offered as standalone HTML under Export: the four above and the register profile.
N_EXPORTED_CHARTS = 5
GOOD_CSV = (b"side,text\n"
            b"Alpha,\"The talks were frank and useful. Both sides discussed trade and tariffs.\"\n"
            b"Beta,\"The meeting was cordial and pragmatic. Trade was discussed.\"\n"
            b"Alpha,\"Tariffs will stay.\"\n")


def _metric(at: AppTest, label: str) -> str:
    (value,) = [m.value for m in at.metric if m.label == label]
    return value


def _figures(at: AppTest) -> list:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _cosine(**overlap) -> str:
    options = CompareOptions(sides=("US", "China"), overlap=OverlapOptions(**overlap),
                             distinctive=DistinctiveOptions(top=overlap.get("top_terms", 20)),
                             align=AlignOptions(stop_words=overlap.get("stop_words", "english")))
    return f"{compare(load_bundled(), options).overlap.cosine:.3f}"


@pytest.fixture(scope="module")
def default_app():
    return start_app()


def test_default_render_shows_the_diff_headline_and_charts(default_app):
    at = default_app
    no_exception(at)
    assert not at.error
    assert at.header[0].value == "US vs China"
    assert app_diff(at) == {"Shared": ["candid", "constructive"], "Only US": ["substantive"], "Only China": ["in-depth"]}
    assert _metric(at, "Overlap (TF-IDF cosine)") == _cosine()
    bundled = compare(load_bundled(), CompareOptions(sides=("US", "China")))
    assert _metric(at, "US: mean tone") == f"{bundled.sentiment['US'].mean:+.3f}"
    assert _metric(at, "China: words") == f"{bundled.lengths['China']['words']:,}"
    assert any("Thin evidence: side 'US'" in w.value for w in at.warning)
    figures = _figures(at)
    assert len(figures) == N_CHARTS
    assert [t.get("name") for t in figures[0]["data"]] == ["China", "US"]
    assert {t["marker"]["color"] for t in figures[0]["data"]} == {"#0072B2", "#D55E00"}
    assert dict(at.query_params) == {}  # defaults leave the URL clean


def test_very_large_comparisons_point_to_the_cli_for_the_full_json_and_report(monkeypatch):
    from app import views
    from framing import results
    monkeypatch.setattr(views, "MAX_FULL_EXPORT_SENTENCES", 9)  # the bundled US vs China has 10 sentences
    at = open_tab(start_app(), "Export")
    no_exception(at)
    labels = [b.label for b in at.main.get("download_button")]
    assert len(labels) == len(results.TABLE_NAMES) + N_EXPORTED_CHARTS
    assert not {"Full report (one HTML file, opens offline)", "Full JSON (same as the CLI)"} & set(labels)
    assert [i.value for i in at.main.info] == [
        "The full report and the full JSON are not built here for 10 sentences (the JSON alone would be about 0 "
        "MB). Write them with the command line on the same files: `python -m framing compare FILES --format json "
        "--out result.json`. The tables below are complete."]
    monkeypatch.setattr(views, "MAX_FULL_EXPORT_SENTENCES", 10)
    at.run()
    assert {"Full report (one HTML file, opens offline)", "Full JSON (same as the CLI)"} <= {
        b.label for b in at.main.get("download_button")}


def test_default_render_offers_every_export_and_the_evidence():
    at = open_tab(start_app(), "Export")
    no_exception(at)
    keys = {button.proto.id.split("-")[-1] for button in at.get("download_button")}
    from framing import results
    assert len(at.main.get("download_button")) == 2 + len(results.TABLE_NAMES) + N_EXPORTED_CHARTS
    assert [b.label for b in at.sidebar.get("download_button")] == ["Save workspace"]
    assert any("download_report" in k for k in keys) and any("download_json" in k for k in keys)
    open_tab(at, "Evidence")
    assert at.selectbox(key="term").value == "candid"
    marked = [m.value for m in at.main.markdown if "<mark>" in m.value]
    assert marked and all("<mark>candid</mark>" in m or "<mark>Candid</mark>" in m for m in marked)
    open_tab(at, "Claims side by side")
    assert len(at.table) == 1 and list(at.table[0].value.columns) == ["US", "China", "similarity", "status"]


def test_changing_a_setting_reruns_and_updates_values_and_url():
    at = start_app()
    before = _metric(at, "Overlap (TF-IDF cosine)")
    at.radio(key="stop_words").set_value("none").run()
    no_exception(at)
    after = _metric(at, "Overlap (TF-IDF cosine)")
    assert after == _cosine(stop_words="none") and after != before
    assert at.query_params["stop_words"] == "none"
    assert "stop_words=none" in at.sidebar.code[0].value
    at.slider(key="ngram").set_value((1, 2)).run()
    no_exception(at)
    assert _metric(at, "Overlap (TF-IDF cosine)") == _cosine(stop_words="none", ngram_range=(1, 2))
    assert at.query_params["ngram"] == "1-2"


def test_swapping_sides_changes_the_diff():
    at = start_app()
    at.selectbox(key="side_a").set_value("media").run()
    no_exception(at)
    expected = compare(load_bundled(), CompareOptions(sides=("media", "China"))).descriptor_diff
    assert app_diff(at) == {"Shared": list(expected.shared), "Only media": list(expected.only_a),
                         "Only China": list(expected.only_b)}
    assert at.query_params["side_a"] == "media"


def test_valid_csv_upload_produces_its_own_comparison():
    at = start_app()
    at.radio(key="source").set_value("upload").run()
    no_exception(at)
    assert not at.get("plotly_chart") and "Upload one or more files" in at.info[0].value
    at.file_uploader(key="upload").set_value(("doc.csv", GOOD_CSV, "text/csv")).run()
    no_exception(at)
    assert not at.error
    assert at.header[0].value == "Alpha vs Beta"
    assert app_diff(at) == {"Shared": [], "Only Alpha": ["frank", "useful"], "Only Beta": ["cordial", "pragmatic"]}
    assert _metric(at, "Alpha: words") == "15"  # 12 + 3
    assert len(at.get("plotly_chart")) == N_CHARTS
    assert "cannot travel in a URL" in at.sidebar.caption[-1].value


def test_malformed_upload_shows_the_library_error_and_app_stays_usable():
    at = start_app(source="upload")
    bad = b"speaker,words\nUS,hello\n"
    at.file_uploader(key="upload").set_value(("bad.csv", bad, "text/csv")).run()
    no_exception(at)
    with pytest.raises(CorpusError) as expected:
        parse_corpus_bytes(bad, "bad.csv", default_event="uploaded files")
    assert [e.value for e in at.error] == list(map(md, [str(expected.value)]))
    assert not at.get("plotly_chart")
    at.radio(key="source").set_value("bundled").run()
    no_exception(at)
    assert not at.error
    assert app_diff(at)["Only US"] == ["substantive"] and len(at.get("plotly_chart")) == N_CHARTS


def test_binary_upload_is_refused_with_a_message():
    at = start_app(source="upload")
    at.file_uploader(key="upload").set_value(("junk.csv", b"side,text\n\xff\xfe\xfa broken", "text/csv")).run()
    no_exception(at)
    assert [e.value for e in at.error] == list(map(md, [
        "junk.csv: byte 10 (0xff) is not valid UTF-8; re-save the file as UTF-8 (or UTF-16 with a byte-order mark)"]))


def test_partly_valid_upload_lists_rejected_rows_and_keeps_valid_ones_only_when_asked():
    at = start_app(source="upload")
    partial = GOOD_CSV + b"Alpha,\n,orphan text\n"
    at.file_uploader(key="upload").set_value(("part.csv", partial, "text/csv")).run()
    no_exception(at)
    assert at.warning[0].value == (
        "2 row(s) could not be used:\n"
        "- part.csv, row 5: the text column 'text' is empty; add the text or delete the row\n"
        "- part.csv, row 6: the side column 'side' is empty; fill in which side said it")
    assert not at.get("plotly_chart") and at.checkbox(key="keep_valid").value is False
    at.checkbox(key="keep_valid").check().run()
    no_exception(at)
    assert app_diff(at)["Only Alpha"] == ["frank", "useful"] and len(at.get("plotly_chart")) == N_CHARTS


def test_column_mapping_reads_other_column_names():
    at = start_app(source="upload")
    data = GOOD_CSV.replace(b"side,text", b"speaker,body")
    at.file_uploader(key="upload").set_value(("renamed.csv", data, "text/csv")).run()
    assert at.error and "no column 'side'" in at.error[0].value
    at.text_input(key="side_column").input("speaker")
    at.text_input(key="text_column").input("body").run()
    no_exception(at)
    assert not at.error and at.header[0].value == "Alpha vs Beta"


def test_txt_uploads_are_one_side_each():
    at = start_app(source="upload")
    at.file_uploader(key="upload").set_value([
        ("Ours.txt", b"The talks were candid and productive. We raised trade.", "text/plain"),
        ("Theirs.txt", b"The talks were candid and in-depth. They raised Taiwan.", "text/plain")]).run()
    no_exception(at)
    assert app_diff(at) == {"Shared": ["candid"], "Only Ours": ["productive"], "Only Theirs": ["in-depth"]}


def test_paste_text_per_side_and_bad_labels():
    at = start_app(source="paste")
    assert "Paste each side's account" in at.info[0].value
    at.text_area(key="paste_a").input("The talks were candid and productive.\n\nTrade came up.")
    at.text_area(key="paste_b").input("The talks were candid and in-depth. <script>alert(1)</script>").run()
    no_exception(at)
    assert app_diff(at) == {"Shared": ["candid"], "Only Side A": ["productive"], "Only Side B": ["in-depth"]}
    assert _metric(at, "Side A: words") == "9"
    assert at.main.caption and any("2 documents" in c.value for c in at.main.caption)
    assert not any("<script>" in m.value for m in at.main.markdown)
    at.text_input(key="label_b").input("Side A").run()
    no_exception(at)
    assert [e.value for e in at.error] == list(map(md, ["both sides are labelled 'Side A'; give each side its own label"]))
    at.text_input(key="label_b").input("Theirs").run()
    at.text_area(key="paste_b").input("").run()
    no_exception(at)
    assert [e.value for e in at.error] == list(map(md, ["side 'Theirs' has no text; paste its account or remove the side"]))


def test_min_df_too_high_shows_the_library_error_then_recovers():
    at = start_app()
    at.number_input(key="min_df").set_value(20).run()
    no_exception(at)
    with pytest.raises(OptionsError) as expected:
        compare(load_bundled(), CompareOptions(sides=("US", "China"), overlap=OverlapOptions(min_df=20)))
    assert [e.value for e in at.error] == list(map(md, [str(expected.value)]))
    at.number_input(key="min_df").set_value(1).run()
    assert not at.error and len(at.get("plotly_chart")) == N_CHARTS


def test_same_side_twice_is_an_error_not_a_crash():
    at = start_app()
    at.selectbox(key="side_b").set_value("US").run()
    no_exception(at)
    assert [e.value for e in at.error] == list(map(md, [
        "sides ['US', 'US'] are not two different sides; choose two different sides to compare"]))
    # the error's setting, named by the widgets' labels
    assert [c.value for c in at.main.caption] == ["Change “Side A” or “Side B” in the sidebar."]


def test_query_parameters_restore_the_settings():
    at = start_app(side_a="media", ngram="1-2", stop_words="none", threshold="0.35", top="10", min_df="2",
              sublinear="1", term="taiwan")
    no_exception(at)
    assert not at.info  # nothing was dropped
    assert at.selectbox(key="side_a").value == "media" and at.selectbox(key="side_b").value == "China"
    assert at.slider(key="ngram").value == (1, 2) and at.radio(key="stop_words").value == "none"
    assert at.slider(key="threshold").value == 0.35 and at.slider(key="top").value == 10
    assert at.number_input(key="min_df").value == 2 and at.checkbox(key="sublinear").value is True
    options = CompareOptions(sides=("media", "China"),
                             overlap=OverlapOptions(ngram_range=(1, 2), stop_words="none", min_df=2, sublinear_tf=True,
                                                    top_terms=10),
                             distinctive=DistinctiveOptions(top=10), align=AlignOptions(threshold=0.35, stop_words="none"))
    assert _metric(at, "Overlap (TF-IDF cosine)") == f"{compare(load_bundled(), options).overlap.cosine:.3f}"
    assert at.header[0].value == "media vs China"
    assert dict(at.query_params) == {"side_a": "media", "ngram": "1-2", "stop_words": "none", "threshold": "0.35",
                                         "top": "10", "min_df": "2", "sublinear": "1", "term": "taiwan"}
    open_tab(at, "Evidence")  # the linked term waits for its tab
    no_exception(at)
    assert not at.info and at.selectbox(key="term").value == "taiwan"
    assert dict(at.query_params) == {"side_a": "media", "ngram": "1-2", "stop_words": "none", "threshold": "0.35",
                                     "top": "10", "min_df": "2", "sublinear": "1", "term": "taiwan", "tab": "Evidence"}


def test_unknown_side_and_bad_values_in_the_link_fall_back_with_a_note():
    at = start_app(side_a="Russia", ngram="1-9", min_df="abc", threshold="nan", stop_words="french")
    no_exception(at)
    assert not at.error
    assert [i.value for i in at.info] == [
        "The link's ngram='1-9' cannot be used (use MIN-MAX with 1 <= MIN <= MAX <= 3, e.g. 1-2); showing the default, 1-1.",
        "The link's stop_words='french' cannot be used (use one of english, none); showing the default, english.",
        "The link's min_df='abc' cannot be used (not a number); showing the default, 1.",
        "The link's threshold='nan' cannot be used (use a number from 0 to 1); showing the default, 0.2.",
        "The link asks for side 'Russia', which this data does not have "
        "(it has 'media', 'US', 'China', 'China (original)', 'China (official English)'); "
        "showing 'US' instead.",
    ]
    assert at.selectbox(key="side_a").value == "US" and at.slider(key="ngram").value == (1, 1)
    assert app_diff(at)["Only US"] == ["substantive"]
    assert dict(at.query_params) == {}  # the unusable values are dropped from the URL
    at.radio(key="stop_words").set_value("none").run()
    assert not at.info  # the notes describe the opened link only


def test_link_with_upload_source_keeps_sides_until_data_arrives():
    at = start_app(source="upload", side_a="Beta", side_b="Alpha")
    no_exception(at)
    assert dict(at.query_params) == {"source": "upload", "side_a": "Beta", "side_b": "Alpha"}
    at.file_uploader(key="upload").set_value(("doc.csv", GOOD_CSV, "text/csv")).run()
    no_exception(at)
    assert at.header[0].value == "Beta vs Alpha"


# ---- lazy result tabs: only the open tab is drawn; the open tab, the term and the view travel in the link ----

class Drawn(NamedTuple):
    """What the open tab drew (``Drawn(charts=4)``: four charts and nothing else)."""

    charts: int = 0
    tables: int = 0
    dataframes: int = 0
    downloads: int = 0
    term_picker: bool = False
    claims_filter: bool = False


def _drawn(at: AppTest) -> Drawn:
    keys = [w.key for w in at.main.selectbox] + [w.key for w in at.main.radio]
    return Drawn(charts=len(at.get("plotly_chart")), tables=len(at.table), dataframes=len(at.dataframe),
                 downloads=len(at.main.get("download_button")), term_picker="term" in keys,
                 claims_filter="alignment_show" in keys)


def test_only_the_open_tab_is_drawn_and_named_in_the_url():
    from framing import results
    at = start_app()
    no_exception(at)
    assert [t.label for t in at.tabs] == list(settings.TABS) == [
        "Charts", "Claims side by side", "Evidence", "Register", "Agenda", "Export"]
    assert at.session_state["tab"] == "Charts" and dict(at.query_params) == {}
    charts_only = Drawn(charts=4)  # no table, no term picker until their tab is opened
    assert _drawn(at) == charts_only
    expected = {"Claims side by side": Drawn(tables=1, claims_filter=True), "Evidence": Drawn(term_picker=True),
                "Register": Drawn(charts=1, dataframes=1),  # the register profile and its matches
                "Agenda": Drawn(),
                # the report, the JSON, every table's CSV and every chart's HTML
                "Export": Drawn(downloads=2 + len(results.TABLE_NAMES) + N_EXPORTED_CHARTS)}
    for label, drawn in expected.items():
        open_tab(at, label)
        no_exception(at)
        assert (_drawn(at), dict(at.query_params)) == (drawn, {"tab": label}), label
        assert at.header[0].value == "US vs China" and app_diff(at)["Only US"] == ["substantive"]  # the headline stays
    open_tab(at, "Charts")
    assert _drawn(at) == charts_only and dict(at.query_params) == {}


def test_a_picked_term_and_filter_survive_a_visit_to_another_tab():
    at = open_tab(start_app(), "Evidence")
    assert dict(at.query_params) == {"tab": "Evidence"}
    assert at.selectbox(key="term").value == "candid"  # the default term stays out of the URL
    at.selectbox(key="term").set_value("in-depth").run()
    no_exception(at)
    assert dict(at.query_params) == {"tab": "Evidence", "term": "in-depth"}
    open_tab(at, "Charts")
    assert not _drawn(at).term_picker and dict(at.query_params) == {"term": "in-depth"}  # kept while not drawn
    assert at.sidebar.code[0].value == "?term=in-depth"
    open_tab(at, "Evidence")
    assert at.selectbox(key="term").value == "in-depth"
    assert any("<mark>in-depth</mark>" in m.value for m in at.main.markdown)
    assert dict(at.query_params) == {"tab": "Evidence", "term": "in-depth"}
    assert at.sidebar.code[0].value == "?tab=Evidence&term=in-depth"
    open_tab(at, "Claims side by side").radio(key="alignment_show").set_value("only US").run()
    open_tab(at, "Register")
    open_tab(at, "Claims side by side")
    assert at.radio(key="alignment_show").value == "only US"
    assert set(at.table[0].value["status"]) == {"only US"}


def test_a_link_opens_its_tab_with_its_term():
    at = start_app(tab="Evidence", term="in-depth")
    no_exception(at)
    assert not at.info and at.session_state["tab"] == "Evidence"
    assert at.selectbox(key="term").value == "in-depth" and not at.get("plotly_chart")
    assert any("<mark>in-depth</mark>" in m.value for m in at.main.markdown)
    assert dict(at.query_params) == {"tab": "Evidence", "term": "in-depth"}
    at = start_app(tab="Charts")  # the default tab is left out of the URL
    assert not at.info and dict(at.query_params) == {} and len(at.get("plotly_chart")) == N_CHARTS


def test_a_link_to_a_tab_the_app_does_not_have_opens_charts_with_a_note():
    at = start_app(tab="Nope")
    no_exception(at)
    assert [i.value for i in at.info] == [
        "The link asks for tab 'Nope', which the app does not have (it has 'Charts', 'Claims side by side', "
        "'Evidence', 'Register', 'Agenda', 'Export'); showing 'Charts' instead."]
    assert at.session_state["tab"] == "Charts" and len(at.get("plotly_chart")) == N_CHARTS
    assert dict(at.query_params) == {}


def _events_upload(**params) -> AppTest:
    at = start_app(source="upload", **params)
    at.file_uploader(key="upload").set_value(("events.csv", events_fixture.csv_bytes(), "text/csv")).run()
    no_exception(at)
    return at


def test_a_link_opens_the_timeline_of_a_multi_event_upload():
    at = start_app(source="upload", view="events")
    assert dict(at.query_params) == {"source": "upload", "view": "events"}  # kept until the data arrives
    at = _events_upload(view="events")
    assert not at.info and at.radio(key="view").value == "events"
    assert at.header[0].value == "US vs China across 12 events" and not at.tabs
    assert dict(at.query_params) == {"source": "upload", "view": "events"}
    at.radio(key="view").set_value("event").run()
    no_exception(at)
    assert at.header[0].value == "US vs China" and dict(at.query_params) == {"source": "upload"}


def test_a_link_to_a_view_the_app_does_not_have_shows_one_event_with_a_note():
    at = _events_upload(view="bogus")
    assert [i.value for i in at.info] == [
        "The link asks for view 'bogus', which the app does not have (it has 'event', 'events'); "
        "showing 'event' instead."]
    assert at.radio(key="view").value == "event" and at.header[0].value == "US vs China"
    assert dict(at.query_params) == {"source": "upload"}


def test_caches_of_uploaded_or_pasted_data_are_per_session_and_bounded():
    from streamlit.runtime.caching.cache_utils import CachedFunc

    import dashboard

    cached = {name: f._info for name, f in vars(dashboard).items() if isinstance(f, CachedFunc)}
    assert set(cached) == {"bundled_corpus", "compare_bundled", "parse_file"}
    for name in ("parse_file",):  # anything derived from an upload or pasted text
        assert cached[name].scope == "session" and 0 < cached[name].max_entries <= 8, name
    # Private comparisons live in the session's state (they end with it), bounded: tests/test_budgets.py
    assert cached["compare_bundled"].max_entries == 64  # global: the bundled event is the same for everyone


# ---- app/settings.py directly ---------------------------------------------------------------------

def test_settings_parse_and_dump_round_trip():
    state = {}
    settings.start_run(state, {"ngram": "2-3", "threshold": "0.5", "sublinear": "true", "top": "50"})
    assert (state["ngram"], state["threshold"], state["sublinear"], state["top"]) == ((2, 3), 0.5, True, 50)
    assert settings.url_params(state, {}) == {"ngram": "2-3", "sublinear": "1", "threshold": "0.5", "top": "50"}
    assert state[settings.NOTES] == []
    settings.start_run(state, {"ngram": "1-1"})  # later runs do not re-read the link
    assert state["ngram"] == (2, 3)


@pytest.mark.parametrize("key,raw", [("top", "4"), ("top", "51"), ("min_df", "0"), ("threshold", "1.5"),
                                     ("ngram", "3-1"), ("ngram", "x"), ("source", "ftp"), ("sublinear", "maybe")])
def test_settings_reject_out_of_range_values(key, raw):
    state = {}
    settings.start_run(state, {key: raw})
    assert state[key] == settings.BY_KEY[key].default
    assert len(state[settings.NOTES]) == 1 and state[settings.NOTES][0].startswith(f"The link's {key}={raw!r}")


def test_tab_and_view_are_checked_when_drawn_and_a_workspace_saves_the_view_not_the_tab():
    state = {}
    settings.start_run(state, {"tab": "Evidence", "view": "events", "term": "trade"})
    assert state[settings.PENDING] == {"term": "trade", "tab": "Evidence", "view": "events"}
    settings.resolve_choice(state, "tab", settings.TABS, "Charts", "tab")
    settings.resolve_choice(state, "view", settings.VIEWS, "event", "view")
    assert (state["tab"], state["view"], state[settings.NOTES]) == ("Evidence", "events", [])
    assert settings.url_params(state, {"tab": "Charts", "view": "event"}) == {
        "tab": "Evidence", "view": "events", "term": "trade"}
    saved = settings.snapshot(state, ["tab", "view"])
    assert saved == {**{s.key: s.dump(s.default) for s in settings.SETTINGS if s.key != "source"}, "view": "events"}
    # A view the app has, but not for this data (one event: no timeline), is named as the data's.
    settings.start_run(state := {}, {"view": "events"})
    settings.resolve_choice(state, "view", ("event",), "event", "view")
    assert state["view"] == "event" and state[settings.NOTES] == [
        "The link asks for view 'events', which this data does not have (it has 'event'); showing 'event' instead."]


def test_share_link_keeps_the_app_address_and_drops_the_old_query():
    assert settings.share_link("https://x.example/app?old=1#top", {"top": "10", "side_a": "A B"}) == \
        "https://x.example/app?top=10&side_a=A+B"
    assert settings.share_link(None, {}) == "?"
