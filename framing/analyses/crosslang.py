"""Comparing across languages: each side's language, Chinese documents read in Chinese, and what
cannot be compared between an English and a Chinese account.

``compare()`` calls this module in a few places (see framing/comparison.py):

* :func:`side_language`: a side's language from its documents (:func:`framing.text.chinese.detect_language`
  per document with a Han character; a side with none is "en", or "unknown" without letters). A side
  whose documents differ in language, or whose documents are mixed, is "mixed".
* :func:`read_chinese`: documents holding Han characters get the Chinese sentence splitter (。！？；),
  jieba's word count, and their Chinese descriptors (canonical English, the Chinese form as
  ``surface``) beside any English ones, in text order. Other documents are left exactly as read.
* :func:`term_texts`: Chinese documents as their jieba words joined by spaces, for the term statistics
  (overlap, distinctive terms): the counting tokeniser then sees jieba words (of two or more characters:
  one-character words such as 的 and 了 are left out, as one-letter words are in English).
* :func:`vader_sentences`: the sentences VADER scores: Chinese ones are left out (VADER is an English
  lexicon: a Chinese sentence would score 0.0 for want of words, not for its tone).
* :func:`is_cross_language`: two sides in different languages (both known). Word overlap and
  distinctive terms between two languages mean nothing: their values are kept in the JSON but flagged
  ``comparable: false``, and each side's own most frequent terms are shown instead
  (:func:`side_top_terms`).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from framing.analyses.descriptors import DescriptorMatch
from framing.analyses.descriptors.chinese import find_descriptors_zh
from framing.text.chinese import detect_language, has_han, segment, split_sentences_any

__all__ = ["SideLanguage", "LANGUAGE_NAMES", "side_language", "read_chinese", "term_texts", "vader_sentences",
           "is_cross_language", "side_top_terms", "language_from_shares", "language_warnings", "NOT_SCORED_REASON", "NOT_COMPARABLE"]

LANGUAGE_NAMES = {"en": "English", "zh": "Chinese", "mixed": "mixed", "unknown": "unknown"}
NOT_SCORED_REASON = ("VADER is an English lexicon: a Chinese sentence has none of its words and would score 0.0 "
                     "whatever its tone, so Chinese sentences get no VADER score (read the register instead)")
NOT_COMPARABLE = ("the two sides are written in different languages: word overlap and distinctive terms count "
                  "shared words, and two languages share almost none, so these numbers say nothing about the "
                  "accounts; read each side's own terms (per_side_terms) and the descriptors, compared in "
                  "canonical English")


@dataclass(frozen=True)
class SideLanguage:
    """One side's language. ``documents``: how many of its documents are in each language;
    ``script``: "simplified", "traditional" or "mixed" for a side with Chinese documents;
    ``unscored_sentences``: its Chinese sentences, which VADER does not score."""
    language: str
    script: str | None
    documents: dict
    unscored_sentences: int = 0

    def to_dict(self) -> dict:
        return {"language": self.language, "script": self.script, "documents": dict(self.documents),
                "unscored_sentences": self.unscored_sentences,
                "sentiment_note": NOT_SCORED_REASON if self.unscored_sentences else None}


def _document_language(text: str) -> tuple[str, str | None]:
    if not has_han(text):
        return ("en" if any(c.isalpha() for c in text) else "unknown"), None
    found = detect_language(text)
    return found.language, found.script


def side_language(texts: list[str]) -> SideLanguage:
    """The language of a side's documents (see the module docstring)."""
    counts: dict = {}
    scripts = set()
    for text in texts:
        language, script = _document_language(text)
        counts[language] = counts.get(language, 0) + 1
        if script:
            scripts.add(script)
    known = [k for k in counts if k != "unknown"]
    language = "unknown" if not known else known[0] if len(known) == 1 else "mixed"
    script = None if not scripts else scripts.pop() if len(scripts) == 1 else "mixed"
    return SideLanguage(language, script, dict(sorted(counts.items())))


def language_from_shares(letters: int, unspaced: float) -> SideLanguage:
    """A side's language read from its script shares alone (``framing.text.script_shares``), for callers
    that never hold the side's documents together (the dask engine): "unknown" without letters, "en"
    without a letter of a script written without spaces, "zh" from 80% of them, "mixed" between. The
    engine does not read Chinese, so it counts no Chinese sentence and no document by language."""
    language = "unknown" if not letters else "en" if not unspaced else "zh" if unspaced >= 0.8 else "mixed"
    return SideLanguage(language, None, {})


def read_chinese(texts: list[str], per_doc: list) -> list:
    """``per_doc`` (compare's reading: (descriptor matches, sentence texts, word count) per document)
    with each document that holds a Han character read as Chinese too; the others untouched."""
    out = []
    for text, (matches, sentences, n_words) in zip(texts, per_doc):
        if not has_han(text):
            out.append((matches, sentences, n_words))
            continue
        chinese = [DescriptorMatch(m.descriptor, text[m.start:m.end], m.start, m.end, m.pattern, m.sentence)
                   for m in find_descriptors_zh(text)]
        english = [m for m in matches if not has_han(m.sentence)]
        merged = sorted(english + chinese, key=lambda m: m.start)
        out.append((merged, [s.text for s in split_sentences_any(text)], len(segment(text))))
    return out


def term_texts(texts: list[str]) -> list[str]:
    """``texts`` with each Chinese document as its jieba words joined by spaces (the same list when
    no document holds a Han character)."""
    if not any(has_han(t) for t in texts):
        return texts
    return [" ".join(segment(t)) if has_han(t) else t for t in texts]


def vader_sentences(sentences: list[list[str]], texts: list[str]) -> tuple[list[list[str]], int]:
    """(each document's sentences without its Chinese ones, how many were left out); only documents
    whose text holds a Han character are looked at (``texts``: the documents, in the same order)."""
    if not any(has_han(t) for t in texts):
        return sentences, 0
    kept = [[x for x in doc if not _chinese_sentence(x)] if has_han(t) else doc for doc, t in zip(sentences, texts)]
    dropped = sum(len(a) - len(b) for a, b in zip(sentences, kept))
    return (kept, dropped) if dropped else (sentences, 0)


def _chinese_sentence(sentence: str) -> bool:
    return has_han(sentence) and detect_language(sentence).language in ("zh", "mixed")


def is_cross_language(languages: dict) -> bool:
    """Whether two sides' languages differ (a side of unknown language never makes a difference)."""
    found = {v.language for v in languages.values()}
    return "unknown" not in found and len(found) > 1


def side_top_terms(table: pd.DataFrame, top: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each side's most frequent counted terms from the distinctive-terms table (``term``, ``count_a``,
    ``count_b``): for each side a frame of ``term`` and ``count``, most frequent first."""
    out = []
    for column in ("count_a", "count_b"):
        if table.empty:
            out.append(pd.DataFrame({"term": [], "count": []}))
            continue
        ranked = table[table[column] > 0].sort_values([column, "term"], ascending=[False, True], kind="stable")
        out.append(pd.DataFrame({"term": ranked["term"].head(top).tolist(),
                                 "count": ranked[column].head(top).astype(int).tolist()}))
    return out[0], out[1]


def language_warnings(sides, languages: dict) -> list[str]:
    """What the sides' languages mean for the results, in words."""
    notes = []
    a, b = sides
    if is_cross_language(languages):
        notes.append(f"Side {a!r} is in {LANGUAGE_NAMES[languages[a].language]} and side {b!r} in "
                     f"{LANGUAGE_NAMES[languages[b].language]}: word overlap and distinctive terms are not comparable "
                     "across languages (flagged comparable: false; each side's own terms are shown instead); "
                     "descriptors are compared in canonical English, each Chinese form kept as evidence.")
    for s in sides:
        n = languages[s].unscored_sentences
        if n:
            notes.append(f"Side {s!r} has {n} Chinese sentence(s) that VADER does not score: it is an English lexicon "
                         + ("and its tone mean is left empty." if languages[s].language == "zh"
                            else "(its tone mean rests on the other sentences only)."))
    return notes
