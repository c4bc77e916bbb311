"""The descriptor scanner: tokens, sentence groups, quoted spans, and the matches they give.

:func:`find_descriptors` reads only the parts of a text where a match is possible (see :func:`_find`);
``tests/descriptor_reference.py`` keeps the plain whole-text scan that checks it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from framing.analyses.descriptors.grammar import (
    _scan_adverbs,
    _scan_fragment,
    _scan_length_phrases,
    _scan_lists,
)
from framing.analyses.descriptors.rules import (
    ANCHOR,
    ANCHOR_HINT,
    EVENT_NOUNS,
    HYPHENATED,
    MAX_PHRASE,
    PHRASE_FIRST,
    PHRASE_TABLE,
    SPEAKING_VERBS,
    classify_word,
    is_duration,
    norm,
)
from framing.text import TOKEN, is_abbreviation, sentence_spans, word_alternation

__all__ = ["DescriptorMatch", "find_descriptors", "find_descriptors_in_texts"]

_QUOTED = re.compile("(?<![^\\W_])[\"'\u201c\u2018]([^\"'\u201c\u201d\u2018\u2019\n]{1,200}?)[\"'\u201d\u2019](?![^\\W_])")
_FORM_PRIORITY = {"described_as": 0, "predicate": 1, "adverb": 2, "attributive": 3, "fragment": 4}
_LONE_PUNCT = re.compile(r"[^\w\s]")   # a character that is a token of its own
_TOKEN_CHAR = re.compile(r"[^\s_]")   # a character that belongs to some token
# A word of a meeting ("talks", "met", "spoke"): a sentence holding one lets the next say "It was productive."
_MEETING_WORD = re.compile(r"(?<![^\W_])" + word_alternation(EVENT_NOUNS | SPEAKING_VERBS) + r"(?![^\W_])")


@dataclass(frozen=True)
class DescriptorMatch:
    """One occurrence of a descriptor: ``text[start:end] == surface``.

    ``facet``: "duration" for a word about length ("lengthy", "at length", "two-hour"), else
    "character" (how the event went): the two are reported apart.
    """
    descriptor: str
    surface: str
    start: int
    end: int
    form: str
    sentence: str

    @property
    def facet(self) -> str:
        return "duration" if is_duration(self.descriptor) else "character"


@dataclass
class _Tok:
    start: int
    end: int
    raw: str
    norm: str
    kinds: int = 0
    value: str = ""


def _word_info(raw: str, cache: dict) -> tuple:
    """(norm, kinds, value) of one raw token, memoised in ``cache`` (one per call, never global)."""
    info = cache.get(raw)
    if info is None:
        normed = norm(raw)
        info = cache[raw] = (normed, *classify_word(normed, raw))
    return info


def _token_table(text: str, cache: dict, pos: int = 0, endpos: int | None = None) -> tuple[list, list, list]:
    """Every token as parallel lists: start offsets, raw texts, (norm, kinds, value) infos.

    Spelled-out phrases ("in depth", "exchange of views") are merged into one token,
    longest first, across plain spaces only.  ``pos`` and ``endpos`` limit the tokens to
    ``text[pos:endpos]`` (offsets stay offsets into ``text``).
    """
    raw_tokens = []
    append = raw_tokens.append
    for m in TOKEN.finditer(text, pos, len(text) if endpos is None else endpos):
        raw = m.group()
        if raw.isalnum():   # the common case: no dash, no apostrophe
            append((m.start(), raw))
            continue
        start = m.start()
        if ("\u2013" in raw or "\u2014" in raw) and norm(raw) not in HYPHENATED:
            # an en/em dash between words is punctuation ("talks\u2014which"), unless it spells a known compound
            raw_tokens += [(start + p.start(), p.group()) for p in re.finditer(r"[^\W_]+|[\u2013\u2014]", raw)]
        elif raw.lower().endswith(("n't", "n\u2019t")) and len(raw) > 3:   # a bare "n't" stays one token
            raw_tokens += [(start, raw[:-3]), (start + len(raw) - 3, raw[-3:])]
        elif raw == "." and raw_tokens and is_abbreviation(text, start) and \
                raw_tokens[-1][0] + len(raw_tokens[-1][1]) == start:
            # the full stop of "Jan." or "U.S." belongs to its word: it ends no clause
            raw_tokens[-1] = (raw_tokens[-1][0], raw_tokens[-1][1] + ".")
        else:
            append((start, raw))
    starts = [s for s, _ in raw_tokens]
    raws = [r for _, r in raw_tokens]
    infos = [cache.get(r) or _word_info(r, cache) for r in raws]
    n_toks = len(raws)
    candidates = [i for i, info in enumerate(infos) if info[0] in PHRASE_FIRST]
    merges = []   # (first index, number of tokens, merged raw, info)
    last = -1
    for i in candidates:
        if i <= last:
            continue   # inside a phrase merged just before
        for n in range(min(MAX_PHRASE, n_toks - i), 1, -1):
            words = tuple(info[0] for info in infos[i:i + n])
            if words in PHRASE_TABLE and all(
                    text[starts[k] + len(raws[k]):starts[k + 1]].isspace() for k in range(i, i + n - 1)):
                kinds, value = PHRASE_TABLE[words]
                end = starts[i + n - 1] + len(raws[i + n - 1])
                merges.append((i, n, text[starts[i]:end], (" ".join(words), kinds, value)))
                last = i + n - 1
                break
    for i, n, raw, info in reversed(merges):
        starts[i:i + n] = [starts[i]]
        raws[i:i + n] = [raw]
        infos[i:i + n] = [info]
    return starts, raws, infos


def _tokenize(text: str, cache: dict | None = None) -> list:
    starts, raws, infos = _token_table(text, {} if cache is None else cache)
    return [_Tok(s, s + len(r), r, *info) for s, r, info in zip(starts, raws, infos)]




def find_descriptors(text: str) -> list[DescriptorMatch]:
    """Every descriptor occurrence in ``text``, in text order.

    Parameters
    ----------
    text : str
        Any English text: a readout, an article, a quoted phrase.

    Returns
    -------
    list of DescriptorMatch
        One per occurrence; ``text[m.start:m.end] == m.surface``.  When one span
        qualifies for several forms the most specific is kept
        (described_as, predicate, adverb, attributive, fragment).

    Examples
    --------
    >>> [(m.descriptor, m.form) for m in find_descriptors("The ministers talked openly.")]
    [('open', 'adverb')]
    """
    return _find(text, {})


def find_descriptors_in_texts(texts: Iterable[str], spans: Iterable | None = None) -> list[list[DescriptorMatch]]:
    """:func:`find_descriptors` of each text, in order (one word memo shared by the texts).

    ``spans``: each text's ``sentence_spans(text, lines=True)`` (:class:`framing.text.ReadDocument`'s
    ``spans``), when the caller has split the texts already.
    """
    cache: dict = {}
    if spans is None:
        return [_find(text, cache) for text in texts]
    return [_find(text, cache, list(s)) for text, s in zip(texts, spans)]


def _find(text: str, cache: dict, spans: list | None = None) -> list[DescriptorMatch]:
    """Every match in ``text``: the result of scanning the whole text (``tests/descriptor_reference.py``),
    reading only the parts of the text where a match is possible.

    Every reported item is a descriptor, an ambiguous descriptor or an adverb of one (an anchor
    token, kinds K, G or A), so a sentence without one is never scanned.  Those tokens all hold a
    word of :data:`ANCHOR_HINT` (found by one regex over the lowercased text), so only the
    sentences near a hint are tokenized.  Sentences are tokenized in groups cut where the
    previous sentence ends in a punctuation mark (". ", "? "): such a mark is a token of its
    own that no spelled-out phrase contains, so a group's tokens, phrase merges and list scans
    are those of the whole text (the scans read one token before a sentence, and never a
    punctuation mark's value there).  When lowercasing changes the text's length the hints' offsets
    do not line up, and every group is scanned; with fewer than two groups that hold tokens, the
    one group is the whole text, and a sentence-long fragment needs as many items as the whole-text
    scan asks (one in a one-sentence text).
    """
    lowered = text.lower()
    hints = None
    if len(lowered) == len(text):
        hints = [m.start() for m in ANCHOR_HINT.finditer(lowered)]
        if not hints:
            return []   # no anchor token anywhere: no sentence, no quoted span is scanned
    if spans is None:
        spans = sentence_spans(text, lines=True)
    span_starts = [s for s, _ in spans]
    group_starts = [0]   # span indices where a group of sentences starts
    for k in range(1, len(spans)):
        i = span_starts[k] - 1
        while text[i].isspace():
            i -= 1
        if _LONE_PUNCT.fullmatch(text[i]):
            group_starts.append(k)
    bounds = [span_starts[k] for k in group_starts] + [len(text)]
    with_tokens = 0
    for g in range(len(group_starts)):
        if _TOKEN_CHAR.search(text, bounds[g], bounds[g + 1]):
            with_tokens += 1
            if with_tokens == 2:
                break
    min_items = 2 if with_tokens == 2 else None   # None: the whole text's rule (see _scan_sentences)
    found = _Found()
    group_starts.append(len(spans))
    for g in range(len(group_starts) - 1):
        lo, hi = bounds[g], bounds[g + 1]
        if not _hinted(hints, lo, hi):
            continue
        table = _token_table(text, cache, lo, hi)
        _scan_sentences(text, table, spans[group_starts[g]:group_starts[g + 1]], spans, span_starts, min_items, found)
    for m in _QUOTED.finditer(text):
        lo, hi = m.start(1), m.end(1)
        if not _hinted(hints, lo, hi):
            continue
        starts, raws, infos = _token_table(text, cache, lo, hi)
        if not raws:
            continue
        last = TOKEN.match(text, starts[-1])   # a token cut by the span's end is not inside it
        if last is None or last.end() > hi or not any(info[1] & ANCHOR for info in infos):
            continue
        toks = [_Tok(s, s + len(r), r, *info) for s, r, info in zip(starts, raws, infos)]
        _scan_fragment(toks, 0, len(toks), 1, _adder(text, toks, spans, span_starts, found))
    return sorted(found.values(), key=lambda m: m.start)


def _hinted(hints: list | None, lo: int, hi: int) -> bool:
    """Whether an anchor hint starts in ``text[lo:hi]`` (always, when there are no usable hints)."""
    if hints is None:
        return True
    h = bisect.bisect_left(hints, lo)
    return h < len(hints) and hints[h] < hi


class _Found(dict):
    """Matches by (start, end), and each matched sentence's text once (``sentences``, by span index):
    a 2 MB sentence with 100,000 matches is one string, not 100,000 copies."""

    def __init__(self):
        super().__init__()
        self.sentences: dict = {}


def _adder(text: str, toks: list, spans: list, span_starts: list, found: dict):
    """``add(indices, form)``: record toks[j] for each index, keeping the most specific form.

    ``found`` maps (start, end) to the match (and keeps each sentence's text by its index).
    """
    sentences = found.sentences
    def add(indices, form):
        """Each index is a token, or ``(first, last, value)``: a phrase of tokens with its value."""
        for j in indices:
            if isinstance(j, tuple):
                first, last, value = j
                start, end = toks[first].start, toks[last].end
            else:
                t = toks[j]
                start, end, value = t.start, t.end, t.value
            k = max(0, bisect.bisect_right(span_starts, start) - 1)
            sentence = sentences.get(k)
            if sentence is None:   # one string per sentence, however many matches share it
                s, e = spans[k]
                sentence = sentences[k] = text[s:e].strip()
            match = DescriptorMatch(value, text[start:end], start, end, form, sentence)
            old = found.get((start, end))
            if old is None or _FORM_PRIORITY[form] < _FORM_PRIORITY[old.form]:
                found[(start, end)] = match
    return add


def _after_meeting(text: str, start: int, all_spans: list, all_starts: list) -> bool:
    """Whether the sentence before the one starting at ``start`` holds a word of a meeting (read from
    the text, not its tokens: the same whether or not that sentence was tokenized)."""
    k = bisect.bisect_left(all_starts, start)
    if k == 0:
        return False
    s, e = all_spans[k - 1]
    return _MEETING_WORD.search(text[s:e].lower()) is not None


def _scan_sentences(text: str, table: tuple, spans: list, all_spans: list, all_starts: list,
                    min_items: int | None, found: dict) -> tuple:
    """Scan the sentences ``spans`` whose tokens are ``table`` into ``found``; returns (toks, anchors, build, add)
    for further scans of the same table (the quoted spans of the whole-text scan in the tests).

    ``min_items``: items a sentence-long fragment needs (None: 1 when the table holds one sentence, else 2).
    """
    starts, raws, infos = table
    span_starts = [s for s, _ in spans]
    sentence_of, k = [], 0
    for start in starts:   # tokens and sentences are both in text order: one merge, no search
        while k + 1 < len(span_starts) and span_starts[k + 1] <= start:
            k += 1
        sentence_of.append(k)
    # Every reported item is a descriptor, an ambiguous descriptor or an adverb of one, so a
    # span without such a token cannot yield a match and is not scanned (most sentences).
    # The scans read tokens from one before a span to its end: only those become _Tok objects.
    anchors = [0]
    for info in infos:
        anchors.append(anchors[-1] + (1 if info[1] & ANCHOR else 0))
    toks: list = [None] * len(raws)

    def build(a: int, b: int) -> None:
        for j in range(max(0, a - 1), b):
            if toks[j] is None:
                toks[j] = _Tok(starts[j], starts[j] + len(raws[j]), raws[j], *infos[j])

    add = _adder(text, toks, all_spans, all_starts, found)
    bounds = {}
    for j, s in enumerate(sentence_of):
        bounds[s] = (bounds.get(s, (j, j))[0], j + 1)
    if min_items is None:
        min_items = 1 if len(bounds) == 1 else 2
    for s, (a, b) in bounds.items():
        if anchors[b] == anchors[a]:
            continue
        build(a, b)
        _scan_lists(toks, a, b, add, _after_meeting(text, spans[s][0], all_spans, all_starts))
        _scan_adverbs(toks, a, b, add)
        _scan_length_phrases(toks, a, b, add)
        _scan_fragment(toks, a, b, min_items, add)
    return toks, anchors, build, add


