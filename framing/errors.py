"""The one vocabulary of errors: every error :mod:`framing` raises for bad input or settings.

Each error is a :class:`FramingError` (a ``ValueError``) carrying

- ``problem``: what is wrong, in the analyst's words (the file, row, value);
- ``fix``: what to do about it, in neutral words that hold in every interface
  ("choose the column that holds the side labels", never a command-line flag or a widget);
- ``setting``: the id of the setting that the fix concerns (one of :data:`SETTINGS`), or None.

``str(error)`` is the readable sentence "problem; fix". An interface names the setting its own way
with :meth:`FramingError.naming`: the CLI as its flag (``--side-column``), the dashboard as its
widget's label ("Side column"). Nothing decides anything from the message text: read ``setting``.

>>> e = CorpusError("a.csv, header row: no column 'side'", "choose the column that holds the side labels",
...                 setting="side_column")
>>> str(e)
"a.csv, header row: no column 'side'; choose the column that holds the side labels"
>>> e.naming({"side_column": "--side-column"})
"a.csv, header row: no column 'side'; choose the column that holds the side labels (--side-column)"
"""
from __future__ import annotations

from typing import Mapping

__all__ = ["SETTINGS", "FramingError", "CorpusError", "OptionsError", "RegisterError", "TopicLexiconError", "FetchError"]

#: The ids of the settings an error can concern: what the analyst can change to fix it.
#: Each interface maps the ids it offers to its own names (tests check every id is mapped or
#: deliberately left out).
SETTINGS = (
    "file",            # the input file(s) or upload itself
    "side_column",     # the column (CSV) or key (JSONL) holding the side labels
    "text_column",     # the column or key holding the text
    "event_column",    # the column or key holding the event
    "labels",          # the side labels given to two plain-text inputs or pasted texts
    "event",           # which event of the corpus to compare
    "sides",           # which two sides to compare
    "skip_bad_rows",   # go on with the valid rows of a partly valid file
    "stop_words",      # remove English stop words or keep them
    "min_df",          # documents a term must occur in
    "ngram",           # the n-gram range of terms
    "threshold",       # the alignment threshold
    "similarity",      # what alignment compares: words, meaning (topics) or embeddings
    "model",           # the static-embedding model on disk (alignment by embeddings)
    "partners",        # most counterparts a sentence is shown with (alignment by meaning)
    "topics_mode",     # extend or replace the bundled topic lexicon
    "top",             # how many distinctive terms per side
    "lexicon",         # the analyst's register lexicon file
    "lexicon_mode",    # extend or replace the bundled lexicon
    "lexicon_sources",  # the sources table of the analyst's lexicon
    "url",             # a web address to read
    "workspace",       # a saved workspace file
    "version_column",  # the column or key marking a document as its side's original or translation
    "prefer_version",  # which version compare reads of a side that holds both an original and a translation
    "drift_side",      # the side whose original and translation the drift compares
)


class FramingError(ValueError):
    """Input or a setting that cannot be used: ``problem``, ``fix`` (neutral words) and ``setting``.

    ``CorpusError("problem; fix")`` (one string, no ``fix``) still works: the whole message is the
    problem. ``setting`` must be one of :data:`SETTINGS` (a ``ValueError`` otherwise: a typo in an
    id would silently lose the hint).
    """

    def __init__(self, problem: str, fix: str = "", *, setting: str | None = None):
        if setting is not None and setting not in SETTINGS:
            raise ValueError(f"unknown setting id {setting!r}; use one of {', '.join(SETTINGS)}")
        self.problem, self.fix, self.setting = problem, fix, setting
        super().__init__(f"{problem}; {fix}" if fix else problem)

    def naming(self, names: Mapping[str, str]) -> str:
        """The message with the setting named as an interface names it, after the fix: ``"...; fix (NAME)"``.

        ``names`` maps setting ids to the interface's names; a setting it does not name (or no setting)
        gives ``str(self)``.
        """
        name = names.get(self.setting) if self.setting else None
        return f"{self} ({name})" if name else str(self)


class CorpusError(FramingError):
    """Input that cannot be turned into a corpus (a file, a row, the sides or the event)."""


class OptionsError(FramingError):
    """An option value that cannot be used; the fix says which values work."""


class RegisterError(FramingError):
    """A lexicon or sources file that cannot be used; the message names the file, row, problem and fix
    (the file's content is to change, not a setting: no ``setting``)."""


class FetchError(FramingError):
    """One web address that could not be read; ``url`` is the address, ``problem`` says why and what to do."""

    def __init__(self, url: str, problem: str):
        self.url = url
        super().__init__(f"{url}: {problem}", setting="url")
        self.problem = problem  # without the address: callers list several addresses' problems


class TopicLexiconError(RegisterError):
    """A topic lexicon file that cannot be used; the message names the file, row, problem and fix.

    A kind of :class:`RegisterError`, so code that reports lexicon errors reports this one too."""
