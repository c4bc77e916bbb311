"""The Chinese half of the text layer: language and script, sentences, words, one spelling.

Chinese readouts arrive in simplified or traditional characters, often as reprints that carry
damage: a space inside a word (``建 设性``), a pinyin reading inserted after a character by a
broken GBK/Big5 conversion (``建設(shè)性``). Matching therefore runs on a *cleaned, simplified*
copy whose every character keeps the offset of the character it came from, so evidence is
always quoted from the text as the user gave it.

Heavy parts load lazily, on the first Chinese text: OpenCC (traditional -> simplified) and
jieba (word segmentation, its dictionary inside the package, plus
``framing/data/jieba_user_dict.txt`` so that diplomatic terms such as 建设性 or 核心利益 stay
whole). ``import framing`` imports neither.

>>> detect_language("双方进行了坦诚、深入、建设性沟通。").language
'zh'
>>> [s.text for s in split_sentences_zh("会谈是坦诚的。“我们同意。”他说。")]
['会谈是坦诚的。', '“我们同意。”', '他说。']
>>> to_simplified("會談是坦誠的")
'会谈是坦诚的'
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from framing.text import Sentence, split_sentences

__all__ = ["Language", "Cleaned", "HAN", "has_han", "detect_language", "sentence_languages", "split_sentences_zh",
           "split_sentences_any", "clean_zh", "to_simplified", "segment", "tokenize", "forms_on_word_boundaries",
           "USER_DICT"]

#: One Han character (CJK unified ideographs, extension A, compatibility ideographs, extensions B-F).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_HAN = re.compile(f"[{HAN}]")
_LATIN_WORD = re.compile("[A-Za-z\u00c0-\u024f]+")
USER_DICT = Path(__file__).resolve().parents[1] / "data" / "jieba_user_dict.txt"

# A sentence ends at a run of full-width terminal marks and the closing quotes or brackets after it.
# Two disjoint classes in sequence: the regex engine never backtracks, so long runs stay linear.
_ZH_BOUNDARY = re.compile("[\u3002\uff01\uff1f\uff1b]+[\u201d\u2019\u300d\u300f\uff09\u300b\u3011\"')]*")
_BLANK_LINE = re.compile(r"\n\s*\n")
# A pinyin reading with a tone mark, in brackets, between two Han characters: 戰(zhàn)略. Never content.
_TONED = "\u0101\u00e1\u01ce\u00e0\u0113\u00e9\u011b\u00e8\u012b\u00ed\u01d0\u00ec\u014d\u00f3\u01d2\u00f2" \
         "\u016b\u00fa\u01d4\u00f9\u01d6\u01d8\u01da\u01dc"
_PINYIN_INSERT = re.compile(f"(?<=[{HAN}])[(\uff08][a-z\u00fc{_TONED}]{{0,6}}[{_TONED}][a-z\u00fc]{{0,6}}[)\uff09]"
                            f"(?=[{HAN}])")
# Spaces (ASCII, no-break, ideographic) between two Han characters: 建 设性, 坦诚　深入.
_INNER_SPACE = re.compile(f"(?<=[{HAN}])[ \u00a0\u3000\t]+(?=[{HAN}])")

#: Share of a sentence's word units that must be Chinese (or English) to call it so; in between it is mixed.
MAJORITY = 0.8
_HAN_PER_WORD = 1.5   # a Chinese word is about 1.5 characters: Han count / 1.5 ~ English word count


@dataclass(frozen=True)
class Language:
    """The language of a text read from its script.

    ``language``: "zh", "en", "mixed" or "unknown" (no letters). ``script``: for Chinese text,
    "simplified", "traditional" or "mixed" (both forms in quantity), else None. ``han`` and
    ``latin_words`` are the counts the verdict came from.
    """
    language: str
    script: str | None
    han: int
    latin_words: int

    def to_dict(self) -> dict:
        return {"language": self.language, "script": self.script}


@dataclass(frozen=True)
class Cleaned:
    """``text`` cleaned for matching; ``origin[i]`` is the offset in the given text of ``text[i]``
    (one extra entry: the end), so ``given[origin[a]:origin[b]]`` quotes a match at ``a:b``."""
    text: str
    origin: tuple

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the given text of the cleaned span ``start:end``."""
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Han character (an ASCII-only text is told at once)."""
    return not text.isascii() and _HAN.search(text) is not None


@lru_cache(maxsize=1)
def _converters():
    import opencc  # lazy: only Chinese text needs it
    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@lru_cache(maxsize=4096)
def _char_forms(char: str) -> tuple[bool, bool]:
    """(is a traditional-only form, is a simplified-only form) of one Han character."""
    t2s, s2t = _converters()
    return t2s.convert(char) != char, s2t.convert(char) != char


def _script(text: str) -> str:
    trad = simp = 0
    for char in set(_HAN.findall(text)):
        is_trad, is_simp = _char_forms(char)
        trad += is_trad
        simp += is_simp
    # Counted over distinct characters, so one frequent character (台 in Taiwan's 台灣) cannot decide.
    if trad and simp and min(trad, simp) >= 0.25 * max(trad, simp) and min(trad, simp) >= 3:
        return "mixed"
    return "traditional" if trad > simp else "simplified"


def detect_language(text: str) -> Language:
    """The language of ``text`` from its letters: Han characters against Latin words.

    Chinese when at least ``MAJORITY`` of the word units are Chinese (Han count / 1.5), English
    when at most 1 - ``MAJORITY`` are, "mixed" between, "unknown" with no letters at all. For a
    document use :func:`sentence_languages` to see which sentences are which.
    """
    han = len(_HAN.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    units = han / _HAN_PER_WORD + latin
    if units == 0:
        return Language("unknown", None, 0, 0)
    share = han / _HAN_PER_WORD / units
    language = "zh" if share >= MAJORITY else "en" if share <= 1 - MAJORITY else "mixed"
    script = _script(text) if language != "en" and han else None
    return Language(language, script, han, latin)


def split_sentences_zh(text: str) -> list[Sentence]:
    """Split Chinese ``text`` after 。！？； and the closing quotes or brackets that follow them
    (”’」』）》】), and at blank lines; exact text and offsets kept as in :func:`framing.text.split_sentences`."""
    cuts = sorted({m.end() for m in _ZH_BOUNDARY.finditer(text)} | {m.start() for m in _BLANK_LINE.finditer(text)})
    out, start = [], 0
    for cut in cuts + [len(text)]:
        chunk = text[start:cut]
        stripped = chunk.strip()
        if stripped and any(ch.isalnum() for ch in stripped):
            s = start + len(chunk) - len(chunk.lstrip())
            out.append(Sentence(stripped, s, s + len(stripped)))
        start = cut
    return out


def split_sentences_any(text: str) -> list[Sentence]:
    """Sentences of a text in Chinese, English or both: the English splitter first (it cuts only
    before white space), then each piece at Chinese boundaries."""
    out = []
    for piece in split_sentences(text):
        if has_han(piece.text):
            out += [Sentence(s.text, piece.start + s.start, piece.start + s.end) for s in split_sentences_zh(piece.text)]
        else:
            out.append(piece)
    return out


def sentence_languages(text: str) -> list[tuple[Sentence, Language]]:
    """Each sentence of ``text`` with its own language (for mixed documents)."""
    return [(s, detect_language(s.text)) for s in split_sentences_any(text)]


def clean_zh(text: str) -> Cleaned:
    """``text`` without the damage that breaks matching and can be removed safely: bracketed
    toned pinyin between two Han characters and spaces between two Han characters. Nothing else
    changes (a misprint such as ``“灰犀?!?`` stays; it holds no word to recover)."""
    keep = [True] * len(text)
    for pattern in (_PINYIN_INSERT, _INNER_SPACE):
        for m in pattern.finditer(text):
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    origin = [i for i, k in enumerate(keep) if k]
    cleaned = "".join(text[i] for i in origin)
    return Cleaned(cleaned, tuple(origin) + (len(text),))


def to_simplified(text: str) -> str:
    """``text`` with traditional characters in their simplified forms, one character for one
    (offsets stay valid). OpenCC's phrase table is used when it keeps the length, else character by character."""
    if not has_han(text):
        return text
    t2s = _converters()[0]
    out = t2s.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if not _HAN.match(c) or len(s := t2s.convert(c)) != 1 else s for c in text)


@lru_cache(maxsize=1)
def _tokenizer():
    """jieba's tokenizer with the user dictionary, built once per process. Its prefix-dictionary
    cache goes to a per-user temp directory: the package directory may be read-only, and a
    /tmp/jieba.cache written by another user may be unreadable."""
    import jieba  # lazy: ~1 s on first use
    jieba.setLogLevel(logging.WARNING)   # no "Building prefix dict" chatter on stderr
    tokenizer = jieba.Tokenizer()
    cache_dir = Path(tempfile.gettempdir()) / f"framing-jieba-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        cache_dir.mkdir(mode=0o700, exist_ok=True)
        tokenizer.tmp_dir = str(cache_dir)
    except OSError:
        tokenizer.tmp_dir = None   # jieba falls back to rebuilding in memory if it cannot write
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


_WORDLIKE = re.compile(f"[{HAN}A-Za-z0-9]")


def segment(text: str) -> list[str]:
    """The words of Chinese ``text`` (cleaned, simplified, segmented by jieba with the user
    dictionary); punctuation and spaces dropped. Latin words and numbers pass through as words."""
    simplified = to_simplified(clean_zh(text).text)
    return [w for w in _tokenizer().cut(simplified) if _WORDLIKE.search(w)]


def tokenize(simplified: str) -> list[tuple[str, int, int]]:
    """The jieba words of an already cleaned and simplified text as ``(word, start, end)``, offsets
    in that text (map them back with :meth:`Cleaned.span`); punctuation and spaces are not words.

    >>> tokenize("深入交换了意见")
    [('深入', 0, 2), ('交换', 2, 4), ('了', 4, 5), ('意见', 5, 7)]
    """
    return [(w, a, b) for w, a, b in _tokenizer().tokenize(simplified) if _WORDLIKE.search(w)]


def forms_on_word_boundaries(simplified: str, words: list[tuple[str, int, int]], forms) -> list[tuple[str, int, int]]:
    """Every occurrence of each of ``forms`` (simplified Chinese) in ``simplified`` (cleaned and simplified
    text, ``words`` its :func:`tokenize`) whose two ends fall on jieba word boundaries, as ``(form, start,
    end)`` in text order, overlaps included: 核 is no word inside 核心利益, 务实 none inside 务实合作 when
    jieba reads that as one word, while 台湾问题 (台湾/问题) is found whole.

    >>> text = "秦刚强调台湾问题是中国核心利益中的核心"
    >>> [f for f, _, _ in forms_on_word_boundaries(text, tokenize(text), ["台湾问题", "核", "核心利益"])]
    ['台湾问题', '核心利益']
    >>> text = "双方讨论了核问题"
    >>> forms_on_word_boundaries(text, tokenize(text), ["核", "核问题"])
    [('核问题', 5, 8), ('核', 5, 6)]
    """
    starts = {a for _, a, _ in words}
    ends = {b for _, _, b in words}
    found = [(form, m.start(), m.end()) for form in dict.fromkeys(forms) if form
             for m in re.finditer(re.escape(form), simplified) if m.start() in starts and m.end() in ends]
    return sorted(found, key=lambda hit: (hit[1], -hit[2]))
