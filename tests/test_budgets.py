"""Budgets of a hosted app (app/budgets.py) and the server-wide gate on heavy comparisons (app/compute.py).

The AppTest tests set a budget through its environment variable (the host's way), so they also check
that every override is read. The gate tests use real threads and events: the second holder is shown
to wait because it has called ``on_wait`` and not entered, and to go on once the first leaves; no
timing is asserted.
"""
from __future__ import annotations

import os
import threading
from dataclasses import fields
from pathlib import Path

import pytest
from app_support import no_exception, start_app

import dashboard
import framing
from app import budgets, compute
from app.budgets import CLI_FIX, ENV, Budgets
from app.safe import md
from framing.errors import CorpusError, OptionsError

SIDE_A = "The talks were candid and constructive. Both sides discussed trade and tariffs at length. " * 12
SIDE_B = "The meeting was frank and in-depth. Trade came up, and so did the climate. " * 3


def _private_results(at) -> list:
    """What the session's comparison store holds (app/compute.ResultStore), oldest first."""
    try:
        store = at.session_state[dashboard.PRIVATE_RESULTS]
    except KeyError:
        return []
    return list(store["packed"])


def _paste(at, a: str = SIDE_A, b: str = SIDE_B):
    at.text_area(key="paste_a").input(a)
    return at.text_area(key="paste_b").input(b).run()


# ---- the budgets and their variables ----------------------------------------------------------------

def test_every_budget_has_a_variable_and_each_variable_overrides_its_default():
    assert set(ENV) == {f.name for f in fields(Budgets)}
    assert all(name.startswith("FRAMING_") for name in ENV.values())
    overridden = Budgets.from_env({variable: str(1000 + i) for i, variable in enumerate(ENV.values())})
    assert [getattr(overridden, field) for field in ENV] == [1000 + i for i in range(len(ENV))]
    assert Budgets.from_env({}) == Budgets()
    assert Budgets.from_env({"FRAMING_MAX_CHARS_PER_SIDE": "2_000_000"}).chars_per_side == 2_000_000
    with pytest.raises(ValueError, match=r"FRAMING_MAX_HEAVY='two' is not a whole number"):
        Budgets.from_env({"FRAMING_MAX_HEAVY": "two"})
    with pytest.raises(ValueError, match="FRAMING_MAX_HEAVY=0 is too small"):
        Budgets.from_env({"FRAMING_MAX_HEAVY": "0"})


def test_every_budget_variable_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for variable in ENV.values():
        assert f"| `{variable}` |" in readme, variable


def test_ngram_range_is_limited_by_the_size_of_the_input():
    limits = Budgets(bigram_chars=200, trigram_chars=100)
    budgets.check_options(100, (1, 3), 20, limits)
    budgets.check_options(200, (2, 2), 20, limits)
    with pytest.raises(OptionsError) as over:
        budgets.check_options(101, (1, 3), 20, limits)
    assert over.value.setting == "ngram" and str(over.value) == (
        "n-grams of up to 3 words on 101 characters: this app allows them on at most 100 characters (2 words on "
        f"at most 200); choose a shorter n-gram range (up to 2), {CLI_FIX}")
    with pytest.raises(OptionsError) as over:
        budgets.check_options(201, (1, 2), 20, limits)
    assert str(over.value) == ("n-grams of up to 2 words on 201 characters: this app allows them on at most 200 "
                               f"characters; choose a shorter n-gram range (up to 1), {CLI_FIX}")
    with pytest.raises(OptionsError) as over:
        budgets.check_options(201, (1, 1), 21, Budgets(top_chars=200))
    assert over.value.setting == "top"


def test_corpus_budgets_name_the_limit():
    corpus = framing.corpus_from_texts({"A": ["x" * 60, "y" * 50], "B": "z" * 20})
    budgets.check_corpus(corpus, Budgets(chars_per_side=110, chars_total=130, documents=3))
    cases = {Budgets(chars_per_side=109): "side 'A' holds 110 characters of text, over this app's limit of 109 a side",
             Budgets(chars_total=129): "the texts hold 130 characters, over this app's limit of 129 a session",
             Budgets(documents=2): "the texts hold 3 documents, over this app's limit of 2 a session"}
    for limits, problem in cases.items():
        with pytest.raises(CorpusError) as over:
            budgets.check_corpus(corpus, limits, setting="file")
        assert (over.value.problem, over.value.fix, over.value.setting) == (problem, CLI_FIX, "file")
    assert budgets.compared_chars(corpus, None, ("A", "B")) == 130
    assert budgets.compared_chars(corpus, "pasted text", ("A",)) == 110


# ---- the dashboard: over a budget, the message and nothing computed ---------------------------------

def test_paste_over_the_characters_budget_shows_the_budget_message_and_computes_nothing(monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_CHARS_PER_SIDE", "1000")
    at = _paste(start_app(source="paste"))
    no_exception(at)
    assert len(SIDE_A.strip()) == 1079
    assert [e.value for e in at.error] == [md(
        f"side 'Side A' holds 1,079 characters of text, over this app's limit of 1,000 a side; {CLI_FIX}")]
    assert not at.get("plotly_chart") and _private_results(at) == []
    assert at.header[0].value == "framing: how each side told it"
    monkeypatch.setenv("FRAMING_MAX_CHARS_PER_SIDE", "2000")  # the host raises it: the next run compares
    at.run()
    no_exception(at)
    assert not at.error and at.header[0].value == "Side A vs Side B" and len(_private_results(at)) == 1


def test_upload_over_the_bytes_budget_is_refused_before_reading_with_its_setting(monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_UPLOAD_MB", "1")
    at = start_app(source="upload")
    big = b"side,text\n" + b"Alpha,\"" + b"Trade was discussed. " * 30_000 + b"\"\n"  # 630,017 bytes
    at.file_uploader(key="upload").set_value([("one.csv", big, "text/csv"), ("two.csv", big, "text/csv")]).run()
    no_exception(at)
    assert [e.value for e in at.error] == [md(
        f"the 2 files hold 1.2 MB together, over this app's limit of 1 MB of uploads a session; {CLI_FIX}")]
    assert [c.value for c in at.caption if c.value.startswith("Change")] == [
        "Change “CSV, JSONL or TXT files” in the sidebar."]
    assert not at.get("plotly_chart") and _private_results(at) == []


def test_ngram_setting_over_its_budget_names_the_ngram_widget(monkeypatch):
    monkeypatch.setenv("FRAMING_MAX_CHARS_TRIGRAMS", "1000")
    at = _paste(start_app(source="paste", ngram="1-3"))
    no_exception(at)
    assert [e.value for e in at.error] == [md(
        "n-grams of up to 3 words on 1,303 characters: this app allows them on at most 1,000 characters (2 words "
        f"on at most 1,500,000); choose a shorter n-gram range (up to 2), {CLI_FIX}")]
    assert "Change “Word n-grams (min, max)” in the sidebar." in [c.value for c in at.caption]
    assert not at.get("plotly_chart") and _private_results(at) == []


def test_heavy_comparison_runs_in_a_worker_and_is_kept_compact_per_session(monkeypatch):
    monkeypatch.setenv("FRAMING_HEAVY_CHARS", "0")  # every comparison is heavy: through the gate and a worker
    at = _paste(start_app(source="paste"))
    no_exception(at)
    assert not at.error and at.header[0].value == "Side A vs Side B"
    expected = framing.compare(framing.corpus_from_texts({"Side A": [SIDE_A.strip()], "Side B": [SIDE_B.strip()]},
                                                         event=dashboard.PASTE_EVENT),
                               dashboard.compare_options(at.session_state, dashboard.PASTE_EVENT, ("Side A", "Side B")))
    [blob] = at.session_state[dashboard.PRIVATE_RESULTS]["packed"].values()
    assert compute.unpack(blob).to_dict() == expected.to_dict()
    assert compute.gate(1).pool() is not None  # the server's pool exists (it has run the comparison)


def test_result_store_keeps_the_live_result_and_a_bounded_number_packed():
    state: dict = {}
    store = compute.ResultStore(state, "k", entries=2)
    for n in range(4):
        assert store.put(f"id{n}", compute.pack({"n": n})) == {"n": n}
    assert store.idents() == ["id2", "id3"] and store.get("id0") is None
    assert store.get("id2") == {"n": 2} and state["k"]["live"][0] == "id2"
    assert store.idents() == ["id3", "id2"]


# ---- the server-wide gate -----------------------------------------------------------------------------

def test_the_gate_makes_a_second_comparison_wait_until_a_slot_frees():
    gate = compute.HeavyGate(1)
    first_in, release_first = threading.Event(), threading.Event()
    second_waiting, second_in, second_done = threading.Event(), threading.Event(), threading.Event()

    def first():
        with gate.slot():
            first_in.set()
            release_first.wait(60)

    def second():
        with gate.slot(on_wait=second_waiting.set):
            second_in.set()
        second_done.set()

    a = threading.Thread(target=first)
    a.start()
    assert first_in.wait(60)
    b = threading.Thread(target=second)
    b.start()
    assert second_waiting.wait(60)  # told to wait: the one slot is held
    assert not second_in.is_set() and gate.free == 0
    release_first.set()
    assert second_in.wait(60) and second_done.wait(60)  # the slot freed: it went on
    a.join(60)
    b.join(60)
    assert gate.free == 1


def test_a_free_slot_does_not_wait_and_two_slots_hold_two():
    gate = compute.HeavyGate(2)
    waited = []
    with gate.slot(on_wait=lambda: waited.append(1)):
        with gate.slot(on_wait=lambda: waited.append(2)):
            assert gate.free == 0
    assert waited == [] and gate.free == 2


def test_worker_process_returns_the_same_comparison_and_raises_the_library_errors():
    gate = compute.HeavyGate(1)
    try:
        corpus = framing.corpus_from_texts({"A": SIDE_A, "B": SIDE_B})
        assert gate.run(framing.compare, corpus).to_dict() == framing.compare(corpus).to_dict()
        with pytest.raises(CorpusError) as raised:
            gate.run(framing.compare, corpus, framing.CompareOptions(sides=("A", "C")))
        assert raised.value.setting == "sides"
        # the worker defers to the server's process for the CPU
        assert gate.run(os.nice, 0) == min(19, os.nice(0) + compute.WORKER_NICENESS)
    finally:
        gate.shutdown()
