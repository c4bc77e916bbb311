"""The agenda: which topics each side raised, and which only one side raised.

The topic lexicon (package data ``framing/data/topics.csv``; an analyst's file extends or
replaces it) lists, per topic, its ``terms`` (the topic's own words), its ``aliases`` (names
that point at it only in readouts: "Woodside" for the San Francisco summit, "red line" for
Taiwan), the Chinese forms (``zh``), a rationale and a source. Cells hold ``|``-separated forms;
a ``*`` ending a word matches any ending of that word ("stabiliz*", "biden and pres* xi").

Matching is case-insensitive and on whole words; hyphens and spaces are one
("military-to-military" = "military to military"), and a curly apostrophe is a straight one.
Chinese forms are matched as written (Chinese has no spaces between words).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing.analyses.register.lexicon import (  # shared lexicon reader: same messages
    read_table_file,
    table_rows,
)
from framing.errors import OptionsError, RegisterError, TopicLexiconError
from framing.text import word_alternation
from framing.text.chinese import clean_zh, forms_on_word_boundaries, to_simplified, tokenize

__all__ = ["AgendaOptions", "Agenda", "Topic", "TopicLexicon", "BUNDLED_TOPICS", "TOPIC_COLUMNS",
           "bundled_topics", "load_topics", "parse_topics_bytes", "tag_sentences", "build_agenda"]

BUNDLED_TOPICS = Path(__file__).resolve().parents[1] / "data" / "topics.csv"
TOPIC_COLUMNS = ("topic", "label", "terms", "aliases", "zh", "rationale", "source")
MODES = ("extend", "replace")
_TOPIC_ID = re.compile(r"[a-z][a-z0-9_]*")
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2212"
_SPACING = re.compile(rf"[\s{re.escape(_HYPHENS)}]+")
_HAS_WORD = re.compile(r"[^\W_]")
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_SEPARATOR = re.compile("\x00")


@dataclass(frozen=True)
class Topic:
    """One row of the lexicon; forms are as written (``*`` kept)."""

    topic: str
    label: str
    terms: tuple[str, ...]
    aliases: tuple[str, ...]
    zh: tuple[str, ...]
    rationale: str
    source: str
    origin: str = "bundled"


@dataclass(frozen=True)
class TopicLexicon:
    topics: tuple[Topic, ...]
    name: str

    def summary(self) -> dict:
        return {"name": self.name, "topics": len(self.topics)}

    def label(self, topic: str) -> str:
        return next((t.label for t in self.topics if t.topic == topic), topic)


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, every run of spaces and hyphens one space: what forms match in."""
    return _SPACING.sub(" ", text.casefold().replace("\u2019", "'"))


def _forms(cell: str, where: str, column: str, topic: str) -> tuple[str, ...]:
    forms = tuple(" ".join(f.split()) for f in cell.split("|") if f.strip())
    for f in forms:
        if any("*" in w.rstrip("*") or w.count("*") > 1 for w in f.split()):
            raise TopicLexiconError(f"{where}: {column} form {f!r} of topic {topic!r} has '*' inside a word; "
                                    "a '*' may only end a word (a prefix match, as in 'stabiliz*')")
        if not _HAS_WORD.search(f):
            raise TopicLexiconError(f"{where}: {column} form {f!r} of topic {topic!r} has no letters; "
                                    "write it in words or delete it")
    return forms


def parse_topics_bytes(data: bytes, name: str, origin: str = "yours") -> TopicLexicon:
    """Parse and validate a topic lexicon (CSV with the columns in :data:`TOPIC_COLUMNS`).

    Raises
    ------
    TopicLexiconError
        Naming the file, the row, what is wrong and what to do: a missing column, an empty or
        malformed topic id, a topic listed twice, an empty label or rationale, a row with no
        terms, a form with '*' inside it or with no letters.
    """
    topics, seen = [], {}
    try:
        rows = table_rows(data, name, TOPIC_COLUMNS, "topic lexicon")
    except RegisterError as exc:
        raise TopicLexiconError(str(exc)) from None
    for number, row in rows:
        where = f"{name}, row {number}"
        topic = row["topic"]
        if not topic:
            raise TopicLexiconError(f"{where}: the topic id is empty; write an id such as 'taiwan' or delete the row")
        if not _TOPIC_ID.fullmatch(topic):
            raise TopicLexiconError(f"{where}: topic id {topic!r} is not valid; use lowercase letters, digits and "
                                    "underscores, starting with a letter (for example 'south_china_sea')")
        if topic in seen:
            raise TopicLexiconError(f"{where}: topic {topic!r} is already in row {seen[topic]}; "
                                    "merge the two rows into one")
        seen[topic] = number
        if not row["label"]:
            raise TopicLexiconError(f"{where}: the label of topic {topic!r} is empty; write a short name to show")
        terms = _forms(row["terms"], where, "terms", topic)
        if not terms:
            raise TopicLexiconError(f"{where}: topic {topic!r} has no terms; list at least one term "
                                    "(forms separated by '|')")
        if not row["rationale"]:
            raise TopicLexiconError(f"{where}: the rationale of topic {topic!r} is empty; write one line on why "
                                    "these words mark the topic")
        topics.append(Topic(topic, row["label"], terms, _forms(row["aliases"], where, "aliases", topic),
                            _forms(row["zh"], where, "zh", topic), row["rationale"], row["source"], origin))
    return TopicLexicon(tuple(topics), name)


def load_topics(path: str | Path) -> TopicLexicon:
    """Read and validate an analyst's topic lexicon; see :func:`parse_topics_bytes`."""
    try:
        data = read_table_file(path)
    except RegisterError as exc:
        raise TopicLexiconError(str(exc)) from None
    return parse_topics_bytes(data, str(path))


@lru_cache(maxsize=1)
def bundled_topics() -> TopicLexicon:
    """The bundled topic lexicon (validated on first use)."""
    return parse_topics_bytes(BUNDLED_TOPICS.read_bytes(), "framing/data/topics.csv", origin="bundled")


@dataclass(frozen=True)
class AgendaOptions:
    """lexicon : an analyst's :class:`TopicLexicon`, or None for the bundled one.
    mode : ``"extend"`` (bundled topics plus the analyst's; an analyst's topic replaces the bundled
        topic of the same id) or ``"replace"`` (the analyst's topics only).
    """

    lexicon: TopicLexicon | None = None
    mode: str = "extend"

    def validate(self) -> None:
        if self.mode not in MODES:
            raise OptionsError(f"topic lexicon mode {self.mode!r} is not known", "use 'extend' or 'replace'",
                               setting="topics_mode")

    def resolve(self) -> TopicLexicon:
        self.validate()
        if self.lexicon is None:
            return bundled_topics()
        if self.mode == "replace":
            return self.lexicon
        mine = {t.topic for t in self.lexicon.topics}
        kept = tuple(t for t in bundled_topics().topics if t.topic not in mine)
        return TopicLexicon(kept + self.lexicon.topics, f"bundled + {self.lexicon.name}")


# ---------------------------------------------------------------- matching

def _pattern(forms) -> re.Pattern | None:
    """One regex for the English forms: whole words, ``*`` a prefix; None when there are none."""
    words = [normalise(f) for f in forms if not _CJK.search(f)]
    whole = [w for w in words if "*" not in w]
    # one '*', at the end ("stabiliz*"): a prefix, in a trie of its own; '*' inside: a branch of its own
    prefixes = [w[:-1] for w in words if w.endswith("*") and w.count("*") == 1]
    parts = [f"(?:{word_alternation(whole)})(?![^\\W_])"] if whole else []
    if prefixes:
        parts.append(f"(?:{word_alternation(prefixes)})[^\\W_]*")
    for w in words:   # each word ending in '*' takes any ending
        if "*" in w[:-1]:
            body = " ".join(re.escape(x[:-1]) + r"[^\W_]*" if x.endswith("*") else re.escape(x) for x in w.split(" "))
            parts.append(body if w.endswith("*") else body + r"(?![^\W_])")
    if not parts:
        return None
    # a form starts a word: not inside one, nor after a letter and an apostrophe ("Ren'ai Reef" holds no "AI")
    return re.compile(r"(?<![^\W_])(?<![^\W_]')(?:" + "|".join(parts) + ")")


@dataclass(frozen=True)
class _Matcher:
    topics: tuple[str, ...]
    terms: tuple          # per topic: compiled pattern or None
    aliases: tuple
    zh: tuple             # per topic: Chinese forms, simplified (matched on jieba word boundaries)
    any_form: re.Pattern | None   # every English form of every topic: one scan finds the candidates
    any_zh: re.Pattern | None     # every Chinese form: a sentence with none is not segmented at all


@lru_cache(maxsize=8)
def _matcher(lexicon: TopicLexicon) -> _Matcher:
    return _Matcher(tuple(t.topic for t in lexicon.topics),
                    tuple(_pattern(t.terms) for t in lexicon.topics),
                    tuple(_pattern(t.aliases) for t in lexicon.topics),
                    tuple(tuple(dict.fromkeys(to_simplified(f) for f in t.terms + t.aliases + t.zh if _CJK.search(f)))
                          for t in lexicon.topics),
                    _pattern([f for t in lexicon.topics for f in t.terms + t.aliases]),
                    _any_zh(lexicon))


def _any_zh(lexicon: TopicLexicon) -> re.Pattern | None:
    forms = sorted({to_simplified(f) for t in lexicon.topics for f in t.terms + t.aliases + t.zh if _CJK.search(f)},
                   key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms))) if forms else None


def _span_topics(m: _Matcher, span: str) -> dict:
    """The topics a matched span holds (a form of one topic may contain a form of another:
    "military-to-military channels"), with "term" before "alias"."""
    found = {}
    for topic, terms, aliases in zip(m.topics, m.terms, m.aliases):
        if terms is not None and terms.search(span):
            found[topic] = "term"
        elif aliases is not None and aliases.search(span):
            found[topic] = "alias"
    return found


def tag_sentences(sentences: list[str], lexicon: TopicLexicon | None = None) -> list[dict]:
    """Each sentence's topics: ``[{topic: "term" | "alias"}]``, one dict per sentence, topics in
    lexicon order; "term" when a term (or a Chinese form) matched, "alias" when only an alias did.

    >>> tag_sentences(["Peace and stability across the Taiwan Strait.", "The weather was fine."])
    [{'taiwan': 'term'}, {}]
    """
    m = _matcher(lexicon or bundled_topics())
    order = {t: k for k, t in enumerate(m.topics)}
    found: list[dict] = [{} for _ in sentences]
    spans: dict = {}   # matched text -> its topics (readouts repeat their phrases)
    if m.any_form is not None and sentences:
        # one scan of all sentences, joined by NUL (which no sentence holds: see normalise_text)
        text = normalise("\x00".join(s.replace("\x00", " ") for s in sentences))
        ends = [sep.start() for sep in _SEPARATOR.finditer(text)]
        for hit in m.any_form.finditer(text):
            span = hit.group()
            if span not in spans:
                spans[span] = _span_topics(m, span)
            tags = found[bisect_right(ends, hit.start())]
            for topic, kind in spans[span].items():
                if tags.get(topic) != "term":
                    tags[topic] = kind
    forms = [f for zh in m.zh for f in zh]
    for sentence, tags in zip(sentences, found):
        if m.any_zh is None or not _CJK.search(sentence):
            continue
        # traditional or simplified, pinyin inserted or not; a form counts only as whole words
        # (核 "nuclear" is no word inside 核心利益 "core interests"); jieba only where a form occurs
        simple = to_simplified(clean_zh(sentence).text)
        if m.any_zh.search(simple):
            hits = {f for f, _, _ in forms_on_word_boundaries(simple, tokenize(simple), forms)}
            for topic, zh in zip(m.topics, m.zh):
                if hits.intersection(zh):
                    tags[topic] = "term"
    return [dict(sorted(t.items(), key=lambda kv: order[kv[0]])) if len(t) > 1 else t for t in found]


# ---------------------------------------------------------------- the agenda

@dataclass(frozen=True)
class Agenda:
    """by_side : {side: [(topic, [sentence index, ...]), ...]} in order of first mention.
    shared : topics both sides raised (in A's order); only : {side: topics only it raised}.
    tags : {side: the per-sentence tags of :func:`tag_sentences`}; sentences : {side: sentences}.
    """

    sides: tuple[str, str]
    by_side: dict
    shared: tuple[str, ...]
    only: dict
    tags: dict
    sentences: dict
    labels: dict = field(default_factory=dict)   # topic -> label

    def to_dict(self) -> dict:
        return {"by_side": {s: [{"topic": t, "label": self.labels.get(t, t),
                                 "sentences": [self.sentences[s][i] for i in idx]} for t, idx in self.by_side[s]]
                            for s in self.sides},
                "shared": list(self.shared),
                "only": {s: list(self.only[s]) for s in self.sides}}


def build_agenda(sentences: dict, sides: tuple[str, str], lexicon: TopicLexicon | None = None,
                 tags: dict | None = None) -> Agenda:
    """The agenda of two sides from each side's sentences ({side: [sentence, ...]}).

    ``tags``: the sides' :func:`tag_sentences` results, when the caller has them already.
    """
    lexicon = lexicon or bundled_topics()
    tags = tags or {s: tag_sentences(sentences[s], lexicon) for s in sides}
    by_side = {}
    for s in sides:
        found: dict = {}
        for i, t in enumerate(tags[s]):
            for topic in t:
                found.setdefault(topic, []).append(i)
        by_side[s] = [(t, idx) for t, idx in found.items()]
    a, b = sides
    raised = {s: [t for t, _ in by_side[s]] for s in sides}
    shared = tuple(t for t in raised[a] if t in set(raised[b]))
    only = {a: tuple(t for t in raised[a] if t not in set(raised[b])),
            b: tuple(t for t in raised[b] if t not in set(raised[a]))}
    labels = {t.topic: t.label for t in lexicon.topics}
    return Agenda(tuple(sides), by_side, shared, only, tags, {s: list(sentences[s]) for s in sides}, labels)


def sentence_register(side_register, dimensions=("firmness", "warmth")) -> dict:
    """{sentence: {dimension: sum of its matches' scores}} from a side's register
    (:class:`framing.analyses.register.SideRegister`); negated matches count in none; a sentence
    with no match on a dimension has 0 there, a sentence with no match at all is absent."""
    out: dict = {}
    for s in side_register.sentences:
        row = out.setdefault(s.sentence, dict.fromkeys(dimensions, 0))
        for m in s.matches:
            if not m.negated and m.dimension in row:
                row[m.dimension] += m.score
    return out


def agenda_table(agenda: Agenda, registers: dict | None = None) -> list[dict]:
    """The agenda as rows: topic, label, side, raised ("both" or "only <side>"), sentence, and the
    sentence's firmness and warmth when ``registers`` ({side: SideRegister}) is given."""
    scores = {s: sentence_register(registers[s]) for s in agenda.sides} if registers else {}
    shared = set(agenda.shared)
    rows = []
    for side in agenda.sides:
        for topic, idx in agenda.by_side[side]:
            for i in idx:
                text = agenda.sentences[side][i]
                row = {"topic": topic, "label": agenda.labels.get(topic, topic), "side": side,
                       "raised": "both" if topic in shared else f"only {side}", "sentence": text}
                if registers:
                    row.update(scores[side].get(text, {"firmness": 0, "warmth": 0}))
                rows.append(row)
    return rows
