"""Nearest-neighbour index over stored patent vectors: usearch HNSW, a derived file.

The database is the truth (`search.vectors`); the index is a file under
`data_dir/vectors/` named for the encoder, with a small JSON note of the vector version it
holds. A process opens the file once and, before a query, compares that version with
`vector_state` (one indexed row read): when the database is ahead it adds just the newer rows
(the indexer saves the file after each run, so that catch-up stays small). When rows have gone
(patents deleted), the sizes disagree and the index is rebuilt from the table.

Another engine (pgvector, where packaged) would implement the same three calls: `catch_up`,
`search`, `save`.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session
from usearch.index import Index

from ipops.search import vectors

# HNSW parameters: connectivity 16 and expansion 128/256 keep recall@20 above 0.98 on the
# benchmark corpus (docs/benchmarks.md) at well under a millisecond per query.
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 256


@dataclass
class NearestIndex:
    folder: Path
    model: str
    dim: int
    version: int = 0
    index: Index = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = self._empty()
        self._load()

    @property
    def path(self) -> Path:
        return self.folder / f"{self.model}.usearch"

    @property
    def note(self) -> Path:
        return self.folder / f"{self.model}.json"

    def __len__(self) -> int:
        return len(self.index)

    def catch_up(self, session: Session) -> int:
        """Add what the database holds beyond this index; returns the number of vectors added."""
        latest = vectors.current_version(session, self.model)
        if latest == self.version:
            return 0
        with self._lock:
            if latest == self.version:
                return 0
            if self._file_version() > self.version:  # another process saved a newer file
                self._load()
            added = self._add_since(session, self.version)
            self.version = latest
            if len(self.index) != vectors.count(session, self.model):
                self.index, self.version = self._empty(), 0
                added = self._add_since(session, 0)
                self.version = latest
            return added

    def search(self, vector: np.ndarray, k: int, *, exclude: int | None = None) -> list[tuple[int, float]]:
        """The k nearest patents as (patent id, cosine similarity), most similar first."""
        if len(self.index) == 0 or not np.any(vector):
            return []
        want = min(k + (1 if exclude is not None else 0), len(self.index))
        matches = self.index.search(vector.astype(np.float32), want)
        pairs = [(int(key), float(1.0 - dist)) for key, dist in zip(matches.keys, matches.distances, strict=True)]
        return [p for p in pairs if p[0] != exclude][:k]

    def save(self) -> None:
        """Write the file atomically (readers never see half a file), then its version note."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        self.index.save(str(tmp))
        os.replace(tmp, self.path)
        self.note.write_text(json.dumps({"version": self.version, "size": len(self.index)}), "utf-8")

    def _add_since(self, session: Session, version: int) -> int:
        added = 0
        for keys, matrix in vectors.rows_since(session, self.model, version):
            if len(self.index):  # changed vectors replace their old entries (one vectorised lookup)
                present = keys[np.asarray(self.index.contains(keys), dtype=bool)]
                if len(present):
                    self.index.remove(present)
            self.index.add(keys, matrix, threads=os.cpu_count() or 1)
            added += len(keys)
        return added

    def _empty(self) -> Index:
        return Index(ndim=self.dim, metric="cos", dtype="f16", connectivity=CONNECTIVITY,
                     expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)  # fmt: skip

    def _file_version(self) -> int:
        try:
            return int(json.loads(self.note.read_text("utf-8"))["version"])
        except (OSError, ValueError, KeyError):
            return 0

    def _load(self) -> None:
        version = self._file_version()
        if version and self.path.exists():
            index = self._empty()
            index.load(str(self.path))
            self.index, self.version = index, version


_open: dict[tuple[str, str], NearestIndex] = {}
_open_lock = threading.Lock()


def open_index(folder: Path, model: str, dim: int) -> NearestIndex:
    """The process-wide index of one encoder in one data directory (opened on first use)."""
    key = (str(Path(folder).resolve()), model)
    with _open_lock:
        if key not in _open:
            _open[key] = NearestIndex(Path(folder), model, dim)
        return _open[key]


def forget(folder: Path) -> None:
    """Drop this process's open indexes of a data directory (after a rebuild, and in tests)."""
    prefix = str(Path(folder).resolve())
    with _open_lock:
        for key in [k for k in _open if k[0] == prefix]:
            del _open[key]
