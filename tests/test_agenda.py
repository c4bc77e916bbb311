"""The agenda (issue 14): the topic lexicon's validation, tagging and the agenda on real readouts."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from framing import CompareOptions, compare, load_bundled
from framing.analyses.agenda import (
    AgendaOptions,
    build_agenda,
    bundled_topics,
    load_topics,
    parse_topics_bytes,
    tag_sentences,
)
from framing.errors import OptionsError, RegisterError, TopicLexiconError
from framing.render.report import comparison_tables

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "bench" / "devsets" / "readouts"
HEADER = b"topic,label,terms,aliases,zh,rationale,source\n"


def _meeting(name: str) -> tuple[list, list]:
    data = json.loads((DEVSET / name).read_text("utf-8"))
    a, b = data["sides"]
    return data["sides"][a]["sentences"], data["sides"][b]["sentences"]


def test_bundled_lexicon_has_its_36_topics():
    topics = bundled_topics().topics
    assert len(topics) == 36 and topics[3].topic == "taiwan" and topics[3].label == "Taiwan"


@pytest.mark.parametrize("row, message", [
    (b",T,x,,,why,src\n", "row 2: the topic id is empty"),
    (b"Bad Id,T,x,,,why,src\n", "row 2: topic id 'Bad Id' is not valid"),
    (b"t,,x,,,why,src\n", "row 2: the label of topic 't' is empty"),
    (b"t,T,,,,why,src\n", "row 2: topic 't' has no terms"),
    (b"t,T,x,,,,src\n", "row 2: the rationale of topic 't' is empty"),
    (b"t,T,ab*c,,,why,src\n", "row 2: terms form 'ab*c' of topic 't' has '*' inside a word"),
    (b"t,T,x|--,,,why,src\n", "row 2: terms form '--' of topic 't' has no letters"),
    (b"t,T,x,,,why,src\nt,U,y,,,why,src\n", "row 3: topic 't' is already in row 2"),
])
def test_a_bad_row_is_named_with_its_problem(row, message):
    with pytest.raises(TopicLexiconError) as caught:
        parse_topics_bytes(HEADER + row, "mine.csv")
    assert str(caught.value).startswith(f"mine.csv, {message}")
    assert isinstance(caught.value, RegisterError)   # the app and CLI report it like the register's


def test_missing_column_and_missing_file_are_named(tmp_path):
    with pytest.raises(TopicLexiconError, match=r"mine.csv, header row: no column 'rationale'"):
        parse_topics_bytes(b"topic,label,terms,aliases,zh,source\nt,T,x,,,s\n", "mine.csv")
    with pytest.raises(TopicLexiconError, match="no such file; check the path"):
        load_topics(tmp_path / "absent.csv")


def test_extend_replaces_a_topic_by_id_and_replace_keeps_only_yours():
    mine = parse_topics_bytes(HEADER + b"taiwan,Taiwan (mine),formosa,,,my reading,me\nweather,Weather,rain*,,,why,me\n",
                              "mine.csv")
    extended = AgendaOptions(mine).resolve()
    assert len(extended.topics) == 37 and extended.label("taiwan") == "Taiwan (mine)"
    assert [t.topic for t in AgendaOptions(mine, "replace").resolve().topics] == ["taiwan", "weather"]
    assert tag_sentences(["Rainfall on Formosa."], extended) == [{"taiwan": "term", "weather": "term"}]
    with pytest.raises(OptionsError, match="use 'extend' or 'replace'"):
        AgendaOptions(mine, "merge").resolve()


def test_matching_is_on_whole_words_with_hyphen_space_and_prefix_variants():
    assert tag_sentences(["resuming military to military channels", "Stabilizing ties", "Taiwanese tea",
                          "a red-line warning", "防止“台独”"]) == [
        {"communication_channels": "term", "military_to_military": "term"},
        {"relationship_management": "term"}, {}, {"taiwan": "alias"}, {"taiwan": "term"}]


def test_real_readouts_topics_per_sentence():
    us, china = _meeting("2023-09-17-sullivan-wang-yi-malta.json")
    assert tag_sentences(us)[1] == {"communication_channels": "term", "relationship_management": "term"}
    assert tag_sentences(us)[5] == {"taiwan": "term"}      # "peace and stability across the Taiwan Strait"
    assert tag_sentences(china)[2] == {"taiwan": "term"}   # "the Taiwan question is the first red line"
    agenda = build_agenda({"US": us, "China": china}, ("US", "China"))
    assert agenda.shared == ("communication_channels", "relationship_management", "leaders_consensus_summits",
                             "taiwan", "ukraine_russia")
    assert agenda.only == {"US": (), "China": ("south_china_sea", "indo_pacific_regional", "china_development",
                                               "people_to_people", "korean_peninsula")}
    taiwan = dict(agenda.by_side["China"])["taiwan"]
    assert taiwan == [2]


def test_woodside_and_san_francisco_name_one_summit():
    us, china = _meeting("2024-01-27-sullivan-wang-yi-bangkok.json")
    tags_us, tags_china = tag_sentences(us), tag_sentences(china)
    # Woodside names only the 2023 summit's estate: a term; "San Francisco" is also a venue: an alias
    assert "Woodside" in us[3] and tags_us[3]["leaders_consensus_summits"] == "term"
    assert "leaders_consensus_summits" in tags_china[1]


def test_json_and_csv_carry_the_agenda():
    result = compare(load_bundled(), CompareOptions(sides=("US", "China")))
    agenda = result.to_dict()["agenda"]
    # "the fundamental interests of the two peoples" is boilerplate, not people-to-people exchanges;
    # "to reduce the risk of misperception and miscalculation" is how the relationship is run, and
    # "raised a number of issues of concern" is the US airing concerns (the PRC text airs none)
    assert agenda["shared"] == [] and agenda["only"] == {
        "US": ["communication_channels", "relationship_management", "concerns_raised"],
        "China": ["anniversaries_treaties", "taiwan", "china_development"]}
    assert agenda["by_side"]["US"][2] == {"topic": "concerns_raised", "label": "Concerns each side raised",
                                          "sentences": ["raised a number of issues of concern,"]}
    # "at the lowest point since the establishment of diplomatic relations": the history of the ties
    assert agenda["by_side"]["China"][0]["sentences"] == ["are at the lowest point since the establishment of diplomatic relations"]
    assert agenda["by_side"]["China"][1] == {"topic": "taiwan", "label": "Taiwan", "sentences": [
        "The Taiwan issue is the core of China\u2019s core interests, the most important issue in China-US relations "
        "and the most prominent risk,"]}
    table = comparison_tables(result)["agenda"]
    taiwan = table[table["topic"] == "taiwan"].iloc[0]
    assert (taiwan["side"], taiwan["raised"], taiwan["firmness"], taiwan["warmth"]) == ("China", "only China", 4, 0)


def test_cli_topics_options(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_bytes(HEADER + b"risk,Risk,risk*|miscalculation,,,Risk talk,me\n")
    out = subprocess.run([sys.executable, "-m", "framing", "compare", "--topics", str(mine), "--topics-mode", "replace",
                          "--format", "json"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    assert data["agenda"]["shared"] == ["risk"] and data["options"]["agenda"]["custom_lexicon"] == {
        "name": str(mine), "topics": 1}
    bad = subprocess.run([sys.executable, "-m", "framing", "compare", "--topics-mode", "replace"], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "--topics-mode needs --topics PATH" in bad.stderr


def test_timeline_says_which_side_raised_which_topic_when():
    sys.path.insert(0, str(ROOT / "tests"))
    from test_timeline import tiny

    from framing.timeline import agenda_usage, timeline
    results = timeline(tiny(), CompareOptions(sides=("A", "B")))
    assert agenda_usage(results)[["date", "event", "topic", "raised_by", "sentences"]].to_dict("records") == [
        {"date": "2023-02-01", "event": "E2", "topic": "trade", "raised_by": "A", "sentences": 1},
        {"date": "2023-02-01", "event": "E2", "topic": "tariffs", "raised_by": "B", "sentences": 1}]
    e2 = next(r for r in results if r.event == "E2").to_dict()
    assert e2["agenda"]["only"] == {"A": ["trade"], "B": ["tariffs"]}


def test_chinese_forms_match_whole_words_in_either_script():
    # real readout sentences (bench/devsets/chinese: Jakarta 2023, Beijing 2023, Bali 2022, Rio 2019)
    tags = tag_sentences([
        "雙方同意繼續用好這一戰略性溝通渠道。",                       # traditional: 沟通渠道
        "秦刚指出，台湾问题是中国核心利益中的核心。",                  # 核 (nuclear) is no word inside 核心
        "国家主席习近平在印度尼西亚巴厘岛同美国总统拜登举行会晤。",      # 印度 (India) inside 印度尼西亚
        "雙方還就伊朗核、委內瑞拉等共同關心的國際地區問題深入交換了意見。",  # 伊朗核: one jieba word
    ])
    assert tags == [{"communication_channels": "term"}, {"taiwan": "term", "china_development": "term"},
                    {"leaders_consensus_summits": "term"},
                    {"middle_east": "term", "nonproliferation_nuclear": "term"}]


def test_a_form_never_starts_after_a_letter_and_an_apostrophe():
    # held-out set, Singapore 2024 (Xinhua): "Ren'ai Reef" holds no "AI"; "AI's" still names the topic
    assert tag_sentences(["The Chinese side stated its position on Ren'ai Reef.", "the risks of AI\u2019s misuse",
                          "China's AI governance initiative"]) == [
        {"south_china_sea": "term"}, {"ai": "term"}, {"ai": "term"}]
