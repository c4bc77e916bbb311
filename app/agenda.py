"""The Agenda tab: the topics both sides raised, side by side with each sentence's register, and the
topics only one side raised. Every text from the data is HTML-escaped before it is shown."""
from __future__ import annotations

import html

import streamlit as st

from app.safe import md
from app.settings import escape_markdown
from framing.analyses.agenda import sentence_register


def _html(fragment: str) -> None:
    """Show escaped HTML as one block (a <div>: Markdown leaves its contents alone)."""
    st.markdown(f"<div>{fragment}</div>", unsafe_allow_html=True)


def _sentence(text: str, scores: dict) -> str:
    tone = (f" <small>firmness {scores['firmness']:+d} · warmth {scores['warmth']:+d}</small>" if scores
            else " <small>no register phrase</small>")
    return f"<li>{html.escape(text)}{tone}</li>"


def agenda_section(comparison) -> None:
    """The Agenda tab of one comparison."""
    agenda = comparison.agenda
    a, b = comparison.sides
    if agenda is None:
        st.info("No agenda for this comparison.")
        return
    lexicon = comparison.options.agenda.resolve()
    st.caption(f"Topics from the topic lexicon ({md(lexicon.name)}, {len(lexicon.topics)} topics): a "
               "sentence raises a topic when it uses one of the topic's terms or aliases. Firmness and warmth are "
               "the register's scores for the sentence (see the Register tab).")
    registers = {s: sentence_register(comparison.register[s]) if s in comparison.register else {} for s in (a, b)}
    found = {s: dict(agenda.by_side[s]) for s in (a, b)}
    st.subheader(f"Raised by both ({len(agenda.shared)})")
    if not agenda.shared:
        st.write("No topic was raised by both sides.")
    for topic in agenda.shared:
        _html(f"<b>{html.escape(agenda.labels.get(topic, topic))}</b>")
        columns = st.columns(2)
        for column, side in zip(columns, (a, b)):
            with column:
                items = "".join(_sentence(agenda.sentences[side][i], registers[side].get(agenda.sentences[side][i], {}))
                                for i in found[side][topic])
                _html(f"<small>{html.escape(side)}</small><ul>{items}</ul>")
    for side in (a, b):
        only = agenda.only[side]
        st.subheader(f"Only {escape_markdown(side)} raised ({len(only)})")
        if not only:
            st.write("None.")
        for topic in only:
            items = "".join(_sentence(agenda.sentences[side][i], registers[side].get(agenda.sentences[side][i], {}))
                            for i in found[side][topic])
            _html(f"<b>{html.escape(agenda.labels.get(topic, topic))}</b><ul>{items}</ul>")
