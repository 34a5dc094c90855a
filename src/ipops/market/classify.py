"""Classify a technology need (技术需求) to IPC subclasses and SEI 2018 industries.

Baseline (lexical): the need's jieba tokens (``ipops.search.segment.precise_tokens``) are matched
against the Chinese IPC titles (table ``ipc_class``: each subclass with the titles of its groups) and
the SEI industry names and keywords (``industry`` / ``industry_ipc_rule``). A token counts by its
rarity across the documents (idf), a hit in a subclass's own title more than in its group titles; an
industry also gets the votes of the IPC subclasses its SEI↔IPC rules cover. Scores are 0..1.

Seam: `classify_need` gathers votes per (kind, code) and then ranks them; a nearest-neighbour vote
over semantically similar patents is one more `Votes` merged in `classify_need` (see the comment).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.market.rules import ClassifyRules, load_rules
from ipops.search.segment import precise_tokens, search_tokens
from ipops.store.schema import Industry, IndustryIpcRule, IpcClass, RefdataVersion

SEI_SCHEME = "sei2018"
TITLE_WEIGHT, GROUP_WEIGHT = 1.0, 0.6
IDF_SMOOTHING = 5  # a word found in one document only is often a lexical accident: do not let it decide alone
K1, B = 1.2, 0.75  # BM25 length normalisation of the group/keyword text: a long text matches anything
KEYWORD_SHARE = 0.5  # industry score: keyword match vs. the votes of its IPC subclasses
_REFERENCE = re.compile(r"[（(][^（）()]*[）)]")  # cross-references such as "（…入A01D42/04）"

Votes = dict[tuple[str, str], float]  # (kind, code) → score 0..1


@dataclass(frozen=True)
class Doc:
    code: str
    label: str
    title: str  # weighs TITLE_WEIGHT
    body: str  # weighs GROUP_WEIGHT


@dataclass(frozen=True)
class Index:
    ipc: tuple[Doc, ...]
    industries: tuple[Doc, ...]
    ipc_industries: dict[str, dict[str, float]]  # subclass → industry code → share of its rules


_CACHE: dict[str, Index] = {}


def _clean(text: str | None) -> str:
    return _REFERENCE.sub("", text or "").strip()


def _ipc_docs(session: Session) -> tuple[Doc, ...]:
    titles = dict(
        session.execute(sa.select(IpcClass.code, IpcClass.title_zh).where(IpcClass.level == "subclass")).all()
    )
    bodies: dict[str, list[str]] = defaultdict(list)
    rows = session.execute(
        sa.select(IpcClass.code, IpcClass.title_zh).where(IpcClass.level.in_(("main_group", "subgroup")))
    )
    for code, title in rows:
        bodies[code[:4]].append(_clean(title))
    return tuple(
        Doc(c, _clean(t)[:60], _clean(t), "；".join(bodies.get(c, []))) for c, t in sorted(titles.items())
    )


def _industry_docs(session: Session) -> tuple[tuple[Doc, ...], dict[str, dict[str, float]]]:
    inds = session.execute(sa.select(Industry.id, Industry.code, Industry.name).where(Industry.scheme == SEI_SCHEME,
                                                                                     Industry.level == 2)).all()  # fmt: skip
    by_id = {i: (code, name) for i, code, name in inds}
    words: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = session.execute(sa.select(IndustryIpcRule.industry_id, IndustryIpcRule.ipc_pattern, IndustryIpcRule.keywords)
                           .where(IndustryIpcRule.industry_id.in_(list(by_id))))  # fmt: skip
    for iid, pattern, keywords in rows:
        code = by_id[iid][0]
        if keywords:
            words[code].add(keywords)
        counts[pattern[:4]][code] += 1
    docs = tuple(Doc(code, name, name, "；".join(sorted(words[code]))) for code, name in by_id.values())
    shares = {sub: {c: n / sum(by.values()) for c, n in by.items()} for sub, by in counts.items()}
    return docs, shares


def index(session: Session) -> Index:
    """The documents, built once per reference-data version (IPC titles and the SEI table)."""
    key = "|".join(session.scalars(sa.select(RefdataVersion.sha256).where(RefdataVersion.name.in_(("ipc", SEI_SCHEME)))
                                   .order_by(RefdataVersion.name)))  # fmt: skip
    if key not in _CACHE:
        docs, shares = _industry_docs(session)
        _CACHE[key] = Index(_ipc_docs(session), docs, shares)
    return _CACHE[key]


def need_tokens(text: str, rules: ClassifyRules) -> list[str]:
    """Precise-mode words of two characters or more, stopwords dropped, each once."""
    out = [t for t in precise_tokens(text) if len(t) >= 2 and t not in rules.stopwords]
    return list(dict.fromkeys(out))


def _expand(tokens: list[str], docs: tuple[Doc, ...]) -> list[str]:
    """A long word no document contains stands for its shorter search-mode words (锂离子电池 → 锂离子, 电池)."""
    out: list[str] = []
    for t in tokens:
        if len(t) > 2 and not any(t in d.title or t in d.body for d in docs):
            out.extend(s for s in search_tokens(t) if len(s) >= 2 and s != t)
        else:
            out.append(t)
    return list(dict.fromkeys(out))


def _body_weights(docs: tuple[Doc, ...]) -> dict[str, float]:
    avg = sum(len(d.body) for d in docs) / max(len(docs), 1) or 1.0
    return {
        d.code: GROUP_WEIGHT * min(1.0, (K1 + 1) / (1 + K1 * (1 - B + B * len(d.body) / avg))) for d in docs
    }


def lexical_votes(docs: tuple[Doc, ...], tokens: list[str]) -> dict[str, float]:
    """code → share (0..1) of the need's idf-weighted vocabulary found in the document (title hits count
    fully, hits in the group/keyword text less, and less the longer that text is)."""
    body = _body_weights(docs)
    hits = {t: [(d.code, TITLE_WEIGHT if t in d.title else body[d.code]) for d in docs if t in d.title or t in d.body]
            for t in _expand(tokens, docs)}  # fmt: skip
    idf = {t: math.log(1 + len(docs) / (len(h) + IDF_SMOOTHING)) for t, h in hits.items() if h}
    total = sum(idf.values())
    scores: dict[str, float] = defaultdict(float)
    for t, weight in idf.items():
        for code, w in hits[t]:
            scores[code] += weight * w / total
    return dict(scores)


def _industry_votes(ix: Index, keyword: dict[str, float], ipc: dict[str, float], rules: ClassifyRules
                    ) -> dict[str, float]:  # fmt: skip
    """Keyword match plus the votes of the need's top IPC subclasses (only those: hundreds of weak
    subclass hits would otherwise elect the industries with the widest SEI↔IPC rules)."""
    votes: dict[str, float] = defaultdict(float)
    for code, s in keyword.items():
        votes[code] += KEYWORD_SHARE * s
    top = sorted(((s, c) for c, s in ipc.items() if s >= rules.min_score), reverse=True)[: rules.max_ipc]
    for s, sub in top:
        for code, share in ix.ipc_industries.get(sub, {}).items():
            votes[code] += (1 - KEYWORD_SHARE) * s * share
    return dict(votes)


def _top(
    votes: Votes, labels: dict[tuple[str, str], str], rules: ClassifyRules
) -> list[tuple[str, str, str, float]]:
    out: list[tuple[str, str, str, float]] = []
    for kind, limit in (("ipc", rules.max_ipc), ("industry", rules.max_industries)):
        ranked = sorted(((c, s) for (k, c), s in votes.items() if k == kind and s >= rules.min_score),
                        key=lambda cs: (-cs[1], cs[0]))[:limit]  # fmt: skip
        out += [(kind, c, labels[(kind, c)], round(min(s, 1.0), 4)) for c, s in ranked]
    return out


def classify_need(session: Session, *, text: str) -> list[tuple[str, str, str, float]]:
    """(kind, code, label, score) of the need text: up to `max_ipc` IPC subclasses ("ipc") then up to
    `max_industries` SEI 2018 industries ("industry"), best first; thresholds in data/market/rules.toml."""
    rules = load_rules().classify
    ix = index(session)
    tokens = need_tokens(text, rules)
    ipc = lexical_votes(ix.ipc, tokens)
    industry = _industry_votes(ix, lexical_votes(ix.industries, tokens), ipc, rules)
    votes: Votes = {("ipc", c): s for c, s in ipc.items()} | {("industry", c): s for c, s in industry.items()}
    # seam: a nearest-neighbour vote (IPC subclasses and industries of the semantically closest patents)
    # is merged into `votes` here, e.g. votes[k] = (1 - w) * votes.get(k, 0) + w * knn[k]
    labels = {("ipc", d.code): d.label for d in ix.ipc} | {
        ("industry", d.code): d.label for d in ix.industries
    }
    return _top(votes, labels, rules)
