"""framing: how each side of an event tells it.

A plain library (no Streamlit): load a corpus, ``compare`` two sides, read the
result as DataFrames or as the CLI's JSON (``Comparison.to_dict()``).

The package follows the data: ``inputs`` (bytes, files, pages -> Corpus), ``text`` (the one
text layer), ``analyses`` (each analysis on tokenised sentences), ``comparison`` (``compare``),
``results`` (``Comparison``, its tables and JSON), ``render`` (figures, exports) and ``cli``.

>>> from framing import load_bundled, compare, CompareOptions
>>> result = compare(load_bundled(), CompareOptions(sides=("US", "China")))
>>> result.to_dict()["descriptors"]["shared"]
['candid', 'constructive']
"""
from framing.analyses.align import AlignOptions
from framing.analyses.descriptors import diff_descriptors, extract_descriptors
from framing.analyses.distinctive import DistinctiveOptions
from framing.analyses.overlap import OverlapOptions
from framing.analyses.register import (
    Lexicon,
    RegisterOptions,
    bundled_lexicon,
    load_lexicon,
    parse_lexicon_bytes,
)
from framing.analyses.sentiment import SentimentOptions
from framing.comparison import compare
from framing.errors import CorpusError, FramingError, OptionsError, RegisterError
from framing.inputs.bundled import DEFAULT_EVENT, DEFAULT_SIDES, load_bundled
from framing.inputs.corpus import (
    Corpus,
    Document,
    LoadResult,
    corpus_from_texts,
    load_corpus,
    parse_corpus_bytes,
)
from framing.results import CompareOptions, Comparison

__all__ = [
    "AlignOptions", "CompareOptions", "Comparison", "Corpus", "CorpusError", "DEFAULT_EVENT", "DEFAULT_SIDES",
    "DistinctiveOptions", "Document", "FramingError", "Lexicon", "LoadResult", "OptionsError", "OverlapOptions", "RegisterError",
    "RegisterOptions", "SentimentOptions", "bundled_lexicon", "load_lexicon", "parse_lexicon_bytes",
    "compare", "corpus_from_texts", "diff_descriptors", "extract_descriptors", "load_bundled", "load_corpus",
    "parse_corpus_bytes",
]
__version__ = "0.1.0"
