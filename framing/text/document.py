"""A document read once: its sentences, its descriptor spans and its word count.

``compare()`` reads each document once with :func:`read_document` (in a worker process for a large
corpus) and every analysis takes what it needs from the result: sentiment, register and alignment
the sentences, the descriptor finder the spans (sentences and headline lines), the lengths the word
count. Nothing re-splits a document.
"""
from __future__ import annotations

from dataclasses import dataclass

from framing.text.sentences import Sentence, sentences_and_spans
from framing.text.words import count_words

__all__ = ["ReadDocument", "read_document"]


@dataclass(frozen=True)
class ReadDocument:
    """One document as the analyses read it.

    sentences : the sentences of :func:`~framing.text.split_sentences` (offsets into the document).
    spans : (start, end) of the sentences and headline lines the descriptor finder scans
        (:func:`~framing.text.sentence_spans` with ``lines=True``).
    n_words : runs of word characters (:func:`~framing.text.count_words`).
    """

    sentences: tuple[Sentence, ...]
    spans: tuple[tuple[int, int], ...]
    n_words: int


def read_document(text: str) -> ReadDocument:
    """Split ``text`` into sentences and spans and count its words (no analysis)."""
    sentences, spans = sentences_and_spans(text)
    return ReadDocument(tuple(sentences), tuple(spans), count_words(text))
