"""The Chinese tab: shown when a compared side holds Chinese text (Streamlit only).

What each side's language is; the Chinese descriptors in canonical English beside the Chinese form
as written; when the two sides are in two languages, why overlap and distinctive terms are not shown
and each side's own terms instead; and the translation drift between a Chinese side and an English
side of the same event, or between one side's documents marked original and translation (the
``version`` column; ``framing.drift``, the twin of ``python -m framing drift``). Every data string
shown as Markdown goes through :func:`app.safe.md`; tables are plain data.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.safe import md
from framing.analyses.crosslang import LANGUAGE_NAMES, NOT_COMPARABLE, NOT_SCORED_REASON, side_top_terms
from framing.drift import drift, drift_from_corpus
from framing.errors import FramingError
from framing.text.chinese import has_han
from framing.versions import versioned_sides

__all__ = ["TAB", "has_chinese", "shown", "versioned_event_sides", "chinese_section"]

TAB = "Chinese"
#: The drift source that reads a Chinese side against an English side (beside each side's own two versions).
SIDE_AGAINST_SIDE = "Two sides: a Chinese side against an English side"


def has_chinese(comparison) -> bool:
    """Whether either compared side holds Chinese text (its language "zh" or "mixed" with a script)."""
    return any(v.language in ("zh", "mixed") and v.script for v in getattr(comparison, "languages", {}).values())


def _descriptor_table(comparison) -> pd.DataFrame:
    """Every Chinese descriptor in text order, the duration facet's words (长时间 → lengthy) included and
    marked as such: they stay out of the diff but are part of how the original reads."""
    duration = getattr(comparison, "duration_evidence", {}) or {}
    rows = [(s, m.descriptor, m.surface, m.form, m.sentence, m.facet) for s in comparison.sides
            for m in sorted([*comparison.descriptor_evidence[s], *duration.get(s, ())], key=lambda m: m.start)
            if has_han(m.surface)]
    return pd.DataFrame(rows, columns=["side", "descriptor", "Chinese form", "form", "sentence", "facet"])


def _languages(comparison) -> None:
    st.subheader("Language of each side", anchor=False)
    for side in comparison.sides:
        language = comparison.languages[side]
        script = f" ({language.script} characters)" if language.script else ""
        documents = ", ".join(f"{n} {LANGUAGE_NAMES.get(k, k)}" for k, n in language.documents.items())
        st.markdown(f"**{md(side)}**: {LANGUAGE_NAMES.get(language.language, language.language)}{script} · "
                    f"documents: {documents}")
        versions = getattr(comparison, "versions", {}).get(side)
        if versions is not None and versions.compared:
            st.caption(f"Compared on its {versions.compared}: it holds {versions.original} original and "
                       f"{versions.translation} translation document(s); the drift below reads the two against "
                       "each other.")
        if language.unscored_sentences:
            st.caption(f"{language.unscored_sentences} Chinese sentence(s) without a tone score: {NOT_SCORED_REASON}.")


def _cross_language(comparison) -> None:
    if not comparison.cross_language:
        return
    st.warning(f"Overlap and distinctive terms are not shown: {NOT_COMPARABLE}.", icon=":material/translate:")
    st.subheader("Each side's own most frequent terms", anchor=False)
    tops = side_top_terms(comparison.distinctive.table, comparison.options.distinctive.top)
    for column, side, table in zip(st.columns(2), comparison.sides, tops):
        with column:
            st.markdown(f"**{md(side)}**")
            st.dataframe(table, hide_index=True, key=f"zh_terms_{comparison.sides.index(side)}")


def versioned_event_sides(comparison, corpus) -> list[str]:
    """The sides of the compared event holding documents marked both original and translation, the
    compared sides first."""
    if corpus is None:
        return []
    both = versioned_sides(corpus.select(event=comparison.event))
    return sorted(both, key=lambda s: s not in comparison.sides)


def shown(comparison, corpus=None) -> bool:
    """Whether the tab is offered: a compared side holds Chinese, or a side of the event holds both an
    original and its translation (its drift is read here)."""
    return has_chinese(comparison) or bool(versioned_event_sides(comparison, corpus))


def _drift(corpus, comparison) -> None:
    st.subheader("Translation drift: a Chinese original against its English", anchor=False)
    if corpus is None:
        st.info("The documents are not available here.")
        return
    event = corpus.select(event=comparison.event)
    # one side's two versions (the version column), each offered as a source; then a Chinese side
    # against an English side, among the sides without both versions
    versioned = versioned_event_sides(comparison, corpus)
    sources = {f"{s}: original → translation": s for s in versioned}
    texts = {s: "\n".join(event.texts(s)) for s in event.sides if s not in versioned}
    chinese = [s for s, t in texts.items() if has_han(t)]
    english = [s for s, t in texts.items() if not has_han(t)]
    if chinese and english:
        sources[SIDE_AGAINST_SIDE] = None
    if not sources:
        st.info("Drift needs, in this event, one side in Chinese (the original) and one in English (its official "
                "translation), or one side whose documents are marked original and translation (a version column).")
        return
    if versioned:
        source = st.selectbox("Drift source", list(sources), key="zh_drift_source")   # options: plain text
        if sources[source] is not None:
            _show_drift(lambda: drift_from_corpus(event, sources[source]))
            return
    _side_against_side(texts, chinese, english)


def _side_against_side(texts: dict, chinese: list, english: list) -> None:
    # Default translation: a side named like a translation ("official English"), then one sharing the
    # original's label ("China" for "China (original)"), then the first English side.
    stem = chinese[0].split(" (")[0]
    picked = sorted(english, key=lambda s: (not any(w in s.lower() for w in ("english", "translation")),
                                            not s.startswith(stem)))
    left, right = st.columns(2)
    original = left.selectbox("Original (Chinese)", chinese, key="zh_original")   # options: plain text
    translation = right.selectbox("Translation (English)", english, key="zh_translation",
                                  index=english.index(picked[0]) if picked else 0)
    _show_drift(lambda: drift(texts[original], texts[translation]))


def _show_drift(compute) -> None:
    try:
        result = compute()
    except FramingError as exc:
        st.error(md(exc))
        return
    st.caption("How the translation rendered each Chinese descriptor (same: the canonical English; variant: "
               "another recorded rendering; missing: not rendered). Counterparts are found by shared names, "
               "numbers and map forms (docs/validity.md).")
    st.dataframe(pd.DataFrame([d.to_dict() for d in result.descriptors],
                              columns=["zh", "form", "canonical", "rendering", "status", "sentence",
                                       "translation_sentence"]), hide_index=True, key="zh_drift")
    only = st.columns(2)
    only[0].markdown("**Only in the original:** " + (md(", ".join(result.only_original)) or "none"))
    only[1].markdown("**Only in the translation:** " + (md(", ".join(result.only_translation)) or "none"))
    unmatched = result.unmatched_sentences
    st.markdown(f"**Original sentences with no counterpart in the translation** ({len(unmatched)} of "
                f"{len(result.original_sentences)})")
    st.dataframe(pd.DataFrame({"sentence": [result.original_sentences[i] for i in unmatched]}), hide_index=True,
                 key="zh_unmatched")


def chinese_section(comparison, corpus=None) -> None:
    """The Chinese tab of one comparison; ``corpus``: the documents (for the drift between two sides)."""
    _languages(comparison)
    _cross_language(comparison)
    st.subheader("Chinese descriptors, in canonical English", anchor=False)
    table = _descriptor_table(comparison)
    if table.empty:
        st.write("No Chinese descriptor of the event.")
    else:
        st.dataframe(table, hide_index=True, key="zh_descriptors")
    _drift(corpus, comparison)
