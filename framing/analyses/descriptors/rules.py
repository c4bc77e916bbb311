"""The descriptor finder's rules: word lists, token roles, spelled-out phrases, word classification.

The longer word lists ship as data files beside the register lexicon (``framing/data/``):
``descriptor_adjectives.txt`` (descriptors), ``descriptor_type_words.txt`` (kind-of-event words),
``event_nouns.txt``, ``intensifiers.txt`` and ``descriptor_duration.txt`` (words about length: a separate
facet, see :func:`is_duration`); the short grammatical lists stay here.
"""
from __future__ import annotations

import enum
import re
from pathlib import Path

from framing.text import NEGATORS, unify_dashes, word_alternation

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class Role(enum.IntFlag):
    """What a token can be in a characterisation; a token may hold several roles (bits)."""

    DESCRIPTOR = enum.auto()       # a listed descriptor: "candid"
    AMBIGUOUS = enum.auto()        # a descriptor that alone before an event noun names its kind: "strategic"
    ADVERB = enum.auto()           # the adverb of a descriptor ("candidly") or a manner phrase ("in depth")
    UNLISTED = enum.auto()         # an unlisted word that may be an adjective inside an anchored list
    TYPE = enum.auto()             # a kind-of-event or topic word: "bilateral", "two-hour"
    EVENT = enum.auto()            # an event noun: "talks"
    SUBJECT = enum.auto()          # a noun whose predicate characterises the event: "atmosphere"
    MANNER = enum.auto()           # "manner", "way", "spirit": "in a candid manner"
    INTENSIFIER = enum.auto()      # an intensifier or hedge, skipped: "very", "at times"
    NEGATOR = enum.auto()          # "not", "far from"
    SEPARATOR = enum.auto()        # a list separator: ",", "and", "but"
    BE = enum.auto()               # a form of "be"
    LINKING = enum.auto()          # a linking verb: "proved", "remained"
    AUXILIARY = enum.auto()        # "has", "will", "did"
    SPEAKING = enum.auto()         # a speaking or meeting verb: "talked", "met"
    DESCRIBING = enum.auto()       # a describing verb: "described", "called"
    DESCRIBE_BARE = enum.auto()    # a describing verb that needs no "as": "called them candid"
    OBJECT_PRONOUN = enum.auto()   # "it", "them"
    QUOTE = enum.auto()            # a quotation mark
    PUNCTUATION = enum.auto()      # any other punctuation mark
    DURATION = enum.auto()         # a word about length, reported in the duration facet: "lengthy", "two-hour"


# Plain-int copies of the roles: a token's roles are an int, and the scanner tests them millions of
# times (int & int is several times faster than IntFlag & IntFlag).
(DESCRIPTOR, AMBIGUOUS, ADVERB, UNLISTED, TYPE, EVENT, SUBJECT, MANNER, INTENSIFIER, NEGATOR, SEPARATOR, BE, LINKING,
 AUXILIARY, SPEAKING, DESCRIBING, DESCRIBE_BARE, OBJECT_PRONOUN, QUOTE, PUNCTUATION, DURATION) = (int(r) for r in Role)
#: The roles of a token that can be reported: every match holds one (a length phrase holds its unit).
ANCHOR = DESCRIPTOR | AMBIGUOUS | ADVERB | DURATION


def roles(kinds: int) -> Role:
    """A token's roles as a :class:`Role` (for reading and debugging)."""
    return Role(kinds)


def _words(text: str) -> frozenset:
    return frozenset(text.split())


def _load(name: str) -> frozenset:
    """The words of a shipped word list (framing/data/NAME): one a line, "#" starts a comment."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split())


DESCRIPTOR_WORDS = _load("descriptor_adjectives.txt")
# How long an event lasted is not how it went: these go to the duration facet (see is_duration).
DURATION_WORDS = _load("descriptor_duration.txt")
# Units of a length written as a phrase: "met for more than seven hours", "lasted 90 minutes".
DURATION_UNITS = _words("hour hours minute minutes days")
DURATION_NUMBERS = _words("""a an one two three four five six seven eight nine ten eleven twelve half several many
                             few couple""")
DURATION_QUALIFIERS = _words("more than nearly almost about over some around roughly approximately just under "
                             "close to well less")
LASTING_VERBS = _words("lasts lasted lasting ran running went continued continuing stretched")   # not "last", "run": adjective, noun
_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|several|many|multi)"
_DURATION_PATTERN = re.compile(
    rf"^(?:{_NUMBER}-(?:hour|minute|day|night|week)s?(?:-long)?|(?:hours|minutes|days|weeks)-long|hour-and-a-half)$")
# Alone before an event noun these name a kind of event ("Strategic Dialogue", "direct talks").
AMBIGUOUS_WORDS = _words("strategic direct")
TYPE_WORDS = _load("descriptor_type_words.txt")
_NUMERIC = re.compile(r"^(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|half|multi)\S*-")
EVENT_NOUNS = _load("event_nouns.txt")
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
              "ready", "open", "willing", "look", "aim", "plan", "prepar", "eager", "keen", "striv", "work", "schedul",
              "expect", "due")
MANNER_HOSTS = _words("place conducted proceeded went unfolded passed ended concluded took")
SUBJECT_NOUNS = _words("atmosphere tone mood")   # "the atmosphere was cordial" characterises the event
MANNER_NOUNS = _words("manner way fashion atmosphere spirit tone mood environment")
INTENSIFIERS = _load("intensifiers.txt")
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
    (("exchange", "of", "views"), EVENT, "exchange"), (("round", "of", "talks"), EVENT, "talks"),
    (("round", "of", "negotiations"), EVENT, "negotiations"), (("sit", "down"), EVENT, "sit-down"),
    (("as", "well", "as"), SEPARATOR, "and"), (("but", "also"), SEPARATOR, "but"), (("not", "only"), INTENSIFIER, ""),
    (("at", "times"), INTENSIFIER, ""), (("far", "from"), NEGATOR, ""), (("less", "than"), NEGATOR, ""),
    (("anything", "but"), NEGATOR, ""), (("turned", "out"), LINKING, ""), (("turn", "out"), LINKING, ""),
    (("in", "detail"), ADVERB, "detailed"), (("in", "great", "detail"), ADVERB, "detailed"),
    (("at", "length"), ADVERB | DURATION, "lengthy"), (("at", "great", "length"), ADVERB | DURATION, "lengthy"),
    (("at", "some", "length"), ADVERB | DURATION, "lengthy"), (("in", "earnest"), ADVERB, "earnest"),
    (("in", "great", "depth"), ADVERB, "in-depth"), (("in", "greater", "depth"), ADVERB, "in-depth"),
    (("with", "candour"), ADVERB, "candid"), (("with", "candor"), ADVERB, "candid"),
    (("with", "frankness"), ADVERB, "frank"), (("with", "openness"), ADVERB, "open"),
    (("with", "sincerity"), ADVERB, "sincere"),
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
DESCRIBE_BARE_VERBS = frozenset(_inflect(_DESCRIBE_BARE) | _words(_DESCRIBE_BARE_IRREGULAR))
DESCRIBING_VERBS = frozenset(_inflect(_DESCRIBE_AS) | _words(_DESCRIBE_AS_IRREGULAR)) | DESCRIBE_BARE_VERBS
HYPHENATED = {w for w in DESCRIPTOR_WORDS | DURATION_WORDS | TYPE_WORDS | EVENT_NOUNS if "-" in w}
JOINED = {w.replace("-", ""): w for w in HYPHENATED}
for _w in HYPHENATED:
    _kind = (DESCRIPTOR | DURATION if _w in DURATION_WORDS else DESCRIPTOR if _w in DESCRIPTOR_WORDS
             else (TYPE if _w in TYPE_WORDS else EVENT))
    _PHRASES.append((tuple(_w.split("-")), _kind | (ADVERB if _w == "in-depth" else 0), _w))
PHRASE_TABLE = {words: (kinds, value) for words, kinds, value in _PHRASES}
MAX_PHRASE = max(len(w) for w in PHRASE_TABLE)
PHRASE_FIRST = frozenset(w[0] for w in PHRASE_TABLE)
QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")


def _anchor_hint_words() -> set:
    """A word (lowercase) inside every possible anchor token: the last part of each descriptor,
    duration word, ambiguous descriptor, adverb, joined spelling and anchor phrase, and the unit of a
    length phrase ("hours"). A numbered length ("two-day") holds "-day": see ANCHOR_HINT."""
    words = {re.split(r"[-']", w)[-1] for w in DESCRIPTOR_WORDS | DURATION_WORDS | AMBIGUOUS_WORDS | set(ADVERBS)}
    words |= DURATION_UNITS   # "for two hours"; numbered lengths ("two-day") have their own hint below
    words |= set(JOINED)
    words |= {w[-1] for w, (kinds, _) in PHRASE_TABLE.items() if kinds & ANCHOR}
    return words


# In the lowercased text, a hint word with no letter or digit either side: every anchor token
# (whatever its case, dashes or spelling) holds one, so a text region without a hint has no match.
ANCHOR_HINT = re.compile(r"(?<![^\W_])" + word_alternation(_anchor_hint_words()) + r"(?![^\W_])"
                         r"|-(?:hour|minute|day|night|week)s?(?![^\W_])|-half(?![^\W_])")   # "two-day", "hour-and-a-half"


def is_duration(descriptor: str) -> bool:
    """Whether a descriptor value is about length ("lengthy", "brief", "two-hour"): the duration facet.

    >>> [is_duration(w) for w in ("lengthy", "90-minute", "hours-long", "candid")]
    [True, True, True, False]
    """
    return descriptor in DURATION_WORDS or bool(_DURATION_PATTERN.match(descriptor)) or (
        " " in descriptor and descriptor.rsplit(" ", 1)[-1] in DURATION_UNITS)   # "more than seven hours"


def norm(raw: str) -> str:
    norm = unify_dashes(raw)
    return JOINED.get(norm, norm)


def classify_word(norm: str, raw: str) -> tuple:
    """Kinds and descriptor value of a single word.

    The kinds are :class:`Role` bits (plain ints, see :mod:`.rules`).
    """
    k = 0
    for role, vocabulary in ((DESCRIPTOR, DESCRIPTOR_WORDS), (AMBIGUOUS, AMBIGUOUS_WORDS), (EVENT, EVENT_NOUNS),
                               (SUBJECT, SUBJECT_NOUNS), (MANNER, MANNER_NOUNS), (INTENSIFIER, INTENSIFIERS),
                               (NEGATOR, NEGATORS), (SEPARATOR, SEPARATORS), (BE, BE_FORMS), (LINKING, LINKING_VERBS),
                               (AUXILIARY, AUXILIARIES), (SPEAKING, SPEAKING_VERBS), (DESCRIBING, DESCRIBING_VERBS),
                               (DESCRIBE_BARE, DESCRIBE_BARE_VERBS), (OBJECT_PRONOUN, PRONOUN_OBJECTS)):
        if norm in vocabulary:
            k |= role
    if norm in DURATION_UNITS:
        k |= DURATION   # the unit of a length phrase: "for more than seven hours"
    if norm in DURATION_WORDS or _DURATION_PATTERN.match(norm):
        k |= DESCRIPTOR | DURATION   # reported, in the duration facet: "a two-hour meeting"
    elif norm in TYPE_WORDS or _NUMERIC.match(norm):
        k |= TYPE
    if norm in ADVERBS:
        k |= ADVERB | (DURATION if ADVERBS[norm] in DURATION_WORDS else 0)
    if raw in QUOTES:
        k |= QUOTE
    elif not raw[0].isalnum() and norm not in SEPARATORS:
        k |= PUNCTUATION
    if not k and raw[0].islower() and len(norm) >= 3 and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", norm) \
            and norm not in FUNCTION_WORDS:
        if norm.endswith("ly"):
            k |= INTENSIFIER   # an unlisted adverb hedges the next item: "traditionally trusting", "ultimately productive"
        elif not (norm.endswith("s") and not norm.endswith(("ous", "less", "ss"))):
            k |= UNLISTED   # an unlisted word that might be an adjective inside an anchored list
    return k, ADVERBS.get(norm, norm)

