import codecs
import json

import pytest

from framing.inputs.corpus import (
    Corpus,
    CorpusError,
    Document,
    corpus_from_texts,
    load_corpus,
    parse_corpus_bytes,
)

CSV = "event,side,text,date\nE1,US,The talks were candid.,2023-06-18\nE1,China,\"Talks were in-depth,\nand candid.\",2023-06-18\n"


def test_csv_rows_become_documents_with_optional_fields_and_multiline_cells():
    result = parse_corpus_bytes(CSV.encode(), "talks.csv")
    assert result.rejected == ()
    docs = result.corpus.documents
    assert [(d.event, d.side, d.text, d.date) for d in docs] == [
        ("E1", "US", "The talks were candid.", "2023-06-18"),
        ("E1", "China", "Talks were in-depth,\nand candid.", "2023-06-18"),
    ]
    assert result.corpus.sides == ["US", "China"]


@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF8 + CSV.encode("utf-8"),
    CSV.encode("utf-16"),  # with BOM
    codecs.BOM_UTF16_BE + CSV.encode("utf-16-be"),
])
def test_boms_are_decoded(encoded):
    assert [d.side for d in parse_corpus_bytes(encoded, "talks.csv").corpus] == ["US", "China"]


def test_latin1_is_a_clear_error():
    with pytest.raises(CorpusError) as err:
        parse_corpus_bytes("side,text\nUS,caf\u00e9\n".encode("latin-1"), "old.csv")
    assert str(err.value) == ("old.csv: byte 16 (0xe9) is not valid UTF-8; "
                              "re-save the file as UTF-8 (or UTF-16 with a byte-order mark)")


def test_nul_bytes_look_binary():
    with pytest.raises(CorpusError, match=r"^x\.csv: contains NUL bytes, so it looks like a binary file"):
        parse_corpus_bytes(b"side,text\x00\x01\x02", "x.csv")


def test_missing_column_names_file_header_and_fix():
    with pytest.raises(CorpusError) as err:
        parse_corpus_bytes(b"party,body\nUS,hello\n", "talks.csv")
    assert str(err.value) == ("talks.csv, header row: no column 'side'; the columns are 'party', 'body'; "
                              "rename a column, or choose the column that holds the side labels")
    assert err.value.setting == "side_column"  # each interface names it: --side-column, "Side column"
    with pytest.raises(CorpusError) as err:
        parse_corpus_bytes(b"side,body\nUS,hello\n", "talks.csv")
    assert err.value.setting == "text_column" and err.value.fix == "rename a column, or choose the column that holds the text"


def test_configurable_columns():
    corpus = parse_corpus_bytes(b"party,body\nUS,hello there\n", "t.csv", side_column="party", text_column="body").corpus
    assert corpus.documents[0].side == "US" and corpus.documents[0].text == "hello there"


def test_empty_text_rows_are_rejected_with_row_number_not_dropped():
    result = parse_corpus_bytes(b"side,text\nUS,fine\nChina,   \nUS,\n", "t.csv")
    assert [d.text for d in result.corpus] == ["fine"]
    assert [r.message() for r in result.rejected] == [
        "t.csv, row 3: the text column 'text' is empty; add the text or delete the row",
        "t.csv, row 4: the text column 'text' is empty; add the text or delete the row",
    ]
    with pytest.raises(CorpusError) as err:
        result.strict()
    assert str(err.value) == ("t.csv, row 3: the text column 'text' is empty; add the text or delete the row "
                              "(1 more row(s) rejected too)")


def test_jsonl_malformed_line_is_rejected_by_line_number():
    lines = [json.dumps({"side": "US", "text": "a"}), "{not json", json.dumps({"side": "China", "text": "b"}), "[1]"]
    result = parse_corpus_bytes("\n".join(lines).encode(), "c.jsonl")
    assert [d.side for d in result.corpus] == ["US", "China"]
    assert [r.location for r in result.rejected] == ["line 2", "line 4"]
    assert result.rejected[0].reason.startswith("is not valid JSON (Expecting property name enclosed in double quotes at column 2)")


def test_jsonl_missing_key():
    result = parse_corpus_bytes(b'{"text": "a"}\n', "c.jsonl")
    assert result.rejected[0].message() == "c.jsonl, line 1: has no key 'side'; add it, or choose the key that holds the side labels"
    with pytest.raises(CorpusError) as err:
        result.strict()
    assert err.value.setting == "side_column"


def test_txt_is_one_document_of_the_given_side():
    doc = parse_corpus_bytes("Candid talks.\n".encode(), "us_readout.txt", side="US").corpus.documents[0]
    assert (doc.side, doc.text, doc.event, doc.title) == ("US", "Candid talks.", "us_readout", "us_readout")


@pytest.mark.parametrize("name,data,message", [
    ("e.csv", b"", "e.csv: the file is empty; it needs a header row with 'side' and 'text' columns"),
    ("e.csv", b"  \n\n", "e.csv: the file is empty; it needs a header row with 'side' and 'text' columns"),
    ("e.txt", b" \n", "e.txt: the file has no text; add the side's account or choose another file"),
    ("e.docx", b"abc", "e.docx: unsupported file type '.docx'; use .csv, .jsonl or .txt"),
])
def test_whole_file_problems(name, data, message):
    with pytest.raises(CorpusError) as err:
        parse_corpus_bytes(data, name)
    assert str(err.value) == message


def test_load_corpus_missing_file(tmp_path):
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path / "nope.csv")
    assert str(err.value) == f"{tmp_path / 'nope.csv'}: no such file; check the path"


def test_select_unknown_event_and_side():
    corpus = Corpus((Document("E", "US", "x"), Document("E", "China", "y")))
    with pytest.raises(CorpusError, match=r"^event 'F' is not in the corpus; choose one of: 'E'$") as err:
        corpus.select(event="F")
    assert err.value.setting == "event"
    with pytest.raises(CorpusError, match=r"^side 'Russia' is not in the corpus; choose from: 'US', 'China'$") as err:
        corpus.select(sides=["US", "Russia"])
    assert err.value.setting == "sides"


def test_corpus_from_texts_rejects_empty_side():
    with pytest.raises(CorpusError, match=r"^side 'China' has no text; paste its account or remove the side$"):
        corpus_from_texts({"US": "Candid talks.", "China": "  "})
