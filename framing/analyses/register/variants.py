"""Translation variants: a listed variant written as its phrase ("deep" -> "in-depth")."""
from __future__ import annotations

from framing.analyses.register.lexicon import Lexicon, _key, bundled_lexicon
from framing.analyses.register.match import _compile, _find

# ---------------------------------------------------------------- translation variants

def unify_variants(text: str, lexicon: Lexicon | None = None) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``text`` with every listed variant replaced by its phrase, and the (variant, phrase) pairs replaced.

    Used before counting terms, so "deep" and "in-depth", "practical" and "pragmatic" are one term.
    Case, hyphen and space spellings of a phrase itself are not listed as variants.

    >>> unify_variants("Deep and practical talks.")
    ('in-depth and pragmatic talks.', (('deep', 'in-depth'), ('practical', 'pragmatic')))
    """
    compiled = _compile(lexicon or bundled_lexicon())
    pieces, pairs, last = [], [], 0
    for _i, _j, start, end, (entry, variant), _neg in _find(text, compiled):
        if not variant:
            continue
        pieces += [text[last:start], entry.phrase]
        pairs.append((variant, entry.phrase))
        last = end
    pieces.append(text[last:])
    return "".join(pieces), tuple(pairs)


def canonical_form(term: str, lexicon: Lexicon | None = None) -> str:
    """The phrase a term is a listed variant of ("deep" -> "in-depth"); otherwise the term itself.

    >>> canonical_form("practical"), canonical_form("candid"), canonical_form("gruelling")
    ('pragmatic', 'candid', 'gruelling')
    """
    hit = _compile(lexicon or bundled_lexicon()).table.get(_key(term))
    return hit[0].phrase if hit and hit[1] else term
