from framing.text import normalise_text, split_sentences


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
