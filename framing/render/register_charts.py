"""The diplomatic register drawn: ``Comparison -> go.Figure``, its tables, and phrase chips as HTML.

Like :mod:`framing.render.charts`, every builder reads only a
:class:`~framing.compare.Comparison` (no Streamlit), so the dashboard and the
HTML report show the same thing. Each side keeps its colour from
:func:`framing.render.charts.side_colors`.

Everything that comes from the corpus or from a lexicon (an analyst's lexicon
is an upload too: phrases, rationales, citations) passes through
:func:`html.escape` before it is placed in a hover label or in HTML.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from framing.render.charts import _hover, _layout, side_colors
from framing.results import DIMENSIONS

__all__ = [
    "DIMENSION_LABELS", "STATUS_MARKS", "register_profile_figure", "register_profile_table", "register_matches_table",
    "register_disagreements_table", "register_figures", "phrase_chips_html", "disagreement_html",
]

#: Display label of each dimension, in :data:`framing.analyses.register.DIMENSIONS` order.
DIMENSION_LABELS = {d.name: d.label for d in DIMENSIONS}
#: How a row's status is marked wherever it is shown (filled: a source stands behind it; open: none does).
STATUS_MARKS = {"sourced": "● sourced", "unsourced": "○ unsourced"}
_TONE_WORDS = {1: "warm side (+)", -1: "cool side (−)", 0: "neither warm nor cool"}


def _citations(match) -> str:
    return "; ".join(s.citation + (f" <{s.url}>" if s.url else "") for s in match.sources)


def _phrase_groups(side_register) -> list[tuple[tuple, list]]:
    """Matches grouped by lexicon row (phrase, dimension, score, status), in first-seen order."""
    groups: dict = {}
    for m in side_register.matches:
        groups.setdefault((m.phrase, m.dimension, m.score, m.status, m.negated), []).append(m)
    return list(groups.items())


def _phrase_hover(key: tuple, matches: list) -> str:
    phrase, dimension, score, status, negated = key
    first = matches[0]
    forms = ", ".join(html.escape(f) for f in dict.fromkeys(m.matched for m in matches))
    lines = [f"<b>{html.escape(phrase)}</b> ×{len(matches)}  ({html.escape(STATUS_MARKS[status])})",
             f"{html.escape(DIMENSION_LABELS[dimension])} {score:+d}" + ("  · negated, not counted" if negated else ""),
             f"as written: {forms}", _hover(first.rationale, width=70)]
    cites = _citations(first)
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
            groups = [(k, ms) for k, ms in _phrase_groups(reg) if k[1] == d.name and not k[4]]
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


def register_profile_table(comparison) -> pd.DataFrame:
    """One row per side and dimension: side, dimension, label, sum, matches, sentences (of the side)."""
    return pd.DataFrame(
        [(s, d.name, d.label, comparison.register[s].profile[d.name], comparison.register[s].counts[d.name],
          comparison.register[s].n_sentences) for s in comparison.sides for d in DIMENSIONS],
        columns=["side", "dimension", "label", "sum", "matches", "sentences"])


def register_matches_table(comparison) -> pd.DataFrame:
    """Every matched phrase of both sides, in text order per side.

    Columns: side, phrase, matched (the words as written), dimension, score, counted (False for a
    negated match, left out of every score), status, rationale, sources (citations joined by "; "),
    source_urls, sentence, doc_index, lexicon (the file the row came from).
    """
    rows = []
    for s in comparison.sides:
        for m in comparison.register[s].matches:
            rows.append((s, m.phrase, m.matched, m.dimension, m.score, not m.negated, m.status, m.rationale,
                         "; ".join(x.citation for x in m.sources), " ".join(x.url for x in m.sources if x.url),
                         m.sentence, m.doc_index, m.origin))
    return pd.DataFrame(rows, columns=["side", "phrase", "matched", "dimension", "score", "counted", "status",
                                       "rationale", "sources", "source_urls", "sentence", "doc_index", "lexicon"])


def register_disagreements_table(comparison) -> pd.DataFrame:
    """Sentences on which VADER and the register disagree in sign: side, sentence, vader_compound,
    register_score, phrases and vader_words (each joined by "; "), doc_index."""
    return pd.DataFrame(
        [(d.side, d.sentence, d.compound, d.register_score, "; ".join(d.phrases), "; ".join(d.vader_words),
          d.doc_index) for d in comparison.disagreements],
        columns=["side", "sentence", "vader_compound", "register_score", "phrases", "vader_words", "doc_index"])


_CHIP = ('<span title="{title}" style="display:inline-block;border:2px {line} {color};border-radius:1em;'
         'padding:0.05em 0.6em;margin:0.15em;{extra}">{body}</span>')


def phrase_chips_html(comparison, side: str) -> str:
    """One chip per matched lexicon row of ``side``: the phrase, ×count, its dimension and score.

    Sourced rows have a solid border and ●, unsourced rows a dashed border and ○ "unsourced";
    negated matches are struck through. The chip's ``title`` (shown on hover) holds the
    rationale, the sources and the words as written. All text is escaped.
    """
    color = side_colors(comparison.sides)[side]
    chips = []
    for key, matches in _phrase_groups(comparison.register[side]):
        phrase, dimension, score, status, negated = key
        first = matches[0]
        forms = ", ".join(dict.fromkeys(m.matched for m in matches))
        lines = [f"{DIMENSION_LABELS[dimension]} {score:+d} · {status}" + (" · negated, not counted" if negated else ""),
                 first.rationale, "Source: " + (_citations(first) or "none (unsourced working reading)"),
                 f"As written: {forms}"]
        # one line each in the tooltip; no raw newline, so the HTML stays one block in Markdown
        title = "&#10;".join(html.escape(" ".join(line.split()), quote=True) for line in lines)
        mark = ("●" if status == "sourced" else '○ <small style="color:#777">unsourced</small>')
        body = (f"{'<s>' if negated else ''}<b>{html.escape(phrase)}</b>{'</s>' if negated else ''}"
                f" ×{len(matches)} · <small>{html.escape(DIMENSION_LABELS[dimension])} {score:+d}</small> {mark}")
        chips.append(_CHIP.format(title=title, line="solid" if status == "sourced" else "dashed",
                                  color=color, extra="opacity:0.6;" if negated else "", body=body))
    if not chips:
        return '<span style="color:#888;font-style:italic">no register phrase matched</span>'
    return " ".join(chips)


_MARK = '<span style="background:#ffe9a8;font-weight:600">'


def _marked(sentence: str, words) -> str:
    """The sentence escaped, with each of ``words`` (in order) highlighted; whitespace runs become one space."""
    sentence, words = " ".join(sentence.split()), [" ".join(w.split()) for w in words]
    parts, last = [], 0
    for w in words:
        start = sentence.find(w, last)
        if start < 0:
            continue
        parts += [html.escape(sentence[last:start]), f"{_MARK}{html.escape(w)}</span>"]
        last = start + len(w)
    parts.append(html.escape(sentence[last:]))
    return "".join(parts)


def disagreement_html(comparison, disagreement) -> str:
    """One disagreement as an HTML block: the side, the sentence with the register's phrases
    marked, VADER's compound and the words it read, the register score and phrases. Escaped."""
    d = disagreement
    color = side_colors(comparison.sides).get(d.side, "#999999")
    matched = []
    for s in comparison.register[d.side].sentences:
        if s.doc_index == d.doc_index and s.sentence == d.sentence:
            matched = [m.matched for m in s.matches if not m.negated]
            break
    vader = ", ".join(html.escape(w) for w in d.vader_words) or "no lexicon word"
    phrases = ", ".join(html.escape(p) for p in d.phrases)
    return (f'<div style="border-left:4px solid {color};padding:0.2em 0.8em;margin:0.4em 0">'
            f'<b>{html.escape(d.side)}</b>: “{_marked(d.sentence, matched)}”<br>'
            f'<small>VADER compound <b>{d.compound:+.3f}</b> (read: {vader}) · register score '
            f'<b>{d.register_score:+d}</b> ({phrases})</small></div>')
