"""The register's compiled lexicons live as long as the lexicon object, no longer: an uploaded
lexicon's compiled form goes with the session holding it, not into a process-wide cache."""
import gc

import framing.analyses.register.match as R
from framing.analyses.register import RegisterOptions, parse_lexicon_bytes

MINE = (b"phrase,variants,dimension,score,rationale,source_ids,status\n"
        b"businesslike,,warmth,1,Correct and to the point (my coding).,,unsourced\n")


def test_a_lexicon_is_compiled_once_while_it_lives_and_forgotten_after():
    lexicon = RegisterOptions(parse_lexicon_bytes(MINE, "mine.csv")).resolve()
    compiled = R._compile(lexicon)
    assert R._compile(lexicon) is compiled  # one compile for the many calls of one comparison
    assert [m.phrase for m in R.match_register("A businesslike meeting.", lexicon)] == ["businesslike"]
    key = id(lexicon)
    assert key in R._COMPILED
    del lexicon
    gc.collect()
    assert key not in R._COMPILED


def test_an_equal_lexicon_from_another_session_does_not_share_the_compiled_form():
    first, second = parse_lexicon_bytes(MINE, "mine.csv"), parse_lexicon_bytes(MINE, "mine.csv")
    assert first == second and R._compile(first) is not R._compile(second)
