"""Exports of a comparison: CSV tables, standalone chart HTML, one offline HTML report.

The report is one file: plotly.js is embedded inline once (no CDN, so it opens
offline), and every piece of corpus text is HTML-escaped. CSV cells that a
spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or
carriage return) get a leading apostrophe, so an uploaded document cannot
plant a formula in an analyst's spreadsheet.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from framing.render.charts import all_figures, side_colors
from framing.render.html import (
    chips_html,
    disagreement_html,
    phrase_chips_html,
    table_html,
)
from framing.render.register_charts import register_figures
from framing.results import alignment_labels, comparison_tables

__all__ = ["FORMULA_PREFIXES", "neutralise_formula", "table_csv", "chart_html", "report_html"]

#: A text cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix an apostrophe to a text cell a spreadsheet would read as a formula.

    >>> neutralise_formula("=HYPERLINK(\\"x\\")"), neutralise_formula("-2"), neutralise_formula(-2.0)
    ('\\'=HYPERLINK("x")', "'-2", -2.0)
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with a byte-order mark, so spreadsheets read accents), formulas neutralised.

    Numbers stay numbers (a z of -2.5 is not a formula); only text cells and
    column names are neutralised.
    """
    safe = table.copy()
    safe.columns = [neutralise_formula(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_formula)
    return safe.to_csv(index=False).encode("utf-8-sig")


def chart_html(fig: go.Figure, title: str | None = None) -> str:
    """One chart as a standalone HTML page with plotly.js inline (opens offline)."""
    page = fig.to_html(full_html=True, include_plotlyjs=True, include_mathjax=False,
                       config={"displaylogo": False})
    if title:
        page = page.replace("<head>", f"<head><meta charset=\"utf-8\" /><title>{html.escape(title)}</title>", 1)
    return page


#: The summary table's tone columns as the report heads them.
_SUMMARY_HEADINGS = {"sentiment_mean": "mean tone", "sentiment_ci_low": "95% CI low", "sentiment_ci_high": "95% CI high"}

_CSS = """
body{font-family:"Source Sans Pro",Arial,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.7em}h2{margin-top:2em;border-bottom:1px solid #ddd}
.diff{display:grid;grid-template-columns:repeat(3,1fr);gap:1em}
.diff div{border:1px solid #ddd;border-radius:6px;padding:.8em}
.chip{display:inline-block;border:2px solid #888;border-radius:1em;padding:.1em .7em;margin:.2em;font-size:1.3em}
.none{color:#888;font-style:italic}.warn{background:#fff6e0;border-left:4px solid #E69F00;padding:.5em 1em}
table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:.92em}
td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
tr.only{background:#fff3cd}.metric{font-size:1.5em;font-weight:600}
"""


def _register_html(comparison, tables: dict) -> str:
    """The diplomatic register: profile chart, phrases per side, VADER-register disagreements, matches."""
    esc = html.escape
    parts = ["<h2>Diplomatic register</h2><p>What readout words conventionally signal (framing's register "
             "lexicon, beside VADER). ● sourced: a published reading stands behind the row; ○ unsourced: the "
             "project's working reading. Hover a phrase for its rationale and source.</p>"]
    if comparison.options.translation_variants:
        applied = ", ".join(f"{esc(v)} → {esc(c)} ({esc(', '.join(s))})" for v, c, s in comparison.variants_applied)
        parts.append(f"<p class=\"warn\">Translation variants treated as one term: {applied or 'none occurred'}.</p>")
    for fig in register_figures(comparison).values():
        parts.append(fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                                 config={"displaylogo": False}))
    for side in comparison.sides:
        parts.append(f"<h3>{esc(side)}</h3><p>{phrase_chips_html(comparison, side)}</p>")
    parts.append("<h3>VADER and the register disagree</h3>")
    parts.append("".join(disagreement_html(comparison, d) for d in comparison.disagreements)
                 or '<p class="none">No sentence where they disagree in sign.</p>')
    parts.append("<h3>Every matched phrase</h3>"
                 + table_html(tables["register_matches"].drop(columns=["source_urls", "doc_index"])))
    return "".join(parts)


def report_html(comparison) -> str:
    """The whole comparison as one HTML file that opens offline.

    Headline (descriptor diff, overlap, sentiment, lengths, warnings), every
    chart, and the tables; plotly.js is inlined once, all text is escaped.
    """
    a, b = comparison.sides
    colors = side_colors(comparison.sides)
    diff = comparison.descriptor_diff
    esc = html.escape
    parts = [
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\" />",
        f"<title>{esc(f'{a} vs {b}: {comparison.event}')}</title><style>{_CSS}</style>",
        f"<script type=\"text/javascript\">{get_plotlyjs()}</script></head><body>",
        f"<h1>How {esc(a)} and {esc(b)} told it</h1><p>Event: <b>{esc(comparison.event)}</b></p>",
        "<h2>How each side characterised the event</h2><div class=\"diff\">",
        f"<div><h3>Shared</h3>{chips_html(diff.shared, '#555555')}</div>",
        f"<div><h3>Only {esc(a)}</h3>{chips_html(diff.only_a, colors[a])}</div>",
        f"<div><h3>Only {esc(b)}</h3>{chips_html(diff.only_b, colors[b])}</div></div>",
    ]
    if any(comparison.descriptor_duration.get(s) for s in comparison.sides):
        lengths = " &middot; ".join(f"{esc(s)}: {esc(', '.join(comparison.descriptor_duration.get(s, [])) or 'none')}"
                                    for s in comparison.sides)
        parts.append(f"<p><small>How long it lasted, kept out of the diff (length is not character): "
                     f"{lengths}</small></p>")
    if comparison.warnings:
        parts.append("".join(f"<p class=\"warn\">{esc(w)}</p>" for w in comparison.warnings))
    shared = ", ".join(esc(t) for t in comparison.overlap.shared_terms["term"].head(10)) or "none"
    parts.append(f"<h2>Overlap</h2><p class=\"metric\">TF-IDF cosine {comparison.overlap.cosine:.3f}</p>"
                 f"<p>Terms driving it: {shared}</p>")
    tables = comparison_tables(comparison)
    tone = tables["summary"].rename(columns=_SUMMARY_HEADINGS)[["side", *_SUMMARY_HEADINGS.values(),
                                                                 "documents", "words", "sentences"]]
    parts.append("<h2>Tone and length</h2>" + table_html(tone))
    for key, fig in all_figures(comparison).items():
        parts.append(f"<h2>{esc(key.replace('_', ' ').capitalize())}</h2>")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                                 config={"displaylogo": False}))
    both = alignment_labels(comparison.sides)["matched"]
    parts.append("<h2>Alignment: matched claims and claims only one side makes</h2>"
                 + table_html(tables["alignment"], row_class=lambda r: "only" if r["status"] != both else "", digits=2))
    parts.append("<h2>Descriptor evidence</h2>" + table_html(tables["descriptor_evidence"]))
    if not tables["duration"].empty:   # words about length: traced to their sentences, apart from the descriptors
        parts.append("<h2>How long it lasted (duration, not in the descriptors)</h2>" + table_html(tables["duration"]))
    parts.append("<h2>Distinctive terms</h2>" + table_html(tables["distinctive_top"], digits=2))
    parts.append("<h2>Shared terms</h2>" + table_html(tables["shared_terms"], digits=4))
    parts.append(_register_html(comparison, tables))
    parts.append("<p><small>Sentiment: VADER, a general lexicon, not diplomatic register. "
                 "Generated by framing.</small></p></body></html>")
    return "\n".join(parts)
