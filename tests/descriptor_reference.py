"""The plain descriptor scan, kept only to check the fast path (tests/test_fast_paths.py).

:func:`find_whole` tokenizes the whole text at once and scans every sentence and quoted span;
``framing.analyses.descriptors.find._find`` must give exactly its matches while reading only the parts of
a text where a match is possible.
"""
from __future__ import annotations

import bisect

from framing.analyses.descriptors.find import _QUOTED, DescriptorMatch, _Found, _scan_fragment, _scan_sentences, _token_table
from framing.text import sentence_spans


def find_whole(text: str, cache: dict) -> list[DescriptorMatch]:
    """Every match in ``text``, tokenizing the whole text."""
    starts, raws, infos = table = _token_table(text, cache)
    spans = sentence_spans(text, lines=True)
    span_starts = [s for s, _ in spans]
    found = _Found()
    toks, anchors, build, add = _scan_sentences(text, table, spans, spans, span_starts, None, found)
    for m in _QUOTED.finditer(text):
        first, last = bisect.bisect_left(starts, m.start(1)), bisect.bisect_left(starts, m.end(1))
        if first < last and starts[last - 1] + len(raws[last - 1]) <= m.end(1) and anchors[last] > anchors[first]:
            build(first, last)
            _scan_fragment(toks, first, last, 1, add)
    return sorted(found.values(), key=lambda m: m.start)
