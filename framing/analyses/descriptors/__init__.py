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
    TYPE_WORDS,
    Role,
    norm,
)

__all__ = ["DescriptorMatch", "DescriptorDiff", "find_descriptors", "find_descriptors_in_texts", "extract_descriptors",
           "extract_descriptors_from_texts", "diff_descriptors", "FORMS_HANDLED", "KNOWN_MISSES", "DESCRIPTOR_WORDS",
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
    "an event noun name the kind of event, not how it went, and are not reported",
)
KNOWN_MISSES = (
    "pronoun subjects: 'We met on Sunday. It was productive.' (no coreference)",
    "nominal characterisations: 'a success', 'a breakthrough', 'in a spirit of openness'",
    "verb phrases: 'the talks went well', 'made progress'",
    "a list split by an inserted clause: 'candid, officials said, and constructive'",
    "an unlisted adjective that is not coordinated with a listed descriptor ('gruelling talks')",
    "translation variants stay distinct: 'deep' vs 'in-depth', 'practical' vs 'pragmatic'",
    "title-case proper names are skipped, so 'Comprehensive Dialogue' inside a sentence gives nothing",
)



@dataclass(frozen=True)
class DescriptorDiff:
    """Descriptors used by both sides, and by one side only (each in its side's order)."""
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]



def _unique(words: Iterable) -> list:
    return list(dict.fromkeys(words))


def extract_descriptors(text: str) -> list[str]:
    """Distinct descriptors of ``text``, lowercase, in order of first appearance.

    >>> extract_descriptors('Washington called them "candid, substantive, and constructive".')
    ['candid', 'substantive', 'constructive']
    """
    return _unique(m.descriptor for m in find_descriptors(text))


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
    keeps its side's order of first appearance (``shared`` keeps A's).

    >>> diff_descriptors(["candid", "substantive"], ["Candid", "in depth"])
    DescriptorDiff(shared=('candid',), only_a=('substantive',), only_b=('in-depth',))
    """
    a_words, b_words = _unique(map(_canonical, a)), _unique(map(_canonical, b))
    b_set, a_set = set(b_words), set(a_words)
    return DescriptorDiff(tuple(w for w in a_words if w in b_set), tuple(w for w in a_words if w not in b_set),
                          tuple(w for w in b_words if w not in a_set))

