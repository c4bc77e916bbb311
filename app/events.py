"""The Events view: the same two sides across every event of a corpus (Streamlit only, no analysis).

Shown when the loaded corpus holds more than one event. Per event: the overlap
cosine, the tone gap, the descriptor diff and the length ratio (a table and a
Plotly timeline); choosing a point on the timeline, or an event in the list
under it, opens that event's comparison. Below them, which side used which
descriptor when, and which side raised which topic when. The analysis is ``framing.timeline``; the figure is
``framing.render.timeline_charts``.

Caches: a timeline of the bundled corpus is global; a timeline of uploaded,
pasted, fetched or workspace data is cached with ``scope="session"`` and a
bounded ``max_entries`` (keyed by a digest of what the corpus was built from).
"""
from __future__ import annotations

import json

import pandas as pd
import streamlit as st

import framing
from app import budgets, compute, settings
from app.safe import md
from framing import timeline as tl
from framing.inputs.corpus import Corpus
from framing.render.report import table_csv
from framing.render.timeline_charts import timeline_figure

EVENT_VIEW, EVENTS_VIEW = settings.VIEWS
VIEW_LABELS = {EVENT_VIEW: "One event", EVENTS_VIEW: "All events (timeline)"}
CHART_KEY = "timeline_chart"
OPEN_KEY = "open_event"


@st.cache_data(max_entries=16, show_spinner=False)
def timeline_bundled(options: framing.CompareOptions) -> list:
    return tl.timeline(framing.load_bundled(), options)


#: The session state's store of private timelines (:class:`app.compute.ResultStore`).
PRIVATE_TIMELINES = "_private_timelines"


def timeline_private(corpus_key: str, corpus: Corpus, options: framing.CompareOptions) -> list:
    """``corpus_key`` is a digest of everything ``corpus`` was built from (the corpus itself is not hashed).
    Kept in this session's state (:class:`app.compute.ResultStore`, as the one-event comparisons are). A
    large corpus is compared in a worker process, through the server's gate, and waiting for a free slot
    says so (``app/compute.py``)."""
    limits = budgets.budgets()
    chars = sum(len(d.text) for d in corpus if options.sides is None or d.side in options.sides)
    notice = st.empty()
    results = compute.private_result(
        compute.ResultStore(st.session_state, PRIVATE_TIMELINES, entries=4),
        compute.identity("timeline", corpus_key, options), tl.timeline, (corpus, options),
        chars >= limits.heavy_chars, limits.heavy,
        on_wait=lambda: notice.info(compute.WAITING.format(k=limits.heavy), icon=":material/hourglass_top:"))
    notice.empty()
    return results


def _who_when(title: str, empty: bool, none: str, cell: str, table, key: str) -> None:
    """A grid of compared events against what a side did at each (``table()``), or ``none`` when empty."""
    st.subheader(title, anchor=False)
    if empty:
        st.caption(none)
        return
    st.caption(f"One row per compared event, in date order; a cell names who {cell}")
    st.dataframe(table(), key=key)


def resolve_view(state, corpus: Corpus) -> None:
    """The view a link asked for (``view=events``), checked against the corpus: a timeline needs two events."""
    offered = settings.VIEWS if len(corpus.events) > 1 else (EVENT_VIEW,)
    settings.resolve_choice(state, "view", offered, EVENT_VIEW, "view")


def choose_view(corpus: Corpus) -> str:
    """The view switch, drawn only when the corpus holds more than one event."""
    resolve_view(st.session_state, corpus)
    if len(corpus.events) < 2:
        return EVENT_VIEW
    return st.radio("View", (EVENT_VIEW, EVENTS_VIEW), key="view", horizontal=True,
                    format_func=VIEW_LABELS.get, label_visibility="collapsed")


def _open(event: str | None) -> None:
    """Open one event's comparison (a callback: it runs before the next rerun, so widgets may be set)."""
    if event:
        st.session_state["event"] = event
        st.session_state["view"] = EVENT_VIEW


def _open_selected() -> None:
    points = st.session_state[CHART_KEY].selection.get("points", [])
    for point in points:
        custom = point.get("customdata")
        if custom:
            _open(custom[0] if isinstance(custom, (list, tuple)) else custom)
            return


def _open_chosen() -> None:
    _open(st.session_state.get(OPEN_KEY))
    st.session_state[OPEN_KEY] = None


def _display_table(table: pd.DataFrame, sides) -> pd.DataFrame:
    """Rounded for reading (the CSV download keeps every digit)."""
    a, b = sides
    view = table.drop(columns=["compared"]).copy()
    for column, digits in (("cosine", 3), ("sentiment_gap", 3), (f"tone {a}", 3), (f"tone {b}", 3),
                           ("length_ratio", 2)):
        view[column] = view[column].round(digits)
    return view.rename(columns={"cosine": "overlap (cosine)", "sentiment_gap": f"tone gap ({a} − {b})",
                                "length_ratio": f"length ratio ({a} ÷ {b})"})


def topics_by_event(results: list, usage: pd.DataFrame) -> pd.DataFrame:
    """:func:`framing.timeline.agenda_usage` as a grid: a row per compared event (date order), a column
    per topic label (first raised first), the cell who raised it ("" when neither did)."""
    rows = {r.event: tl.event_label(r) for r in results if r.compared}
    cells: dict = {}
    for row in usage.itertuples():
        cells.setdefault(row.label, {})[rows[row.event]] = row.raised_by
    return pd.DataFrame(cells, index=pd.Index(list(rows.values()), name="event")).fillna("")


def events_view(corpus: Corpus, corpus_key: str | None, options: framing.CompareOptions) -> str:
    """Draw the Events view; returns the page title."""
    results = timeline_bundled(options) if corpus_key is None else timeline_private(corpus_key, corpus, options)
    a, b = results[0].sides
    compared = [r for r in results if r.compared]
    st.caption(f"{len(results)} events, {len(compared)} compared, in date order. Every event uses the settings in "
               "the sidebar; pick a point on the timeline, or an event below it, to open that event's comparison.")
    skipped = [r for r in results if not r.compared]
    if skipped:
        st.warning("Not compared:\n" + "\n".join(f"- **{md(r.event)}**: {md(r.reason)}" for r in skipped),
                   icon=":material/event_busy:")
    st.plotly_chart(timeline_figure(results), key=CHART_KEY, on_select=_open_selected, selection_mode="points")
    st.caption(f"Dot colour: {md(a)} when its tone is higher or its account longer, {md(b)} when {md(b)}'s is. "
               "Grey crosses: events not compared.")
    st.selectbox("Open an event's comparison", [r.event for r in compared], index=None, key=OPEN_KEY,
                 placeholder="Choose an event", on_change=_open_chosen,
                 format_func=lambda e: next(tl.event_label(r) for r in compared if r.event == e))
    table = tl.timeline_table(results)
    st.subheader("Per event", anchor=False)
    st.dataframe(_display_table(table, (a, b)), hide_index=True, key="timeline_table")
    descriptors = tl.descriptor_table(results)
    _who_when("Which side used which descriptor when", descriptors.empty,
              "Neither side characterised any event with a descriptor.",
              f"applied the descriptor to that event: {md(a)}, {md(b)} or both.",
              lambda: descriptors.T.rename_axis("event"), "descriptor_table")
    usage = tl.agenda_usage(results)
    _who_when("Which side raised which topic when", usage.empty,
              "Neither side raised a topic of the topic lexicon at any event.",
              f"raised the topic at that event: {md(a)}, {md(b)} or both (topics from the topic lexicon; see the "
              "Agenda tab of an event).", lambda: topics_by_event(results, usage), "agenda_table")
    cols = st.columns(4)
    cols[0].download_button("Per-event table (CSV)", key="download_timeline_csv", file_name="framing-timeline.csv",
                            mime="text/csv", data=lambda: table_csv(table), on_click="ignore")
    cols[1].download_button("Descriptors by event (CSV)", key="download_descriptor_csv",
                            file_name="framing-descriptors-by-event.csv", mime="text/csv",
                            data=lambda: table_csv(descriptors.reset_index()), on_click="ignore")
    cols[2].download_button("Topics by event (CSV)", key="download_agenda_csv",
                            file_name="framing-topics-by-event.csv", mime="text/csv",
                            data=lambda: table_csv(usage), on_click="ignore")
    cols[3].download_button(
        "Timeline JSON (same as the CLI)", key="download_timeline_json", file_name="framing-timeline.json",
        mime="application/json", on_click="ignore",
        data=lambda: json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2).encode("utf-8"))
    return f"{md(a)} vs {md(b)} across {len(results)} events"  # Markdown: the page header
