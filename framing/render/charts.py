"""Plotly figure builders: ``Comparison -> go.Figure``.

Every builder reads only a :class:`~framing.results.Comparison` (no Streamlit),
so the dashboard, the HTML report and a notebook draw the same charts. Each side
keeps one colour in every chart (:func:`side_colors`, from the Okabe-Ito
palette, which stays distinguishable under the common colour-vision deficiencies).

Hover text quotes the corpus, and Plotly renders hover text as HTML, so every
piece of corpus text passes through :func:`html.escape` before it is placed in
a hover label. Tables are in :mod:`framing.results`, term evidence in
:mod:`framing.render.evidence`, HTML fragments in :mod:`framing.render.html`.
"""
from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from framing.results import Z_THRESHOLD, distinctive_all_terms_table, per_side

__all__ = [
    "OKABE_ITO", "NEUTRAL", "side_colors", "distinctive_bar_figure", "distinctive_scatter_figure",
    "sentiment_figure", "similarity_heatmap_figure", "all_figures",
]

#: Okabe & Ito (2008) colour-blind-safe palette; sides take blue and vermillion first.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
#: Terms and cells that belong to neither side.
NEUTRAL = "#999999"

_FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)
_WRAP = 80
#: Longest sentence excerpt in a heatmap cell's hover (two sentences per cell).
_HEATMAP_EXCERPT = 160


def side_colors(sides) -> dict:
    """One colour per side label, in the order the sides are compared.

    >>> side_colors(("US", "China"))
    {'US': '#0072B2', 'China': '#D55E00'}
    """
    return {side: OKABE_ITO[i % len(OKABE_ITO)] for i, side in enumerate(sides)}


def _hover(text: str, width: int = _WRAP, limit: int | None = None) -> str:
    """Corpus text made safe for a Plotly hover label: shortened, wrapped, HTML-escaped."""
    text = " ".join(str(text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width)) or "(empty)"


#: Longest term drawn as an axis or point label, and quoted in a hover; a scraped page can hold a
#: 100,000-character "word" (a data URI, a minified script) that would squeeze the plot to nothing.
_LABEL_CHARS = 40
_HOVER_TERM_CHARS = 160


def _term(term: str, limit: int = _LABEL_CHARS) -> str:
    """A term shortened for display (start … end, so two long terms stay apart), HTML-escaped."""
    term = str(term)
    if len(term) > limit:
        keep = limit - 10
        term = f"{term[:keep]}…{term[-8:]}"
    return html.escape(term)


def _layout(fig: go.Figure, title: str, **kwargs) -> go.Figure:
    fig.update_layout(title=dict(text=html.escape(title), x=0, xanchor="left"), font=_FONT,
                      template="plotly_white", hoverlabel=dict(align="left"), margin=dict(l=10, r=10, t=60, b=40),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1), **kwargs)
    return fig


def distinctive_bar_figure(comparison) -> go.Figure:
    """Diverging bars of z: side A's distinctive terms to the right, side B's to the left.

    Dashed lines mark z = +1.96 and -1.96 (two-sided 5%); bars beyond them are
    significant. Trace names are the side labels.
    """
    a, b = comparison.sides
    colors = side_colors(comparison.sides)
    fig = go.Figure()
    for side, sign in ((b, -1.0), (a, 1.0)):
        top = comparison.distinctive.top[side].iloc[::-1]
        z = top["z"].to_numpy(dtype=float) * sign
        hover = [f"<b>{_term(t, _HOVER_TERM_CHARS)}</b><br>z = {zz:+.2f} (favours {html.escape(side)})"
                 f"<br>{html.escape(side)}: {c} · other side: {o}"
                 for t, zz, c, o in zip(top["term"], z, top["count"], top["count_other"])]
        fig.add_trace(go.Bar(
            x=z, y=[_term(t) for t in top["term"]], orientation="h", name=html.escape(side),
            marker=dict(color=colors[side], opacity=[1.0 if s else 0.55 for s in top["significant"]]),
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
    for x in (-Z_THRESHOLD, Z_THRESHOLD):
        fig.add_vline(x=x, line=dict(color="#444444", dash="dash", width=1))
    n = max(len(comparison.distinctive.top[a]) + len(comparison.distinctive.top[b]), 1)
    return _layout(fig, f"Distinctive terms: ← {b} · {a} →  (dashed: |z| = {Z_THRESHOLD})",
                   xaxis_title=html.escape(f"log-odds z-score (positive: {a}, negative: {b})"), yaxis_title=None,
                   barmode="overlay", height=max(360, 22 * n + 140), bargap=0.25, legend_traceorder="reversed")


def distinctive_scatter_figure(comparison, max_terms: int = 5000, label_top: int = 8) -> go.Figure:
    """Every term by how often it occurs (x, log scale) and how distinctive it is (y = z).

    Like Scattertext's explorer: points above the +1.96 line belong to side A,
    below -1.96 to side B, the rest to neither. With more than ``max_terms``
    terms, the most frequent are drawn and the title says so.
    """
    a, b = comparison.sides
    colors = side_colors(comparison.sides)
    count_a, count_b, rate_a, rate_b = (per_side(q, side) for q in ("count", "per_10k") for side in (a, b))
    table = distinctive_all_terms_table(comparison).assign(total=lambda t: t[count_a] + t[count_b])
    title = f"Frequency against distinctiveness ({len(table)} terms)"
    if len(table) > max_terms:
        table = table.sort_values(["total", "term"], ascending=[False, True], kind="stable").head(max_terms)
        title = f"Frequency against distinctiveness (the {max_terms} most frequent of {len(comparison.distinctive.table)} terms)"
    groups = ((a, table["z"] >= Z_THRESHOLD, colors[a]), (b, table["z"] <= -Z_THRESHOLD, colors[b]),
              ("not distinctive", table["z"].abs() < Z_THRESHOLD, NEUTRAL))
    fig = go.Figure()
    trace = go.Scattergl if len(table) > 1000 else go.Scatter
    for name, mask, color in groups:
        part = table[mask]
        hover = [f"<b>{_term(t, _HOVER_TERM_CHARS)}</b><br>z = {z:+.2f}<br>{html.escape(a)}: {ca} ({pa:.1f} per 10k)"
                 f"<br>{html.escape(b)}: {cb} ({pb:.1f} per 10k)"
                 for t, z, ca, cb, pa, pb in zip(part["term"], part["z"], part[count_a], part[count_b],
                                                 part[rate_a], part[rate_b])]
        fig.add_trace(trace(x=part["total"], y=part["z"], mode="markers", name=html.escape(name),
                            marker=dict(color=color, size=7, opacity=0.75, line=dict(width=0)),
                            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>"))
    strongest = pd.concat([table.nlargest(label_top, "z"), table.nsmallest(label_top, "z")])
    fig.add_trace(go.Scatter(x=strongest["total"], y=strongest["z"], mode="text", showlegend=False,
                             text=[_term(t) for t in strongest["term"]], hoverinfo="skip",
                             textposition="middle right", textfont=dict(size=12, color="#333333")))
    for y in (-Z_THRESHOLD, Z_THRESHOLD):
        fig.add_hline(y=y, line=dict(color="#444444", dash="dash", width=1))
    return _layout(fig, title, xaxis=dict(title="occurrences on both sides (log scale)", type="log"),
                   yaxis_title=html.escape(f"z-score (above +{Z_THRESHOLD}: {a}; below -{Z_THRESHOLD}: {b})"), height=520)


def _words_text(words) -> str:
    if not len(words):
        return "no lexicon word moved the score"
    return ", ".join(f"{html.escape(w)} ({effect:+.2f})" for w, _valence, effect in words)


def sentiment_figure(comparison, max_points: int = 3000) -> go.Figure:
    """Per-sentence VADER compound per side: a box with every sentence as a point.

    Hovering a point shows the sentence and the lexicon words that moved its
    score (after VADER's rules). A diamond with a bar marks the side's mean and
    its bootstrap 95% interval. With more than ``max_points`` sentences a side
    draws an evenly spaced subset of points (the box and mean use all).
    """
    colors = side_colors(comparison.sides)
    fig = go.Figure()
    sampled = False
    for side in reversed(comparison.sides):
        result = comparison.sentiment[side]
        table = result.sentences
        if len(table) > max_points:
            table = table.iloc[np.linspace(0, len(table) - 1, max_points).astype(int)]
            sampled = True
        hover = [f"{_hover(s)}<br><b>compound {c:+.3f}</b><br>{_words_text(w)}"
                 for s, c, w in zip(table["sentence"], table["compound"], table["words"])]
        fig.add_trace(go.Box(
            x=table["compound"], y=[html.escape(side)] * len(table), name=html.escape(side), orientation="h",
            boxpoints="all", jitter=0.6, pointpos=0, marker=dict(color=colors[side], size=7, opacity=0.7),
            line=dict(color=colors[side]), fillcolor="rgba(0,0,0,0)", hoveron="points",
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
        ))
        if not np.isnan(result.mean):
            low = result.ci_low if not np.isnan(result.ci_low) else result.mean
            high = result.ci_high if not np.isnan(result.ci_high) else result.mean
            fig.add_trace(go.Scatter(
                x=[result.mean], y=[html.escape(side)], mode="markers", name=f"{html.escape(side)} mean (95% CI)",
                showlegend=False,
                marker=dict(symbol="diamond", size=14, color="white", line=dict(color=colors[side], width=2)),
                error_x=dict(type="data", symmetric=False, array=[high - result.mean],
                             arrayminus=[result.mean - low], color=colors[side], thickness=2, width=8),
                hovertemplate=(f"<b>{html.escape(side)}</b> mean {result.mean:+.3f}<br>95% CI "
                               f"{low:+.3f} to {high:+.3f}<br>{result.n_sentences} sentences<extra></extra>"),
            ))
    fig.add_vline(x=0, line=dict(color="#bbbbbb", width=1))
    title = "Sentence tone (VADER compound; general lexicon, not diplomatic register)"
    if sampled:
        title += f" — up to {max_points} points drawn per side"
    return _layout(fig, title, xaxis=dict(title="compound score (-1 negative … +1 positive)", range=[-1.05, 1.05]),
                   yaxis_title=None, showlegend=False, height=200 + 110 * len(comparison.sides))


def similarity_heatmap_figure(comparison, max_sentences: int = 60) -> go.Figure:
    """Sentence-by-sentence TF-IDF cosine: side A sentences (rows) by side B (columns).

    Hover shows both sentences. Only the first ``max_sentences`` of each side are
    drawn (the title says so), because every cell carries two sentences of text.
    When the alignment kept no matrix (too large), the figure says so instead.
    """
    a, b = comparison.sides
    align = comparison.alignment
    fig = go.Figure()
    if align.matrix is None or align.matrix.size == 0:
        fig.add_annotation(text="No sentence matrix: one side has no sentences, or the corpus is too large to draw it.",
                           showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return _layout(fig, "Sentence similarity", height=200)
    na, nb = min(len(align.sentences_a), max_sentences), min(len(align.sentences_b), max_sentences)
    matrix = align.matrix[:na, :nb]
    hover_a = [_hover(s, limit=_HEATMAP_EXCERPT) for s in align.sentences_a[:na]]
    hover_b = [_hover(s, limit=_HEATMAP_EXCERPT) for s in align.sentences_b[:nb]]
    text = [[f"<b>{html.escape(a)} {i + 1}</b>: {hover_a[i]}<br><br><b>{html.escape(b)} {j + 1}</b>: {hover_b[j]}"
             f"<br><br>cosine {matrix[i, j]:.2f}" for j in range(nb)] for i in range(na)]
    colors = side_colors(comparison.sides)
    fig.add_trace(go.Heatmap(
        z=matrix, x=[f"{html.escape(b)} {j + 1}" for j in range(nb)], y=[f"{html.escape(a)} {i + 1}" for i in range(na)],
        zmin=0, zmax=1, colorscale=[[0, "#ffffff"], [1, colors[a]]], colorbar=dict(title="cosine"),
        hovertext=text, hovertemplate="%{hovertext}<extra></extra>", xgap=1, ygap=1,
    ))
    similarity = getattr(comparison.options, "similarity", "words")
    if similarity == "words":
        title = f"Sentence similarity: {a} sentences × {b} sentences (matched at ≥ {align.threshold:g})"
    else:   # by meaning the cells are the content-word (or embedding) cosines; a shared topic matches too
        measure = "embedding" if similarity == "embeddings" else "content-word"
        title = (f"Sentence similarity: {a} sentences × {b} sentences ({measure} cosine, boilerplate removed; "
                 "a shared topic also matches: see Claims side by side)")
    if na < len(align.sentences_a) or nb < len(align.sentences_b):
        title += f" — first {na} of {len(align.sentences_a)} × first {nb} of {len(align.sentences_b)}"
    fig.update_yaxes(autorange="reversed", title=f"{html.escape(a)} sentence")
    fig.update_xaxes(title=f"{html.escape(b)} sentence", tickangle=-45)
    return _layout(fig, title, height=max(380, 18 * na + 200))


def all_figures(comparison) -> dict:
    """Every chart, by a stable file-name-friendly key, in reading order."""
    return {
        "distinctive_terms": distinctive_bar_figure(comparison),
        "frequency_vs_z": distinctive_scatter_figure(comparison),
        "sentiment": sentiment_figure(comparison),
        "sentence_similarity": similarity_heatmap_figure(comparison),
    }
