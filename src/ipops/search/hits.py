"""One patent as a search hit: the list fields, its score and highlighted snippets."""

from __future__ import annotations

from collections.abc import Sequence

from ipops.domain.legal_status import LABELS_ZH as STATUS_LABELS
from ipops.domain.legal_status import LegalStatus
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.search.highlight import highlight
from ipops.search.schemas import SearchHit
from ipops.store.schema import Patent

SNIPPET_WIDTH = 120  # characters of abstract or claims around the first match


def to_hit(p: Patent, score: float, words: Sequence[str]) -> SearchHit:
    return SearchHit(
        app_number=p.app_number, title=p.title, patent_type=p.patent_type,
        patent_type_label=PATENT_TYPE_LABELS_ZH.get(PatentType(p.patent_type)) if p.patent_type else None,
        app_date=p.app_date, pub_number=p.pub_number, grant_number=p.grant_number,
        legal_status=p.legal_status,
        legal_status_label=STATUS_LABELS.get(LegalStatus(p.legal_status)) if p.legal_status else None,
        legal_status_basis=p.legal_status_basis, applicants=p.applicants_display, ipc_main=p.ipc_main,
        is_demo=p.is_demo, score=round(float(score or 0.0), 6), highlights=_highlights(p, words),
    )  # fmt: skip


def _highlights(p: Patent, words: Sequence[str]) -> dict[str, str]:
    """The title always (escaped, marked); abstract, claims and applicants only where a word occurs."""
    out = {"title": highlight(p.title, words) or ""}
    for name, text in (("abstract", p.abstract), ("claims", p.claims), ("applicants", p.applicants_display)):
        snippet = highlight(text, words, width=SNIPPET_WIDTH) if words else None
        if snippet and "<mark>" in snippet:
            out[name] = snippet
    return out
