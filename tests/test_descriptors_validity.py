"""The validity rules of issue 11 item 5, each on real readout sentences where there is one.

Sentences marked "dev" are from bench/devsets/readouts/ (addresses in its README); "held-out" from
bench/devsets/descriptors_heldout/sentences.json (addresses there).
"""
import pytest

from framing.analyses.descriptors import (
    DescriptorDiff,
    diff_descriptors,
    extract_descriptors,
    extract_durations,
    find_descriptors,
    is_duration,
    split_duration,
)


def both(text):
    return extract_descriptors(text), extract_durations(text)


# --- duration is not characterisation --------------------------------------------------------------

@pytest.mark.parametrize("text, descriptors, durations", [
    ("The leaders had a lengthy phone call on Tuesday.", [], ["lengthy"]),
    ("The negotiators conferred pragmatically and at length.", ["pragmatic"], ["lengthy"]),
    ("They held hours-long talks in Geneva.", [], ["hours-long"]),
    ("The envoys ended marathon talks at dawn.", [], ["marathon"]),
    ("They held a two-hour, candid meeting.", ["candid"], ["two-hour"]),
    ("The premier and the chancellor had a long and frank conversation.", ["frank"], ["long"]),
    ("The call turned out to be brief but cordial.", ["cordial"], ["brief"]),
    ("The two ministers held extended and productive consultations.", ["productive"], ["extended"]),
    ("The envoys had a 90-minute call.", [], ["90-minute"]),
])
def test_duration_is_its_own_facet(text, descriptors, durations):
    assert both(text) == (descriptors, durations)
    assert {m.facet for m in find_descriptors(text)} == ({"character"} if descriptors else set()) | {"duration"}


@pytest.mark.parametrize("text, descriptors, durations", [
    # dev: 2023-10-27 Washington, US
    ("The two sides met for more than seven hours over two days and had constructive and in-depth discussions, "
     "building on recent high-level meetings between the two countries.",
     ["constructive", "in-depth"], ["more than seven hours"]),
    ("The talks lasted nearly 1 hour 45 minutes.", [], ["nearly 1 hour 45 minutes"]),
    ("They talked candidly for two hours.", ["candid"], ["two hours"]),
    ("The call lasted an hour.", [], ["an hour"]),
    ("Talks ran for about three hours, officials said.", [], ["about three hours"]),
    ("We waited for two hours.", [], []),   # not a meeting verb
    ("They will meet for two hours next week.", [], []),   # planned
    ("The envoys have talked often over the last several days.", [], []),   # "last" is no lasting verb
])
def test_a_length_written_as_a_phrase(text, descriptors, durations):
    assert both(text) == (descriptors, durations)


def test_a_length_phrase_is_one_match_over_its_words():
    text = "The ministers met for more than seven hours."
    [m] = find_descriptors(text)
    assert (m.descriptor, m.surface, text[m.start:m.end], m.form, m.facet) == (
        "more than seven hours", "more than seven hours", "more than seven hours", "adverb", "duration")


def test_a_planned_length_is_no_duration_of_this_event():
    # the founding article: "is also scheduled for an extended discussion"
    assert both("The secretary is also scheduled for an extended discussion and additional talks.") == ([], [])
    assert both("They will hold an extended discussion and additional talks.") == ([], [])


def test_is_duration_and_split():
    assert [is_duration(w) for w in ("lengthy", "at length", "90-minute", "day-long", "hour-and-a-half",
                                     "two-days", "more than two hours", "candid", "strategic", "two-year")] == [
        True, False, True, True, True, True, True, False, False, False]
    assert split_duration(["long", "candid", "two-hour", "frank"]) == (["candid", "frank"], ["long", "two-hour"])


def test_diff_keeps_duration_beside_not_inside():
    diff = diff_descriptors(["candid", "lengthy", "constructive"], ["candid", "in-depth", "two-hour"])
    assert diff == DescriptorDiff(("candid",), ("constructive",), ("in-depth",), ("lengthy",), ("two-hour",))
    # the same length on both sides is still not a shared descriptor
    assert diff_descriptors(["long", "frank"], ["long"]) == DescriptorDiff((), ("frank",), (), ("long",), ("long",))


# --- consistency between sides: an adjective before an event noun phrase ---------------------------

@pytest.mark.parametrize("text, expected", [
    ("The two sides had extensive strategic communication.", ["extensive", "strategic"]),
    ("They had a broad, strategic discussion.", ["broad", "strategic"]),
    ("The two sides held candid and strategic communication.", ["candid", "strategic"]),
    ("The two sides had candid, direct talks.", ["candid", "direct"]),
    ("The two sides had candid direct talks.", ["candid", "direct"]),
    # dev: 2023-09-17 Malta, China
    ("The two sides conducted candid, substantive and constructive strategic communication on stabilizing and "
     "improving China-U.S. relations.", ["candid", "substantive", "constructive", "strategic"]),
])
def test_stacked_or_coordinated_the_same(text, expected):
    assert extract_descriptors(text) == expected


@pytest.mark.parametrize("text", [
    "The two countries held direct talks.",
    "Wang Yi and Jake Sullivan held a new round of strategic communication.",
    "The two sides agreed to maintain strategic communication.",
    "They held a lengthy strategic dialogue.",   # a length is no descriptor to stand beside
])
def test_strategic_or_direct_alone_names_the_kind(text):
    assert extract_descriptors(text) == []


# --- adjectives that are also verbs, inside a list -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # dev: 2024-07-27 Vientiane, US
    ("The two sides had open and productive discussions on key bilateral, regional, and global issues.",
     ["open", "productive"]),
    ("The two sides had open, productive discussions.", ["open", "productive"]),
    ("They had clear and productive talks.", ["clear", "productive"]),
    ("They had close and productive consultations.", ["close", "productive"]),
    ("They had direct and candid talks.", ["direct", "candid"]),
    ("They had frank and productive talks.", ["frank", "productive"]),
])
def test_verb_like_adjectives_in_a_list(text, expected):
    assert extract_descriptors(text) == expected


@pytest.mark.parametrize("text", [
    "They agreed to open talks on shipping.",
    "They will open a channel for talks.",
    "The ministers decided to close talks early.",
    # dev: 2023-11-10 San Francisco, China
    "The lead persons for China-U.S. economic and trade affairs agreed to communicate directly on a regular basis.",
    # dev: 2024-07-27 Vientiane, US
    "Secretary Blinken emphasized the importance of continuing to use diplomacy to responsibly manage competition, "
    "to candidly discuss areas of difference, and to make progress on areas of cooperation.",
    "The two leaders will talk frankly next month.",
    # the 2012 convention speeches: a near miss, not a phone call
    "So he fought like hell through sleepless nights and close calls.",
])
def test_verbs_and_wishes_are_not_descriptors(text):
    assert extract_descriptors(text) == []


def test_an_infinitive_after_able_is_a_report():
    assert extract_descriptors("We were able to speak frankly.") == ["frank"]


# --- the known misses a rule now covers ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("They met for two hours. It was productive.", ["productive"]),
    ("The meeting ended at noon. It was candid and constructive, aides said.", ["candid", "constructive"]),
    ("The presidents spoke by phone on Friday. This was a frank exchange.", ["frank"]),
])
def test_pronoun_subject_right_after_a_meeting_sentence(text, expected):
    assert extract_descriptors(text) == expected


@pytest.mark.parametrize("text", [
    "The weather changed. It was productive for farmers.",
    "They met for two hours. It was clear that they disagreed.",
    "It was productive.",   # nothing before it
])
def test_pronoun_without_a_meeting_before_or_an_expletive_it(text):
    assert extract_descriptors(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The talks were candid, officials said, and constructive.", ["candid", "constructive"]),
    ("They held candid, the ministry said, and constructive talks.", ["candid", "constructive"]),
    ("The meeting was frank, according to aides, and useful.", ["frank", "useful"]),
])
def test_list_split_by_a_reporting_clause(text, expected):
    assert extract_descriptors(text) == expected


# --- earlier and other meetings --------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Building on the successful Woodside summit, the two sides held frank talks.", ["frank"]),
    # dev: 2024-02-16 Munich, China
    ("Wang said President Xi Jinping and President Joe Biden had a successful meeting at the end of last year, "
     "where they exchanged in-depth views on strategic, overall, and directional issues.", []),
    # dev: 2023-10-13 EU-China Strategic Dialogue, China
    ("Wang said the two sides have resumed exchanges at all levels, and high-level meetings in green, digital, and "
     "economic and trade fields have been successfully held, resulting in new consensus and outcomes.", []),
    ("The ministers recalled their previous productive meeting.", []),
    ("The candid talks in May paved the way for today's constructive meeting.", ["constructive"]),
    # a readout dates its own meeting: not an earlier one
    ("The two sides held candid talks in Beijing on June 18.", ["candid"]),
    ("The two sides held candid talks earlier today.", ["candid"]),
])
def test_earlier_meetings_are_not_this_one(text, expected):
    assert extract_descriptors(text) == expected


# --- the duration facet in the results: beside the diff, never inside it ---------------------------

LENGTHY = {"US": "The two sides held lengthy, candid and constructive talks. They spoke at length about trade.",
           "China": "The two sides had a two-hour, candid and in-depth exchange of views on trade."}


@pytest.fixture(scope="module")
def lengthy():
    from framing import CompareOptions, compare, corpus_from_texts
    return compare(corpus_from_texts(LENGTHY, event="lengthy"), CompareOptions(sides=("US", "China")))


def test_comparison_keeps_duration_beside_the_diff(lengthy):
    assert lengthy.descriptors == {"US": ["candid", "constructive"], "China": ["candid", "in-depth"]}
    assert lengthy.descriptor_diff == DescriptorDiff(("candid",), ("constructive",), ("in-depth",),
                                                     ("lengthy",), ("two-hour",))
    assert lengthy.descriptor_duration == {"US": ["lengthy"], "China": ["two-hour"]}
    assert [(m.surface, m.form) for m in lengthy.duration_evidence["US"]] == [("lengthy", "attributive"),
                                                                              ("at length", "adverb")]
    assert all(m.facet == "character" for s in lengthy.sides for m in lengthy.descriptor_evidence[s])


def test_json_adds_descriptor_duration_and_leaves_descriptors_without_it(lengthy):
    d = lengthy.to_dict()
    assert d["descriptors"]["by_side"] == {"US": ["candid", "constructive"], "China": ["candid", "in-depth"]}
    assert d["descriptor_duration"]["by_side"] == {"US": ["lengthy"], "China": ["two-hour"]}
    assert d["descriptor_duration"]["evidence"]["China"] == [
        {"descriptor": "two-hour", "surface": "two-hour", "form": "attributive",
         "sentence": "The two sides had a two-hour, candid and in-depth exchange of views on trade."}]
    assert list(d).index("descriptor_duration") == list(d).index("descriptors") + 1


def test_splitting_twice_changes_nothing(lengthy):
    from dataclasses import replace
    again = replace(lengthy, warnings=())
    assert (again.descriptors, again.descriptor_diff, again.descriptor_duration, again.duration_evidence) == (
        lengthy.descriptors, lengthy.descriptor_diff, lengthy.descriptor_duration, lengthy.duration_evidence)


def test_report_and_text_summary_show_duration_beside_the_diff(lengthy):
    from framing.cli import render_text
    from framing.render.report import report_html
    page = report_html(lengthy)
    assert "How long it lasted, kept out of the diff (length is not character): US: lengthy &middot; " \
           "China: two-hour" in page
    text = render_text(lengthy)
    assert "  only China:   in-depth\n  how long it lasted (not in the diff): US: lengthy; China: two-hour\n" in text


def test_no_duration_no_line():
    from framing import CompareOptions, compare, load_bundled
    from framing.cli import render_text
    bundled = compare(load_bundled(), CompareOptions(sides=("US", "China")))
    assert bundled.descriptor_duration == {"US": [], "China": []}
    assert "how long it lasted" not in render_text(bundled)


def test_dashboard_caption_beside_the_diff():
    from app_support import app_diff, no_exception, start_app
    at = start_app(source="paste")
    at.text_area(key="paste_a").input(LENGTHY["US"])
    at.text_area(key="paste_b").input(LENGTHY["China"]).run()
    no_exception(at)
    assert app_diff(at) == {"Shared": ["candid"], "Only Side A": ["constructive"], "Only Side B": ["in-depth"]}
    assert [c.value for c in at.main.caption if "How long" in c.value] == [
        "How long it lasted, kept out of the diff (length is not character): Side A: lengthy · Side B: two-hour"]
