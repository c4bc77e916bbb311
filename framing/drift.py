"""Translation drift: one side's Chinese original against its official English.

Three readings of the pair:

* **descriptors**: each Chinese descriptor (``find_descriptors_zh``) with the English word the
  translation used for it: an English descriptor (``find_descriptors``) that is its canonical or one
  of the bilingual map's recorded renderings, looked for first in the Chinese sentence's
  counterparts, then anywhere; ``missing`` when the translation has none.
* **only_original / only_translation**: canonical descriptors present in one version only.
* **unmatched_sentences**: sentences of the original with no counterpart in the translation.

Counterparts are found by shared *anchors*, a simple method (measured in docs/validity.md):
numbers (6月18日 / June 18), the bilingual map's forms (建设性 / constructive, wherever they stand)
and a glossary of names and terms (``framing/data/drift_terms_zh.csv``: 布林肯 / Blinken, 台湾 /
Taiwan, 核心利益 / core interests). Generic anchors (中美, 会谈) weigh 0.5, the rest 1; an English
sentence sharing anchors of weight 1 or more is a counterpart. A Chinese sentence with no anchor at
all cannot be matched and is reported as unmatched: read those by eye.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing.analyses.descriptors import find_descriptors
from framing.analyses.descriptors.bilingual_map import (
    BilingualMap,
    bundled_bilingual_map,
)
from framing.analyses.descriptors.chinese import find_descriptors_zh
from framing.errors import CorpusError
from framing.inputs.corpus import Corpus
from framing.text import split_sentences
from framing.text.chinese import (
    clean_zh,
    detect_language,
    split_sentences_zh,
    to_simplified,
)
from framing.versions import version_texts, versioned_sides

__all__ = ["Drift", "DescriptorRendering", "drift", "drift_from_corpus", "sentence_counterparts", "render_drift_text"]

TERMS = Path(__file__).parent / "data" / "drift_terms_zh.csv"
THRESHOLD = 1.0
_MONTHS = ("january february march april may june july august september october november december").split()
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class DescriptorRendering:
    """One Chinese descriptor and how the translation rendered it (``rendering`` None: not rendered)."""
    zh: str
    form: str
    canonical: str
    sentence: int
    rendering: str | None
    rendered_as: str | None
    translation_sentence: int | None

    @property
    def status(self) -> str:
        """"same" (the canonical word), "variant" (another recorded rendering) or "missing"."""
        if self.rendering is None:
            return "missing"
        return "same" if self.rendered_as == self.canonical else "variant"

    def to_dict(self) -> dict:
        return {"zh": self.zh, "form": self.form, "canonical": self.canonical, "sentence": self.sentence,
                "rendering": self.rendering, "translation_sentence": self.translation_sentence, "status": self.status}


@dataclass(frozen=True)
class Drift:
    """The drift between an original and its translation; see the module docstring."""
    original_sentences: tuple[str, ...]
    translation_sentences: tuple[str, ...]
    descriptors: tuple[DescriptorRendering, ...]
    only_original: tuple[str, ...]
    only_translation: tuple[str, ...]
    counterparts: tuple[tuple[int, ...], ...]
    original_language: dict = field(default_factory=dict)

    @property
    def unmatched_sentences(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.counterparts) if not c)

    def to_dict(self) -> dict:
        """The CLI's JSON (``python -m framing drift``)."""
        return {
            "language": {"original": self.original_language, "translation": {"language": "en", "script": None}},
            "descriptors": [d.to_dict() for d in self.descriptors],
            "only_original": list(self.only_original),
            "only_translation": list(self.only_translation),
            "unmatched_sentences": [{"index": i, "text": self.original_sentences[i]} for i in self.unmatched_sentences],
            "counterparts": [{"original": i, "translation": list(c)} for i, c in enumerate(self.counterparts)],
            "sentences": {"original": len(self.original_sentences), "translation": len(self.translation_sentences)},
        }


@lru_cache(maxsize=1)
def _glossary() -> tuple[tuple[str, tuple[str, ...], float], ...]:
    with TERMS.open(encoding="utf-8", newline="") as f:
        return tuple((row["zh"], tuple(row["en"].split("|")), float(row["weight"])) for row in csv.DictReader(f))


def _en_has(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text) is not None


def _anchors(zh: str, bmap: BilingualMap) -> dict:
    """Anchor key -> (English alternatives, weight) of one Chinese sentence (simplified, cleaned)."""
    out = {}
    for m in re.finditer(r"(\d+)月", zh):
        if 1 <= int(m.group(1)) <= 12:
            out["month" + m.group(1)] = ((_MONTHS[int(m.group(1)) - 1],), 1.0)
    for m in _NUMBER.finditer(zh):
        if not zh[m.end():m.end() + 1] == "月":
            out["n" + m.group()] = ((m.group(),), 1.0)
    for form, english, weight in _glossary():
        if form in zh:
            out["g" + form] = (english, weight)
    for entry in bmap.entries:
        if entry.key in zh and not entry.parts:
            out["d" + entry.canonical] = (tuple(bmap.renderings_of(entry.canonical)), 1.0)
    return out


def sentence_counterparts(original: list[str], translation: list[str], bmap: BilingualMap | None = None,
                          threshold: float = THRESHOLD) -> list[tuple[int, ...]]:
    """For each original (Chinese) sentence, the indices of translation sentences sharing anchors of
    total weight >= ``threshold`` (see the module docstring); empty: no counterpart found."""
    bmap = bmap or bundled_bilingual_map()
    lowered = [t.lower() for t in translation]
    out = []
    for sentence in original:
        anchors = _anchors(to_simplified(clean_zh(sentence).text), bmap)
        found = []
        for j, en in enumerate(lowered):
            score = sum(weight for alternatives, weight in anchors.values() if any(_en_has(en, a) for a in alternatives))
            if score >= threshold:
                found.append(j)
        out.append(tuple(found))
    return out


def drift(original: str, translation: str, bmap: BilingualMap | None = None) -> Drift:
    """The drift between a Chinese ``original`` and its English ``translation``.

    Raises
    ------
    CorpusError
        When the original holds no Chinese or the translation is not mainly English (the two given
        the wrong way round, or the wrong file).
    """
    bmap = bmap or bundled_bilingual_map()
    lang_zh, lang_en = detect_language(original), detect_language(translation)
    if lang_zh.language not in ("zh", "mixed") or not lang_zh.han:
        raise CorpusError(f"the original is {lang_zh.language!r}, not Chinese; give the Chinese original first "
                          "and its English translation second")
    if lang_en.language != "en":
        raise CorpusError(f"the translation is {lang_en.language!r}, not English; give the official English "
                          "translation as the second text")
    zh_sentences = split_sentences_zh(original)
    en_sentences = split_sentences(translation)
    counterparts = sentence_counterparts([s.text for s in zh_sentences], [s.text for s in en_sentences], bmap)
    # a length written as a phrase ("more than three hours") is compare's duration facet, not a descriptor
    # that a translation renders (a one-word length, "at length" for 长时间, stays)
    en_matches = [m for m in find_descriptors(translation) if not (m.facet == "duration" and " " in m.descriptor)]
    starts = [s.start for s in en_sentences]

    def en_index(offset: int) -> int:
        return max([i for i, s in enumerate(starts) if s <= offset], default=0)

    # Two passes: first every descriptor takes a rendering from its own sentence's counterparts, then the
    # rest look anywhere, so an early 深入 cannot take the "in-depth" that renders a later one.
    zh_matches = find_descriptors_zh(original, bmap)
    picks: dict = {}
    used: set = set()
    # Most constrained first: a sentence with one counterpart chooses before a sentence with several.
    order = sorted(range(len(zh_matches)), key=lambda n: len(counterparts[zh_matches[n].sentence_index]))
    for near_only in (True, False):
        for n in order if near_only else range(len(zh_matches)):
            m = zh_matches[n]
            if n in picks:
                continue
            accepted = bmap.renderings_of(m.descriptor)
            for k, e in enumerate(en_matches):
                if k in used or not (e.descriptor in accepted or e.surface.lower() in accepted):
                    continue
                if near_only and en_index(e.start) not in counterparts[m.sentence_index]:
                    continue
                picks[n] = k
                used.add(k)
                break
    rows = []
    for n, m in enumerate(zh_matches):
        if n not in picks:
            rows.append(DescriptorRendering(m.surface, m.form, m.descriptor, m.sentence_index, None, None, None))
            continue
        e = en_matches[picks[n]]
        rows.append(DescriptorRendering(m.surface, m.form, m.descriptor, m.sentence_index, e.surface, e.descriptor,
                                        en_index(e.start)))
    only_original = tuple(dict.fromkeys(r.canonical for r in rows if r.rendering is None
                                        and not any(o.canonical == r.canonical and o.rendering for o in rows)))
    only_translation = tuple(dict.fromkeys(e.descriptor for k, e in enumerate(en_matches) if k not in used
                                           and not any(e.descriptor in bmap.renderings_of(r.canonical) for r in rows)))
    return Drift(tuple(s.text for s in zh_sentences), tuple(s.text for s in en_sentences), tuple(rows),
                 only_original, only_translation, tuple(counterparts), lang_zh.to_dict())


def drift_from_corpus(corpus: Corpus, side: str | None = None, event: str | None = None,
                      bmap: BilingualMap | None = None) -> Drift:
    """The drift between one side's documents marked ``original`` and its documents marked
    ``translation`` (the ``version`` column), each version's documents joined in corpus order:
    the same :class:`Drift` as :func:`drift` on the two joined texts.

    ``event``: None for the corpus's only event. ``side``: None for the only side of the event that
    holds both versions.

    Raises
    ------
    CorpusError
        Several events and none chosen, an unknown event or side, no side (or several) holding both
        versions when none is named, a named side lacking one of the versions; and :func:`drift`'s
        errors (the original not Chinese, the translation not English).
    """
    if event is None and len(corpus.events) > 1:
        raise CorpusError(f"the corpus holds {len(corpus.events)} events",
                          f"choose one (for example {corpus.events[0]!r})", setting="event")
    selected = corpus.select(event=event if event is not None else (corpus.events or [None])[0])
    both = versioned_sides(selected)
    if side is None:
        if len(both) != 1:
            found = (f"{len(both)} sides hold both ({', '.join(repr(s) for s in both)})" if both else
                     "no side holds documents marked both original and translation")
            raise CorpusError(f"the drift reads one side's original against its translation, and {found}",
                              "choose the side" if both else "mark a side's documents original or translation "
                              "in the version column", setting="drift_side" if both else "version_column")
        side = both[0]
    if side not in selected.sides:
        raise CorpusError(f"side {side!r} is not in the corpus",
                          f"choose from: {', '.join(repr(s) for s in selected.sides)}", setting="drift_side")
    original, translation = version_texts(selected, side)
    if not original or not translation:
        missing, present = ("original", "translation") if not original else ("translation", "original")
        count = sum(d.side == side and d.version == present for d in selected.documents)
        others = f"; sides holding both: {', '.join(repr(s) for s in both)}" if both else ""
        marked = f"no document marked {missing} ({count} marked {present})" if count else \
            "no document marked original or translation"
        raise CorpusError(f"side {side!r} has {marked}{others}", "mark its documents original or translation in the "
                          "version column, or choose another side", setting="version_column")
    return drift(original, translation, bmap)


def render_drift_text(result: Drift) -> str:
    """A readable report of a drift (``python -m framing drift --format text``)."""
    out = ["How the translation rendered each Chinese descriptor:"]
    for d in result.descriptors:
        shown = f"'{d.rendering}'" if d.rendering else "(not rendered)"
        mark = {"same": "", "variant": f"  [variant of {d.canonical}]", "missing": ""}[d.status]
        out.append(f"  {d.zh} ({d.canonical}) -> {shown}{mark}   [original sentence {d.sentence + 1}]")
    if not result.descriptors:
        out.append("  (the original has no descriptor)")
    out += ["", f"Only in the original:    {', '.join(result.only_original) or '(none)'}",
            f"Only in the translation: {', '.join(result.only_translation) or '(none)'}", "",
            f"Original sentences with no counterpart in the translation ({len(result.unmatched_sentences)} "
            f"of {len(result.original_sentences)}):"]
    out += [f"  {i + 1}. {result.original_sentences[i]}" for i in result.unmatched_sentences] or ["  (none)"]
    return "\n".join(out) + "\n"
