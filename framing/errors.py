"""The one vocabulary of errors: every error :mod:`framing` raises for bad input or settings."""
from __future__ import annotations

__all__ = ["CorpusError", "OptionsError", "RegisterError", "TopicLexiconError"]

class CorpusError(ValueError):
    """Input that cannot be turned into a corpus; the message says what to do."""


class OptionsError(ValueError):
    """An option value that cannot be used; the message says which values work."""


class RegisterError(ValueError):
    """A lexicon or sources file that cannot be used; the message names the file, row, problem and fix."""


class TopicLexiconError(RegisterError):
    """A topic lexicon file that cannot be used; the message names the file, row, problem and fix.

    A kind of :class:`RegisterError`, so code that reports lexicon errors reports this one too."""
