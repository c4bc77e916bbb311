"""Exact-valued tests of the descriptor extractor, one group per grammatical form."""
from pathlib import Path

import pytest

from framing.analyses.descriptors import (
    FORMS_HANDLED,
    KNOWN_MISSES,
    DescriptorDiff,
    DescriptorMatch,
    diff_descriptors,
    extract_descriptors,
    extract_descriptors_from_texts,
    find_descriptors,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seeds/000_76fcf3390e1fb55a.txt")
FOUNDING_US_QUOTE = "held \u201ccandid, substantive, and constructive talks\u201d during the first meeting"


def forms(text):
    return [(m.descriptor, m.form) for m in find_descriptors(text) if m.facet == "character"]


# --- the founding article -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("\u201ccandid, substantive, and constructive talks\u201d", ["candid", "substantive", "constructive"]),
    ("\u201ccandid, substantive, and constructive\u201d", ["candid", "substantive", "constructive"]),
    ("\u201ccandid, in-depth and constructive.\u201d", ["candid", "in-depth", "constructive"]),
    (FOUNDING_US_QUOTE, ["candid", "substantive", "constructive"]),
])
def test_founding_phrases(text, expected):
    assert extract_descriptors(text) == expected


@pytest.mark.skipif(not SEED.exists(), reason="founding article not available")
def test_whole_founding_article():
    # nothing from "open lines/channels of communication", "extended discussion", "additional talks",
    # "working dinner", "issues of concern", "most important issue"
    assert extract_descriptors(SEED.read_text()) == ["candid", "substantive", "constructive", "useful", "in-depth"]


@pytest.mark.skipif(not SEED.exists(), reason="founding article not available")
def test_founding_article_forms():
    found = [(m.descriptor, m.form) for m in find_descriptors(SEED.read_text())]
    assert found == [
        ("candid", "attributive"), ("substantive", "attributive"), ("constructive", "attributive"),
        ("candid", "attributive"),
        ("useful", "described_as"),
        ("candid", "described_as"), ("substantive", "described_as"), ("constructive", "described_as"),
        ("candid", "described_as"), ("in-depth", "described_as"), ("constructive", "described_as"),
    ]


# --- one group per form ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The envoys held frank, detailed and useful consultations in Oslo.", ["frank", "detailed", "useful"]),
    ("The envoys had a productive meeting.", ["productive"]),
    ("They conducted an in-depth and constructive exchange of views on shipping.", ["in-depth", "constructive"]),
    ("The premier and the chancellor had a long and frank conversation.", ["frank"]),   # long: duration
    ("The coast guards held very productive talks.", ["productive"]),
    ("It was a highly constructive meeting, the ministry said.", ["constructive"]),
    ("They had an extremely candid and in-depth discussion about fisheries.", ["candid", "in-depth"]),
    ("The envoys held cordial, businesslike and results-oriented talks.",
     ["cordial", "businesslike", "results-oriented"]),
    ("The two sides held substantive, candid and productive talks.", ["substantive", "candid", "productive"]),
    ("Negotiators wrapped up a tough but constructive round of talks.", ["tough", "constructive"]),
    ("The ministers held candid, wideranging and forthright talks.", ["candid", "wide-ranging", "forthright"]),
    ("They held candid, gruelling and constructive talks.", ["candid", "gruelling", "constructive"]),
    ("The leaders had a lengthy and cordial phone call on Tuesday.", ["cordial"]),   # lengthy: duration
    ("It was a frank and candid, if sometimes tense, exchange.", ["frank", "candid", "tense"]),
    ("The two sides held candid and strategic communication.", ["candid", "strategic"]),
    ("Oslo and Ottawa held productive trade talks.", ["productive"]),
    ("The minister thanked her host for candid talks.", ["candid"]),
    ("Oslo and Rome Hold \u2018Frank\u2019 Talks on Migration", ["frank"]),
    ("The delegations held candid, substantive and\nconstructive talks over two days in the capital, a\n"
     "spokesperson for the ministry said.", ["candid", "substantive", "constructive"]),
])
def test_attributive(text, expected):
    assert extract_descriptors(text) == expected
    assert {f for _, f in forms(text)} == {"attributive"}


@pytest.mark.parametrize("text, expected", [
    ("The session was businesslike and productive.", ["businesslike", "productive"]),
    ("A spokesman said the talks were candid, substantive, and constructive.",
     ["candid", "substantive", "constructive"]),
    ("The meeting had been positive, aides said.", ["positive"]),
    ("Both sides agreed that the meeting had been positive.", ["positive"]),
    ("The discussion proved fruitful.", ["fruitful"]),
    ("The negotiations remained constructive throughout.", ["constructive"]),
    ("The talks, which were frank and in-depth, ran past midnight.", ["frank", "in-depth"]),
    ("The consultations between the two ministries on Friday were useful.", ["useful"]),
    ("The atmosphere was warm and friendly.", ["warm", "friendly"]),
    ("The dialogue was frank and at times difficult.", ["frank", "difficult"]),
    ("The call turned out to be brief but cordial.", ["cordial"]),   # brief: duration
    ("The conversation was long, wide ranging and tough, officials said.", ["wide-ranging", "tough"]),
    ("The talks were candid and lasted three hours.", ["candid"]),
    ("The negotiations were constructive and focused on tariffs.", ["constructive"]),
    ("The talks were, by all accounts, productive.", ["productive"]),
    ("The meeting was very, very productive.", ["productive"]),
    ("The negotiations were extremely tough at times but ultimately productive.", ["tough", "productive"]),
    ("The meeting in Geneva between the two presidents, which came after months of tension, was constructive.",
     ["constructive"]),
    ("The Kremlin said the call was \"businesslike and specific.\"", ["businesslike", "specific"]),
])
def test_predicate(text, expected):
    assert extract_descriptors(text) == expected
    assert {f for _, f in forms(text)} == {"predicate"}


@pytest.mark.parametrize("text, expected", [
    ("The foreign ministers talked openly about the border.", ["open"]),
    ("The admiral spoke candidly with his counterpart.", ["candid"]),
    ("They discussed frankly the dispute over fishing rights.", ["frank"]),
    ("The envoys exchanged views in depth on the region.", ["in-depth"]),
    ("The two sides discussed in depth the grain corridor.", ["in-depth"]),
    ("The delegations communicated constructively.", ["constructive"]),
    ("Both governments engaged substantively on export rules.", ["substantive"]),
    ("The presidents talked extensively by phone.", ["extensive"]),
    ("The minister spoke directly to her counterpart.", ["direct"]),
    ("The negotiators conferred pragmatically and at length.", ["pragmatic"]),   # at length: duration
    ("The two leaders candidly and respectfully discussed human rights.", ["candid", "respectful"]),
    ("The talks were held in a candid and constructive manner.", ["candid", "constructive"]),
    ("The ministers met in a friendly atmosphere.", ["friendly"]),
    ("They discussed the proposals in great detail.", ["detailed"]),
    ("The conversation took place in a traditionally trusting and constructive atmosphere.",
     ["trusting", "constructive"]),
])
def test_adverb(text, expected):
    assert extract_descriptors(text) == expected
    assert {f for _, f in forms(text)} == {"adverb"}


@pytest.mark.parametrize("text, expected", [
    ("Officials described the dialogue as pragmatic and forward-looking.", ["pragmatic", "forward-looking"]),
    ("Rome called them 'frank, detailed, and useful'.", ["frank", "detailed", "useful"]),
    ("Kyiv characterised them as \u201ccandid, in-depth and constructive.\u201d", ["candid", "in-depth", "constructive"]),
    ("The talks were described as useful.", ["useful"]),
    ("The consultations have been characterized by both sides as businesslike.", ["businesslike"]),
    ("The minister hailed the summit as historic and productive.", ["historic", "productive"]),
    ("Both delegations found the exchange useful.", ["useful"]),
    ("The envoy termed the meeting \u2018cordial\u2019.", ["cordial"]),
    ("Both delegations called it a productive meeting.", ["productive"]),
    ("The meeting, described as cordial by both sides, ended at noon.", ["cordial"]),
])
def test_described_as(text, expected):
    assert extract_descriptors(text) == expected
    assert {f for _, f in forms(text)} == {"described_as"}


@pytest.mark.parametrize("text, expected", [
    ("frank and useful", ["frank", "useful"]),
    ("Candid, substantive, and constructive.", ["candid", "substantive", "constructive"]),
    ("\u201ccandid, in\u2011depth and constructive\u201d", ["candid", "in-depth", "constructive"]),
    ("Productive", ["productive"]),
    ("Asked about the mood, she said only: \u201ccordial and businesslike.\u201d", ["cordial", "businesslike"]),
    ("Sunday went by. Frank and useful. Then everyone left.", ["frank", "useful"]),
])
def test_fragment(text, expected):
    assert extract_descriptors(text) == expected
    assert {f for _, f in forms(text)} == {"fragment"}


def test_single_word_sentence_inside_a_longer_text_is_not_a_fragment():
    assert extract_descriptors("He sat down. Good. Then the clerk read the minutes.") == []


# --- what is not a descriptor ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The secretary reviewed economic, security and cultural ties.",
    "Both stressed keeping open lines of communication.",
    "The secretary emphasized maintaining open channels of communication.",
    "They discussed regional and global issues.",
    "He raised a number of issues of concern.",
    "Taiwan is the most important issue in the relationship.",
    "The two held bilateral talks and a working dinner.",
    "They will hold an extended discussion and additional talks.",
    "The envoys held high-level, face-to-face, closed-door talks.",
    "Beijing agreed to a reciprocal visit and a return visit.",
    "The first annual ministerial meeting was virtual.",
    "The US-China Strategic and Economic Dialogue met in July.",
    "The two countries held direct talks.",
    "They agreed to open talks on shipping.",
    "The exchange rate was stable.",
    "The meeting was open to the press.",
    "Both sides stressed the need for frank dialogue.",
    "The importance of open and direct communication was stressed.",
    "They looked forward to productive talks next month.",
    "The minister was candid about her concerns.",
    "After the meeting, the weather was good.",
    "In general, the press was polite.",
    "The meeting produced positive results at a difficult time.",
    "He hailed the meeting as a success.",
    "Ahead of the talks, relations were tense.",
    "The two sides agreed to manage differences in a constructive manner.",
    "Both sides should have in-depth communication.",
    "It was a clear call for restraint at the meeting.",
    "The two sides reaffirmed their commitment to open, constructive engagement.",
    "The sides agreed to continue candid and constructive communication.",
    "Biden and Xi met in Bali for their first in-person meeting.",
    # "call" as a decision, not a phone call (seen in the 2012 convention speeches)
    "President Obama made the tough and right call so taxpayers win.",
    "I saw the president make the tough calls in the Situation Room.",
])
def test_not_descriptors(text):
    assert extract_descriptors(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The talks were not constructive.", []),
    ("The talks weren't constructive.", []),
    ("The meeting was neither candid nor useful.", []),
    ("The talks were anything but cordial.", []),
    ("The summit was far from productive.", []),
    ("It was not a productive meeting.", []),
    ("There were no substantive talks.", []),
    ("They did not speak candidly.", []),
    ("Both sides described the meeting as neither productive nor useful.", []),
    ("The talks were not constructive but frank.", ["frank"]),
    ("The talks were long but not productive.", []),   # long: duration
    ("The talks were not only candid but also constructive.", ["candid", "constructive"]),
])
def test_negation_drops_the_descriptor(text, expected):
    assert extract_descriptors(text) == expected


# --- spelling, order, offsets ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("They held in-depth talks.", ["in-depth"]),
    ("They held in depth talks.", ["in-depth"]),
    ("They held in\u2011depth talks.", ["in-depth"]),
    ("They held in\u2013depth talks.", ["in-depth"]),
    ("They held indepth talks.", ["in-depth"]),
    ("They held forward looking and far reaching talks.", ["forward-looking", "far-reaching"]),
    ("It was an open minded, high quality, wide-ranging dialogue.", ["open-minded", "high-quality", "wide-ranging"]),
    ("The talks were In-Depth and Candid.", ["in-depth", "candid"]),
])
def test_hyphen_space_and_dash_spellings_are_one_descriptor(text, expected):
    assert extract_descriptors(text) == expected


def test_order_of_first_appearance_and_deduplication():
    text = ("The meeting was frank and useful. Later they held useful, candid talks. "
            "Aides called the talks frank, candid and constructive.")
    assert extract_descriptors(text) == ["frank", "useful", "candid", "constructive"]
    assert [m.descriptor for m in find_descriptors(text)] == [
        "frank", "useful", "useful", "candid", "frank", "candid", "constructive"]


def test_extract_from_texts_keeps_first_appearance_across_texts():
    texts = ["The talks were candid and productive.", "They spoke frankly.", "A productive, frank exchange."]
    assert extract_descriptors_from_texts(texts) == ["candid", "productive", "frank"]
    assert extract_descriptors_from_texts([]) == []


def test_matches_carry_exact_offsets_surface_and_sentence():
    text = "Talks ended. The envoys exchanged views in depth and spoke very candidly.\nIt was a good meeting."
    assert find_descriptors(text) == [
        DescriptorMatch("in-depth", "in depth", 40, 48, "adverb",
                        "The envoys exchanged views in depth and spoke very candidly."),
        DescriptorMatch("candid", "candidly", 64, 72, "adverb",
                        "The envoys exchanged views in depth and spoke very candidly."),
        DescriptorMatch("good", "good", 83, 87, "attributive", "It was a good meeting."),
    ]


@pytest.mark.parametrize("text", [
    FOUNDING_US_QUOTE,
    "\u201cCandid, in\u2011depth and constructive.\u201d",
    "The ministers talked openly; the talks weren't heated. They conferred at great length.",
    "Wang and Blinken\u2019s \u2018Candid\u2019 Talks were described as useful.",
])
def test_surface_is_the_text_at_its_offsets(text):
    found = find_descriptors(text)
    assert found
    assert all(text[m.start:m.end] == m.surface and m.sentence in text for m in found)


def test_no_text_gives_no_descriptors():
    assert find_descriptors("") == []
    assert extract_descriptors("   \n") == []


# --- the diff -------------------------------------------------------------------------------------

def test_diff_descriptors_founding_sides():
    diff = diff_descriptors(["candid", "substantive", "constructive"], ["candid", "in-depth", "constructive"])
    assert diff == DescriptorDiff(("candid", "constructive"), ("substantive",), ("in-depth",))


def test_diff_descriptors_unifies_spellings_and_deduplicates():
    diff = diff_descriptors(["In depth", "frank", "frank"], ["in-depth", "Useful"])
    assert diff == DescriptorDiff(("in-depth",), ("frank",), ("useful",))


def test_diff_descriptors_empty_side():
    assert diff_descriptors([], ["pragmatic"]) == DescriptorDiff((), (), ("pragmatic",))
    assert diff_descriptors(["pragmatic"], []) == DescriptorDiff((), ("pragmatic",), ())


def test_diff_keeps_each_sides_order():
    diff = diff_descriptors(["useful", "candid", "open"], ["rational", "open", "candid", "deep"])
    assert diff == DescriptorDiff(("candid", "open"), ("useful",), ("rational", "deep"))


# --- the module itself ----------------------------------------------------------------------------

def test_forms_and_misses_are_documented():
    assert len(FORMS_HANDLED) == 15 and all(isinstance(f, str) and f for f in FORMS_HANDLED)
    assert len(KNOWN_MISSES) == 12 and all(isinstance(f, str) and f for f in KNOWN_MISSES)


def test_word_lists_ship_as_data_files_and_roles_are_named():
    from pathlib import Path

    from framing.analyses.descriptors import rules
    data = Path(rules.DATA_DIR)
    for name, words in [("descriptor_adjectives.txt", rules.DESCRIPTOR_WORDS), ("event_nouns.txt", rules.EVENT_NOUNS),
                        ("intensifiers.txt", rules.INTENSIFIERS), ("descriptor_type_words.txt", rules.TYPE_WORDS),
                        ("descriptor_duration.txt", rules.DURATION_WORDS)]:
        lines = [w for w in (data / name).read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]
        assert frozenset(lines) == words and len(lines) == len(words), name
    assert {"candid", "in-depth", "constructive"} <= rules.DESCRIPTOR_WORDS and "talks" in rules.EVENT_NOUNS
    kinds, value = rules.classify_word("candidly", "candidly")
    assert (rules.roles(kinds), value) == (rules.Role.ADVERB, "candid")
    assert rules.roles(rules.classify_word("talks", "talks")[0]) == rules.Role.EVENT | rules.Role.SPEAKING
