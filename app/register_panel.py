"""The diplomatic register in the dashboard: its sidebar settings and its tab (Streamlit only).

Settings: "Treat translation variants as one term" (widget key and URL parameter
``variants``, see :mod:`app.settings`) and an analyst's own lexicon (a CSV in the
bundled format, an optional sources CSV, extend or replace), validated by
:func:`framing.analyses.register.parse_lexicon_bytes`; a bad file raises
:class:`~framing.analyses.register.RegisterError`, which the dashboard shows in its one
error spot.

Caching: an uploaded lexicon is upload-derived, so its parse is cached per
session (``scope="session"``, bounded), and a comparison that uses it must go to
the dashboard's session-scoped ``compare_private`` cache, never to the global
``compare_bundled`` one: :meth:`RegisterChoice.cache_key` gives every such run a
corpus key (None, the global cache, only when neither the data nor the lexicon
came from an upload).

Corpus and lexicon text shown as HTML is escaped first (``framing.render.html``).
"""
from __future__ import annotations

import hashlib
import html
import os
from dataclasses import dataclass, replace

import streamlit as st

from app import settings
from framing.analyses.register import (
    DIMENSIONS,
    LEXICON_COLUMNS,
    MODES,
    SOURCE_COLUMNS,
    Lexicon,
    RegisterOptions,
    bundled_sources,
    merge_sources,
    parse_lexicon_bytes,
    parse_sources_bytes,
)
from framing.render import html as fragments
from framing.results import CompareOptions, register_matches_table

VARIANTS_KEY = "variants"
LEXICON_KEY = "lexicon_upload"
SOURCES_KEY = "lexicon_sources_upload"
MODE_KEY = "lexicon_mode"
MODE_LABELS = {"extend": "extends the bundled one", "replace": "replaces it"}
_TONE = {1: "warm (+)", -1: "cool (−)", 0: "neither"}
#: Most rows of an uploaded lexicon (measured: 2,000 rows compile in about 0.6 s; 20,000 took 7 s and
#: 233 MB). The host can change it; the CLI has no limit.
MAX_LEXICON_ROWS_DEFAULT = 2000


def max_lexicon_rows() -> int:
    return int(os.environ.get("FRAMING_MAX_LEXICON_ROWS", "").strip() or MAX_LEXICON_ROWS_DEFAULT)


@st.cache_data(scope="session", max_entries=4, show_spinner=False)
def parse_lexicon(name: str, data: bytes, sources_name: str, sources_data: bytes | None) -> Lexicon:
    """An uploaded lexicon, validated; its source ids point into the bundled sources plus its own table."""
    sources = bundled_sources()
    if sources_data is not None:
        sources = merge_sources(sources, parse_sources_bytes(sources_data, sources_name), sources_name)
    return parse_lexicon_bytes(data, name, sources, max_rows=max_lexicon_rows())


@dataclass(frozen=True)
class RegisterChoice:
    """What the register settings ask for: the lexicon options, translation variants, and a digest
    of the uploaded lexicon files (None with the bundled lexicon)."""

    options: RegisterOptions = RegisterOptions()
    translation_variants: bool = False
    digest: str | None = None

    def apply(self, options: CompareOptions) -> CompareOptions:
        return replace(options, register=self.options, translation_variants=self.translation_variants)

    def cache_key(self, corpus_key: str | None) -> str | None:
        """The key for ``compare_private``: None (the global bundled cache) only when neither the
        corpus nor the lexicon came from an upload."""
        if self.digest is None:
            return corpus_key
        return hashlib.sha256(f"{corpus_key or 'bundled'}\x00lexicon\x00{self.digest}".encode()).hexdigest()


def register_settings(state) -> RegisterChoice:
    """Sidebar widgets of the register; raises RegisterError for an unusable lexicon (after the
    widgets are drawn, so the analyst can replace or remove the file)."""
    st.sidebar.subheader("Diplomatic register")
    st.sidebar.checkbox("Treat translation variants as one term", key=VARIANTS_KEY,
                        help="In descriptors, overlap and distinctive terms, count each variant the lexicon lists "
                             "as its phrase (deep ~ in-depth, practical ~ pragmatic). Tone, alignment and the "
                             "register keep the words as written.")
    with st.sidebar.expander(settings.GROUPS["lexicon"], expanded=state.get(LEXICON_KEY) is not None):
        lexicon_file = st.file_uploader(
            settings.LABELS["lexicon"], type=["csv"], key=LEXICON_KEY,
            help=f"The bundled format, one row per phrase: {', '.join(LEXICON_COLUMNS)} (see docs/register.md).")
        sources_file = st.file_uploader(
            settings.LABELS["lexicon_sources"], type=["csv"], key=SOURCES_KEY,
            help=f"Columns {', '.join(SOURCE_COLUMNS)}; your rows' source_ids may also name bundled sources.")
        mode = st.radio(settings.LABELS["lexicon_mode"], MODES, key=MODE_KEY, horizontal=True, format_func=MODE_LABELS.get,
                        disabled=lexicon_file is None)
        st.caption("An uploaded lexicon stays in your session and cannot travel in a link.")
    variants = bool(state.get(VARIANTS_KEY, False))
    if lexicon_file is None:
        if sources_file is not None:
            st.sidebar.caption("The sources table is used with a lexicon only: upload the lexicon too.")
        return RegisterChoice(translation_variants=variants)
    data = lexicon_file.getvalue()
    sources_data = sources_file.getvalue() if sources_file is not None else None
    lexicon = parse_lexicon(lexicon_file.name, data, sources_file.name if sources_file else "", sources_data)
    digest = hashlib.sha256(lexicon_file.name.encode() + b"\x00" + hashlib.sha256(data).digest())
    if sources_data is not None:
        digest.update(b"\x00" + sources_file.name.encode() + b"\x00" + hashlib.sha256(sources_data).digest())
    return RegisterChoice(RegisterOptions(lexicon, mode), variants, digest.hexdigest())


def _html(fragment: str) -> None:
    """Show escaped HTML as one block (a <div>: Markdown leaves its contents alone)."""
    # One line: a blank line from the data would end the HTML block, and Markdown would read the rest.
    st.markdown("<div>" + " ".join(fragment.splitlines()) + "</div>", unsafe_allow_html=True)


def variants_note(comparison) -> None:
    """When translation variants are on, say so and list the pairs that occurred."""
    if not comparison.options.translation_variants:
        return
    applied = ", ".join(f"<b>{html.escape(v)}</b> → <b>{html.escape(c)}</b> ({html.escape(', '.join(s))})"
                        for v, c, s in comparison.variants_applied)
    _html(f"<small>Translation variants treated as one term in descriptors, overlap and distinctive terms: "
          f"{applied or 'none occurred in these texts'}.</small>")


def _lexicon_line(comparison) -> str:
    opts = comparison.options.register
    used = opts.resolve().summary()
    line = (f"Lexicon: <b>{html.escape(used['name'])}</b>, {used['rows']} rows "
            f"({used['sourced']} sourced, {used['unsourced']} unsourced)")
    if opts.lexicon is not None:
        line += (" · your rows win over bundled rows sharing a phrase or variant" if opts.mode == "extend"
                 else " · your rows only")
    return line


def register_section(comparison, figures: dict) -> None:
    """The register tab: profile chart, VADER-register disagreements, phrases per side, every match."""
    _html(f"<small>What readout words conventionally signal, on which dimension, on whose authority: "
          f"the register lexicon, beside VADER (not instead of it). ● sourced: a published reading stands behind "
          f"the row; ○ unsourced: the project's working reading. {_lexicon_line(comparison)}.</small>")
    variants_note(comparison)
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(figures["register_profile"], key="chart_register_profile")
    with right:
        st.markdown("**Where VADER and the register disagree**")
        st.caption("Sentences whose VADER compound and register score (warm + / cool −) have opposite signs.")
        if comparison.disagreements:
            _html("".join(fragments.disagreement_html(comparison, d) for d in comparison.disagreements))
        else:
            st.caption("None: on every sentence with a register phrase, VADER agrees in sign or scores 0.")
    with st.expander("What each dimension means"):
        st.markdown("| dimension | what + (and −) means | on the warm–cool axis |\n|---|---|---|\n" + "\n".join(
            f"| {d.label} | {d.meaning} | {_TONE[d.tone]} |" for d in DIMENSIONS))
    st.markdown("**Matched phrases** (hover a phrase for its rationale and source)")
    for side, column in zip(comparison.sides, st.columns(2)):
        with column:
            reg = comparison.register[side]
            _html(f"<b>{html.escape(side)}</b> <small>· {len(reg.matches)} match(es) in {len(reg.sentences)} of its "
                  f"{reg.n_sentences} sentence(s)</small><br>{fragments.phrase_chips_html(comparison, side)}")
    table = register_matches_table(comparison)
    view = table.assign(status=table["status"].map(fragments.STATUS_MARKS),
                        dimension=table["dimension"].map(fragments.DIMENSION_LABELS))[
        ["side", "phrase", "matched", "dimension", "score", "status", "counted", "rationale", "sources", "sentence"]]
    st.dataframe(view, hide_index=True, column_config={
        "score": st.column_config.NumberColumn(format="%+d"),
        "counted": st.column_config.CheckboxColumn(help="Unticked: negated ('not constructive'), left out of scores"),
        "rationale": st.column_config.TextColumn(width="large"),
        "sources": st.column_config.TextColumn(width="medium"),
        "sentence": st.column_config.TextColumn(width="large"),
    })
