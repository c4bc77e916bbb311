"""How a text characterises the event itself: "candid, in-depth and constructive".

No part-of-speech tagger is available offline, so descriptors are found with a
curated lexicon plus structural anchors: event nouns ("talks"), copulas
("were"), speaking verbs ("spoke"), describing verbs ("described ... as").
The anchors give precision; recall comes from also accepting an unlisted,
adjective-looking word inside a list that a listed descriptor anchors
("candid, gruelling and constructive talks" gives "gruelling").

Negated descriptors ("the talks were not constructive") are dropped, not
reported as "not constructive": a descriptor list answers "how did each side
characterise the event", and a denial is not a characterisation.

>>> extract_descriptors("The two sides held candid, in depth and constructive talks.")
['candid', 'in-depth', 'constructive']
>>> diff_descriptors(["candid", "substantive"], ["candid", "in-depth"]).only_b
('in-depth',)

How long the event lasted ("lengthy", "at length", "marathon", "two-hour") is a separate facet,
``duration``: it is found by the same grammar, but kept out of the descriptor list and the diff
(a long meeting is not a kind of meeting) and reported beside them.

>>> extract_descriptors("They held lengthy and candid talks."), extract_durations("They held lengthy and candid talks.")
(['candid'], ['lengthy'])
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from framing.analyses.descriptors.find import (
    DescriptorMatch,
    find_descriptors,
    find_descriptors_in_texts,
)
from framing.analyses.descriptors.rules import (
    DESCRIPTOR_WORDS,
    EVENT_NOUNS,
    HYPHENATED,
    INTENSIFIERS,
    DURATION_WORDS,
    TYPE_WORDS,
    Role,
    is_duration,
    norm,
)

__all__ = ["DescriptorMatch", "DescriptorDiff", "find_descriptors", "find_descriptors_in_texts", "extract_descriptors",
           "extract_descriptors_from_texts", "extract_durations", "diff_descriptors", "split_duration", "is_duration",
           "DURATION_WORDS", "FORMS_HANDLED", "KNOWN_MISSES", "DESCRIPTOR_WORDS",
           "EVENT_NOUNS", "INTENSIFIERS", "TYPE_WORDS", "Role"]

FORMS_HANDLED = (
    "attributive: a list before an event noun ('held frank, detailed and useful consultations')",
    "predicate: copula or linking verb after an event-noun subject ('the session was businesslike "
    "and productive', 'the discussion proved fruitful', 'the talks, which were frank')",
    "adverb: of a speaking or meeting verb, either side of it ('talked openly' -> open, "
    "'exchanged views in depth' -> in-depth, 'spoke at length' -> lengthy)",
    "adverb: manner phrase ('in a candid and constructive manner/atmosphere/way')",
    "described_as: describing verb ('described the dialogue as pragmatic', 'called them \"candid\"', "
    "'the talks were described as useful', 'found the meeting to be useful')",
    "fragment: a whole text, sentence or quoted span that is only a list ('frank and useful')",
    "intensifiers and hedges are dropped ('a highly constructive meeting' -> constructive)",
    "hyphen, dash, space and joined spellings are one descriptor ('in depth', 'in\u2011depth', 'indepth')",
    "negation ('not', 'never', 'no', 'neither ... nor', 'far from', 'less than') drops the descriptor",
    "type words ('bilateral', 'high-level', 'working dinner') and 'strategic'/'direct' alone before "
    "an event noun name the kind of event, not how it went, and are not reported; beside another descriptor they "
    "count, stacked or coordinated ('extensive strategic communication' as 'a broad, strategic discussion')",
    "duration: words about length ('lengthy', 'at length', 'marathon', 'hours-long', 'two-hour', 'brief') are a "
    "separate facet (extract_durations, DescriptorMatch.facet), never in the descriptor list or diff",
    "descriptors that are also verbs ('open', 'clear', 'close', 'direct') count in a list after 'had' ('had open "
    "and productive discussions'), not after 'to', a modal or 'do', nor before an article ('open a channel')",
    "a pronoun subject right after a sentence about a meeting: 'They met for two hours. It was productive.' "
    "(not 'It was clear that ...')",
    "a list split by a short reporting clause: 'candid, officials said, and constructive'",
    "wished, planned and earlier events are not this one: 'agreed to communicate directly', 'to candidly "
    "discuss', 'will hold an extended discussion', 'building on the successful Woodside summit', 'a successful "
    "meeting at the end of last year', 'high-level meetings have been successfully held'",
)
KNOWN_MISSES = (
    "pronoun subjects other than 'it'/'this' right after a meeting sentence: 'They were candid.' (people or "
    "talks?), or further away (no coreference)",
    "nominal characterisations: 'a success', 'a breakthrough', 'in a spirit of openness'",
    "verb phrases: 'the talks went well', 'made progress'",
    "a list split by an inserted clause other than a short reporting one: 'candid, as expected, and constructive'",
    "durations written as phrases: 'met for more than seven hours', 'lasted nearly two hours'",
    "an earlier meeting named only by place or people: 'the candid Bali talks between the presidents'",
    "a coming or hypothetical meeting without a cue word: 'ahead of an important meeting', 'we thought that a "
    "successful meeting would help', 'it is hoped that this communication will be strategic'",
    "a predicate split by a dash aside: 'have been – over the last several days – have been very intense'",
    "manner adverbs of verbs outside the speaking list: 'raised those issues clearly and directly'",
    "an unlisted adjective that is not coordinated with a listed descriptor ('gruelling talks')",
    "translation variants stay distinct: 'deep' vs 'in-depth', 'practical' vs 'pragmatic'",
    "title-case proper names are skipped, so 'Comprehensive Dialogue' inside a sentence gives nothing",
)



@dataclass(frozen=True)
class DescriptorDiff:
    """Descriptors used by both sides, and by one side only (each in its side's order).

    ``duration_a`` and ``duration_b``: each side's words about length, kept out of the diff.
    """
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    duration_a: tuple[str, ...] = ()
    duration_b: tuple[str, ...] = ()



def _unique(words: Iterable) -> list:
    return list(dict.fromkeys(words))


def extract_descriptors(text: str) -> list[str]:
    """Distinct descriptors of ``text``, lowercase, in order of first appearance.

    >>> extract_descriptors('Washington called them "candid, substantive, and constructive".')
    ['candid', 'substantive', 'constructive']
    """
    return _unique(m.descriptor for m in find_descriptors(text) if m.facet == "character")


def extract_durations(text: str) -> list[str]:
    """Distinct words about the event's length in ``text`` (the duration facet), in order.

    >>> extract_durations("They spoke at length. It was a two-hour, candid meeting.")
    ['lengthy', 'two-hour']
    """
    return _unique(m.descriptor for m in find_descriptors(text) if m.facet == "duration")


def split_duration(words: Iterable[str]) -> tuple[list[str], list[str]]:
    """``(characterisation, duration)``: descriptor values split by facet, each in order.

    >>> split_duration(["candid", "lengthy", "frank", "two-hour"])
    (['candid', 'frank'], ['lengthy', 'two-hour'])
    """
    words = list(words)
    return [w for w in words if not is_duration(w)], [w for w in words if is_duration(w)]


def extract_descriptors_from_texts(texts: Iterable[str]) -> list[str]:
    """Distinct descriptors across ``texts``, in order of first appearance."""
    return _unique(d for text in texts for d in extract_descriptors(text))


def _canonical(word: str) -> str:
    word = norm(" ".join(word.split()))
    spaced = word.replace(" ", "-")
    return spaced if spaced in HYPHENATED else word


def diff_descriptors(a: Sequence[str], b: Sequence[str]) -> DescriptorDiff:
    """Split two sides' descriptors into shared, only-A and only-B.

    Spelling variants ("In depth", "in-depth") are unified first; each tuple
    keeps its side's order of first appearance (``shared`` keeps A's). Words about length
    go to ``duration_a`` / ``duration_b``, never into the diff.

    >>> diff_descriptors(["candid", "substantive"], ["Candid", "in depth"])
    DescriptorDiff(shared=('candid',), only_a=('substantive',), only_b=('in-depth',), duration_a=(), duration_b=())
    >>> diff_descriptors(["candid", "lengthy"], ["candid"]).duration_a
    ('lengthy',)
    """
    (a_words, a_length), (b_words, b_length) = (split_duration(_unique(map(_canonical, words))) for words in (a, b))
    b_set, a_set = set(b_words), set(a_words)
    return DescriptorDiff(tuple(w for w in a_words if w in b_set), tuple(w for w in a_words if w not in b_set),
                          tuple(w for w in b_words if w not in a_set), tuple(a_length), tuple(b_length))

