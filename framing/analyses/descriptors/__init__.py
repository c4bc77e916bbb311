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

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from framing.text import DASHES, NEGATORS, TOKEN, is_abbreviation, sentence_spans, title_case, unify_dashes, word_alternation

__all__ = ["DescriptorMatch", "DescriptorDiff", "find_descriptors", "find_descriptors_in_texts", "extract_descriptors",
           "extract_descriptors_from_texts", "diff_descriptors", "FORMS_HANDLED", "KNOWN_MISSES"]

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


def _words(text: str) -> frozenset:
    return frozenset(text.split())


DESCRIPTOR_WORDS = _words("""
    acrimonious amicable animated awkward blunt brief broad broad-ranging businesslike calm candid chilly civil
    clear cold collegial comprehensive constructive contentious cooperative cordial courteous deep detailed
    difficult disappointing down-to-earth earnest encouraging engaging excellent exhaustive extensive
    far-reaching firm focused forthright forward-looking frank friendly frosty fruitful fruitless genuine good
    great hard hard-hitting heart-to-heart heated helpful high-quality historic honest icy important in-depth
    inconclusive informative insightful intense intensive interesting landmark lengthy lively long marathon
    meaningful measured negative no-nonsense open open-minded optimistic plain-spoken pleasant pointed polite
    positive practical pragmatic productive professional promising rational realistic reasonable relaxed
    respectful results-oriented robust rocky serious sharp short significant sincere solid spirited stern stormy
    straightforward strained substantial substantive successful tense testy thorough thoughtful timely tough
    transparent uneasy unproductive unsuccessful useful valuable vigorous warm wide-ranging worthwhile""")
# Alone before an event noun these name a kind of event ("Strategic Dialogue", "direct talks").
AMBIGUOUS_WORDS = _words("strategic direct")
TYPE_WORDS = _words("""
    bilateral trilateral multilateral high-level working-level senior-level top-level leader-level summit-level
    expert-level vice-ministerial ministerial official unofficial virtual video telephone phone online in-person
    face-to-face one-on-one first second third fourth fifth latest last next annual formal informal working
    private closed-door extended additional reciprocal return plenary joint separate recent previous upcoming
    planned scheduled further follow-up preliminary initial final ongoing regular routine emergency special
    extraordinary state secret back-channel exploratory technical new fresh renewed resumed more several many
    numerous various other economic security cultural political military regional global international trade
    financial diplomatic commercial nuclear maritime climate energy technology defense defence border peace arms
    humanitarian consular legal environmental agricultural scientific people-to-people cross-strait public
    national domestic foreign social health monetary fiscal digital cyber us-china china-us sino-us""")
_NUMERIC = re.compile(r"^(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|half|multi)\S*-")
EVENT_NOUNS = _words("""
    talk talks meeting meetings discussion discussions exchange exchanges conversation conversations call calls
    communication communications dialogue dialogues dialog consultation consultations session sessions
    negotiation negotiations engagement engagements visit visits summit summits interaction interactions
    deliberation deliberations contact contacts encounter encounters conference conferences videoconference
    sit-down dinner lunch luncheon banquet trip""")
# Nouns that stand for a standing channel as often as for one event: "the importance of open communication".
GENERIC_EVENT_NOUNS = _words("communication communications engagement engagements contact contacts dialogue "
                             "dialogues dialog exchange exchanges interaction interactions")
# An event noun followed by one of these is itself a modifier: "open communication channels".
COMPOUND_HEADS = _words("""
    channel channels line lines mechanism mechanisms rate rates program programs programme programmes room rooms
    center centre hall venue schedule agenda process framework platform""")
# A list that is wished for rather than reported: "maintain open communication", "called for frank dialogue".
POLICY_VERB_STEMS = ("maintain", "keep", "kept", "continu", "sustain", "promot", "encourag", "strengthen", "enhanc",
                     "support", "deepen", "expand", "resum", "restor", "establish", "foster", "ensur", "urge",
                     "need", "want", "seek", "sought", "hope", "prefer", "advocat", "favo", "pursu", "commit")
WISH_STEMS = ("call", "need", "push", "press", "hope", "appeal", "wish", "ask", "commit", "forward", "dedicat",
              "ready", "open", "willing", "look", "aim", "plan", "prepar", "eager", "keen", "striv", "work")
MANNER_HOSTS = _words("place conducted proceeded went unfolded passed ended concluded took")
SUBJECT_NOUNS = _words("atmosphere tone mood")   # "the atmosphere was cordial" characterises the event
MANNER_NOUNS = _words("manner way fashion atmosphere spirit tone mood environment")
INTENSIFIERS = _words("""
    very highly extremely really quite most deeply truly fairly rather particularly especially so too more less
    generally largely mostly broadly overall also both all always equally genuinely remarkably exceptionally
    unusually somewhat pretty entirely altogether sometimes occasionally often""")
SEPARATORS = _words(", and & but yet or nor / if albeit though although")
CONCESSIVE = _words("if albeit though although")   # "a frank, if sometimes tense, exchange"
BE_FORMS = _words("is are was were be been being 're")
LINKING_VERBS = _words("""
    prove proves proved proven proving remain remains remained seem seems seemed appear appears appeared become
    becomes became look looks looked sound sounds sounded grow grows grew grown""")
AUXILIARIES = _words("has have had having will would could can may might should must shall did does do")
CHAIN_FILLERS = _words("""
    also both all reportedly generally largely mostly overall always still indeed certainly apparently widely
    expected likely said thought believed""")
PREPOSITIONS = _words("""
    of in on at to for with by from about between among amid amidst over under during after before since until
    into onto upon across around through toward towards against without within via per despite regarding
    following concerning ahead behind beyond near""")
DETERMINERS = _words("the a an his her their its our my your some any every each")
PRONOUN_OBJECTS = _words("it them this these those")
CLAUSE_BREAKERS = _words("""
    said says say told tells added noted stressed while whereas although though because but if unless when
    whether""")
CONNECTORS = PREPOSITIONS | _words(", which that who and held hosted chaired led convened last "
                                   "yesterday today earlier")
FUNCTION_WORDS = PREPOSITIONS | DETERMINERS | PRONOUN_OBJECTS | CLAUSE_BREAKERS | _words("""
    and or nor but yet as than then there here what which who whom whose that also only just even still very not
    they he she we you i me him us one two three four five six seven eight nine ten hundred thousand million
    general usual total particular such same own another according including involving regarding concerning
    following during being having saying adding noting making official president government agreement statement
    moment development comment event present parent""")
ADJ_SUFFIXES = ("ive", "ful", "ous", "al", "ic", "ent", "ant", "ing", "able", "ible", "ile", "ary", "ish", "less")

# Verbs by lemma; _inflect adds -s, -ed and -ing forms, irregular forms are listed.
_SPEAKING = "talk speak discuss exchange communicate engage meet confer converse negotiate consult hold chat deliberate"
_SPEAKING_IRREGULAR = "spoke spoken met held conferred conferring chatted chatting"
_DESCRIBE_AS = "describe characterise characterize hail regard view welcome praise portray depict summarise summarize"
_DESCRIBE_AS_IRREGULAR = "see sees saw seen seeing"
_DESCRIBE_BARE = "call term deem consider find label dub brand judge"   # "called them candid": no "as" needed
_DESCRIBE_BARE_IRREGULAR = "found labelled labelling dubbed dubbing"

# Spelled-out multi-word phrases: (words, kinds, value).  Hyphenated lexicon entries get their
# spaced spellings added automatically below.
_PHRASES = [
    (("exchange", "of", "views"), "E", "exchange"), (("round", "of", "talks"), "E", "talks"),
    (("round", "of", "negotiations"), "E", "negotiations"), (("sit", "down"), "E", "sit-down"),
    (("as", "well", "as"), "S", "and"), (("but", "also"), "S", "but"), (("not", "only"), "I", ""),
    (("at", "times"), "I", ""), (("far", "from"), "N", ""), (("less", "than"), "N", ""),
    (("anything", "but"), "N", ""), (("turned", "out"), "L", ""), (("turn", "out"), "L", ""),
    (("in", "detail"), "A", "detailed"), (("in", "great", "detail"), "A", "detailed"),
    (("at", "length"), "A", "lengthy"), (("at", "great", "length"), "A", "lengthy"),
    (("at", "some", "length"), "A", "lengthy"), (("in", "earnest"), "A", "earnest"),
    (("in", "great", "depth"), "A", "in-depth"), (("in", "greater", "depth"), "A", "in-depth"),
    (("with", "candour"), "A", "candid"), (("with", "candor"), "A", "candid"),
    (("with", "frankness"), "A", "frank"), (("with", "openness"), "A", "open"),
    (("with", "sincerity"), "A", "sincere"),
]
_ADVERB_EXCLUDED = _words("practically clearly hardly easily greatly importantly significantly "
                          "historically interestingly broadly shortly")


def _adverb_of(adj: str) -> str:
    if adj.endswith("ic"):
        return adj + "ally"
    if adj.endswith("le"):
        return adj[:-1] + "y"
    if adj.endswith("y"):
        return adj[:-1] + "ily"
    return adj + "ly"


def _inflect(lemmas: str) -> set:
    out = set()
    for v in lemmas.split():
        stem = v[:-1] if v.endswith("e") else v
        plural = v + "es" if v.endswith(("ss", "sh", "ch")) else v + "s"
        out |= {v, plural, stem + "ed", stem + "ing"}
    return out


ADVERBS = {_adverb_of(w): w for w in DESCRIPTOR_WORDS | AMBIGUOUS_WORDS if "-" not in w and not w.endswith("ly")}
ADVERBS = {k: v for k, v in ADVERBS.items() if k not in _ADVERB_EXCLUDED}
SPEAKING_VERBS = frozenset(_inflect(_SPEAKING) | _words(_SPEAKING_IRREGULAR))
DESCRIBE_BARE = frozenset(_inflect(_DESCRIBE_BARE) | _words(_DESCRIBE_BARE_IRREGULAR))
DESCRIBING_VERBS = frozenset(_inflect(_DESCRIBE_AS) | _words(_DESCRIBE_AS_IRREGULAR)) | DESCRIBE_BARE
_HYPHENATED = {w for w in DESCRIPTOR_WORDS | TYPE_WORDS | EVENT_NOUNS if "-" in w}
_JOINED = {w.replace("-", ""): w for w in _HYPHENATED}
for _w in _HYPHENATED:
    _kind = "K" if _w in DESCRIPTOR_WORDS else ("T" if _w in TYPE_WORDS else "E")
    _PHRASES.append((tuple(_w.split("-")), _kind + ("A" if _w == "in-depth" else ""), _w))
_PHRASE_TABLE = {words: (kinds, value) for words, kinds, value in _PHRASES}
_MAX_PHRASE = max(len(w) for w in _PHRASE_TABLE)
_PHRASE_FIRST = frozenset(w[0] for w in _PHRASE_TABLE)
_ANCHOR_KINDS = frozenset("KGA")

_TOKEN = TOKEN
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")
_QUOTED = re.compile("(?<![^\\W_])[\"'\u201c\u2018]([^\"'\u201c\u201d\u2018\u2019\n]{1,200}?)[\"'\u201d\u2019](?![^\\W_])")
_VERB_LIKE = _words("open clear calm warm detail")
_VERB_INTRO = AUXILIARIES | _words("to not n't")
_OBJECT_STOPPERS = CLAUSE_BREAKERS | _words(", that which who as how what why where whether")
_FORM_PRIORITY = {"described_as": 0, "predicate": 1, "adverb": 2, "attributive": 3, "fragment": 4}
_LONE_PUNCT = re.compile(r"[^\w\s]")   # a character that is a token of its own
_TOKEN_CHAR = re.compile(r"[^\s_]")   # a character that belongs to some token


def _anchor_hint_words() -> set:
    """A word (lowercase) inside every possible anchor token: the last part of each descriptor,
    ambiguous descriptor, adverb, joined spelling and anchor phrase."""
    words = {re.split(r"[-']", w)[-1] for w in DESCRIPTOR_WORDS | AMBIGUOUS_WORDS | set(ADVERBS)}
    words |= set(_JOINED)
    words |= {w[-1] for w, (kinds, _) in _PHRASE_TABLE.items() if set(kinds) & _ANCHOR_KINDS}
    return words


# In the lowercased text, a hint word with no letter or digit either side: every anchor token
# (whatever its case, dashes or spelling) holds one, so a text region without a hint has no match.
_ANCHOR_HINT = re.compile(r"(?<![^\W_])" + word_alternation(_anchor_hint_words()) + r"(?![^\W_])")


@dataclass(frozen=True)
class DescriptorMatch:
    """One occurrence of a descriptor: ``text[start:end] == surface``."""
    descriptor: str
    surface: str
    start: int
    end: int
    form: str
    sentence: str


@dataclass(frozen=True)
class DescriptorDiff:
    """Descriptors used by both sides, and by one side only (each in its side's order)."""
    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


@dataclass
class _Tok:
    start: int
    end: int
    raw: str
    norm: str
    kinds: frozenset = frozenset()
    value: str = ""


def _norm(raw: str) -> str:
    norm = unify_dashes(raw)
    return _JOINED.get(norm, norm)


def _classify_word(norm: str, raw: str) -> tuple:
    """Kinds and descriptor value of a single word.

    Kinds, one letter each: K descriptor, G ambiguous descriptor, A adverb of a descriptor, U unlisted
    word, T type or topic word, E event noun, R subject noun, M manner noun, I intensifier or hedge,
    N negator, S separator, B "be", L linking verb, X auxiliary, V speaking verb, D describing verb
    (F: without "as"), O object pronoun, Q quote, P other punctuation.
    """
    k = set()
    for letter, vocabulary in (("K", DESCRIPTOR_WORDS), ("G", AMBIGUOUS_WORDS), ("E", EVENT_NOUNS),
                               ("R", SUBJECT_NOUNS), ("M", MANNER_NOUNS), ("I", INTENSIFIERS),
                               ("N", NEGATORS), ("S", SEPARATORS), ("B", BE_FORMS), ("L", LINKING_VERBS),
                               ("X", AUXILIARIES), ("V", SPEAKING_VERBS), ("D", DESCRIBING_VERBS),
                               ("F", DESCRIBE_BARE), ("O", PRONOUN_OBJECTS)):
        if norm in vocabulary:
            k.add(letter)
    if norm in TYPE_WORDS or _NUMERIC.match(norm):
        k.add("T")
    if norm in ADVERBS:
        k.add("A")
    if raw in _QUOTES:
        k.add("Q")
    elif not raw[0].isalnum() and norm not in SEPARATORS:
        k.add("P")
    if not k and raw[0].islower() and len(norm) >= 3 and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", norm) \
            and norm not in FUNCTION_WORDS:
        if norm.endswith("ly"):
            k.add("I")   # an unlisted adverb hedges the next item: "traditionally trusting", "ultimately productive"
        elif not (norm.endswith("s") and not norm.endswith(("ous", "less", "ss"))):
            k.add("U")   # an unlisted word that might be an adjective inside an anchored list
    return frozenset(k), ADVERBS.get(norm, norm)


def _word_info(raw: str, cache: dict) -> tuple:
    """(norm, kinds, value) of one raw token, memoised in ``cache`` (one per call, never global)."""
    info = cache.get(raw)
    if info is None:
        norm = _norm(raw)
        info = cache[raw] = (norm, *_classify_word(norm, raw))
    return info


def _token_table(text: str, cache: dict, pos: int = 0, endpos: int | None = None) -> tuple[list, list, list]:
    """Every token as parallel lists: start offsets, raw texts, (norm, kinds, value) infos.

    Spelled-out phrases ("in depth", "exchange of views") are merged into one token,
    longest first, across plain spaces only.  ``pos`` and ``endpos`` limit the tokens to
    ``text[pos:endpos]`` (offsets stay offsets into ``text``).
    """
    raw_tokens = []
    append = raw_tokens.append
    for m in _TOKEN.finditer(text, pos, len(text) if endpos is None else endpos):
        raw = m.group()
        if raw.isalnum():   # the common case: no dash, no apostrophe
            append((m.start(), raw))
            continue
        start = m.start()
        if ("\u2013" in raw or "\u2014" in raw) and _norm(raw) not in _HYPHENATED:
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
    candidates = [i for i, info in enumerate(infos) if info[0] in _PHRASE_FIRST]
    merges = []   # (first index, number of tokens, merged raw, info)
    last = -1
    for i in candidates:
        if i <= last:
            continue   # inside a phrase merged just before
        for n in range(min(_MAX_PHRASE, n_toks - i), 1, -1):
            words = tuple(info[0] for info in infos[i:i + n])
            if words in _PHRASE_TABLE and all(
                    text[starts[k] + len(raws[k]):starts[k + 1]].isspace() for k in range(i, i + n - 1)):
                kinds, value = _PHRASE_TABLE[words]
                end = starts[i + n - 1] + len(raws[i + n - 1])
                merges.append((i, n, text[starts[i]:end], (" ".join(words), frozenset(kinds), value)))
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


def _sentence_spans(text: str) -> list:
    """(start, end) of each sentence; a short line (a headline) or a paragraph is a sentence too."""
    return sentence_spans(text, lines=True)


def _parse_list(toks: list, i: int, stop: int, adverbs: bool = False) -> tuple:
    """Coordinated items from token i: ``([(index, negated_here, after_but, joined)], end)``.

    ``joined`` says a separator links the item to the one before it.
    """
    items, neg, after_but, need_item, joined, end, j = [], False, False, True, False, i, i
    item_kinds = {"A"} if adverbs else {"K", "G", "U", "T"}
    while j < stop:
        k = toks[j].kinds
        if k & item_kinds:
            # adjacent items need a separator unless both are known ("a long frank talk")
            if not need_item and not ({"K", "G", "T"} & toks[items[-1][0]].kinds and k & {"K", "G", "T", "A"}):
                break
            items.append((j, neg, after_but, joined))
            need_item, joined, end = False, False, j + 1
        elif "N" in k:
            neg = True
        elif "S" in k and items:
            if toks[j].value in ("but", "yet") or toks[j].norm in CONCESSIVE:
                neg, after_but = False, True
            need_item, joined = True, True
        elif not k & {"I", "Q"}:
            break
        j += 1
    return items, end


def _chain_start(toks: list, p: int, a: int):
    """Start of a copula chain ("had not been", "proved to be") ending at p, else None."""
    if p < a or not toks[p].kinds & {"B", "L"}:
        return None
    q = p
    while q - 1 >= a and (toks[q - 1].kinds & {"B", "L", "X", "N"} or toks[q - 1].norm in CHAIN_FILLERS
                          or (toks[q - 1].norm == "to" and toks[q].norm == "be")):
        q -= 1
    return q


def _event_subject(toks: list, q: int, a: int) -> bool:
    """Whether the clause ending at q has an event noun as its subject."""
    for e in range(q, max(a - 1, q - 20), -1):
        t = toks[e]
        if t.kinds & {"E", "R"}:
            # "the talks on Sunday were", "the talks, which were", not "after the meeting the minister was"
            return e == q or toks[e + 1].norm in CONNECTORS
        if ("P" in t.kinds and t.norm != ",") or t.norm in CLAUSE_BREAKERS:
            return False
        if t.norm == "," and e < q and not _opens_modifier(toks[e + 1]):
            return False   # "ahead of the talks, relations were tense"
        if t.norm in DETERMINERS and e - 1 >= a and toks[e - 1].norm not in CONNECTORS - {","}:
            return False
    return False


def _opens_modifier(tok: _Tok) -> bool:
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
        if "D" in t.kinds and (has_as or "F" in t.kinds):
            neg = any("N" in x.kinds for x in toks[max(a, d - 3):d])
            between = toks[d + 1:q + 1]
            if any(x.kinds & {"E", "O"} for x in between):
                return True, neg
            cs = _chain_start(toks, d - 1, a)   # passive: "the talks were described (by officials) as"
            if cs is not None:
                return _event_subject(toks, cs - 1, a), neg or any("N" in x.kinds for x in toks[cs:d])
            return (not between and _event_subject(toks, d - 1, a)), neg
        if (t.kinds & {"P", "V", "B", "L", "X"} and "E" not in t.kinds) or t.norm in CLAUSE_BREAKERS or t.norm == "to":
            break
    return False, False


_title_case = title_case


def _context_form(toks: list, i: int, end: int, a: int, b: int) -> tuple:
    """Form of the list toks[i:end] from its neighbours, and whether a negator precedes it."""
    p, neg = i - 1, False
    while p >= a and (toks[p].kinds & {"Q", "I", "N"} or (toks[p].norm == "," and p > a and "I" in toks[p - 1].kinds)):
        neg, p = neg or "N" in toks[p].kinds, p - 1   # "were not very, very productive"
    if p >= a and toks[p].norm == ",":
        # skip a short parenthetical: "the talks were, by all accounts, productive"
        c = next((c for c in range(p - 1, max(a, p - 7) - 1, -1) if toks[c].norm == "," or "P" in toks[c].kinds), None)
        if c is not None and toks[c].norm == "," and c - 1 >= a and toks[c - 1].kinds & {"B", "L"}:
            p = c - 1
    found, d_neg = _described(toks, p, a)
    if found:
        return "described_as", neg or d_neg
    cs = _chain_start(toks, p, a)
    if cs is not None and _event_subject(toks, cs - 1, a):
        return "predicate", neg or any("N" in t.kinds for t in toks[cs:p + 1])
    j = end
    if j < b and toks[j].norm == "," and any(t.norm in CONCESSIVE for t in toks[i:end]):
        j += 1   # the comma closing "if sometimes tense,"
    while j < b and ("Q" in toks[j].kinds or (j < end + 3 and toks[j].kinds & {"T", "U"})
                     or (j < end + 3 and toks[j].raw[0].isupper() and not toks[j].kinds)):
        j += 1   # modifiers between the list and its noun: "productive trade talks"
    if j >= b:
        return None, False
    nxt = toks[j + 1].norm if j + 1 < b else ""
    # "not a productive meeting", "did not hold productive talks"
    article_neg = any("N" in t.kinds for t in toks[max(a, p - 2):p + 1])
    appeal = toks[j].norm in ("call", "calls") and (
        nxt in ("for", "to")   # "a clear call for restraint"
        or any(t.norm in ("make", "makes", "made", "making") for t in toks[max(a, p - 3):p + 1]))   # "made the tough call": a decision
    if "E" in toks[j].kinds and nxt not in COMPOUND_HEADS and not appeal and not _policy_context(toks, p, a, toks[j].norm):
        if toks[j].raw[0].isupper() and toks[i].raw[0].isupper() and not _title_case([t.raw for t in toks[a:b]]):
            return None, False   # a proper name: "the Comprehensive Economic Dialogue"
        return "attributive", neg or article_neg
    intro = p - 1 if p >= a and toks[p].norm in ("a", "an", "the") else p
    if "M" in toks[j].kinds and intro >= a and toks[intro].norm in ("in", "with", "amid") and any(
            t.kinds & {"V", "E"} or t.norm in MANNER_HOSTS for t in toks[max(a, intro - 4):intro]):
        return "adverb", neg   # "met in a friendly atmosphere", not "manage differences in a constructive manner"
    return None, False


def _policy_context(toks: list, p: int, a: int, noun: str) -> bool:
    """Whether the list is wished for rather than reported: "called for constructive dialogue"."""
    if p >= a and toks[p].norm in DETERMINERS:
        p -= 1
    if p < a:
        return False
    word, before = toks[p].norm, toks[p - 1].norm if p > a else ""
    if word in ("for", "to", "toward", "towards"):
        return before.startswith(WISH_STEMS)   # but not "thanked him for candid talks"
    if word in ("have", "hold", "conduct", "engage") and before in ("should", "must", "need", "ought"):
        return True   # "the two sides should have in-depth communication"
    return (word == "of" and noun in GENERIC_EVENT_NOUNS) or word.startswith(POLICY_VERB_STEMS)


def _accept(toks: list, items: list, end: int, b: int, form: str, pre_neg: bool) -> list:
    """Indices of the items that are reported, after type words, negation and unknown words."""
    kept, n = [], len(items)
    for pos, (j, neg, after_but, joined) in enumerate(items):
        t = toks[j]
        if neg or (pre_neg and not after_but) or not t.kinds & {"K", "G", "U", "A"}:
            continue
        if "G" in t.kinds and form == "attributive" and not (joined or (pos + 1 < n and items[pos + 1][3])):
            continue   # stacked, not coordinated: "constructive strategic communication" names its kind
        if pos == 0 and t.norm in _VERB_LIKE and j > 0 and toks[j - 1].norm in _VERB_INTRO:
            continue   # "agreed to open talks": a verb, not an adjective
        if "U" in t.kinds:
            suffix = t.norm.endswith(ADJ_SUFFIXES)
            if n == 1:
                continue
            if pos == 0 and not (suffix and (j == 0 or toks[j - 1].norm not in PREPOSITIONS)):
                continue   # "In general, candid talks"
            if pos == n - 1 and form not in ("attributive", "adverb") and not (
                    suffix and (end >= b or toks[end].kinds & {"P", "Q", "S"})):
                continue   # "the talks were candid and lasted three hours"
        kept.append(j)
    if kept and form != "attributive" and toks[kept[-1]].norm.endswith("ed") and end < b \
            and toks[end].norm in PREPOSITIONS:
        kept.pop()   # a verb, not an adjective: "were constructive and focused on trade"
    if kept and form != "attributive" and toks[kept[-1]].norm == "open" and end < b and toks[end].norm == "to":
        kept.pop()   # access, not tone: "the meeting was open to the press"
    if not any(toks[j].kinds & {"K", "A"} for j in kept):
        if form == "attributive" or any("U" in toks[j].kinds for j in kept):
            return []
    return kept


def _scan_adverbs(toks: list, a: int, b: int, add) -> None:
    for v in range(a, b):
        if "V" not in toks[v].kinds or ("E" in toks[v].kinds and v > a and toks[v - 1].norm in DETERMINERS):
            continue
        neg = any("N" in t.kinds for t in toks[max(a, v - 3):v])
        j = v + 1
        while j < min(b, v + 7) and "A" not in toks[j].kinds:   # past a short object: "discussed the issues frankly"
            if toks[j].kinds & {"P", "V", "B", "X"} or toks[j].norm in _OBJECT_STOPPERS:
                break
            j += 1
        if j < b and "A" in toks[j].kinds:
            items, end = _parse_list(toks, j, b, adverbs=True)
            add(_accept(toks, items, end, b, "adverb", neg), "adverb")
        q = v - 1
        while q >= a and toks[q].kinds & {"A", "S", "I"} and not toks[q].kinds & {"V"}:
            q -= 1   # before the verb: "candidly and openly discussed"
        start = next((s for s in range(q + 1, v) if "A" in toks[s].kinds), None)
        if start is not None:
            items, end = _parse_list(toks, start, v, adverbs=True)
            add(_accept(toks, items, end, v, "adverb", neg), "adverb")


def _scan_lists(toks: list, a: int, b: int, add) -> None:
    i = a
    while i < b:
        if toks[i].kinds & {"K", "G", "U", "T"}:
            items, end = _parse_list(toks, i, b)
            form, neg = _context_form(toks, i, end, a, b)
            kept = _accept(toks, items, end, b, form, neg) if form else []
            if form:
                add(kept, form)
            i = max(end, i + 1)   # a sub-list would lose the context that rejected the whole list
            continue
        i += 1


def _scan_fragment(toks: list, a: int, b: int, min_items: int, add) -> None:
    """A span that is nothing but a list: "Frank and useful." """
    while a < b and toks[a].kinds & {"Q", "P"}:
        a += 1
    while b > a and toks[b - 1].kinds & {"Q", "P"}:
        b -= 1
    if a < b:
        items, end = _parse_list(toks, a, b)
        if end == b:
            kept = _accept(toks, items, end, b, "fragment", False)
            if len(kept) >= min_items:
                add(kept, "fragment")


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
    """Every match in ``text``: the whole-text scan (:func:`_find_whole`), with the same result,
    reading only the parts of the text where a match is possible.

    Every reported item is a descriptor, an ambiguous descriptor or an adverb of one (an anchor
    token, kinds K, G or A), so a sentence without one is never scanned.  Those tokens all hold a
    word of :data:`_ANCHOR_HINT` (found by one regex over the lowercased text), so only the
    sentences near a hint are tokenized.  Sentences are tokenized in groups cut where the
    previous sentence ends in a punctuation mark (". ", "? "): such a mark is a token of its
    own that no spelled-out phrase contains, so a group's tokens, phrase merges and list scans
    are those of the whole text (the scans read one token before a sentence, and never a
    punctuation mark's value there).  Texts where this does not hold in general (lowercasing
    changes their length, or they have fewer than two such groups) take the whole-text scan.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return _find_whole(text, cache)
    hints = [m.start() for m in _ANCHOR_HINT.finditer(lowered)]
    if not hints:
        return []   # no anchor token anywhere: no sentence, no quoted span is scanned
    if spans is None:
        spans = _sentence_spans(text)
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
    if with_tokens < 2:
        return _find_whole(text, cache)   # the fragment rule needs the exact number of sentences
    found = _Found()
    group_starts.append(len(spans))
    for g in range(len(group_starts) - 1):
        lo, hi = bounds[g], bounds[g + 1]
        h = bisect.bisect_left(hints, lo)
        if h == len(hints) or hints[h] >= hi:
            continue
        table = _token_table(text, cache, lo, hi)
        _scan_sentences(text, table, spans[group_starts[g]:group_starts[g + 1]], spans, span_starts, 2, found)
    for m in _QUOTED.finditer(text):
        lo, hi = m.start(1), m.end(1)
        h = bisect.bisect_left(hints, lo)
        if h == len(hints) or hints[h] >= hi:
            continue
        starts, raws, infos = _token_table(text, cache, lo, hi)
        if not raws:
            continue
        last = _TOKEN.match(text, starts[-1])   # a token cut by the span's end is not inside it
        if last is None or last.end() > hi or not any(info[1] & _ANCHOR_KINDS for info in infos):
            continue
        toks = [_Tok(s, s + len(r), r, *info) for s, r, info in zip(starts, raws, infos)]
        _scan_fragment(toks, 0, len(toks), 1, _adder(text, toks, spans, span_starts, found))
    return sorted(found.values(), key=lambda m: m.start)


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
        for j in indices:
            t = toks[j]
            k = max(0, bisect.bisect_right(span_starts, t.start) - 1)
            sentence = sentences.get(k)
            if sentence is None:   # one string per sentence, however many matches share it
                s, e = spans[k]
                sentence = sentences[k] = text[s:e].strip()
            match = DescriptorMatch(t.value, t.raw, t.start, t.end, form, sentence)
            old = found.get((t.start, t.end))
            if old is None or _FORM_PRIORITY[form] < _FORM_PRIORITY[old.form]:
                found[(t.start, t.end)] = match
    return add


def _scan_sentences(text: str, table: tuple, spans: list, all_spans: list, all_starts: list,
                    min_items: int | None, found: dict) -> tuple:
    """Scan the sentences ``spans`` whose tokens are ``table`` into ``found``; returns (toks, anchors, build, add)
    for further scans of the same table (the quoted spans of :func:`_find_whole`).

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
        anchors.append(anchors[-1] + (1 if info[1] & _ANCHOR_KINDS else 0))
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
    for a, b in bounds.values():
        if anchors[b] == anchors[a]:
            continue
        build(a, b)
        _scan_lists(toks, a, b, add)
        _scan_adverbs(toks, a, b, add)
        _scan_fragment(toks, a, b, min_items, add)
    return toks, anchors, build, add


def _find_whole(text: str, cache: dict) -> list[DescriptorMatch]:
    """Every match in ``text``, tokenizing the whole text (the reference for :func:`_find`)."""
    starts, raws, infos = table = _token_table(text, cache)
    spans = _sentence_spans(text)
    span_starts = [s for s, _ in spans]
    found = _Found()
    toks, anchors, build, add = _scan_sentences(text, table, spans, spans, span_starts, None, found)
    for m in _QUOTED.finditer(text):
        first, last = bisect.bisect_left(starts, m.start(1)), bisect.bisect_left(starts, m.end(1))
        if first < last and starts[last - 1] + len(raws[last - 1]) <= m.end(1) and anchors[last] > anchors[first]:
            build(first, last)
            _scan_fragment(toks, first, last, 1, add)
    return sorted(found.values(), key=lambda m: m.start)


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
    word = _norm(" ".join(word.split()))
    spaced = word.replace(" ", "-")
    return spaced if spaced in _HYPHENATED else word


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
