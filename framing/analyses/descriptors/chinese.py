"""Descriptors of the event in Chinese readouts: 坦诚、深入、建设性 -> candid, in-depth, constructive.

Matching runs on the cleaned, simplified text (:mod:`framing.text.chinese`); every match quotes its
surface from the text as given. A *run* is one or more descriptors of the bilingual map joined by
、 和 及 与 以及 而 而且 (or by nothing: 坦诚深入), each optionally after an intensifier (dropped), a
negator (the descriptor is dropped, as in English) or a light verb (富有建设性 -> constructive).
A run counts only in one of the forms in :data:`FORMS_HANDLED`; anywhere else (务实合作,
实质性进展, 以建设性方式处理分歧, 建设性的中美关系) it describes a topic, a goal or an outcome.

>>> extract_descriptors_zh("双方进行了长时间坦诚、深入、建设性沟通。")
['lengthy', 'candid', 'in-depth', 'constructive']
>>> extract_descriptors_zh("双方同意就增加航班进行积极探讨。")
[]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from framing.analyses.descriptors.bilingual_map import (
    BilingualMap,
    bundled_bilingual_map,
)
from framing.text.chinese import (
    clean_zh,
    has_han,
    segment,
    split_sentences_zh,
    to_simplified,
)

__all__ = ["DescriptorMatchZh", "find_descriptors_zh", "extract_descriptors_zh", "FORMS_HANDLED", "KNOWN_MISSES"]

FORMS_HANDLED = (
    "attributive: a run before an event noun, 的 optional (进行了坦诚、深入、建设性的会谈; 实质性战略沟通)",
    "predicate: a run after an event-noun subject that is named (这次会谈深入、坦率; 认为会谈是坦诚的; "
    "两位元首的交流全面、深入; 此轮战略沟通是坦诚、建设性。), and 是…的 later in such a sentence",
    "complement: 谈得/沟通得 (also, ever more) + run (谈得也愈来愈深入)",
    "adverbial: run + 地 + a speaking verb (开诚布公地阐明), or run + 交换(了)意见/看法 without 地",
    "atmosphere: run + (的) 气氛/氛围 (在建设性气氛中)",
    "fragment: a sentence or a quoted span that is only a run of two or more (「坦诚、深入、建设性的」)",
    "light verbs 富有/具有/颇具/极具 + descriptor give the descriptor; one light verb can govern a list",
    "intensifiers (非常, 十分, 很, 更加, 愈来愈 ...) are dropped; negators (不, 并非, 没有, 不够 ...) drop the descriptor",
    "not counted: a wished-for or future exchange (希望/愿/将/同意/应/期待 ... earlier in the sentence, "
    "unless the verb carries 了), a lone 战略性/重要 before an event noun (a channel's name), an event noun "
    "followed by 渠道/机制/平台 (a channel)",
)
KNOWN_MISSES = (
    "a run describing an earlier event (通过深入坦诚沟通 in a later meeting's readout) is counted",
    "a subject with no event noun (双方都认为,此次访问是坦诚的: 访问 is not an event noun)",
    "descriptors not in the bilingual map: no unlisted word is accepted from a list",
    "the bare manner of one side's statement without 地 (全面阐述) is deliberately not counted",
)

_EVENT = "会谈|会晤|会见|通话|沟通|交流|对话|磋商|讨论|探讨|交谈|谈话|会面|接触|协商|谈判"
_SPEAKING = "交换|交流|沟通|讨论|探讨|磋商|交谈|谈|阐明|阐述|表明|介绍|说明|表达|回应"
_INTENSIFIER = "非常|十分|极为|极其|更加|更为|特别|相当|比较|较为|高度|愈来愈|越来越|愈发|很|更|都|也|均|最"
_NEGATOR = "并非|并不|并没有|没有|不够|不是|不太|毫无|缺乏|未能|并未|不"
_LIGHT = "富有|具有|颇具|极具|颇有"
_JOIN = re.compile(r"(?:的?(?:、|和|及|与|以及|而且|并且|而又|而|又)|[,，](?=富有|具有|也|而且))?")
_CHANNEL = re.compile("(?:渠道|机制|平台|框架|热线)")
_EVENT_AFTER = re.compile(f"(?:的)?[「“\"]?(?:战略|高层|双边)?(?:{_EVENT})")
_ADVERBIAL = re.compile(f"地(?:{_SPEAKING})|交换(?:了)?(?:意见|看法)")
_ATMOSPHERE = re.compile("(?:的)?(?:气氛|氛围)")
_PREDICATE_END = re.compile(r"(?:的)?[」”\"’']*(?:[,，。；;！!？?、：:]|了|而且|$)")
_SUBJECT_BEFORE = re.compile(f"(?P<event>(?:战略)?(?:{_EVENT}))(?:是|总体上|总体|都|也|均|[「“\"])*$")
# A named event: this/that/the first ... round, session or time (这次, 此轮, 本场, 第一场, 首轮).
_THIS = "(?:[这此本该首第上][一二三四五六七八九十两\\d]*[次轮场]|这|此)"
_SUBJECT_QUALIFIER = re.compile(f"(?:{_THIS}|的|认为|表示|称|指出|说|是|[,，：:「“\"])$")
_NAMED_EVENT = re.compile(f"{_THIS}(?:战略)?(?:{_EVENT})")
_COMPLEMENT_BEFORE = re.compile(f"(?:谈|聊|{_EVENT})得$")
_NOT_HELD = re.compile("(?:没有|并未|未能|未)(?:进行|举行|开展)了?$")
_PERFECTIVE_BEFORE = re.compile("(?:进行|举行|开展|作|做)了$")
_FILLER = re.compile(r"[\s的「」“”\"'’‘:：,，。；;！!？?、]+")
_AMBIGUOUS = frozenset({"战略性", "重要", "直接"})   # alone before an event noun: its kind, not how it went
# Modal, wish and agreement words: what follows them is wanted, not reported. Verbs of effort
# (推动, 加强, 争取) are left out: "对争取…发展是有益的" reports the talks, it does not wish for them.
_FUTURE = frozenset("""希望 愿 愿意 愿同 将 将要 将会 同意 应 应当 应该 要 需要 必须 期待 期望 期盼 盼望 未来 今后
    继续 恢复 致力于 决定 商定 计划 准备 打算 可以 能够""".split())
_FUTURE_SUFFIXES = tuple(w for w in _FUTURE if len(w) >= 2)   # jieba joins 双方同意 into one word


@dataclass(frozen=True)
class DescriptorMatchZh:
    """One Chinese descriptor: ``text[start:end]`` of the given text is (up to removed damage) ``surface``.

    ``descriptor``: the canonical English; ``surface``: the Chinese as written, light verb included
    (富有建设性); ``form``: the bilingual map's simplified form that matched; ``pattern``: the form of
    :data:`FORMS_HANDLED` that licensed it; ``sentence`` and ``sentence_index``: where it stands.
    """
    descriptor: str
    surface: str
    form: str
    start: int
    end: int
    pattern: str
    sentence: str
    sentence_index: int

    def to_dict(self) -> dict:
        return {"descriptor": self.descriptor, "surface": self.surface, "form": self.form, "pattern": self.pattern,
                "sentence": self.sentence_index}


@dataclass(frozen=True)
class _Compiled:
    item: re.Pattern
    table: dict


_COMPILED: dict = {}


def _compile(bmap: BilingualMap) -> _Compiled:
    compiled = _COMPILED.get(id(bmap))
    if compiled is None or compiled[0] is not bmap:
        keys = sorted({e.key for e in bmap.entries}, key=len, reverse=True)
        item = re.compile(f"(?P<pre>(?:{_NEGATOR}|{_INTENSIFIER})*)(?P<light>{_LIGHT})?(?P<key>"
                          + "|".join(map(re.escape, keys)) + ")")
        compiled = _COMPILED[id(bmap)] = (bmap, _Compiled(item, {e.key: e for e in bmap.entries}))
    return compiled[1]


def _items(text: str, compiled: _Compiled) -> list[tuple[int, int, int, bool, str]]:
    """(start incl. prefix, key start, end, negated, key) of each descriptor item, compounds split."""
    out = []
    for m in compiled.item.finditer(text):
        negated = bool(re.search(_NEGATOR, m.group("pre")))
        entry = compiled.table[m.group("key")]
        light = m.group("light")
        if light and to_simplified(light + entry.key) in compiled.table:   # 富有建设性 has its own row
            entry = compiled.table[light + entry.key]
        if entry.parts:
            pos = m.start("key")
            for part in entry.parts:
                out.append((m.start() if pos == m.start("key") else pos, pos, pos + len(part), negated, part))
                pos += len(part)
        else:
            out.append((m.start(), m.start("light") if light else m.start("key"), m.end(), negated, entry.key))
    return out


def _runs(text: str, items: list) -> list[list]:
    runs: list[list] = []
    for it in items:
        if runs:
            joiner = _JOIN.match(text, runs[-1][-1][2])   # in the text: the lookahead sees past the gap
            if joiner and joiner.end() == it[0]:
                runs[-1].append(it)
                continue
        runs.append([it])
    return runs


def _pattern(text: str, run: list) -> str | None:
    """The form licensing ``run`` in the sentence ``text`` (cleaned, simplified), or None."""
    start, end = run[0][0], run[-1][2]
    before, after = text[:start], text[end:]
    keys = [it[4] for it in run]
    if _EVENT_AFTER.match(after):
        tail = after[_EVENT_AFTER.match(after).end():]
        if _CHANNEL.match(tail) or (len(run) == 1 and keys[0] in _AMBIGUOUS):
            return None   # 战略性沟通(渠道): a channel's name
        return "attributive"
    if _ADVERBIAL.match(after):
        return "adverbial"
    if _ATMOSPHERE.match(after):
        return "atmosphere"
    if len(run) >= 2 and re.search(r"[「“\"]$", before) and re.match(r"(?:的)?[」”\"]", after):
        return "fragment"   # a quoted list: “坦诚、实质性、建设性”
    if not _PREDICATE_END.match(after):
        return None
    subject = _SUBJECT_BEFORE.search(before)
    if subject and _SUBJECT_QUALIFIER.search(before[:subject.start()] or ","):
        return "predicate"
    if before.endswith("是") and after.startswith("的") and _NAMED_EVENT.search(before):
        return "predicate"
    if _COMPLEMENT_BEFORE.search(before):
        return "complement"
    if len(run) >= 2 and not _FILLER.sub("", before) and not _FILLER.sub("", after):
        return "fragment"
    return None


def _wished(text: str, run: list, words_before: list[str]) -> bool:
    """A future or wished-for exchange: a modal or agreement word earlier in the sentence, and no
    perfective 了 on the run's own verb (进行了 before it, 交换了 after it)."""
    if not any(w in _FUTURE or w.endswith(_FUTURE_SUFFIXES) for w in words_before):
        return False
    start, end = run[0][0], run[-1][2]
    return not (_PERFECTIVE_BEFORE.search(text[:start]) or re.match(r"(?:的|地)?[^\s,，。]{0,4}了", text[end:]))


def find_descriptors_zh(text: str, bmap: BilingualMap | None = None) -> list[DescriptorMatchZh]:
    """Every descriptor occurrence in a Chinese ``text`` (negated ones dropped), in text order.

    Parameters
    ----------
    text : str
        Chinese text in simplified or traditional characters (English parts are ignored).
    bmap : BilingualMap, optional
        The map of forms to canonical English (default: the bundled map, see ``load_bilingual_map``).
    """
    if not has_han(text):
        return []
    compiled = _compile(bmap or bundled_bilingual_map())
    out = []
    for index, sentence in enumerate(split_sentences_zh(text)):
        cleaned = clean_zh(sentence.text)
        simple = to_simplified(cleaned.text)
        items = _items(simple, compiled)
        if not items:
            continue
        for run in _runs(simple, items):
            pattern = _pattern(simple, run)
            if pattern is None or _wished(simple, run, segment(simple[:run[0][0]])):
                continue
            negate_all = bool(_NOT_HELD.search(simple[:run[0][0]])) or run[0][3]
            for _, key_start, end, negated, key in run:
                if negated or negate_all:
                    continue
                a, b = cleaned.span(key_start, end)
                entry = compiled.table[key]
                out.append(DescriptorMatchZh(entry.canonical, cleaned.text[key_start:end], key,
                                             sentence.start + a, sentence.start + b, pattern, sentence.text, index))
    return out


def extract_descriptors_zh(text: str, bmap: BilingualMap | None = None) -> list[str]:
    """The canonical English descriptors of a Chinese ``text``, each once, in order of first use
    (the Chinese twin of ``extract_descriptors``)."""
    return list(dict.fromkeys(m.descriptor for m in find_descriptors_zh(text, bmap)))
