"""Words: the token patterns, dash and hyphen unification, negation, word alternations.

Every analysis reads words through this module, so "in-depth", "in\u2013depth" and "in depth" are
one spelling everywhere, and "not", "n't" or "cannot" negate the same way in every analysis.
Every pattern here matches in time linear in the text's length (no nested or overlapping
quantifiers; ``tests/test_linear_time.py`` runs them on 2 MB storms).
"""
from __future__ import annotations

import re

__all__ = ["TOKEN_PATTERN", "WORD", "TOKEN", "HYPHENS", "DASHES", "HYPHEN", "PHRASE_JOIN", "NEGATORS", "is_negator",
           "unify_dashes", "dashed_key", "count_words", "word_alternation"]

#: scikit-learn's default token pattern: the same tokens in every analysis that counts terms, so a
#: term counted by the distinctive-terms scorer is the term the overlap reports.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"

#: Hyphens that join the parts of one word ("in-depth", "in\u2011depth", "in\u2013depth").
HYPHENS = "-\u2010\u2011\u2012\u2013\u2212"
#: Hyphens plus the em dash, which joins a known compound only ("heart\u2014to\u2014heart").
DASHES = HYPHENS + "\u2014"
#: One hyphen of any kind.
HYPHEN = re.compile(f"[{HYPHENS}]")
#: What may stand between two words of one phrase: spaces, or one hyphen with or without spaces round it
#: ("in depth", "in-depth", "in - depth").
PHRASE_JOIN = re.compile(rf"\s+|\s*[{HYPHENS}]\s*")
_DASH = re.compile(f"[{DASHES}]")

#: A word: letters and digits, with inner apostrophes ("don't", "China\u2019s"); hyphens split words.
WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
#: A token: a word whose parts may be joined by dashes ("wide-ranging"), or one punctuation mark.
TOKEN = re.compile(rf"[^\W_]+(?:[{DASHES}][^\W_]+)*(?:['\u2019][^\W_]+)*|[^\w\s]")
_COUNTED = re.compile(r"\w+")

#: Words that deny what follows them ("not constructive", "neither frank nor useful"); a word
#: ending in "n't" negates too (:func:`is_negator`).
NEGATORS = frozenset("not n't never no neither nor hardly scarcely barely without cannot".split())


def is_negator(word: str) -> bool:
    """Whether a lowercase word negates: a listed negator or a contraction in "n't"."""
    return word in NEGATORS or word.endswith("n't")


def unify_dashes(word: str) -> str:
    """``word`` lowercased with every dash as "-" and a curly apostrophe as "'"."""
    return _DASH.sub("-", word.lower()).replace("\u2019", "'")


def dashed_key(phrase: str) -> str:
    """One spelling for a phrase whatever its spaces, hyphens and dashes: "In depth" -> "in-depth"."""
    return "-".join(_DASH.sub(" ", phrase.lower()).split())


def count_words(text: str) -> int:
    """The number of runs of word characters (letters, digits, underscore) in ``text``."""
    return len(_COUNTED.findall(text))


def word_alternation(words) -> str:
    """A regex alternation of ``words`` factored by common prefixes (one branch per character),
    so that matching it costs a few character tests per position, not one per word.

    >>> word_alternation(["talk", "talks", "tale"])
    'tal(?:e|k(?:s)?)'
    """
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def render(node: dict) -> str:
        alts = [re.escape(c) + render(node[c]) for c in sorted(node) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body
    return render(trie)
