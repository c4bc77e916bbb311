"""HTML fragments of a comparison, shared by the dashboard and the one-file report.

Plain strings (no Streamlit): tables, word chips, the register's phrase chips and its
disagreements. Everything from the corpus or a lexicon (an analyst's lexicon is an upload too)
passes through :func:`html.escape` before it is placed in HTML.
"""
from __future__ import annotations

import html
import math

import pandas as pd

from framing.render.charts import side_colors
from framing.results import DIMENSIONS

__all__ = ["DIMENSION_LABELS", "STATUS_MARKS", "citations", "phrase_groups", "fmt_cell", "table_html", "chips_html",
           "phrase_chips_html", "disagreement_html"]

#: Display label of each dimension, in :data:`framing.analyses.register.DIMENSIONS` order.
DIMENSION_LABELS = {d.name: d.label for d in DIMENSIONS}
#: How a row's status is marked wherever it is shown (filled: a source stands behind it; open: none does).
STATUS_MARKS = {"sourced": "● sourced", "unsourced": "○ unsourced"}


def citations(match) -> str:
    return "; ".join(s.citation + (f" <{s.url}>" if s.url else "") for s in match.sources)


def phrase_groups(side_register) -> list[tuple[tuple, list]]:
    """Matches grouped by lexicon row (phrase, dimension, score, status), in first-seen order."""
    groups: dict = {}
    for m in side_register.matches:
        groups.setdefault((m.phrase, m.dimension, m.score, m.status, m.negated), []).append(m)
    return list(groups.items())


def fmt_cell(value, digits: int = 3) -> str:
    if isinstance(value, float):
        return "–" if math.isnan(value) else f"{value:.{digits}f}"
    return html.escape(str(value))


def table_html(table: pd.DataFrame, row_class=None, digits: int = 3) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    body = []
    for _, row in table.iterrows():
        cls = f' class="{row_class(row)}"' if row_class and row_class(row) else ""
        body.append(f"<tr{cls}>" + "".join(f"<td>{fmt_cell(v, digits)}</td>" for v in row) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _chips(words, color: str) -> str:
    if not words:
        return '<span class="none">none</span>'
    return " ".join(f'<span class="chip" style="border-color:{color}">{html.escape(w)}</span>' for w in words)


def chips_html(words, color: str) -> str:
    """Each word as an escaped chip bordered in ``color`` (class ``chip``), or "none" in grey."""
    if not words:
        return '<span class="none">none</span>'
    return " ".join(f'<span class="chip" style="border-color:{color}">{html.escape(w)}</span>' for w in words)


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
    for key, matches in phrase_groups(comparison.register[side]):
        phrase, dimension, score, status, negated = key
        first = matches[0]
        forms = ", ".join(dict.fromkeys(m.matched for m in matches))
        lines = [f"{DIMENSION_LABELS[dimension]} {score:+d} · {status}" + (" · negated, not counted" if negated else ""),
                 first.rationale, "Source: " + (citations(first) or "none (unsourced working reading)"),
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
