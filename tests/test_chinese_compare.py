"""compare() with Chinese sides (issue 13): languages, the cross-language diff in canonical English,
Chinese against Chinese on jieba words, the register in Chinese, no VADER number on Chinese.

Real readouts from the Chinese development set (bench/devsets/chinese/, addresses in its README):
Anchorage 2021 (traditional, pinyin inserted inside 建設(shè)性), Langfang 2022 (traditional, Taiwan's CNA,
a stray space after a comma), Jakarta 2023 (traditional, the misprint “灰犀?!?, mojibake 當?shù)貢r間),
Tianjin 2021 (traditional; 強烈不滿, 踩紅線, 玩火挑釁), and the bundled PRC readout of 18 June 2023.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing import CompareOptions, compare, corpus_from_texts, load_bundled
from framing.analyses.register import (
    RegisterOptions,
    bundled_lexicon_zh,
    match_register_zh,
    parse_lexicon_bytes,
)
from framing.analyses.register.lexicon import bundled_sources

DEVSET = Path(__file__).resolve().parent.parent / "bench" / "devsets" / "chinese"


def _readout(name: str) -> str:
    return "".join(json.loads((DEVSET / f"{name}.json").read_text(encoding="utf-8"))["original"]["sentences"])


ANCHORAGE = _readout("2021-03-19-anchorage-strategic-dialogue")
LANGFANG = _readout("2022-12-12-xie-feng-kritenbrink-langfang")
JAKARTA = _readout("2023-07-13-wang-yi-blinken-jakarta")
TIANJIN = _readout("2021-07-26-xie-feng-sherman-tianjin")


@pytest.fixture(scope="module")
def crossed():
    return compare(load_bundled(), CompareOptions(sides=("US", "China (original)")))


def test_us_english_against_the_prc_chinese_original_diffs_in_canonical_english(crossed):
    d = crossed.to_dict()
    assert d["lengths"]["US"]["language"] == "en" and d["lengths"]["China (original)"]["language"] == "zh"
    assert d["lengths"]["China (original)"] == {"documents": 1, "words": 304, "sentences": 16, "language": "zh"}
    assert d["descriptors"]["shared"] == ["candid", "constructive"]
    # 长时间 (lengthy) is about length, not character: the duration facet, never in the diff (issue 11 item 5)
    assert d["descriptors"]["only"] == {"US": ["substantive"], "China (original)": ["in-depth"]}
    assert d["descriptor_duration"]["by_side"] == {"US": [], "China (original)": ["lengthy"]}
    assert [(e["descriptor"], e["surface"]) for e in d["descriptor_duration"]["evidence"]["China (original)"]] == [
        ("lengthy", "长时间")]
    evidence = d["descriptors"]["evidence"]["China (original)"]
    assert [(e["descriptor"], e["surface"], e["form"]) for e in evidence] == [
        ("candid", "坦诚", "attributive"), ("in-depth", "深入", "attributive"),
        ("constructive", "建设性", "attributive")]
    assert evidence[0]["sentence"] == "双方就中美总体关系及有关重要问题进行了长时间坦诚、深入、建设性沟通。"


def test_across_languages_overlap_and_distinctive_terms_are_flagged_not_comparable(crossed):
    d = crossed.to_dict()
    assert d["cross_language"] is True
    assert d["overlap"]["comparable"] is False and d["distinctive_summary"]["comparable"] is False
    assert d["overlap"]["cosine"] == 0.0   # kept as computed: no word is shared, which says nothing
    assert [t["term"] for t in d["per_side_terms"]["China (original)"][:4]] == ["中美关系", "共同", "秦刚", "问题"]
    assert d["per_side_terms"]["US"][0] == {"term": "issues", "count": 3}
    assert d["warnings"][0] == (
        "Side 'US' is in English and side 'China (original)' in Chinese: word overlap and distinctive terms are not "
        "comparable across languages (flagged comparable: false; each side's own terms are shown instead); "
        "descriptors are compared in canonical English, each Chinese form kept as evidence.")


def test_chinese_sentences_get_no_vader_number_and_the_json_says_why(crossed):
    d = crossed.to_dict()
    china = d["sentiment"]["China (original)"]
    assert (china["mean"], china["ci_low"], china["ci_high"], china["n_sentences"]) == (None, None, None, 0)
    assert china["unscored_sentences"] == 16
    assert china["reason"].startswith("VADER is an English lexicon: a Chinese sentence has none of its words")
    assert d["sentiment"]["US"]["reason"] is None and d["sentiment"]["US"]["unscored_sentences"] == 0
    assert not any("has 0 sentence(s)" in w for w in d["warnings"])
    assert "Side 'China (original)' has 16 Chinese sentence(s) that VADER does not score: it is an English lexicon " \
           "and its tone mean is left empty." in d["warnings"]


def test_a_mixed_side_gets_vader_on_its_english_sentences_only():
    c = compare(corpus_from_texts({"A": ["The talks were candid.", "会谈是坦诚的。"], "B": ["The talks were useful."]}))
    d = c.to_dict()
    assert d["lengths"]["A"]["language"] == "mixed" and d["languages"]["A"]["documents"] == {"en": 1, "zh": 1}
    assert d["sentiment"]["A"]["n_sentences"] == 1 and d["sentiment"]["A"]["unscored_sentences"] == 1
    assert d["descriptors"]["by_side"]["A"] == ["candid"]
    assert [e["surface"] for e in d["descriptors"]["evidence"]["A"]] == ["candid", "坦诚"]
    assert d["cross_language"] is True   # mixed against English: the Chinese words share nothing


def test_chinese_against_chinese_counts_jieba_words_in_simplified_form():
    # two traditional-character readouts, one with pinyin inserted inside a word (建設(shè)性)
    d = compare(corpus_from_texts({"Anchorage": [ANCHORAGE], "Langfang": [LANGFANG]})).to_dict()
    assert d["cross_language"] is False and d["overlap"]["comparable"] is True
    assert d["languages"]["Anchorage"]["script"] == "traditional"
    assert [t["term"] for t in d["overlap"]["shared_terms"]][:8] == [
        "进行", "双方", "表示", "问题", "双边关系", "坦诚", "建设性", "重要"]
    assert d["overlap"]["cosine"] == pytest.approx(0.075, abs=5e-4)
    assert d["descriptors"]["by_side"] == {"Anchorage": ["candid", "constructive", "useful"],
                                           "Langfang": ["in-depth", "extensive", "candid", "constructive"]}
    assert d["descriptor_duration"]["by_side"] == {"Anchorage": ["lengthy"], "Langfang": []}
    surfaces = [e["surface"] for e in d["descriptors"]["evidence"]["Anchorage"]]
    assert surfaces == ["坦誠", "建設(shè)性", "有益"]   # quoted as written, damage and all
    assert d["lengths"]["Langfang"] == {"documents": 1, "words": 107, "sentences": 3, "language": "zh"}


def test_register_in_chinese_on_real_readouts_traditional_characters_and_a_misprint():
    d = compare(corpus_from_texts({"Jakarta": [JAKARTA], "Tianjin": [TIANJIN]})).to_dict()
    tianjin = d["register"]["by_side"]["Tianjin"]
    assert [(m["phrase"], m["matched"]) for m in tianjin["matches"]] == [
        ("开诚布公", "開誠布公"), ("深入交换意见", "深入交換了意見"), ("建设性", "建設性"), ("强烈不满", "強烈不滿"),
        ("红线", "踩紅線"), ("玩火", "玩火挑釁"), ("深入", "深入"), ("坦率", "坦率"), ("有益", "是有益的")]
    assert tianjin["profile"]["firmness"] == 6 and tianjin["counts"]["firmness"] == 3
    strong = next(m for m in tianjin["matches"] if m["phrase"] == "强烈不满")
    assert strong["status"] == "sourced" and strong["sources"][0]["source_id"] == "newton-wjky"
    assert TIANJIN[strong["start"]:strong["end"]] == "強烈不滿"
    jakarta = d["register"]["by_side"]["Jakarta"]
    assert "“灰犀?!?" in JAKARTA   # the misprint is read past: the matches after it are found
    assert [m["matched"] for m in jakarta["matches"]] == ["深入", "坦誠", "務實", "嚴正立場", "積極", "坦誠", "務實", "建設性的"]
    assert not any("has 0 sentence(s)" in w for w in d["warnings"])


def test_chinese_register_matching_respects_word_boundaries_negation_and_damage():
    def found(text):
        return [(m.phrase, m.matched, m.negated) for m in match_register_zh(text)]
    assert found("会谈并不坦诚。") == [("坦诚", "坦诚", True)]
    assert found("会谈不是建设性的。") == [("建设性", "建设性的", True)]
    assert found("双方开展务实合作。") == []            # 务实合作: one jieba word, a field of cooperation
    assert found("显微镜下的红线虫。") == []            # 红线 is not a word of 红线虫
    assert found("这次会谈坦 诚、建設(shè)性。") == [("坦诚", "坦 诚", False), ("建设性", "建設(shè)性", False)]
    assert found("不,会谈是坦诚的。") == [("坦诚", "坦诚", False)]   # the negator is in another clause
    assert found("台湾问题是中国核心利益中的核心。") == [("核心利益中的核心", "核心利益中的核心", False)]


def test_the_chinese_rows_are_validated_and_an_analysts_row_wins():
    bundled = bundled_lexicon_zh()
    assert bundled.summary() == {"name": "bundled (Chinese)", "rows": 32, "sourced": 17, "unsourced": 15}
    assert all(v != e.phrase for e in bundled.entries for v in e.variants)   # no row lists itself as a variant
    mine = parse_lexicon_bytes("phrase,variants,dimension,score,rationale,source_ids,status\n"
                               "坦诚,,warmth,2,my reading,,unsourced\n".encode(), "mine.csv", bundled_sources())
    c = compare(corpus_from_texts({"A": ["会谈是坦诚的。"], "B": ["会谈是建设性的。"]}),
                CompareOptions(register=RegisterOptions(lexicon=mine, mode="extend")))
    assert [(m.phrase, m.dimension, m.origin) for m in c.register["A"].matches] == [("坦诚", "warmth", "mine.csv")]
    assert [m.phrase for m in c.register["B"].matches] == ["建设性"]   # the bundled rows stay
    c = compare(corpus_from_texts({"A": ["会谈是坦诚的。"], "B": ["会谈是建设性的。"]}),
                CompareOptions(register=RegisterOptions(lexicon=mine, mode="replace")))
    assert [m.phrase for m in c.register["B"].matches] == []


@pytest.mark.parametrize("text, descriptors", [
    ("双方同意就增加航班进行积极探讨。", []),                       # an agreed future exchange
    ("双方同意加强务实合作。", []),                                 # a topic
    ("中方致力于构建稳定、可预期、建设性的中美关系。", []),           # a goal for the relationship
    ("双方应以建设性方式处理分歧。", []),                           # a manner of handling, wished for
    ("双方保持战略沟通。", []),                                     # the name of a channel
    ("会谈是坦 誠、深入的。", ["candid", "in-depth"]),               # a stray space, traditional characters
    ("會談是坦誠的、務實的。", ["candid", "pragmatic"]),             # 的 before the joiner (fixed in this issue)
    ("双方开展务实的、建设性的合作。", []),                         # the same list on a topic
])
def test_non_descriptor_uses_give_no_descriptor_in_compare(text, descriptors):
    c = compare(corpus_from_texts({"A": [text], "B": ["The talks were candid."]}))
    assert c.descriptors["A"] == descriptors


def test_the_cli_text_summary_says_not_comparable_and_shows_each_sides_terms(crossed):
    from framing.cli import render_text
    text = render_text(crossed)
    assert "TF-IDF overlap: not comparable (the sides are in two languages)" in text
    assert "China (original): 304 words, 16 sentences; no VADER score (Chinese: VADER is an English lexicon)" in text
    assert "Most frequent in China (original): 中美关系 (7), 共同 (6), 秦刚 (6), 问题 (6)," in text
    assert "Distinctive of" not in text
