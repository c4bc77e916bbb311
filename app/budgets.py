"""What one visitor's session may ask of a shared server: the budgets (no Streamlit here, pure checks).

A hosted app is one process in one container (Streamlit Community Cloud: about 2.7 GB) shared by
every visitor. Each budget below bounds what a session's input can cost, and each can be changed by
the host through an environment variable (README, "Budgets of a hosted app"; the figures behind the
defaults are in docs/reliability.md, "Budgets", measured by ``bench/budgets.py``). The CLI and the
library have none of these limits: a visitor over one is told which limit, and to split the corpus
or run the comparison with the CLI.

Every check raises the error vocabulary's types (:class:`~framing.errors.CorpusError` for the input,
:class:`~framing.errors.OptionsError` for a setting, with the setting's id), so the dashboard shows it
in its one error spot, with the widget to change when there is one.

>>> b = Budgets()
>>> b.max_ngram(900_000), b.max_ngram(1_200_000), b.max_ngram(1_600_000)
(3, 2, 1)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Mapping, Sequence

from framing.errors import CorpusError, OptionsError
from framing.inputs.corpus import Corpus

__all__ = ["Budgets", "ENV", "budgets", "check_upload", "check_corpus", "check_options", "compared_chars"]

#: What to do when over a budget, the same for every one of them.
CLI_FIX = ("split the corpus and compare the parts one at a time, or run the comparison with the CLI "
           "(python -m framing compare …), which has no such limits")


@dataclass(frozen=True)
class Budgets:
    """One session's budgets; the defaults come from the measurements in docs/reliability.md."""

    chars_per_side: int = 750_000   # characters of text a side may hold, over all its documents
    chars_total: int = 1_500_000      # characters of text in the whole corpus (every event and side)
    documents: int = 5_000            # documents in the corpus
    events: int = 200                 # events in the corpus (the Events view compares each)
    upload_mb: int = 16               # megabytes of all uploaded files together (before reading them)
    bigram_chars: int = 1_500_000     # n-grams up to 2 words only when the compared texts hold at most this
    trigram_chars: int = 1_000_000      # n-grams up to 3 words only up to this
    top_chars: int = 1_500_000        # more than 20 terms per side only up to this (measured: no dearer; see README)
    heavy: int = 2                    # heavy comparisons the server runs at once (the others wait)
    heavy_chars: int = 100_000        # a comparison of at least this many characters is heavy

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Budgets":
        """The defaults, each replaced by its ``FRAMING_MAX_...`` variable when set (a whole number)."""
        environ = os.environ if environ is None else environ
        values = {}
        for field in fields(cls):
            raw = environ.get(ENV[field.name], "").strip().replace("_", "").replace(",", "")
            if raw:
                try:
                    values[field.name] = int(raw)
                except ValueError:
                    raise ValueError(f"{ENV[field.name]}={environ[ENV[field.name]]!r} is not a whole number") from None
                if values[field.name] < (1 if field.name in ("heavy", "documents", "events", "upload_mb") else 0):
                    raise ValueError(f"{ENV[field.name]}={raw} is too small")
        return cls(**values)

    def max_ngram(self, chars: int) -> int:
        """The longest n-grams allowed on texts of ``chars`` characters."""
        return 3 if chars <= self.trigram_chars else 2 if chars <= self.bigram_chars else 1


#: The environment variable of each budget (the README's table lists them with their defaults).
ENV = {"chars_per_side": "FRAMING_MAX_CHARS_PER_SIDE", "chars_total": "FRAMING_MAX_CHARS",
       "documents": "FRAMING_MAX_DOCUMENTS", "events": "FRAMING_MAX_EVENTS", "upload_mb": "FRAMING_MAX_UPLOAD_MB",
       "bigram_chars": "FRAMING_MAX_CHARS_BIGRAMS", "trigram_chars": "FRAMING_MAX_CHARS_TRIGRAMS",
       "top_chars": "FRAMING_MAX_CHARS_TOP", "heavy": "FRAMING_MAX_HEAVY", "heavy_chars": "FRAMING_HEAVY_CHARS"}
#: Terms per side allowed on any input; more only up to ``top_chars``.
TOP_ALWAYS = 20


def budgets() -> Budgets:
    """This server's budgets, read from its environment now (a host's change applies on the next run)."""
    return Budgets.from_env()


def check_upload(sizes: Sequence[int], limits: Budgets, setting: str | None = "file") -> None:
    """Refuse uploaded files before reading them: too many, or too many bytes together.

    >>> check_upload([9 * 2**20, 9 * 2**20], Budgets())
    Traceback (most recent call last):
    ...
    framing.errors.CorpusError: the 2 files hold 18.0 MB together, over this app's limit of 16 MB of uploads a session; split the corpus and compare the parts one at a time, or run the comparison with the CLI (python -m framing compare …), which has no such limits
    """
    if len(sizes) > limits.documents:
        raise CorpusError(f"{len(sizes):,} files, over this app's limit of {limits.documents:,} documents a session",
                          CLI_FIX, setting=setting)
    total = sum(sizes)
    if total > limits.upload_mb * 2**20:
        files = f"the {len(sizes)} files hold" if len(sizes) != 1 else "the file holds"
        raise CorpusError(f"{files} {total / 2**20:.1f} MB together, over this app's limit of {limits.upload_mb:,} MB "
                          "of uploads a session", CLI_FIX, setting=setting)


def check_corpus(corpus: Corpus, limits: Budgets, setting: str | None = "file") -> None:
    """Refuse a loaded corpus over a budget: characters a side, characters, documents, events."""
    if len(corpus) > limits.documents:
        raise CorpusError(f"the texts hold {len(corpus):,} documents, over this app's limit of {limits.documents:,} "
                          "a session", CLI_FIX, setting=setting)
    events = corpus.events
    if len(events) > limits.events:
        raise CorpusError(f"the texts hold {len(events):,} events, over this app's limit of {limits.events:,} "
                          "a session", CLI_FIX, setting=setting)
    per_side: dict[str, int] = {}
    for doc in corpus:
        per_side[doc.side] = per_side.get(doc.side, 0) + len(doc.text)
    for side, chars in per_side.items():
        if chars > limits.chars_per_side:
            raise CorpusError(f"side {side!r} holds {chars:,} characters of text, over this app's limit of "
                              f"{limits.chars_per_side:,} a side", CLI_FIX, setting=setting)
    total = sum(per_side.values())
    if total > limits.chars_total:
        raise CorpusError(f"the texts hold {total:,} characters, over this app's limit of {limits.chars_total:,} "
                          "a session", CLI_FIX, setting=setting)


def compared_chars(corpus: Corpus, event: str | None, sides: Sequence[str] | None) -> int:
    """Characters one comparison reads: the event's two sides (``event`` None: the largest event's,
    which is what the Events view's heaviest single comparison reads)."""
    chosen = set(sides) if sides else None
    totals: dict[str, int] = {}
    for doc in corpus:
        if (event is None or doc.event == event) and (chosen is None or doc.side in chosen):
            totals[doc.event] = totals.get(doc.event, 0) + len(doc.text)
    return max(totals.values(), default=0)


def check_options(chars: int, ngram_range: tuple[int, int], top: int, limits: Budgets) -> None:
    """Refuse settings whose cost grows with the input, on an input of ``chars`` characters.

    >>> check_options(1_200_000, (1, 3), 20, Budgets())
    Traceback (most recent call last):
    ...
    framing.errors.OptionsError: n-grams of up to 3 words on 1,200,000 characters: this app allows them on at most 1,000,000 characters (2 words on at most 1,500,000); choose a shorter n-gram range (up to 2), split the corpus and compare the parts one at a time, or run the comparison with the CLI (python -m framing compare …), which has no such limits
    """
    allowed = limits.max_ngram(chars)
    if ngram_range[1] > allowed:
        raise OptionsError(f"n-grams of up to {ngram_range[1]} words on {chars:,} characters: this app allows them "
                           f"on at most {limits.trigram_chars if ngram_range[1] >= 3 else limits.bigram_chars:,} "
                           f"characters (2 words on at most {limits.bigram_chars:,})"
                           if ngram_range[1] >= 3 else
                           f"n-grams of up to {ngram_range[1]} words on {chars:,} characters: this app allows them "
                           f"on at most {limits.bigram_chars:,} characters",
                           f"choose a shorter n-gram range (up to {allowed}), {CLI_FIX}", setting="ngram")
    if top > TOP_ALWAYS and chars > limits.top_chars:
        raise OptionsError(f"{top} terms per side on {chars:,} characters: this app shows more than {TOP_ALWAYS} "
                           f"only on at most {limits.top_chars:,} characters",
                           f"choose {TOP_ALWAYS} or fewer, {CLI_FIX}", setting="top")
