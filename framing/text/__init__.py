"""The one text layer: every analysis reads sentences, words, abbreviations, negation and
dash spellings from here, and nothing else splits or tokenises text.

- :mod:`framing.text.raw`: bytes to str, Unicode normalisation, which scripts a text uses;
- :mod:`framing.text.sentences`: sentence boundaries and abbreviations;
- :mod:`framing.text.words`: token patterns, hyphen and dash unification, negators, word alternations;
- :mod:`framing.text.document`: a document read once (sentences, spans, word count) for ``compare()``.
"""
from framing.text.document import ReadDocument, read_document
from framing.text.raw import decode_bytes, normalise_text, script_shares
from framing.text.sentences import (
    ABBREVIATIONS,
    LOWERCASE_ABBREVIATIONS,
    Sentence,
    is_abbreviation,
    sentence_spans,
    split_sentences,
    title_case,
)
from framing.text.words import (
    DASHES,
    HYPHEN,
    HYPHENS,
    NEGATORS,
    PHRASE_JOIN,
    TOKEN,
    TOKEN_PATTERN,
    WORD,
    count_words,
    dashed_key,
    is_negator,
    unify_dashes,
    word_alternation,
)

__all__ = [
    "ABBREVIATIONS", "DASHES", "HYPHEN", "HYPHENS", "PHRASE_JOIN", "LOWERCASE_ABBREVIATIONS", "NEGATORS", "ReadDocument", "Sentence", "TOKEN",
    "TOKEN_PATTERN", "WORD", "count_words", "dashed_key", "decode_bytes", "is_abbreviation", "is_negator",
    "normalise_text", "read_document", "script_shares", "sentence_spans", "split_sentences", "title_case",
    "unify_dashes", "word_alternation",
]
