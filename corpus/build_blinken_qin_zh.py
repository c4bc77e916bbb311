"""Build ``blinken-qin-2023-06-18.prc-original.jsonl``: the PRC readout of the Blinken-Qin talks in the
original Chinese, and its official English, as two more sides of the bundled event.

Texts are copied exactly as the stored public pages have them (ASCII commas in the Chinese included);
see corpus/README.md for the addresses. Run ``python corpus/build_blinken_qin_zh.py`` to rewrite the file.
"""
from __future__ import annotations

import json
from pathlib import Path

EVENT = "Blinken-Qin talks, Beijing, 2023-06-18"
HERE = Path(__file__).resolve().parent
OUT = HERE / "blinken-qin-2023-06-18.prc-original.jsonl"
ORIGINAL_URL = "https://www.chubun.com/modules/article/view.article.php/202579/c1"
ENGLISH_URL = "https://forumnews-sl.com/qin-gang-holds-talks-with-u-s-secretary-of-state-antony-blinken"

ORIGINAL = "\n".join([
    "6月18日,国务委员兼外长秦刚在北京同美国国务卿布林肯举行会谈。",
    "据央视报道,秦刚表示,当前,中美关系处在建交以来的最低谷,这不符合两国人民根本利益,也不符合国际社会共同期待。"
    "中方对美政策始终保持连续性和稳定性,根本遵循是习近平主席提出的相互尊重、和平共处、合作共赢原则,"
    "这也应该是双方共同坚持的精神、共同守住的底线、共同追求的目标。中方致力于构建稳定、可预期、建设性的中美关系。"
    "希望美方秉持客观理性的对华认知,与中方相向而行,维护好中美关系的政治基础,冷静、专业、理性处理意外偶发事件。"
    "双方应不折不扣落实习近平主席和拜登总统巴厘岛会晤共识,推动中美关系止跌企稳,重回正轨。",
    "秦刚就台湾问题等中方核心利益和重大关切阐明严正立场,提出明确要求。秦刚指出,台湾问题是中国核心利益中的核心,"
    "是中美关系最重大的问题,也是最突出的风险,中方敦促美方恪守一个中国原则和中美三个联合公报,"
    "将不支持“台独”的承诺真正落到实处。",
    "双方就中美总体关系及有关重要问题进行了长时间坦诚、深入、建设性沟通。"
    "双方同意共同落实两国元首巴厘岛会晤达成的重要共识,有效管控分歧,推进对话交流合作。",
    "双方同意保持高层交往。布林肯国务卿邀请秦刚国务委员兼外长访美,秦刚表示愿在双方方便时访美。",
    "双方同意继续推进中美关系指导原则磋商。",
    "双方同意继续推进中美联合工作组磋商,解决中美关系中的具体问题。",
    "双方同意鼓励扩大两国人文和教育交流,就增加中美之间客运航班进行积极探讨,欢迎更多学生、学者、工商界人士到彼此国家互访,"
    "并为此提供支持和便利。",
    "双方还就共同关心的重大国际和地区问题交换了看法。",
])

# The stored page is cut inside the sentence after this one ("Both sides agreed to jointly implement ...").
ENGLISH = "\n".join([
    "On June 18, State Councilor and Foreign Minister Qin Gang held talks with U.S. Secretary of State Antony "
    "Blinken in Beijing.",
    "Qin pointed out that the China-U.S. relationship is at the lowest point since its establishment. This does not "
    "serve the fundamental interests of the two peoples or meet the shared expectations of the international "
    "community. China\u2019s policy toward the U.S. remains consistent and stable. It is fundamentally guided by the "
    "principles of mutual respect, peaceful coexistence and win-win cooperation put forward by President Xi Jinping. "
    "These principles should also be the spirit jointly upheld, the red line jointly defended and the goal jointly "
    "pursued by both sides. China is committed to building a stable, predictable and constructive relationship with "
    "the U.S. China hopes that the U.S. will adopt an objective and rational perception of China, work with China in "
    "the same direction, uphold the political foundation of China-U.S. relations, and handle unexpected and sporadic "
    "events in a calm, professional and rational manner. The two sides should deliver on the common understandings "
    "reached by President Xi and President Biden in Bali in letter and spirit, and work to stabilize and steer the "
    "relations back to the right track.",
    "Qin expounded on China\u2019s firm position and raised clear demands on the Taiwan question and other core "
    "interests and major concerns. Qin pointed out that the Taiwan question is the core of China\u2019s core "
    "interests, the most consequential issue and the most pronounced risk in the China-U.S. relationship. The Chinese "
    "side urged the U.S. side to abide by the one-China principle and the three China-U.S. joint communiqu\u00e9s, and "
    "truly deliver on its commitment of not supporting \u201cTaiwan independence.\u201d",
    "The two sides had candid, in-depth and constructive talks at length on the overall bilateral ties and important "
    "issues.",
])


def build() -> list[dict]:
    """The file's records, in order."""
    return [
        {"event": EVENT, "date": "2023-06-18", "side": "China (original)", "text": ORIGINAL,
         "source": "PRC Ministry of Foreign Affairs readout, as carried by CCTV (reprint: chubun.com)",
         "speaker": "PRC Ministry of Foreign Affairs", "title": "秦刚同美国国务卿布林肯举行会谈", "url": ORIGINAL_URL,
         "doc_id": "bq-zh-01"},
        {"event": EVENT, "date": "2023-06-18", "side": "China (official English)", "text": ENGLISH,
         "source": "PRC Ministry of Foreign Affairs English readout (reprint: forumnews-sl.com, cut off by the page)",
         "speaker": "PRC Ministry of Foreign Affairs",
         "title": "Qin Gang Holds Talks with U.S. Secretary of State Antony Blinken", "url": ENGLISH_URL,
         "doc_id": "bq-zh-02"},
    ]


if __name__ == "__main__":
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in build()), encoding="utf-8")
