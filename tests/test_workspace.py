"""Workspaces: save -> load gives exactly the same documents and settings; bad files are named and explained."""
from __future__ import annotations

import json

import events_fixture
import pytest

from framing import CorpusError, load_bundled, parse_corpus_bytes
from framing.inputs.corpus import Corpus, Document, RejectedRow
from framing.inputs.workspace import (
    WORKSPACE_VERSION,
    is_workspace,
    load_workspace,
    parse_workspace_bytes,
    save_workspace,
    workspace_dict,
)

SETTINGS = {"ngram": "1-2", "stop_words": "none", "side_a": "US", "side_b": "China", "event": "Round 03, Bali",
            "threshold": "0.35", "term": "candid"}
ODD = Document(event="Talks “in Bern”, 2024", side="Side, A", text='Line one.\n\nLine "two" — é, 中文, \\ and\ttab.',
               date="2024-02-01", source="MFA", speaker="Wang", title="Readout", url="https://x.example/a?b=1&c=2",
               doc_id="7", start=10, end=52)


def test_round_trip_is_exact_for_the_fixture_corpus_and_settings(tmp_path):
    corpus = parse_corpus_bytes(events_fixture.csv_bytes(), "events.csv").strict()
    corpus = corpus.concat(Corpus((ODD,)))
    path = tmp_path / "workspace.json"
    path.write_bytes(save_workspace(corpus, SETTINGS))
    loaded = load_workspace(path)
    assert loaded.corpus == corpus  # every document, every field, in order
    assert loaded.settings == SETTINGS and not loaded.rejected
    assert loaded.strict() is loaded


def test_round_trip_is_exact_for_the_bundled_event_with_offsets():
    corpus = load_bundled()
    assert any(d.start is not None for d in corpus)
    assert parse_workspace_bytes(save_workspace(corpus), "w.json").corpus == corpus


def test_the_file_is_versioned_json_with_empty_fields_left_out():
    data = save_workspace(Corpus((Document(event="e", side="A", text="Frank talks."),)), {"top": "10"})
    assert json.loads(data) == {"framing_workspace": WORKSPACE_VERSION, "settings": {"top": "10"},
                                "documents": [{"event": "e", "side": "A", "text": "Frank talks."}]}
    assert workspace_dict(Corpus(), {}) == {"framing_workspace": 1, "settings": {}, "documents": []}
    assert is_workspace(data) and not is_workspace(b"side,text\nA,b\n")


def test_settings_must_be_text_when_saving():
    with pytest.raises(ValueError, match="setting 'top' is int, not text"):
        save_workspace(Corpus(), {"top": 10})


def _load(body) -> str:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    with pytest.raises(CorpusError) as caught:
        parse_workspace_bytes(data, "w.json")
    return str(caught.value)


DOC = {"event": "e", "side": "A", "text": "Frank talks."}


@pytest.mark.parametrize("body,message", [
    (b"", "w.json: the file is empty; choose a workspace file saved by framing (.json)"),
    (b'{"framing_workspace": 1,\n "documents": [}', "w.json, line 2 column 16: not valid JSON (Expecting value); "
                                                   "choose a workspace file saved by framing, unchanged"),
    ([DOC], "w.json: is JSON but not a framing workspace (no 'framing_workspace' key); choose a file saved with "
            "“Save workspace”, or upload a corpus as CSV or JSONL"),
    ({"framing_workspace": "1", "documents": [DOC]},
     "w.json, framing_workspace: '1' is not a workspace version; it should be 1: save the workspace again"),
    ({"framing_workspace": 2, "documents": [DOC]},
     "w.json: workspace version 2 was saved by a newer framing (this one reads version 1); update framing to open it"),
    ({"framing_workspace": 1, "settings": ["top"], "documents": [DOC]},
     'w.json, settings: is a list, not an object; write settings as {"name": "value", ...} or remove them'),
    ({"framing_workspace": 1, "settings": {"top": 10}, "documents": [DOC]},
     "w.json, settings.top: is a number, not text; write the value in quotes or remove the setting"),
    ({"framing_workspace": 1}, "w.json, documents: is missing; a workspace needs a list of documents"),
    ({"framing_workspace": 1, "documents": {}}, "w.json, documents: is an object, not a list; a workspace needs a "
                                                "list of documents"),
    ({"framing_workspace": 1, "documents": []}, "w.json, documents: the list is empty; save a workspace with at "
                                                "least one document per side"),
])
def test_bad_workspace_files_name_the_place_the_problem_and_the_fix(body, message):
    assert _load(body) == message


def test_binary_file_is_refused_like_any_upload():
    assert _load(b"\x89PNG\r\n\x1a\n\x00") == (
        "w.json: byte 0 (0x89) is not valid UTF-8; re-save the file as UTF-8 (or UTF-16 with a byte-order mark)")


def test_unusable_documents_are_rejected_one_by_one_and_the_rest_kept():
    body = {"framing_workspace": 1, "documents": [
        DOC, "text", {**DOC, "side": ""}, {**DOC, "text": "  "}, {**DOC, "date": 2023}, {**DOC, "start": -1},
        {"side": "A", "text": "No event."}, {**DOC, "notes": "kept aside", "side": "B"}]}
    loaded = parse_workspace_bytes(json.dumps(body).encode(), "w.json")
    assert loaded.corpus.documents == (Document(**DOC), Document(**{**DOC, "side": "B"}))  # unknown keys ignored
    assert loaded.rejected == (
        RejectedRow("w.json", "document 2", 'is text, not an object; write each document as '
                                            '{"event": ..., "side": ..., "text": ...}'),
        RejectedRow("w.json", "document 3", "its 'side' is empty; fill in which side said it"),
        RejectedRow("w.json", "document 4", "its 'text' is empty; add the text or delete the document"),
        RejectedRow("w.json", "document 5", "its 'date' is a number, not text; write it in quotes"),
        RejectedRow("w.json", "document 6", "its 'start' is -1, not a character offset; use a whole number from 0, "
                                            "or leave it out"),
        RejectedRow("w.json", "document 7", "its 'event' is empty; name the event it belongs to"),
    )
    with pytest.raises(CorpusError, match=r"^w.json, document 2: is text, not an object.* \(5 more document\(s\) "
                                          r"rejected too\)$"):
        loaded.strict()


def test_missing_file_is_named(tmp_path):
    with pytest.raises(CorpusError, match="nope.json: no such file; check the path"):
        load_workspace(tmp_path / "nope.json")
