"""Text → vector for semantic search, behind one small interface.

The shipped encoder is *static*: one vector per word, distilled from multilingual-e5-small
(`scripts/distill_encoder.py`, data file `data/search/static_e5_zh.npz`). A text's vector is
the rarity-weighted mean of its jieba words' vectors; a word outside the vocabulary falls back
to its characters. It needs numpy only and embeds thousands of patents per second, where the
transformer itself manages about 9 (docs/search-quality.md compares both on the relevance
set). Queries and documents go through the same encoder, so both live in one space.

`Encoder.name` is stored with every vector (`patent_vector.model`): a different encoder or a
regenerated data file is a different name, and the indexer re-embeds instead of mixing spaces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np

from ipops.search.segment import precise_tokens

DATA_FILE = "static_e5_zh.npz"
# How much a document's text the encoder reads: the title and abstract decide what a patent is
# about; claims are long and repeat them, so only their opening is read.
DOC_CLAIMS_CHARS = 300


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows of length 1 (all zero for a text with no known word)."""
        ...


def document_text(title: str | None, abstract: str | None = None, claims: str | None = None) -> str:
    """What a patent's vector is computed from (the indexer and "similar patents" agree on it)."""
    parts = [title or "", abstract or "", (claims or "")[:DOC_CLAIMS_CHARS]]
    return "。".join(p for p in parts if p)


@dataclass
class StaticEncoder:
    """Weighted mean of distilled word vectors (smooth inverse frequency, as in SIF)."""

    name: str
    words: dict[str, int]
    vectors: np.ndarray  # (vocabulary, dim) float32
    weights: np.ndarray  # (vocabulary,) float32

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows, cols = [], []
        for row, text in enumerate(texts):
            for index in self._indices(text):
                rows.append(row)
                cols.append(index)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if cols:
            idx = np.asarray(cols)
            np.add.at(out, np.asarray(rows), self.vectors[idx] * self.weights[idx, None])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=out, where=norms > 0)

    def _indices(self, text: str) -> list[int]:
        found: list[int] = []
        for token in precise_tokens(text or ""):
            index = self.words.get(token)
            if index is not None:
                found.append(index)
            else:  # unknown word: its characters (each CJK character is in the vocabulary)
                found.extend(i for ch in token if (i := self.words.get(ch)) is not None)
        return found


def load_static(data: bytes, *, sif_a: float = 1e-3, general_a: float = 1e-4) -> StaticEncoder:
    """Build the encoder from the distilled file; the name carries the file's hash.

    A word weighs a / (a + p) twice over: p its share of patent titles (rare technical words
    count, 方法 and 装置 hardly) and p its share of general Chinese (a firm's 我公司, 希望, 严重 are
    rare in titles but common words, and must not steer a need's vector).
    """
    import io

    with np.load(io.BytesIO(data)) as npz:
        words = [str(w) for w in npz["words"]]
        vectors = npz["vectors"].astype(np.float32) * npz["scale"][None, :]
        freq = npz["df"].astype(np.float64) / float(npz["docs"])
        general = npz["general"].astype(np.float64) if "general" in npz else np.zeros(len(words))
    weights = (sif_a / (sif_a + freq) * general_a / (general_a + general)).astype(np.float32)
    name = f"static-e5-zh-{vectors.shape[1]}-{hashlib.sha256(data).hexdigest()[:8]}"
    return StaticEncoder(name=name, words={w: i for i, w in enumerate(words)}, vectors=vectors, weights=weights)


@lru_cache(maxsize=1)
def default_encoder() -> StaticEncoder:
    """The process-wide shipped encoder, loaded on first use (~0.3 s), never at import."""
    data = resources.files("ipops.data").joinpath(f"search/{DATA_FILE}").read_bytes()
    return load_static(data)
