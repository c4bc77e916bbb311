"""framing: how each side of an event tells it.

A plain library (no Streamlit): load a corpus, ``compare`` two sides, read the
result as DataFrames or as the CLI's JSON (``Comparison.to_dict()``).

>>> from framing import load_bundled, compare, CompareOptions
>>> result = compare(load_bundled(), CompareOptions(sides=("US", "China")))
>>> result.to_dict()["descriptors"]["shared"]
['candid', 'constructive']
"""
from .align import AlignOptions
from .bundled import DEFAULT_EVENT, DEFAULT_SIDES, load_bundled
from .compare import CompareOptions, Comparison, compare
from .corpus import Corpus, CorpusError, Document, LoadResult, corpus_from_texts, load_corpus, parse_corpus_bytes
from .descriptors import diff_descriptors, extract_descriptors
from .distinctive import DistinctiveOptions
from .overlap import OptionsError, OverlapOptions
from .register import Lexicon, RegisterError, RegisterOptions, bundled_lexicon, load_lexicon, parse_lexicon_bytes
from .sentiment import SentimentOptions

__all__ = [
    "AlignOptions", "CompareOptions", "Comparison", "Corpus", "CorpusError", "DEFAULT_EVENT", "DEFAULT_SIDES",
    "DistinctiveOptions", "Document", "Lexicon", "LoadResult", "OptionsError", "OverlapOptions", "RegisterError",
    "RegisterOptions", "SentimentOptions", "bundled_lexicon", "load_lexicon", "parse_lexicon_bytes",
    "compare", "corpus_from_texts", "diff_descriptors", "extract_descriptors", "load_bundled", "load_corpus",
    "parse_corpus_bytes",
]
__version__ = "0.1.0"
