"""A side that published both an original and its official translation (the ``version`` column).

A corpus may mark a side's documents as its ``original`` or its ``translation`` (for example the PRC
readout in Chinese and the Foreign Ministry's English). Read together they would count every
descriptor twice and mix two languages in one side's words, so :func:`choose_versions` gives
``compare()`` one version of each side that holds both:

* ``prefer="auto"`` (the default): the **translation** when the other side is written in the
  translation's language and not in the original's (a US English readout against the PRC's Chinese
  and English: word overlap, distinctive terms, alignment and VADER then compare one language), the
  **original** otherwise (both sides holding both versions: both originals);
* ``prefer="original"`` or ``"translation"``: that version, whatever the other side.

Documents of that side without a mark are kept whatever the choice; a side holding one version only
(or none) is read whole. Each choice is said in a warning naming the side, the version read and why,
and in the JSON (``versions``). Descriptors are compared in canonical English either way; the two
versions are read against each other by the translation drift (:func:`framing.drift.drift_from_corpus`).
"""
from __future__ import annotations

from dataclasses import dataclass

from framing.analyses.crosslang import LANGUAGE_NAMES, side_language
from framing.errors import OptionsError
from framing.inputs.corpus import VERSIONS, Corpus

__all__ = ["PREFER", "SideVersions", "choose_versions", "check_prefer", "versioned_sides", "version_texts",
           "holds_versions"]

#: The values of ``CompareOptions.prefer_version``.
PREFER = ("auto", "original", "translation")


@dataclass(frozen=True)
class SideVersions:
    """How many of a side's documents are marked original, translation or neither, and the version
    compare read (``compared``: None when the side does not hold both, so nothing was chosen)."""

    original: int
    translation: int
    unmarked: int
    compared: str | None = None

    def to_dict(self) -> dict:
        return {"original": self.original, "translation": self.translation, "unmarked": self.unmarked,
                "compared": self.compared}


def check_prefer(prefer: str) -> None:
    """Raise OptionsError unless ``prefer`` is one of :data:`PREFER`."""
    if prefer not in PREFER:
        raise OptionsError(f"version {prefer!r} is not known", f"use one of: {', '.join(PREFER)}",
                           setting="prefer_version")


def _count(corpus: Corpus, side: str) -> SideVersions:
    docs = [d for d in corpus.documents if d.side == side]
    original = sum(d.version == "original" for d in docs)
    translation = sum(d.version == "translation" for d in docs)
    return SideVersions(original, translation, len(docs) - original - translation)


def _language(corpus: Corpus, side: str, version: str | None = None) -> str:
    return side_language([d.text for d in corpus.documents if d.side == side
                          and (version is None or d.version == version)]).language


def choose_versions(selected: Corpus, sides: tuple[str, str], prefer: str = "auto"
                    ) -> tuple[Corpus, dict[str, SideVersions], list[str]]:
    """``selected`` (one event, the two sides) with one version of each side that holds both (see the
    module docstring), each side's :class:`SideVersions`, and a warning per side whose version was chosen.

    Raises
    ------
    OptionsError
        ``prefer`` is not one of :data:`PREFER`.
    """
    check_prefer(prefer)
    counts = {s: _count(selected, s) for s in sides}
    both = [s for s in sides if counts[s].original and counts[s].translation]
    if not both:
        return selected, counts, []
    chosen: dict[str, str] = {}
    notes = []
    for side in both:
        other = sides[1] if side == sides[0] else sides[0]
        languages = {v: _language(selected, side, v) for v in ("original", "translation")}
        names = {v: LANGUAGE_NAMES.get(languages[v], languages[v]) for v in languages}
        if prefer != "auto":
            version, why = prefer, f"as asked (prefer_version: {prefer})"
        elif other in both:
            version, why = "original", f"as for {other!r}, which holds both versions too"
        else:
            other_language = _language(selected, other)
            if other_language == languages["translation"] != languages["original"]:
                version = "translation"
                why = (f"in the language of {other!r} ({names['translation']}), so that word overlap, distinctive "
                       "terms and alignment compare one language")
            else:
                other_name = LANGUAGE_NAMES.get(other_language, other_language)
                version, why = "original", f"the side's own text ({other!r} is in {other_name})"
        chosen[side] = version
        left_out = "translation" if version == "original" else "original"
        c = counts[side]
        kept = f" (and its {c.unmarked} unmarked document(s))" if c.unmarked else ""
        notes.append(f"Side {side!r} holds both an original ({c.original} document(s), {names['original']}) and "
                     f"a translation ({c.translation} document(s), {names['translation']}): it is compared on its "
                     f"{version}{kept}, {why}; its {left_out} is left out of this comparison (prefer_version: "
                     "original or translation chooses one). The translation drift reads the two versions against "
                     "each other.")
    docs = tuple(d for d in selected.documents
                 if d.side not in chosen or d.version in ("", chosen[d.side]))
    return (Corpus(docs), {s: SideVersions(c.original, c.translation, c.unmarked, chosen.get(s))
                           for s, c in counts.items()}, notes)


def versioned_sides(corpus: Corpus) -> list[str]:
    """The sides of ``corpus`` (narrow it to one event first) holding documents of both versions, in order."""
    return [s for s in corpus.sides if (c := _count(corpus, s)).original and c.translation]


def version_texts(corpus: Corpus, side: str) -> tuple[str, str]:
    """``side``'s original documents and its translation documents, each joined in corpus order by a
    line break (the drift's two texts; unmarked documents are in neither)."""
    docs = [d for d in corpus.documents if d.side == side]
    return tuple("\n".join(d.text for d in docs if d.version == v) for v in VERSIONS)


def holds_versions(corpus: Corpus) -> bool:
    """Whether a side of some event of ``corpus`` holds documents of both versions (one pass)."""
    seen: dict = {}
    for d in corpus.documents:
        if d.version:
            marks = seen.setdefault((d.event, d.side), set())
            marks.add(d.version)
            if len(marks) == 2:
                return True
    return False
