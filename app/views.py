"""The dashboard's sections, each drawn from one Comparison (Streamlit only, no analysis).

Corpus text shown as HTML is always escaped first (``html.escape``), and only
escaped text reaches ``st.markdown(..., unsafe_allow_html=True)``.
"""
from __future__ import annotations

import html
import json
import math
import re

import streamlit as st

from app import settings
from app.safe import md
from framing import results
from framing.analyses.crosslang import LANGUAGE_NAMES
from framing.render import evidence, report
from framing.render.charts import side_colors

MAX_ALIGNMENT_ROWS = 300
#: Above this many sentences (both sides) the one-file report and the full JSON are not built in the
#: app: the JSON holds every sentence with its words (about 2.8 kB each: 1.2 GB for a 50 MB document)
#: and building it takes twice that, more than a shared server can spare. The CLI streams it to a file.
MAX_FULL_EXPORT_SENTENCES = 50_000
_CHIP = ('<span style="display:inline-block;border:2px solid {color};border-radius:1em;'
         'padding:0.05em 0.7em;margin:0.15em;font-size:1.45rem;font-weight:600">{word}</span>')


def _chips(words, color: str) -> str:
    if not words:
        return '<span style="color:#888;font-style:italic;font-size:1.1rem">none</span>'
    return " ".join(_CHIP.format(color=color, word=html.escape(w)) for w in words)


def _num(value: float, fmt: str = "+.3f") -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else format(value, fmt)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "side"


def headline(comparison) -> None:
    """The answer first: descriptor diff, overlap, tone, length, and the evidence warnings."""
    a, b = comparison.sides
    colors = side_colors(comparison.sides)
    diff = comparison.descriptor_diff
    st.markdown("##### How each side characterised the event")
    for column, title, words, color in zip(
            st.columns(3), ("Shared", f"Only {a}", f"Only {b}"),
            (diff.shared, diff.only_a, diff.only_b), ("#555555", colors[a], colors[b])):
        with column:
            st.markdown(f"**{settings.escape_markdown(html.escape(title), html=True)}**", unsafe_allow_html=True)
            st.markdown(_chips(words, color), unsafe_allow_html=True)
    if duration_line(comparison):
        st.caption(f"How long it lasted, kept out of the diff (length is not character): {md(duration_line(comparison))}")

    overlap = comparison.overlap
    cols = st.columns([1.3, 1, 1, 1, 1])
    with cols[0]:
        crossed = getattr(comparison, "cross_language", False)   # two languages: no overlap to read (issue 13)
        st.metric("Overlap (TF-IDF cosine)", "not comparable" if crossed else f"{overlap.cosine:.3f}", border=True,
                  help="Cosine of the two sides' pooled TF-IDF vectors (0: no shared terms, 1: the same).")
        terms = overlap.shared_terms.head(5)
        driven = ", ".join(f"{t} ({s:.0%})" for t, s in zip(terms["term"], terms["share"])) or "no shared terms"
        st.caption("Two languages share no words: see the Chinese tab for each side's own terms." if crossed
                   else f"Driven by: {md(driven)}")
    for side, col in zip(comparison.sides, cols[1:3]):
        tone = comparison.sentiment[side]
        with col:
            st.metric(f"{md(side)}: mean tone", _num(tone.mean), border=True,
                      help="Mean VADER compound per sentence (-1 to +1); a general lexicon, not diplomatic register.")
            language = getattr(comparison, "languages", {}).get(side)
            if language is not None and language.language == "zh":
                st.caption("No VADER score: it is an English lexicon and this side is in Chinese.")
            else:
                st.caption(f"95% CI {_num(tone.ci_low)} to {_num(tone.ci_high)} · {_count(tone.n_sentences, 'sentence')}")
    for side, col in zip(comparison.sides, cols[3:5]):
        length = comparison.lengths[side]
        with col:
            st.metric(f"{md(side)}: words", f"{length['words']:,}", border=True, help="Length of this side's account.")
            language = LANGUAGE_NAMES.get(length.get("language"), "")
            st.caption(f"{_count(length['sentences'], 'sentence')} · {_count(length['documents'], 'document')}"
                       + (f" · {language}" if language else ""))
    if comparison.warnings:
        st.warning("\n".join(f"- {md(w)}" for w in comparison.warnings), icon=":material/warning:")


def duration_line(comparison) -> str:
    """Each side's words about the event's length ("US: lengthy · China: two-hour"), "" when neither has one."""
    duration = getattr(comparison, "descriptor_duration", {}) or {}
    if not any(duration.get(s) for s in comparison.sides):
        return ""
    return " · ".join(f"{s}: {', '.join(duration.get(s, [])) or 'none'}" for s in comparison.sides)


def charts_section(comparison, figures: dict) -> None:
    left, right = st.columns(2)
    with left:
        st.plotly_chart(figures["distinctive_terms"], key="chart_distinctive")
    with right:
        st.plotly_chart(figures["frequency_vs_z"], key="chart_scatter")
    st.caption("Distinctive terms: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008). "
               "Bars and points beyond the dashed lines (|z| ≥ 1.96) are significant; faded bars are not.")
    st.subheader("Tone, sentence by sentence")
    st.caption("Hover a point for the sentence and the words that moved its score.")
    st.plotly_chart(figures["sentiment"], key="chart_sentiment")
    st.subheader("Which sentences say the same thing")
    st.plotly_chart(figures["sentence_similarity"], key="chart_heatmap")


def alignment_section(comparison) -> None:
    a, b = comparison.sides
    view = results.alignment_table(comparison)
    labels = results.alignment_labels(comparison.sides)
    counts = view["status"].value_counts()
    similarity = getattr(comparison.options, "similarity", "words")
    if similarity == "words":
        how = f"TF-IDF cosine ≥ {comparison.alignment.threshold:g}"
    else:   # alignment by meaning (issue 14): the basis column of the CSV says what each match rests on
        meaning = comparison.options.meaning
        words = (f"embedding cosine ≥ {meaning.embedding_threshold:g}" if similarity == "embeddings"
                 else f"content-word cosine ≥ {meaning.word_threshold:g}")
        topic = "a shared topic" + (" named by its terms (an alias alone does not count)" if meaning.alias_weight == 0 else "")
        how = f"by meaning: {words} once names, titles, dates and readout verbs are removed, or {topic}"
    st.caption(f"Each sentence is matched to the other side's most similar sentence ({how}, many-to-one). "
               "Highlighted rows are claims only one side makes: "
               f"{counts.get(labels['matched'], 0)} matched, {counts.get(labels['only_a'], 0)} only {md(a)}, "
               f"{counts.get(labels['only_b'], 0)} only {md(b)}.")
    show = st.radio("Show", ["all", *labels.values()], horizontal=True, key="alignment_show",
                    format_func=md)  # radio options are Markdown
    if show != "all":
        view = view[view["status"] == show]
    colors = side_colors(comparison.sides)
    tint = {labels["only_a"]: colors[a] + "22", labels["only_b"]: colors[b] + "22"}
    if len(view) > MAX_ALIGNMENT_ROWS:
        st.caption(f"Showing the first {MAX_ALIGNMENT_ROWS} of {len(view)} rows; the alignment CSV under Export has all.")
        view = view.head(MAX_ALIGNMENT_ROWS)
    # st.table wraps long sentences (st.dataframe would cut them). It draws each cell and each column
    # header as Markdown, so a sentence's "[text](url)" would become a link: the cells go through
    # Styler's escape (HTML) and then md; the headers are the side labels, and st.table shows the
    # DataFrame's own column names there (not Styler's format_index), so the columns are renamed to
    # their escaped form. The status names a side ("only <side>"): escaped like the sentences.
    status = view["status"]
    header = {column: md(html.escape(str(column)), html=True) for column in view.columns}
    as_text = {header[column]: (lambda cell: settings.escape_markdown(cell, html=True)) for column in (a, b, "status")}
    styled = view.rename(columns=header).style.apply(
        lambda row: [f"background-color: {tint[status[row.name]]}" if status[row.name] in tint else ""] * len(row),
        axis=1).format({header["similarity"]: "{:.2f}", **as_text}, escape="html").hide(axis="index")
    st.table(styled)


def evidence_terms(comparison) -> list[str]:
    """The terms offered under Evidence: descriptors, the words about the event's length (the duration
    facet), top distinctive terms, top shared terms.

    The first is the default (a link leaves it out).
    """
    diff = comparison.descriptor_diff
    return list(dict.fromkeys(
        list(diff.shared) + list(diff.only_a) + list(diff.only_b) + duration_words(comparison)
        + [t for s in comparison.sides for t in comparison.distinctive.top[s]["term"].head(10)]
        + list(comparison.overlap.shared_terms["term"].head(10))))


def duration_words(comparison) -> list[str]:
    """Both sides' words about the event's length (the duration facet), distinct, side A's first."""
    duration = getattr(comparison, "descriptor_duration", {}) or {}
    return list(dict.fromkeys(w for s in comparison.sides for w in duration.get(s, ())))


def term_label(term: str, durations) -> str:
    """How a term reads in the Evidence picker: a duration word is marked ("lengthy (duration)")."""
    return f"{term} (duration)" if term in durations else term


def evidence_section(comparison) -> None:
    """Pick (or type) a term: every sentence containing it, per side, the term highlighted."""
    terms = evidence_terms(comparison)
    requested = settings.take_pending(st.session_state, "term")
    if requested is not None:
        st.session_state["term"] = requested
    if st.session_state.get("term") and st.session_state["term"] not in terms:
        terms.append(st.session_state["term"])  # a typed or linked term stays selectable
    durations = duration_words(comparison)
    term = st.selectbox("Term (pick one or type your own)", terms, key="term", accept_new_options=True,
                        index=0 if terms else None, format_func=lambda t: term_label(t, durations))
    if term:
        # a duration word is traced from where the comparison found it ("at length", 长时间 → lengthy), as
        # a descriptor is found; any other term by searching its words
        is_duration = term in durations
        hits = (evidence.duration_evidence(comparison, term) if is_duration
                else evidence.with_descriptor_evidence(comparison, term))   # 坦诚 is traced as "candid" too
        shown = settings.escape_markdown(html.escape(term), html=True)
        if is_duration:
            st.caption(f"“{md(term)}” is a word about how long the event lasted (the duration facet): kept out of "
                       "the descriptor diff, since length is not character. Each sentence where a side used it:")
        for side, column in zip(comparison.sides, st.columns(2)):
            with column:
                # Markdown escaped too: a "$" pair would be typeset as LaTeX, a "[..](..)" drawn as a link.
                # (The list below is an HTML block, which markdown leaves alone.)
                what = f"with the duration word “{shown}”" if is_duration else f"containing “{shown}”"
                st.markdown(f"**{settings.escape_markdown(html.escape(side), html=True)}**: {len(hits[side])} "
                            f"sentence(s) {what}", unsafe_allow_html=True)
                body = "".join(f"<li>{evidence.highlight_html(hit)}</li>" for hit in hits[side][:200])
                if body:
                    st.markdown(f"<ul>{body}</ul>", unsafe_allow_html=True)
                else:
                    st.caption("No sentence on this side contains it.")


def exports_section(comparison, figures: dict) -> None:
    """Downloads; each file is built only when its button is clicked."""
    a, b = comparison.sides
    stem = f"framing-{_slug(a)}-vs-{_slug(b)}"
    cols = st.columns(2)
    n_sentences = sum(comparison.lengths[s]["sentences"] for s in comparison.sides)
    if n_sentences > MAX_FULL_EXPORT_SENTENCES:
        st.info(f"The full report and the full JSON are not built here for {n_sentences:,} sentences (the JSON "
                f"alone would be about {n_sentences * 2.8 / 1000:,.0f} MB). Write them with the command line on "
                "the same files: `python -m framing compare FILES --format json --out result.json`. The tables "
                "below are complete.", icon=":material/info:")
    else:
        cols[0].download_button(
            "Full report (one HTML file, opens offline)", key="download_report", file_name=f"{stem}-report.html",
            mime="text/html", data=lambda: report.report_html(comparison).encode("utf-8"), on_click="ignore")
        cols[1].download_button(
            "Full JSON (same as the CLI)", key="download_json", file_name=f"{stem}.json", mime="application/json",
            data=lambda: json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"),
            on_click="ignore")
    st.markdown("**Tables (CSV)**")
    names = results.TABLE_NAMES
    for column, name in zip(st.columns(3) * (len(names) // 3 + 1), names):
        column.download_button(
            name.replace("_", " "), key=f"download_csv_{name}", file_name=f"{stem}-{name}.csv", mime="text/csv",
            data=lambda name=name: report.table_csv(results.comparison_tables(comparison)[name]), on_click="ignore")
    st.markdown("**Charts (standalone HTML)**")
    for column, (name, fig) in zip(st.columns(len(figures)), figures.items()):
        column.download_button(
            name.replace("_", " "), key=f"download_chart_{name}", file_name=f"{stem}-{name}.html", mime="text/html",
            data=lambda fig=fig, name=name: report.chart_html(fig, name).encode("utf-8"), on_click="ignore")
