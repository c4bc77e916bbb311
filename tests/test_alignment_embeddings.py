"""Alignment by static embeddings (issue 14, optional): a tiny model built here, saved in model2vec's
format and read back from disk; nothing is downloaded."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from framing import CompareOptions, compare, corpus_from_texts
from framing.analyses.embeddings import load_embedding_model
from framing.analyses.meaning import MeaningOptions, match_by_meaning
from framing.cli import FLAGS
from framing.errors import OptionsError

ROOT = Path(__file__).resolve().parent.parent
SIDES = ("US", "China")
US = ["The Secretary stressed keeping communication open.", "He raised fentanyl."]
CHINA = ["Both agreed to maintain regular contact.", "The weather was discussed."]


def tiny_model(folder: Path) -> Path:
    """Six words in four dimensions: "communication" and "contact" point the same way."""
    from model2vec import StaticModel
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    words = ["[UNK]", "[PAD]", "communication", "contact", "fentanyl", "weather"]
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    vectors = np.zeros((len(words), 4), dtype=np.float32)
    vectors[2], vectors[3], vectors[4], vectors[5] = [1, 0, 0, 0], [0.96, 0.28, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]
    StaticModel(vectors, tokenizer, normalize=True).save_pretrained(str(folder))
    return folder


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    return tiny_model(tmp_path_factory.mktemp("tiny-model"))


def test_the_model_is_read_from_disk_and_gives_unit_rows(model):
    loaded = load_embedding_model(model)
    assert loaded.dimensions == 4
    rows = loaded.encode(["communication", "contact", "nothing known"])
    assert rows[0] == pytest.approx([1, 0, 0, 0]) and rows[1] == pytest.approx([0.96, 0.28, 0, 0])
    assert rows[2].tolist() == [0, 0, 0, 0]   # no known token: no direction, matches nothing
    assert loaded.encode([]).shape == (0, 4)
    assert load_embedding_model(model) is loaded   # cached by path and modification time


def test_embeddings_match_the_paraphrase_and_say_so(model):
    embed = load_embedding_model(model).encode
    found = match_by_meaning(US, CHINA, SIDES, MeaningOptions(), embed=embed)
    index, similarity, basis = found["a"]
    assert index.tolist()[0] == 0 and basis[0] == "embedding" and similarity[0] == pytest.approx(0.96)
    assert basis[1] is None   # fentanyl: nothing of the kind on the other side, and no shared topic
    words = match_by_meaning(US, CHINA, SIDES, MeaningOptions())
    assert words["a"][2] == [None, None]   # "communication" / "contact": no word and no topic in common


def test_compare_and_cli_align_by_embeddings(model, tmp_path):
    corpus = corpus_from_texts({"US": [" ".join(US)], "China": [" ".join(CHINA)]}, event="e")
    result = compare(corpus, CompareOptions(sides=SIDES, similarity="embeddings", model=str(model))).to_dict()
    assert [(r["status"], r["basis"]) for r in result["alignment"]] == [
        ("matched", "embedding"), ("only_a", None), ("only_b", None)]
    assert result["alignment_method"]["similarity"] == "embeddings"
    assert result["alignment_method"]["model"] == str(model) and result["alignment_method"]["embedding_threshold"] == 0.5
    path = tmp_path / "c.csv"
    path.write_text("side,text\nUS," + " ".join(US) + "\nChina," + " ".join(CHINA) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "framing", "compare", str(path), "--sides", "US", "China",
                          "--similarity", "embeddings", "--model", str(model), "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert [r["basis"] for r in json.loads(out)["alignment"]] == ["embedding", None, None]


def test_a_missing_model_is_refused_before_anything_is_read(tmp_path, model):
    corpus = corpus_from_texts({"US": US, "China": CHINA}, event="e")
    with pytest.raises(OptionsError) as err:
        compare(corpus, CompareOptions(sides=SIDES, similarity="embeddings"))
    assert err.value.setting == "model" and err.value.naming(FLAGS) == (
        "matching claims by embeddings needs a model; give the folder of a static-embedding model "
        "(model2vec's format), or match by topics (--model)")
    with pytest.raises(OptionsError, match="embedding model 'all-MiniLM' is not a folder; .* nothing is downloaded"):
        load_embedding_model("all-MiniLM")   # a hub name is not read as one
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(OptionsError, match="has no model.safetensors, tokenizer.json; give a folder in model2vec's"):
        load_embedding_model(tmp_path)
    with pytest.raises(OptionsError, match="embedding threshold 0 is outside 0-1"):
        MeaningOptions(embedding_threshold=0).validate()


def test_cli_model_needs_embeddings(model):
    bad = subprocess.run([sys.executable, "-m", "framing", "compare", "--model", str(model)], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "--model is for --similarity embeddings" in bad.stderr
