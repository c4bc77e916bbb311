"""The text layer: sentences, abbreviations, offsets, normalisation."""
import random
import re

import pytest

from framing.text import normalise_text, sentence_spans, split_sentences, title_case
from framing.text.sentences import ABBREVIATIONS, LOWERCASE_ABBREVIATIONS, MAX_ABBREVIATION


def texts(text):
    return [s.text for s in split_sentences(text)]


def test_splits_on_terminal_punctuation_and_keeps_offsets():
    text = "The talks were candid. Were they useful? Yes!  Both sides agreed."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["The talks were candid.", "Were they useful?", "Yes!", "Both sides agreed."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_abbreviations_and_initials_do_not_end_sentences():
    assert texts("Mr. Qin met Dr. Wang at 9 a.m. on Monday. J. Biden spoke.") == [
        "Mr. Qin met Dr. Wang at 9 a.m. on Monday.", "J. Biden spoke."]


def test_closing_quotes_stay_with_their_sentence():
    assert texts('He said “this is final.” Then he left.') == ['He said “this is final.”', "Then he left."]


def test_text_after_the_last_full_stop_is_kept():
    assert texts("First sentence. and a trailing fragment") == ["First sentence.", "and a trailing fragment"]


def test_blank_lines_separate_sentences_and_punctuation_only_chunks_are_skipped():
    assert texts("Heading without stop\n\nBody text here. ...") == ["Heading without stop", "Body text here."]


def test_normalise_removes_nul_and_composes_accents():
    assert normalise_text("Cafe\u0301\x00") == "Caf\u00e9"


# ---------------------------------------------------------------- abbreviations

@pytest.mark.parametrize("text", [
    "The meeting on Jan. 5 was candid.", "They met in Sept. and Oct. last year.", "Mr. and Mrs. Li met Ms. Wang.",
    "Dr. Chen, Prof. Wu and Amb. Burns spoke.", "Gen. Milley, Adm. Aquilino and Sec. Austin met.",
    "Sen. Smith, Rep. Jones and Gov. Brown came.", "Lt. Col. Reed and Capt. Hale and Sgt. Cruz saluted.",
    "The U.S. and the U.K. and the U.N. agreed.", "The P.R.C. and the E.U. signed it.", "He lives on St. Mark St. now.",
    "Room No. 5 of the Dept. of State hosted it.", "Acme Inc. and Foo Ltd. and Bar Co. and Baz Corp. bid.",
    "It was China vs. the U.S. in the talks.", "He flew from Calif. to Ill. and then Va. and Md. today.",
    "Officials from Mass. and N.Y. and Washington, D.C. attended.", "President George H.W. Bush spoke.",
])
def test_abbreviations_never_end_a_sentence(text):
    assert texts(text) == [text]


def test_etc_ends_a_sentence_only_before_a_capital():
    assert texts("Trade, climate, etc. The talks went on.") == ["Trade, climate, etc.", "The talks went on."]
    assert texts("Trade, climate, etc. and more were raised.") == ["Trade, climate, etc. and more were raised."]


def test_abbreviations_written_in_lowercase_are_words():
    assert texts("The answer is no. Then he left.") == ["The answer is no.", "Then he left."]
    assert texts("He fell ill. Then he left.") == ["He fell ill.", "Then he left."]


def test_jan_does_not_cut_the_descriptors_of_its_sentence():
    from framing.analyses.descriptors import extract_descriptors
    assert extract_descriptors("The meeting on Jan. 5 was candid and constructive.") == ["candid", "constructive"]
    assert extract_descriptors("Sec. Blinken's talks with the P.R.C. were candid.") == ["candid"]


# ---------------------------------------------------------------- against a plain reference

def _abbreviation_reference(text: str, dot: int) -> bool:
    unit = re.search(r"(?<!\w)[^\W\d_]+\Z", text[:dot])
    if unit is None or len(unit.group()) > MAX_ABBREVIATION:
        return False
    word = unit.group()
    if len(word) == 1:
        return True
    if word.lower() == "etc":
        after = re.match(r"\s{0,199}(\S)", text[dot + 1:])
        return not (after and after.group(1).isupper())
    return word.lower() in LOWERCASE_ABBREVIATIONS or (word.lower() in ABBREVIATIONS and word[0].isupper())


def _spans_reference(text: str, lines: bool) -> list:
    """The old regexes (quadratic on a run of full stops, fine on short texts) with the rules above."""
    pattern = r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)|\n\s*\n" + (r"|\n" if lines else "")
    cuts = []
    for m in re.finditer(pattern, text):
        if m.group()[0] in ".!?":
            if m.group()[0] == "." and _abbreviation_reference(text, m.start()):
                continue
            cuts.append(m.end())
        elif m.group() != "\n":
            cuts.append(m.start())
        else:
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].split()
            if len(" ".join(line)) < 40 or title_case(line):
                cuts.append(m.end())
    bounds = [0] + cuts + [len(text)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        if text[a:b].strip():
            a += len(text[a:b]) - len(text[a:b].lstrip())
            out.append((a, a + len(text[a:b].strip())))
    return out


def test_sentence_spans_equal_the_reference():
    from test_fast_paths import CASES, _documents
    rng = random.Random(3)
    alphabet = list("aZ. \n_Mr.sSvJ\u00e9\u2019\"!?1P") + ["Mr.", "U.S.", "No.", "vs.", " Dr. ", "Prof.", "Mrs", "Gen",
                                                        "etc.", " The", "\n\n", "Jan.", "ill."]
    randoms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    for text in CASES + _documents(seed=11, n=2000) + randoms:
        for lines in (False, True):
            assert sentence_spans(text, lines) == _spans_reference(text, lines), (text, lines)


def test_docstring_examples():
    import doctest
    import importlib
    for name in ("raw", "sentences", "words"):
        result = doctest.testmod(importlib.import_module("framing.text." + name))
        assert result.failed == 0 and result.attempted > 0, name


def test_one_reading_gives_every_view_of_a_document():
    from framing.text import count_words, read_document
    text = "HEADLINE HERE\nThe meeting on Jan. 5 was candid. Both sides agreed.\n\nNext."
    read = read_document(text)
    assert [s.text for s in read.sentences] == ["HEADLINE HERE\nThe meeting on Jan. 5 was candid.", "Both sides agreed.",
                                                "Next."]
    assert [text[a:b] for a, b in read.spans] == ["HEADLINE HERE", "The meeting on Jan. 5 was candid.",
                                                  "Both sides agreed.", "Next."]
    assert read.n_words == count_words(text) == 13


@pytest.mark.parametrize("text", ["The talks cannot be called productive.", "The talks were scarcely productive.",
                                  "The talks were barely productive.", "The talks were not productive."])
def test_one_negator_list_for_descriptors_and_register(text):
    # the descriptor finder drops a negated descriptor; the register keeps the match, marked negated
    from framing.analyses.descriptors import extract_descriptors
    from framing.analyses.register import match_register
    assert extract_descriptors(text) == []
    assert [(m.phrase, m.negated) for m in match_register(text)] == [("productive", True)]
    positive = text.replace("cannot be called", "were").replace("scarcely ", "").replace("barely ", "").replace("not ", "")
    assert extract_descriptors(positive) == ["productive"]
    assert [(m.phrase, m.negated) for m in match_register(positive)] == [("productive", False)]
