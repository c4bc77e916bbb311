"""Diplomatic register: what readout words conventionally signal, beside VADER.

VADER is a general lexicon: it scores "candid, substantive, and constructive"
0.0 and a warning on Taiwan +0.51.  The register lexicon (package data,
``framing/data/register_lexicon.csv`` with its sources table
``register_sources.csv``) says instead what each readout phrase conventionally
signals, on which dimension, and on whose authority.  Rows with no published
reading stay visibly ``unsourced``.  ``docs/register.md`` describes how the
lexicon was built and how to validate it.

Matching
--------
Case-insensitive and on whole words; a phrase's variants (translations,
spellings, inflections) count as the phrase; hyphens and spaces are one
("in-depth" = "in depth"), but a phrase never starts or ends inside a
hyphenated compound ("deep-rooted" does not contain "deep").  Longer phrases
are matched first and matches never overlap, so "strong dissatisfaction" is one
match, not two.  A match with a negator among the three words before it, in
the same clause ("not constructive", "neither frank nor useful"), is reported
with ``negated=True`` and left out of every score ("not only" does not negate).

Scores
------
Each row's ``score`` (a whole number from -2 to 2) is on its dimension's own
scale: firmness +2 is a formal protest, relationship -2 is "lowest point".  A
side's ``profile`` is the **sum of scores per dimension** over its matches (all
dimensions listed, zero when nothing matched), next to ``counts``, the number of
matches per dimension; sums grow with length, so read them with the counts and
the side's number of sentences.  A sentence's ``register_score`` puts the
dimensions on one warm-cool axis, ``sum(score * tone)``, where ``tone`` is +1
for warmth, progress and the relationship, -1 for differences aired and
firmness, and 0 for depth and emphasis (neither warm nor cool).  A
*disagreement* is a sentence whose VADER compound and register score are both
non-zero and of opposite sign.

Chinese rows (``framing/data/register_zh.csv``) are matched in Chinese sentences on the cleaned,
simplified, segmented text by :mod:`.chinese`.

Modules: :mod:`.lexicon` (the model, CSV validation, the bundled lexicon), :mod:`.match` (the matcher
and a side's scores), :mod:`.disagreements` (VADER against the register), :mod:`.variants`
(translation variants).

>>> [(m.phrase, m.matched, m.dimension, m.score) for m in match_register("Frank and in depth talks.")]
[('frank', 'Frank', 'differences_aired', 1), ('in-depth', 'in depth', 'depth', 1)]
"""
from __future__ import annotations

from framing.analyses.register.chinese import (
    add_chinese_register,
    bundled_lexicon_zh,
    chinese_lexicon,
    match_register_zh,
)
from framing.analyses.register.disagreements import Disagreement, find_disagreements
from framing.analyses.register.lexicon import (
    BUNDLED_LEXICON,
    BUNDLED_SOURCES,
    DATA_DIR,
    DIMENSION_NAMES,
    DIMENSIONS,
    LEXICON_COLUMNS,
    MODES,
    NEGATION_WINDOW,
    SCORE_RANGE,
    SOURCE_COLUMNS,
    STATUSES,
    Dimension,
    Lexicon,
    LexiconEntry,
    RegisterOptions,
    Source,
    bundled_lexicon,
    bundled_sources,
    combine_lexicons,
    load_lexicon,
    load_sources,
    merge_sources,
    parse_lexicon_bytes,
    parse_sources_bytes,
)
from framing.analyses.register.match import (
    RegisterMatch,
    SentenceRegister,
    SideRegister,
    match_register,
    score_register,
)
from framing.analyses.register.variants import canonical_form, unify_variants
from framing.errors import RegisterError

__all__ = [
    "RegisterError", "Dimension", "DIMENSIONS", "DIMENSION_NAMES", "Source", "LexiconEntry", "Lexicon",
    "RegisterOptions", "RegisterMatch", "SentenceRegister", "SideRegister", "Disagreement",
    "LEXICON_COLUMNS", "SOURCE_COLUMNS", "SCORE_RANGE", "MODES", "BUNDLED_LEXICON", "BUNDLED_SOURCES",
    "bundled_lexicon", "bundled_sources", "load_lexicon", "parse_lexicon_bytes", "load_sources",
    "parse_sources_bytes", "merge_sources",
    "combine_lexicons", "match_register", "score_register", "find_disagreements", "unify_variants",
    "canonical_form", "add_chinese_register", "bundled_lexicon_zh", "chinese_lexicon", "match_register_zh",
]
