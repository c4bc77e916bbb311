"""Static sentence embeddings for alignment (``--similarity embeddings --model PATH``), optional.

A model is a folder on disk in model2vec's format (``model.safetensors``, ``tokenizer.json``,
``config.json``): a vector per token, a sentence being the mean of its tokens' vectors. It is read
with model2vec (numpy, safetensors and tokenizers; no torch), imported only here and only when
embeddings are asked for, so the default alignment needs neither the package nor a model. Nothing
is downloaded: a path that is not a folder holding those files is refused before model2vec sees it
(model2vec would otherwise take a missing path for a model name on a hub).

Which model, and at what threshold two sentences make the same claim, is for the analyst to check:
no model could be measured on the readout development set here (see docs/validity.md).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from framing.errors import OptionsError

__all__ = ["MODEL_FILES", "EmbeddingModel", "load_embedding_model"]

#: The files of a model folder in model2vec's format.
MODEL_FILES = ("model.safetensors", "tokenizer.json", "config.json")


@dataclass(frozen=True)
class EmbeddingModel:
    """A loaded static-embedding model: ``encode(sentences)`` gives unit rows (zero for a sentence
    with no known token)."""

    path: str
    dimensions: int
    _model: object

    def encode(self, sentences: list[str]) -> np.ndarray:
        if not sentences:
            return np.zeros((0, self.dimensions))
        vectors = np.asarray(self._model.encode(list(sentences), show_progress_bar=False), dtype=float)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def load_embedding_model(path: str | Path) -> EmbeddingModel:
    """Read a model folder (cached by path and modification time).

    Raises
    ------
    OptionsError
        (setting ``model``) when the path is not a folder or lacks a model file; (setting
        ``similarity``) when model2vec is not installed.
    """
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise OptionsError(f"embedding model {str(path)!r} is not a folder",
                           "give the folder of a static-embedding model in model2vec's format "
                           f"({', '.join(MODEL_FILES)}); nothing is downloaded", setting="model")
    missing = [f for f in MODEL_FILES if not (folder / f).is_file()]
    if missing:
        raise OptionsError(f"embedding model folder {str(path)!r} has no {', '.join(missing)}",
                           f"give a folder in model2vec's format ({', '.join(MODEL_FILES)})", setting="model")
    stamp = max((folder / f).stat().st_mtime_ns for f in MODEL_FILES)
    return _load(str(folder.resolve()), stamp)


@lru_cache(maxsize=2)
def _load(folder: str, stamp: int) -> EmbeddingModel:
    try:
        from model2vec import StaticModel
    except ImportError:
        raise OptionsError("alignment by embeddings needs the model2vec package, which is not installed",
                           "install it (pip install -r requirements-embeddings.txt) or match claims by topics",
                           setting="similarity") from None
    try:
        model = StaticModel.from_pretrained(folder)   # an existing folder: read from disk, never fetched
    except Exception as exc:   # a damaged file: safetensors, tokenizers and json raise their own types
        raise OptionsError(f"embedding model {folder!r} could not be read ({type(exc).__name__}: {exc})",
                           "give a folder saved by model2vec (StaticModel.save_pretrained)", setting="model") from None
    return EmbeddingModel(folder, int(model.dim), model)
