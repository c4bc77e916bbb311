"""The register in Chinese: the lexicon's Chinese rows (``framing/data/register_zh.csv``, sources in
``register_zh_sources.csv``) matched on the cleaned, simplified, segmented text.

A Chinese phrase matches where its simplified form occurs in the sentence's cleaned, simplified copy
(:mod:`framing.text.chinese`: spaces inside words and inserted pinyin removed, traditional forms made
simplified) *and* both its ends fall on jieba word boundaries, so 务实 is found in 务实的 and
务实合作 but 红线 is not found inside 红线虫, nor 务实 inside 务实合作 (one jieba word: a
field of cooperation, not how the talks went). Longer phrases win and matches never overlap
(严正交涉 before 交涉). A negator word (不, 没有, 并非 ...) among the two words before a match, with no
punctuation between, marks it ``negated`` (left out of every score), as in English. ``matched`` is
quoted from the sentence as written (traditional characters, damage and all).

English rows never match Chinese text and Chinese rows never match English text: one side of mixed
text is read by each.

>>> [(m.phrase, m.matched) for m in match_register_zh("中方提出嚴正交涉,表示強烈不滿。")]
[('严正交涉', '提出嚴正交涉'), ('强烈不满', '表示強烈不滿')]
>>> [m.phrase for m in match_register_zh("双方开展务实合作。")]   # one jieba word: a topic, not a verdict
[]
"""
from __future__ import annotations

import re
import weakref
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from framing.analyses.register.lexicon import (
    _TONE,
    DATA_DIR,
    DIMENSION_NAMES,
    Lexicon,
    RegisterOptions,
    bundled_sources,
    merge_sources,
    parse_lexicon_bytes,
    parse_sources_bytes,
)
from framing.analyses.register.match import RegisterMatch, SentenceRegister, SideRegister
from framing.text.chinese import (
    clean_zh,
    forms_on_word_boundaries,
    has_han,
    split_sentences_zh,
    to_simplified,
    tokenize,
)

__all__ = ["BUNDLED_LEXICON_ZH", "BUNDLED_SOURCES_ZH", "bundled_lexicon_zh", "chinese_lexicon", "match_register_zh",
           "add_chinese_register", "NEGATORS_ZH"]

BUNDLED_LEXICON_ZH = Path(DATA_DIR) / "register_zh.csv"
BUNDLED_SOURCES_ZH = Path(DATA_DIR) / "register_zh_sources.csv"
#: Words that negate a Chinese register phrase right after them (one or two words before it).
NEGATORS_ZH = frozenset("不 没 没有 并非 并不 并未 未 未能 毫无 缺乏 不是 不够 无".split())
_WINDOW = 2
_CLAUSE_BREAK = re.compile(r"[,，。；;：:！!？?、]")


@lru_cache(maxsize=1)
def bundled_lexicon_zh() -> Lexicon:
    """The bundled Chinese rows, validated like the English lexicon; their source ids point into the
    Chinese sources table (plus the English one)."""
    sources = merge_sources(bundled_sources(), parse_sources_bytes(BUNDLED_SOURCES_ZH.read_bytes(),
                                                                   "framing/data/register_zh_sources.csv"),
                            "framing/data/register_zh_sources.csv")
    lexicon = parse_lexicon_bytes(BUNDLED_LEXICON_ZH.read_bytes(), "framing/data/register_zh.csv", sources)
    return Lexicon(tuple(replace(e, origin="bundled") for e in lexicon.entries), lexicon.sources, "bundled (Chinese)")


def _is_chinese(entry) -> bool:
    return has_han(entry.phrase)


def chinese_lexicon(lexicon: Lexicon, options: RegisterOptions | None = None) -> Lexicon:
    """The Chinese rows to match with ``lexicon`` (the resolved lexicon of a comparison): the bundled
    Chinese rows, then an analyst's Chinese rows winning over them by form; only the analyst's with
    ``mode="replace"``."""
    own = tuple(e for e in lexicon.entries if _is_chinese(e) and e.origin != "bundled")
    if options is not None and options.lexicon is not None and options.mode == "replace":
        return Lexicon(own, lexicon.sources, lexicon.name)
    base = bundled_lexicon_zh()
    if not own:
        return base
    claimed = {to_simplified(f) for e in own for f in (e.phrase, *e.variants)}
    kept = tuple(e for e in base.entries if not any(to_simplified(f) in claimed for f in (e.phrase, *e.variants)))
    sources = {s.source_id: s for s in base.sources + lexicon.sources}
    return Lexicon(kept + own, tuple(sources.values()), f"{base.name} + {lexicon.name}")


_COMPILED: dict = {}


def _compile(lexicon: Lexicon):
    """(pattern of every simplified form, longest first; form -> (entry, variant); entry -> sources)."""
    hit = _COMPILED.get(id(lexicon))
    if hit is not None and hit[0]() is lexicon:
        return hit[1]
    table = {}
    for e in lexicon.entries:
        if not _is_chinese(e):
            continue
        for form, variant in [(e.phrase, "")] + [(v, v) for v in e.variants]:
            table.setdefault(to_simplified("".join(form.split())), (e, variant))
    known = {s.source_id: s for s in lexicon.sources}
    sources = {e: tuple(known[s] for s in e.source_ids if s in known) for e in lexicon.entries}
    forms = sorted(table, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, forms))) if forms else None
    compiled = (pattern, table, sources)
    _COMPILED[id(lexicon)] = (weakref.ref(lexicon, lambda _r, k=id(lexicon): _COMPILED.pop(k, None)), compiled)
    return compiled


def _matches_in(sentence: str, offset: int, doc_index: int, compiled) -> list[RegisterMatch]:
    pattern, table, sources = compiled
    if pattern is None or not has_han(sentence):
        return []
    cleaned = clean_zh(sentence)
    simple = to_simplified(cleaned.text)
    if not pattern.search(simple):
        return []
    words = tokenize(simple)
    starts = {a: k for k, (_, a, _) in enumerate(words)}
    candidates = [(a, b, *table[form]) for form, a, b in forms_on_word_boundaries(simple, words, table)]
    taken, used = [], set()
    for a, b, entry, variant in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if used.isdisjoint(range(a, b)):
            used.update(range(a, b))
            taken.append((a, b, entry, variant))
    out = []
    for a, b, entry, variant in sorted(taken, key=lambda t: t[0]):
        k = starts[a]
        before = words[max(0, k - _WINDOW):k]
        negated = any(w in NEGATORS_ZH and not _CLAUSE_BREAK.search(simple[e:a]) for w, _, e in before)
        x, y = cleaned.span(a, b)
        out.append(RegisterMatch(entry.phrase, sentence[x:y], variant, entry.dimension, entry.score, entry.rationale,
                                 entry.status, sources[entry], sentence, doc_index, offset + x, offset + y, negated,
                                 entry.origin))
    return out


def match_register_zh(text: str, lexicon: Lexicon | None = None) -> list[RegisterMatch]:
    """Every Chinese register phrase in ``text`` (one document), in text order (default: the bundled
    Chinese rows)."""
    compiled = _compile(lexicon or bundled_lexicon_zh())
    return [m for s in split_sentences_zh(text) for m in _matches_in(s.text, s.start, 0, compiled)]


def add_chinese_register(register: SideRegister, texts: list[str], sentences: list[list[str]],
                         lexicon: Lexicon) -> SideRegister:
    """``register`` (one side, matched with the English rows) with the Chinese rows' matches in the
    side's Chinese sentences added: matches, sentences, profile and counts, in text order. A side
    with no Han character comes back as it was."""
    compiled = _compile(lexicon)
    found: dict = {}
    for doc_index, text in enumerate(texts):
        if not has_han(text):
            continue
        cursor = 0
        for sentence in sentences[doc_index]:
            start = text.find(sentence, cursor)
            cursor = start + len(sentence)
            matches = _matches_in(sentence, start, doc_index, compiled)
            if matches:
                found[(doc_index, start)] = matches
    if not found:
        return register
    profile, counts = dict(register.profile), dict(register.counts)
    added = []
    for (doc_index, _), matches in found.items():
        live = [m for m in matches if not m.negated]
        for m in live:
            profile[m.dimension] += m.score
            counts[m.dimension] += 1
        added.append(SentenceRegister(doc_index, matches[0].sentence,
                                      sum(m.score * _TONE[m.dimension] for m in live), tuple(matches)))
    zh_matches = [m for ms in found.values() for m in ms]
    matches = tuple(sorted(register.matches + tuple(zh_matches), key=lambda m: (m.doc_index, m.start)))
    order = {id(m): n for n, m in enumerate(matches)}
    merged = sorted(register.sentences + tuple(added), key=lambda s: order[id(s.matches[0])])
    return SideRegister(register.side, {d: profile[d] for d in DIMENSION_NAMES}, {d: counts[d] for d in DIMENSION_NAMES},
                        matches, tuple(merged), register.n_sentences)
