"""Sentences: where a text's sentences start and end, the one splitter every analysis reads.

A sentence ends at terminal punctuation (``.``, ``!``, ``?``, with any closing quotes or brackets)
followed by white space, or at a blank line. A full stop after an abbreviation ("Jan.", "Mr.",
"U.S.", "Calif.") or an initial ("J. Biden") ends nothing. The descriptor finder also reads a short
line (a headline) as a sentence of its own: :func:`sentence_spans` with ``lines=True``.

Linear time: the boundary pattern starts only at the first mark of a run of marks and never
backtracks (possessive quantifiers), and an abbreviation is read from at most
:data:`MAX_ABBREVIATION` characters before its full stop, so a run of 2 MB of full stops costs
one pass (the old pattern was quadratic on it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences", "sentence_spans", "ABBREVIATIONS", "LOWERCASE_ABBREVIATIONS",
           "is_abbreviation", "title_case", "MAX_ABBREVIATION"]

#: Abbreviations whose full stop does not end a sentence when written with a capital ("Jan.",
#: "Ill.", "No. 5"): lowercase here, without the dot. Written in lowercase ("fell ill.", "no.")
#: they are words, and their full stop can end a sentence.
ABBREVIATIONS = frozenset("""
    jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms messrs dr prof amb gen adm sec sen rep gov lt col capt sgt maj cmdr pres rev hon sr jr st
    no nos dept inc ltd co corp bros
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nebr nev
    okla ore pa penn tenn tex va vt wash wis wyo""".split())
#: Abbreviations in any case ("vs.", "etc."). "etc." ends a sentence when a capitalised word follows
#: it ("trade, climate, etc. The talks ..."); the others never do.
LOWERCASE_ABBREVIATIONS = frozenset("vs etc approx est fig cf al viz".split())
#: The longest abbreviation read before a full stop, in letters.
MAX_ABBREVIATION = 8

# Terminal punctuation (starting at the first mark of a run), closing quotes or brackets, then white
# space; a blank line; a single line break (read only for lines=True).
_BREAK = re.compile(r"(?<![.!?])([.!?]++)[\"'\u201d\u2019)\]]*+(?=\s)|(\n[^\S\n]*+\n)|\n")
_ALNUM = re.compile(r"[^\W_]")
# The letters just before a position (searched with that position as the end): at most one more than
# an abbreviation has, so a longer word is seen to be longer.
_LETTERS_BEFORE = re.compile(r"[^\W\d_]+\Z")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its exact text and where it sits in the text it came from."""

    text: str
    start: int
    end: int


def is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``text[dot]`` closes an abbreviation or an initial, not a sentence.

    Only the letters just before the full stop decide (at most :data:`MAX_ABBREVIATION` of them,
    after a character that is not a letter or digit): one letter is an initial ("J.", the "S" of
    "U.S.", the "c" of "p.r.c."), else a listed abbreviation.

    >>> is_abbreviation("on Jan. 5", 6), is_abbreviation("on the 5th. Then", 10)
    (True, False)
    """
    letters = _LETTERS_BEFORE.search(text, max(0, dot - MAX_ABBREVIATION - 1), dot)
    if letters is None:
        return False
    i = letters.start()
    if dot - i > MAX_ABBREVIATION or (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
        return False
    if dot - i == 1:
        return True
    word = text[i:dot].lower()
    if word in LOWERCASE_ABBREVIATIONS:
        return word != "etc" or not _capital_follows(text, dot + 1)
    return word in ABBREVIATIONS and text[i].isupper()


def _capital_follows(text: str, pos: int) -> bool:
    """Whether the first non-space character from ``pos`` on is an upper-case letter."""
    end = min(len(text), pos + 200)   # a bounded look: white space longer than this is a new paragraph anyway
    while pos < end and text[pos].isspace():
        pos += 1
    return pos < end and text[pos].isupper()


def sentences_and_spans(text: str) -> tuple[list[Sentence], list[tuple[int, int]]]:
    """``(split_sentences(text), sentence_spans(text, lines=True))`` from one scan of ``text``."""
    cuts, line_cuts = _all_cuts(text)
    return (_sentences(text, _spans(text, cuts)),
            _spans(text, sorted(cuts + line_cuts)) if line_cuts else _spans(text, cuts))


def title_case(words: list[str]) -> bool:
    """Whether most words of four letters or more start with a capital (a headline, a proper name)."""
    words = [w for w in words if w[0].isalpha() and len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _cuts(text: str, lines: bool) -> list[int]:
    """Offsets where one sentence ends and the next may begin, in order."""
    sentence_cuts, line_cuts = _all_cuts(text, lines)
    return sorted(sentence_cuts + line_cuts) if line_cuts else sentence_cuts


def _all_cuts(text: str, lines: bool = True) -> tuple[list[int], list[int]]:
    """(sentence cuts, headline-line cuts): offsets where a sentence ends, in order; the second list
    (empty unless ``lines``) where only a line ends."""
    cuts, line_cuts = [], []
    for m in _BREAK.finditer(text):
        if m.group(1) is not None:   # terminal punctuation
            if m.group(1)[0] == "." and is_abbreviation(text, m.start()):
                continue
            cuts.append(m.end())
        elif m.group(2) is not None:   # a blank line
            cuts.append(m.start())
        elif lines:   # a single line break ends a short line or a headline, not a hard-wrapped sentence
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].split()
            if len(" ".join(line)) >= 40 and not title_case(line):
                continue
            line_cuts.append(m.end())
    return cuts, line_cuts


def sentence_spans(text: str, lines: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every sentence, white space trimmed; sentences of white space only are dropped,
    sentences of punctuation only ("...") are kept.

    ``lines=True`` also ends a sentence at a single line break after a line shorter than 40
    characters or in title case (a headline).
    """
    return _spans(text, _cuts(text, lines))


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for cut in cuts + [len(text)]:
        chunk = text[start:cut]
        stripped = chunk.strip()
        if stripped:
            s = start + len(chunk) - len(chunk.lstrip())
            spans.append((s, s + len(stripped)))
        start = cut
    return spans


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences, keeping exact words and offsets.

    Parameters
    ----------
    text : str
        Any text. Line breaks that separate paragraphs also end sentences.

    Returns
    -------
    list of Sentence
        Sentences holding at least one letter or digit, in order; ``text[s.start:s.end] == s.text``.
        Text after the last full stop is kept as a sentence of its own (unlike
        tokenisers that silently drop it).

    Examples
    --------
    >>> [s.text for s in split_sentences("Talks were candid. Mr. Qin spoke on Jan. 5.")]
    ['Talks were candid.', 'Mr. Qin spoke on Jan. 5.']
    """
    return _sentences(text, sentence_spans(text))


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    out = []
    for s, e in spans:
        sentence = text[s:e]
        if _ALNUM.search(sentence):
            out.append(Sentence(sentence, s, e))
    return out
