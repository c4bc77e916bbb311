"""Plotly figure for a timeline: ``list[EventComparison] -> go.Figure`` (no Streamlit).

One panel per number, events along a shared x axis: the overlap cosine, the
tone gap (side A's mean VADER compound minus side B's) and the length ratio (A
words over B words, log scale, 1 = equal length). Every point carries its event
name in ``customdata[0]``, so a dashboard can open the event a reader picks.
Events that were not compared appear as grey crosses on the first panel with
the reason in their hover text. Corpus text (event names, descriptors) is
HTML-escaped before it reaches a label.
"""
from __future__ import annotations

import html
import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from framing.render.charts import _FONT, NEUTRAL, side_colors
from framing.timeline import EventComparison, event_label, parse_date

__all__ = ["timeline_figure", "TIMELINE_PANELS"]

#: Panel keys in drawing order (top to bottom).
TIMELINE_PANELS = ("cosine", "sentiment_gap", "length_ratio")
_LINE = "#333333"


def _x(results: list[EventComparison]) -> tuple[list, bool]:
    """Dates when every event has a readable one (a time axis), else event labels in timeline order."""
    dates = [parse_date(r.date) for r in results]
    if results and all(d is not None for d in dates) and len(set(dates)) == len(dates):
        return [d.isoformat() for d in dates], True
    return [html.escape(event_label(r)) for r in results], False


def _diff_text(r: EventComparison) -> str:
    a, b = r.sides
    d = r.descriptor_diff
    parts = [("shared", d.shared), (f"only {a}", d.only_a), (f"only {b}", d.only_b)]
    return "<br>".join(f"{html.escape(name)}: {html.escape(', '.join(words)) or '–'}" for name, words in parts)


def timeline_figure(results: list[EventComparison]) -> go.Figure:
    """Overlap, tone gap and length ratio across events; hover shows the event and its descriptor diff.

    Raises
    ------
    ValueError
        If ``results`` is empty.
    """
    if not results:
        raise ValueError("no events to draw; compute a timeline of at least one event")
    a, b = results[0].sides
    colors = side_colors((a, b))
    titles = ("Overlap of the two accounts (TF-IDF cosine)",
              f"Tone gap: {a} minus {b} (mean VADER compound)",
              f"Length ratio: {a} words ÷ {b} words (log scale)")
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.09,
                        subplot_titles=[html.escape(t) for t in titles])
    xs, dated = _x(results)
    compared = [(x, r) for x, r in zip(xs, results) if r.compared]
    values = {"cosine": lambda r: r.cosine, "sentiment_gap": lambda r: r.sentiment_gap,
              "length_ratio": lambda r: r.length_ratio}
    formats = {"cosine": ".3f", "sentiment_gap": "+.3f", "length_ratio": ".2f"}
    for row, panel in enumerate(TIMELINE_PANELS, start=1):
        ys = [values[panel](r) for _, r in compared]
        hover = [f"<b>{html.escape(r.event)}</b>{'<br>' + html.escape(r.date) if r.date else ''}"
                 f"<br>{html.escape(titles[row - 1].split(' (')[0])}: "
                 f"{'n/a' if math.isnan(y) else format(y, formats[panel])}"
                 f"<br>words: {html.escape(a)} {r.words[a]:,} · {html.escape(b)} {r.words[b]:,}"
                 f"<br>{_diff_text(r)}<br><i>click to open this event</i>"
                 for (_, r), y in zip(compared, ys)]
        fig.add_trace(go.Scatter(
            x=[x for x, _ in compared], y=[None if math.isnan(y) else y for y in ys], mode="lines+markers",
            name=panel, showlegend=False, line=dict(color=_LINE, width=1.5),
            marker=dict(size=10, color=[colors[a] if (y or 0) >= (1 if panel == "length_ratio" else 0) else colors[b]
                                        for y in ys] if panel != "cosine" else _LINE,
                        line=dict(color="white", width=1)),
            customdata=[[r.event] for _, r in compared], hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>"), row=row, col=1)
    missing = [(x, r) for x, r in zip(xs, results) if not r.compared]
    if missing:
        fig.add_trace(go.Scatter(
            x=[x for x, _ in missing], y=[0.0] * len(missing), mode="markers", name="not compared",
            marker=dict(symbol="x", size=11, color=NEUTRAL), customdata=[[r.event] for _, r in missing],
            hovertext=[f"<b>{html.escape(r.event)}</b>{'<br>' + html.escape(r.date) if r.date else ''}"
                       f"<br>not compared: {html.escape(r.reason)}" for _, r in missing],
            hovertemplate="%{hovertext}<extra></extra>"), row=1, col=1)
    fig.add_hline(y=0, line=dict(color="#bbbbbb", width=1), row=2, col=1)
    fig.add_hline(y=1, line=dict(color="#bbbbbb", width=1), row=3, col=1)
    fig.update_yaxes(range=[-0.03, 1.03], row=1, col=1)
    fig.update_yaxes(zeroline=False, row=2, col=1)
    fig.update_yaxes(type="log", row=3, col=1)
    if dated:
        fig.update_xaxes(type="date")
    else:
        fig.update_xaxes(type="category", tickangle=-30)
    fig.update_layout(
        title=dict(text=html.escape(f"{a} vs {b} across {len(results)} events"), x=0, xanchor="left"),
        font=_FONT, template="plotly_white", hoverlabel=dict(align="left"), margin=dict(l=10, r=10, t=90, b=40),
        height=720, clickmode="event+select", showlegend=bool(missing),
        legend=dict(orientation="h", yanchor="bottom", y=1.04, xanchor="right", x=1))
    return fig
