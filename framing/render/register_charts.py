"""The diplomatic register drawn: ``Comparison -> go.Figure``.

Like :mod:`framing.render.charts`, every builder reads only a
:class:`~framing.results.Comparison` (no Streamlit), so the dashboard and the
HTML report show the same thing. Each side keeps its colour from
:func:`framing.render.charts.side_colors`. The register's tables are in
:mod:`framing.results`, its phrase chips and disagreements as HTML in :mod:`framing.render.html`.

Everything that comes from the corpus or from a lexicon (an analyst's lexicon
is an upload too: phrases, rationales, citations) passes through
:func:`html.escape` before it is placed in a hover label or in HTML.
"""
from __future__ import annotations

import html

import plotly.graph_objects as go

from framing.render.charts import _hover, _layout, side_colors
from framing.render.html import DIMENSION_LABELS, STATUS_MARKS, citations, phrase_groups
from framing.results import DIMENSIONS

__all__ = ["register_profile_figure", "register_figures"]

_TONE_WORDS = {1: "warm side (+)", -1: "cool side (−)", 0: "neither warm nor cool"}


def _phrase_hover(key: tuple, matches: list) -> str:
    phrase, dimension, score, status, negated = key
    first = matches[0]
    forms = ", ".join(html.escape(f) for f in dict.fromkeys(m.matched for m in matches))
    lines = [f"<b>{html.escape(phrase)}</b> ×{len(matches)}  ({html.escape(STATUS_MARKS[status])})",
             f"{html.escape(DIMENSION_LABELS[dimension])} {score:+d}" + ("  · negated, not counted" if negated else ""),
             f"as written: {forms}", _hover(first.rationale, width=70)]
    cites = citations(first)
    lines.append("source: " + _hover(cites, width=70) if cites else "source: none (unsourced working reading)")
    return "<br>".join(lines)


def register_profile_figure(comparison) -> go.Figure:
    """Sum of phrase scores per dimension, one bar per side (grouped, horizontal).

    Trace names are the (escaped) side labels; each bar's text is its number of
    matches, and its hover gives the dimension's meaning and every phrase that
    went into it with its status, rationale and source. Dimensions run top to
    bottom in :data:`framing.analyses.register.DIMENSIONS` order.
    """
    colors = side_colors(comparison.sides)
    labels = [html.escape(d.label) for d in DIMENSIONS]
    fig = go.Figure()
    for side in comparison.sides:   # on the reversed y axis, the first trace is the top bar of each group
        reg = comparison.register[side]
        hover = []
        for d in DIMENSIONS:
            groups = [(k, ms) for k, ms in phrase_groups(reg) if k[1] == d.name and not k[4]]
            head = (f"<b>{html.escape(side)}</b> · {html.escape(d.label)}<br>sum {reg.profile[d.name]:+d} over "
                    f"{reg.counts[d.name]} match(es) · {_TONE_WORDS[d.tone]}<br><i>{_hover(d.meaning, width=70)}</i>")
            body = "<br>".join(f"· {html.escape(k[0])} ×{len(ms)} ({k[2]:+d}, {html.escape(STATUS_MARKS[k[3]])})"
                               for k, ms in groups) or "· no phrase matched"
            hover.append(f"{head}<br>{body}")
        fig.add_trace(go.Bar(
            x=[reg.profile[d.name] for d in DIMENSIONS], y=labels, orientation="h", name=html.escape(side),
            marker=dict(color=colors[side]), text=[f"n={reg.counts[d.name]}" for d in DIMENSIONS],
            textposition="outside", cliponaxis=False, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
    fig.add_vline(x=0, line=dict(color="#444444", width=1))
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, "Diplomatic register: sum of phrase scores per dimension (n = matches)",
                   xaxis_title="sum of scores (each phrase −2 … +2 on its dimension's own scale)", yaxis_title=None,
                   barmode="group", height=460, bargap=0.25)


def register_figures(comparison) -> dict:
    """The register's charts, by a stable file-name-friendly key."""
    return {"register_profile": register_profile_figure(comparison)}


