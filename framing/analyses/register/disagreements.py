"""Sentences on which VADER and the register disagree in sign."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from framing.analyses.register.match import (
    SideRegister,
)


@dataclass(frozen=True)
class Disagreement:
    """A sentence on which VADER and the register disagree in sign."""

    side: str
    doc_index: int
    sentence: str
    compound: float
    register_score: int
    phrases: tuple[str, ...]
    vader_words: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"side": self.side, "sentence": self.sentence, "compound": self.compound,
                "register_score": self.register_score, "phrases": list(self.phrases),
                "vader_words": list(self.vader_words), "doc_index": self.doc_index}


def find_disagreements(register: SideRegister, sentiment_sentences: pd.DataFrame) -> tuple[Disagreement, ...]:
    """Sentences whose VADER compound and register score are both non-zero and of opposite sign.

    Parameters
    ----------
    register : SideRegister
    sentiment_sentences : DataFrame
        :attr:`framing.analyses.sentiment.SideSentiment.sentences` of the same side (columns doc_index,
        sentence, compound, words).  A sentence missing from it is scored with VADER here.
    """
    # Look up only the sentences the register matched (a large side has hundreds of thousands of rows)
    wanted = {(s.doc_index, s.sentence) for s in register.sentences}
    table = sentiment_sentences[sentiment_sentences["doc_index"].isin({d for d, _ in wanted})]
    vader = {(d, t): (c, w) for d, t, c, w in zip(table["doc_index"].tolist(), table["sentence"], table["compound"],
                                                  table["words"]) if (d, t) in wanted}
    out = []
    for s in register.sentences:
        if (s.doc_index, s.sentence) in vader:
            compound, words = vader[(s.doc_index, s.sentence)]
        else:
            from framing.analyses.sentiment import (
                score_sentence,  # only when the two splits disagree
            )
            scored = score_sentence(s.sentence)
            compound, words = scored.compound, scored.words
        if compound and s.score and (compound > 0) != (s.score > 0):
            out.append(Disagreement(register.side, s.doc_index, s.sentence, float(compound), s.score,
                                    tuple(m.phrase for m in s.matches if not m.negated),
                                    tuple(w[0] for w in words)))
    return tuple(out)
