"""Semantic search: an encoder, the stored vectors and their nearest-neighbour index, together.

`Semantic` is what the search service, "similar patents" and the marketplace's matching ask
for nearest neighbours: of a text (a query, a pasted paragraph, a technology need) or of a
patent. It is cheap to create; the heavy parts (encoder data, index file) are process-wide and
opened on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from ipops.search import ann, vectors
from ipops.search.ann import NearestIndex
from ipops.search.encoders import Encoder, default_encoder
from ipops.store.settings import Settings

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Semantic:
    folder: Path  # where index files live: data_dir/vectors
    encoder: Encoder
    candidates: int = 500  # nearest neighbours a semantic or hybrid query considers
    min_similarity: float = 0.5  # cosine a neighbour needs to be a hybrid hit without the words

    def index(self, session: Session) -> NearestIndex:
        found = ann.open_index(self.folder, self.encoder.name, self.encoder.dim)
        found.catch_up(session)
        return found

    def nearest_text(self, session: Session, text: str, k: int | None = None) -> list[tuple[int, float]]:
        """Patents nearest to a free text, as (patent id, cosine), most similar first."""
        vector = self.encoder.encode([text])[0]
        return self.index(session).search(vector, k or self.candidates)

    def nearest_patent(self, session: Session, patent_id: int, k: int = 10) -> list[tuple[int, float]]:
        """Patents nearest to a stored patent, itself excluded; [] when it has no vector yet."""
        vector = vectors.vector_of(session, self.encoder.name, patent_id)
        if vector is None:
            return []
        return self.index(session).search(vector, k, exclude=patent_id)


def semantic_for(settings: Settings) -> Semantic | None:
    """The platform's semantic search, or None when `semantic_search` is off."""
    if not settings.semantic_search:
        return None
    return Semantic(Path(settings.data_dir) / "vectors", default_encoder(), settings.semantic_candidates,
                    settings.semantic_min_similarity)  # fmt: skip


def has_vectors(session: Session, semantic: Semantic) -> bool:
    return vectors.current_version(session, semantic.encoder.name) > 0


def refresh(session: Session, semantic: Semantic, patent_ids: list[int] | None = None, *,
            batch_size: int = 2000, progress: Progress | None = None, commit: bool = False) -> int:  # fmt: skip
    """Embed new and changed patents (default: every stale one); returns how many.

    `commit` commits per batch (the CLI, so a killed run keeps what it did); otherwise the caller's
    transaction holds everything.
    """
    ids = vectors.stale_ids(session, semantic.encoder.name) if patent_ids is None else sorted(set(patent_ids))
    done = 0
    for start in range(0, len(ids), batch_size):
        done += vectors.embed_batch(session, semantic.encoder, ids[start : start + batch_size])
        if commit:
            session.commit()
        if progress:
            progress(done)
    return done


def save_index(session: Session, semantic: Semantic) -> int:
    """Bring the index file up to date with the committed vectors; returns its size."""
    found = semantic.index(session)
    found.save()
    return len(found)


def rebuild(session: Session, semantic: Semantic) -> None:
    """Forget the derived file and the stored vectors of this encoder (then `refresh`)."""
    vectors.clear(session, semantic.encoder.name)
    for path in semantic.folder.glob(f"{semantic.encoder.name}.*"):
        path.unlink(missing_ok=True)
    ann.forget(semantic.folder)
