"""The descriptor finder's grammar: lists of coordinated items and the context that makes them a
characterisation of the event (predicate, described-as, adverb, attributive, fragment).

Every function reads a token list ``toks`` (``find._Tok``: ``norm``, ``raw``, ``kinds``, ``value``) between
a sentence's first token ``a`` and its end ``b``; ``add(indices, form)`` records what a scan accepts.
"""
from __future__ import annotations

from framing.analyses.descriptors.rules import (
    ADJ_SUFFIXES,
    ADVERB,
    AMBIGUOUS,
    AUXILIARY,
    BE,
    CHAIN_FILLERS,
    CLAUSE_BREAKERS,
    COMPOUND_HEADS,
    CONCESSIVE,
    CONNECTORS,
    DESCRIBE_BARE,
    DESCRIBING,
    DESCRIPTOR,
    DETERMINERS,
    DURATION,
    DURATION_NUMBERS,
    DURATION_QUALIFIERS,
    DURATION_UNITS,
    EVENT,
    GENERIC_EVENT_NOUNS,
    INTENSIFIER,
    LASTING_VERBS,
    LINKING,
    MANNER,
    MANNER_HOSTS,
    NEGATOR,
    OBJECT_PRONOUN,
    POLICY_VERB_STEMS,
    PREPOSITIONS,
    PUNCTUATION,
    QUOTE,
    SEPARATOR,
    SPEAKING,
    SUBJECT,
    TYPE,
    UNLISTED,
    WISH_STEMS,
    _words,
)
from framing.text import title_case

# Descriptors that are also verbs ("open talks", "close the meeting"): a verb after "to", a modal or "do",
# or before an article ("open a channel"); an adjective after "had" ("had open and productive discussions").
_VERB_LIKE = _words("open clear calm warm detail close direct")
_MODALS = _words("will would could can may might should must shall 'll")
_VERB_INTRO = _MODALS | _words("to not n't did does do")
_OBJECT_STOPPERS = CLAUSE_BREAKERS | _words(", that which who as how what why where whether")
# "to" and a speaking verb after these is a report, not a wish: "were able to speak candidly"
_REPORTED_INFINITIVE = _words("able managed chance opportunity")
# A short inserted reporting clause inside a list: "candid, officials said, and constructive"
_REPORTING = _words("said says say told added noted stressed according reportedly")
# Words that make an event noun phrase another, earlier meeting: before the list ("building on the
# successful Woodside summit", "their previous productive meeting") or right after the noun ("a successful
# meeting at the end of last year", "the candid talks in May").
_EARLIER_BEFORE = _words("building build builds built recalled recalling recall previous prior earlier last past "
                         "implementing implement implementation since")
_EARLIER_AFTER = _words("last ago previous previously")   # not "earlier": "met earlier today" is this meeting
_MONTHS = _words("january february march april may june july august september october november december")
_IT = _words("it this")
_EXPLETIVE_NEXT = _words("that to for whether how when if")


def _parse_list(toks: list, i: int, stop: int, adverbs: bool = False) -> tuple:
    """Coordinated items from token i: ``([(index, negated_here, after_but, joined)], end)``.

    ``joined`` says a separator links the item to the one before it.
    """
    items, neg, after_but, need_item, joined, end, j = [], False, False, True, False, i, i
    item_kinds = ADVERB if adverbs else (DESCRIPTOR | AMBIGUOUS | UNLISTED | TYPE)
    while j < stop:
        k = toks[j].kinds
        if k & item_kinds:
            # adjacent items need a separator unless both are known ("a long frank talk")
            if not need_item and not ((DESCRIPTOR | AMBIGUOUS | TYPE) & toks[items[-1][0]].kinds and k & (DESCRIPTOR | AMBIGUOUS | TYPE | ADVERB)):
                break
            items.append((j, neg, after_but, joined))
            need_item, joined, end = False, False, j + 1
        elif k & NEGATOR:
            neg = True
        elif k & SEPARATOR and items:
            if toks[j].value in ("but", "yet") or toks[j].norm in CONCESSIVE:
                neg, after_but = False, True
            need_item, joined = True, True
            if toks[j].norm == ",":
                j = _past_inserted_clause(toks, j, stop)
        elif not k & (INTENSIFIER | QUOTE):
            break
        j += 1
    return items, end


def _past_inserted_clause(toks: list, c: int, stop: int) -> int:
    """Index of the comma closing a short reporting clause opened by the comma at c ("candid, officials
    said, and constructive"), else c."""
    for e in range(c + 1, min(stop, c + 6)):
        if toks[e].norm == ",":
            inside = toks[c + 1:e]
            if inside and any(t.norm in _REPORTING for t in inside) and not any(
                    t.kinds & (PUNCTUATION | QUOTE | DESCRIPTOR | AMBIGUOUS | ADVERB) for t in inside):
                return e
            return c
        if toks[e].kinds & (PUNCTUATION | QUOTE):
            return c
    return c


def _chain_start(toks: list, p: int, a: int):
    """Start of a copula chain ("had not been", "proved to be") ending at p, else None."""
    if p < a or not toks[p].kinds & (BE | LINKING):
        return None
    q = p
    while q - 1 >= a and (toks[q - 1].kinds & (BE | LINKING | AUXILIARY | NEGATOR) or toks[q - 1].norm in CHAIN_FILLERS
                          or (toks[q - 1].norm == "to" and toks[q].norm == "be")):
        q -= 1
    return q


def _event_subject(toks: list, q: int, a: int) -> bool:
    """Whether the clause ending at q has an event noun as its subject."""
    for e in range(q, max(a - 1, q - 20), -1):
        t = toks[e]
        if t.kinds & (EVENT | SUBJECT):
            # "the talks on Sunday were", "the talks, which were", not "after the meeting the minister was"
            return e == q or toks[e + 1].norm in CONNECTORS
        if (t.kinds & PUNCTUATION and t.norm != ",") or t.norm in CLAUSE_BREAKERS:
            return False
        if t.norm == "," and e < q and not _opens_modifier(toks[e + 1]):
            return False   # "ahead of the talks, relations were tense"
        if t.norm in DETERMINERS and e - 1 >= a and toks[e - 1].norm not in CONNECTORS - {","}:
            return False
    return False


def _opens_modifier(tok) -> bool:
    """Whether a word after a comma opens a modifier of the noun before: ", which", ", held in"."""
    return (tok.norm in CONNECTORS and tok.norm not in (",", "and")) or tok.norm.endswith("ed")


def _described(toks: list, p: int, a: int) -> tuple:
    """(found, negated) for "described the talks as", "called them", "were described as"."""
    if p < a:
        return False, False
    has_as = toks[p].norm == "as"
    q = p - 1 if has_as else p
    if not has_as and q - 1 >= a and toks[q].norm == "be" and toks[q - 1].norm == "to":
        q -= 2   # "found the talks to be useful"
    for d in range(q, max(a - 1, q - 8), -1):
        t = toks[d]
        if t.kinds & DESCRIBING and (has_as or t.kinds & DESCRIBE_BARE):
            neg = any(x.kinds & NEGATOR for x in toks[max(a, d - 3):d])
            between = toks[d + 1:q + 1]
            if any(x.kinds & (EVENT | OBJECT_PRONOUN) for x in between):
                return True, neg
            cs = _chain_start(toks, d - 1, a)   # passive: "the talks were described (by officials) as"
            if cs is not None:
                return _event_subject(toks, cs - 1, a), neg or any(x.kinds & NEGATOR for x in toks[cs:d])
            return (not between and _event_subject(toks, d - 1, a)), neg
        if (t.kinds & (PUNCTUATION | SPEAKING | BE | LINKING | AUXILIARY) and not t.kinds & EVENT) or t.norm in CLAUSE_BREAKERS or t.norm == "to":
            break
    return False, False


def _context_form(toks: list, i: int, end: int, a: int, b: int, after_meeting: bool = False) -> tuple:
    """Form of the list toks[i:end] from its neighbours, and whether a negator precedes it.

    ``after_meeting``: the sentence before is about a meeting, so "It was productive." characterises it.
    """
    p, neg = i - 1, False
    while p >= a and (toks[p].kinds & (QUOTE | INTENSIFIER | NEGATOR) or (toks[p].norm == "," and p > a and toks[p - 1].kinds & INTENSIFIER)):
        neg, p = neg or toks[p].kinds & NEGATOR, p - 1   # "were not very, very productive"
    if p >= a and toks[p].norm == ",":
        # skip a short parenthetical: "the talks were, by all accounts, productive"
        c = next((c for c in range(p - 1, max(a, p - 7) - 1, -1) if toks[c].norm == "," or toks[c].kinds & PUNCTUATION), None)
        if c is not None and toks[c].norm == "," and c - 1 >= a and toks[c - 1].kinds & (BE | LINKING):
            p = c - 1
    found, d_neg = _described(toks, p, a)
    if found:
        return "described_as", neg or d_neg
    cs = _chain_start(toks, p, a)
    if cs is not None and (_event_subject(toks, cs - 1, a) or (after_meeting and _pronoun_subject(toks, cs, end, a, b))):
        return "predicate", neg or any(t.kinds & NEGATOR for t in toks[cs:p + 1])
    j = end
    if j < b and toks[j].norm == "," and any(t.norm in CONCESSIVE for t in toks[i:end]):
        j += 1   # the comma closing "if sometimes tense,"
    while j < b and (toks[j].kinds & QUOTE or (j < end + 3 and toks[j].kinds & (TYPE | UNLISTED))
                     or (j < end + 3 and toks[j].raw[0].isupper() and not toks[j].kinds)):
        j += 1   # modifiers between the list and its noun: "productive trade talks"
    if j >= b:
        return None, False
    nxt = toks[j + 1].norm if j + 1 < b else ""
    # "not a productive meeting", "did not hold productive talks"
    article_neg = any(t.kinds & NEGATOR for t in toks[max(a, p - 2):p + 1])
    appeal = toks[j].norm in ("call", "calls") and (
        nxt in ("for", "to")   # "a clear call for restraint"
        or any(t.norm in ("make", "makes", "made", "making") for t in toks[max(a, p - 3):p + 1])   # "made the tough call": a decision
        or any(t.norm == "close" for t in toks[i:end]))   # "close calls": near misses
    if toks[j].kinds & EVENT and nxt not in COMPOUND_HEADS and not appeal and not _policy_context(toks, p, a, toks[j].norm) \
            and not _earlier_meeting(toks, p, j, a, b):
        if toks[j].raw[0].isupper() and toks[i].raw[0].isupper() and not title_case([t.raw for t in toks[a:b]]):
            return None, False   # a proper name: "the Comprehensive Economic Dialogue"
        return "attributive", neg or article_neg
    intro = p - 1 if p >= a and toks[p].norm in ("a", "an", "the") else p
    if toks[j].kinds & MANNER and intro >= a and toks[intro].norm in ("in", "with", "amid") and any(
            t.kinds & (SPEAKING | EVENT) or t.norm in MANNER_HOSTS for t in toks[max(a, intro - 4):intro]):
        return "adverb", neg   # "met in a friendly atmosphere", not "manage differences in a constructive manner"
    return None, False


def _pronoun_subject(toks: list, cs: int, end: int, a: int, b: int) -> bool:
    """Whether "it"/"this" opens the clause whose copula chain starts at cs ("It was productive.",
    "and it was candid"), and is not the "it" of "it was clear that ..."."""
    s = cs - 1
    if s < a or toks[s].norm not in _IT:
        return False
    if s > a and not (toks[s - 1].norm in (",", "and", "but") or toks[s - 1].kinds & QUOTE):
        return False
    return end >= b or toks[end].norm not in _EXPLETIVE_NEXT


def _earlier_meeting(toks: list, p: int, j: int, a: int, b: int) -> bool:
    """Whether the event noun at j, with the list before it ending at p, names another, earlier
    meeting: "building on the successful Woodside summit", "had a successful meeting at the end of
    last year", "their previous candid talks"."""
    q = p
    while q >= a and (toks[q].norm in DETERMINERS or toks[q].norm == "on"):
        q -= 1
    if any(t.norm in _EARLIER_BEFORE for t in toks[max(a, q - 1):p + 1]):
        return True
    for k in range(j + 1, min(b, j + 8)):
        t = toks[k]
        if t.kinds & (PUNCTUATION | QUOTE) or t.norm in CLAUSE_BREAKERS or t.norm == ",":
            break
        if t.norm in _EARLIER_AFTER:
            return True
        # "in May", "in 2023" (not "on May 5": readouts date their own meeting that way)
        if toks[k - 1].norm == "in" and ((t.norm in _MONTHS and t.raw[0].isupper() and not (
                k + 1 < b and toks[k + 1].norm.isdigit())) or (len(t.norm) == 4 and t.norm.isdigit())):
            return True
    return False


def _policy_context(toks: list, p: int, a: int, noun: str) -> bool:
    """Whether the list is wished for rather than reported: "called for constructive dialogue"."""
    if p >= a and toks[p].norm in DETERMINERS:
        p -= 1
    if p < a:
        return False
    word, before = toks[p].norm, toks[p - 1].norm if p > a else ""
    if word in ("for", "to", "toward", "towards"):
        return before.startswith(WISH_STEMS)   # but not "thanked him for candid talks"
    if word in ("have", "hold", "conduct", "engage") and (before in ("should", "must", "need", "ought") or before in _MODALS):
        return True   # "the two sides should have in-depth communication", "will hold an extended discussion"
    return (word == "of" and noun in GENERIC_EVENT_NOUNS) or word.startswith(POLICY_VERB_STEMS)


def _accept(toks: list, items: list, end: int, b: int, form: str, pre_neg: bool) -> list:
    """Indices of the items that are reported, after type words, negation and unknown words."""
    kept, n = [], len(items)
    for pos, (j, neg, after_but, joined) in enumerate(items):
        t = toks[j]
        if neg or (pre_neg and not after_but) or not t.kinds & (DESCRIPTOR | AMBIGUOUS | UNLISTED | ADVERB):
            continue
        if t.kinds & AMBIGUOUS and form == "attributive" and not any(
                toks[x].kinds & DESCRIPTOR and not toks[x].kinds & DURATION for x, *_ in items if x != j):
            continue   # alone before the noun it names its kind ("strategic dialogue", "direct talks"); with
            # another descriptor it counts, stacked or coordinated ("extensive strategic communication")
        if pos == 0 and t.norm in _VERB_LIKE and j > 0 and (toks[j - 1].norm in _VERB_INTRO or (
                j + 1 < b and toks[j + 1].norm in DETERMINERS)):
            continue   # "agreed to open talks", "open a channel": a verb, not an adjective
        if t.kinds & UNLISTED:
            suffix = t.norm.endswith(ADJ_SUFFIXES)
            if n == 1:
                continue
            if pos == 0 and not (suffix and (j == 0 or toks[j - 1].norm not in PREPOSITIONS)):
                continue   # "In general, candid talks"
            if pos == n - 1 and form not in ("attributive", "adverb") and not (
                    suffix and (end >= b or toks[end].kinds & (PUNCTUATION | QUOTE | SEPARATOR))):
                continue   # "the talks were candid and lasted three hours"
        kept.append(j)
    if kept and form != "attributive" and toks[kept[-1]].norm.endswith("ed") and end < b \
            and toks[end].norm in PREPOSITIONS:
        kept.pop()   # a verb, not an adjective: "were constructive and focused on trade"
    if kept and form != "attributive" and toks[kept[-1]].norm == "open" and end < b and toks[end].norm == "to":
        kept.pop()   # access, not tone: "the meeting was open to the press"
    if not any(toks[j].kinds & (DESCRIPTOR | ADVERB) for j in kept):
        if form == "attributive" or any(toks[j].kinds & UNLISTED for j in kept):
            return []
    return kept


def _scan_adverbs(toks: list, a: int, b: int, add) -> None:
    for v in range(a, b):
        if not toks[v].kinds & SPEAKING or (toks[v].kinds & EVENT and v > a and toks[v - 1].norm in DETERMINERS):
            continue
        neg = any(t.kinds & NEGATOR for t in toks[max(a, v - 3):v])
        if _wished_or_earlier(toks, v, a):
            continue
        j = v + 1
        while j < min(b, v + 7) and not toks[j].kinds & ADVERB:   # past a short object: "discussed the issues frankly"
            if toks[j].kinds & (PUNCTUATION | SPEAKING | BE | AUXILIARY) or toks[j].norm in _OBJECT_STOPPERS:
                break
            j += 1
        if j < b and toks[j].kinds & ADVERB:
            items, end = _parse_list(toks, j, b, adverbs=True)
            add(_accept(toks, items, end, b, "adverb", neg), "adverb")
        q = v - 1
        while q >= a and toks[q].kinds & (ADVERB | SEPARATOR | INTENSIFIER) and not toks[q].kinds & SPEAKING:
            q -= 1   # before the verb: "candidly and openly discussed"
        start = next((s for s in range(q + 1, v) if toks[s].kinds & ADVERB), None)
        if start is not None:
            items, end = _parse_list(toks, start, v, adverbs=True)
            add(_accept(toks, items, end, v, "adverb", neg), "adverb")


def _wished_or_earlier(toks: list, v: int, a: int) -> bool:
    """Whether the speaking verb at v is wished for or planned ("agreed to communicate directly", "to
    candidly discuss", "will talk frankly"), or reports a series of earlier meetings ("high-level meetings
    have been successfully held")."""
    q = v - 1
    while q >= a and toks[q].kinds & (ADVERB | SEPARATOR | INTENSIFIER) and not toks[q].kinds & SPEAKING:
        q -= 1
    if q < a:
        return False
    if toks[q].norm in _MODALS:
        return True
    if toks[q].norm == "to":
        return not (q > a and toks[q - 1].norm in _REPORTED_INFINITIVE)
    return toks[q].norm == "been" and q > a and toks[q - 1].norm == "have" and toks[v].norm == "held"


def _scan_lists(toks: list, a: int, b: int, add, after_meeting: bool = False) -> None:
    i = a
    while i < b:
        if toks[i].kinds & (DESCRIPTOR | AMBIGUOUS | UNLISTED | TYPE):
            items, end = _parse_list(toks, i, b)
            form, neg = _context_form(toks, i, end, a, b, after_meeting)
            kept = _accept(toks, items, end, b, form, neg) if form else []
            if form:
                add(kept, form)
            i = max(end, i + 1)   # a sub-list would lose the context that rejected the whole list
            continue
        i += 1


def _scan_fragment(toks: list, a: int, b: int, min_items: int, add) -> None:
    """A span that is nothing but a list: "Frank and useful." """
    while a < b and toks[a].kinds & (QUOTE | PUNCTUATION):
        a += 1
    while b > a and toks[b - 1].kinds & (QUOTE | PUNCTUATION):
        b -= 1
    if a < b:
        items, end = _parse_list(toks, a, b)
        if end == b:
            kept = _accept(toks, items, end, b, "fragment", False)
            if len(kept) >= min_items:
                add(kept, "fragment")



def _scan_length_phrases(toks: list, a: int, b: int, add) -> None:
    """A length written as a phrase after a meeting or lasting verb: "met for more than seven hours",
    "the talks lasted nearly 1 hour 45 minutes". Reported as one match (duration facet) spanning the phrase."""
    u = a
    while u < b:
        if not toks[u].norm in DURATION_UNITS:
            u += 1
            continue
        last = u
        while last + 2 < b and _is_number(toks[last + 1]) and toks[last + 2].norm in DURATION_UNITS:
            last += 2   # "1 hour 45 minutes"
        n = u - 1
        if n < a or not _is_number(toks[n]):
            u = last + 1
            continue
        q = n
        while q - 1 >= a and (toks[q - 1].norm in DURATION_QUALIFIERS or toks[q - 1].norm == "less than"):
            q -= 1
        v = q - 1
        if v >= a and toks[v].norm == "for":
            v -= 1
        while v >= a and toks[v].kinds & (ADVERB | INTENSIFIER) and not toks[v].kinds & SPEAKING:
            v -= 1   # "talked candidly for two hours"
        if v >= a and (toks[v].kinds & SPEAKING or toks[v].norm in LASTING_VERBS) and not (
                toks[v].kinds & EVENT and v > a and toks[v - 1].norm in DETERMINERS) and not _wished_or_earlier(toks, v, a):
            add([(q, last, " ".join(t.norm for t in toks[q:last + 1]))], "adverb")
        u = last + 1


def _is_number(tok) -> bool:
    return tok.norm in DURATION_NUMBERS or tok.norm.replace(".", "", 1).isdigit()
