import json

from framing.inputs.bundled import CORPUS_DIR, DEFAULT_EVENT, load_bundled

ARTICLE = (CORPUS_DIR / "sources" / "wion-2023-06-18-blinken-qin.txt").read_text(encoding="utf-8")


def test_every_statement_is_the_articles_exact_words_at_its_position():
    corpus = load_bundled()
    assert corpus.events == [DEFAULT_EVENT]
    # the PRC readout in Chinese and its official English (issue 13) are two more sides, from their own file
    assert corpus.sides == ["media", "US", "China", "China (original)", "China (official English)"]
    corpus = corpus.select(sides=["media", "US", "China"])
    for doc in corpus:
        assert ARTICLE[doc.start:doc.end] == doc.text
    starts = [d.start for d in corpus]
    assert starts == sorted(starts)


def test_who_speaks():
    corpus = load_bundled()
    us = corpus.texts("US")
    china = corpus.texts("China")
    assert us[0] == "candid, substantive, and constructive talks"
    assert us[-1] == "candid, substantive, and constructive"
    assert china[-1] == "candid, in-depth and constructive."
    assert china[2].startswith("The Taiwan issue is the core of China\u2019s core interests")
    assert (len(us), len(china), len(corpus.texts("media"))) == (6, 4, 13)


def test_build_script_reproduces_the_committed_file():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build", CORPUS_DIR / "build_blinken_qin.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = [json.loads(line) for line in (CORPUS_DIR / "blinken-qin-2023-06-18.jsonl").read_text(encoding="utf-8").splitlines()]
    assert module.build() == committed


def test_the_chinese_readout_file_is_what_its_build_script_makes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_zh", CORPUS_DIR / "build_blinken_qin_zh.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = [json.loads(line) for line in module.OUT.read_text(encoding="utf-8").splitlines()]
    assert module.build() == committed
    assert [r["side"] for r in committed] == ["China (original)", "China (official English)"]
    assert "进行了长时间坦诚、深入、建设性沟通。" in committed[0]["text"]
