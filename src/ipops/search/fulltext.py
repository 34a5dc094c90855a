"""Chinese full text over two engines behind one interface: FTS5 (SQLite) and tsvector (PostgreSQL).

Both index the same thing: title, abstract, claims and applicant names, each segmented by
jieba in search mode and joined with spaces (`segment`), so the engine's own tokenizer only
splits at spaces. A query word is looked up as the whole word *or* as all of the shorter words
inside it (锂离子电池 → 锂离子电池 | 离子 & 电池 & 锂离子), which finds documents that jieba cut
differently. Ranking: FTS5 `bm25()` with column weights; PostgreSQL `ts_rank_cd` with the
same weights as tsvector labels (A title, B abstract, C claims, D applicants).

Highlighting is done in Python on the original text (`highlight`), not with `snippet()` /
`ts_headline`: those work on the segmented copy, which shows spaces between Chinese words and
repeats the shorter words search mode adds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.search.nodes import Text
from ipops.search.segment import precise_tokens, search_tokens

COLUMNS = ("title", "abstract", "claims", "applicants")
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "any": (),  # every column
    "title": ("title",),
    "abstract": ("abstract",),
    "claims": ("claims",),
    "fulltext": ("title", "abstract", "claims"),
}
WEIGHTS = {"title": 10.0, "abstract": 4.0, "claims": 1.0, "applicants": 2.0}
_PG_LABEL = {"title": "A", "abstract": "B", "claims": "C", "applicants": "D"}


@dataclass(frozen=True)
class Word:
    """One query word and, when jieba sees shorter words inside it, those words."""

    token: str
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextMatch:
    """All `words` in any of `columns` (empty: every column)."""

    columns: tuple[str, ...]
    words: tuple[Word, ...]


@dataclass(frozen=True)
class IndexDoc:
    """One patent as the index stores it: already segmented text per column."""

    patent_id: int
    title: str
    abstract: str
    claims: str
    applicants: str


def text_match(leaf: Text) -> TextMatch | None:
    """The index lookup for a text leaf; None when it has no searchable word (only punctuation)."""
    words = tuple(_word(t) for t in dict.fromkeys(precise_tokens(leaf.text)))
    return TextMatch(FIELD_COLUMNS[leaf.field], words) if words else None


def _word(token: str) -> Word:
    """The word, and its shorter words when together they cover every character of it
    (锂离子电池 → 离子, 电池, 锂离子; but not 石墨烯 → 石墨, which would also find 石墨 alone)."""
    parts = tuple(p for p in dict.fromkeys(search_tokens(token)) if p != token) if len(token) > 2 else ()
    covered: set[int] = set()
    for part in parts:
        start = token.find(part)
        covered.update(range(start, start + len(part)))
    return Word(token, parts if len(covered) == len(token) else ())


def query_words(leaves: Sequence[Text]) -> list[str]:
    """The words to highlight for these leaves, longest first."""
    words = {leaf.text for leaf in leaves if leaf.phrase}
    for leaf in leaves:
        words.update(t for t in precise_tokens(leaf.text) if len(t) > 1 or not t.isascii())
    return sorted(words, key=len, reverse=True)


class FullText(Protocol):
    """What the indexer and the search service need from an engine's full-text index."""

    def write(self, session: Session, docs: Sequence[IndexDoc]) -> None: ...
    def clear(self, session: Session) -> None: ...
    def matching(self, match: TextMatch) -> sa.Select[Any]: ...
    def ranked(self, matches: Sequence[TextMatch]) -> sa.Subquery: ...


def backend_for(session: Session) -> FullText:
    """The index of the session's engine."""
    if session.get_bind().dialect.name == "postgresql":
        return PostgresFullText()
    return SqliteFullText()


_fts5 = sa.table("search_fts", sa.column("rowid", sa.Integer))


class SqliteFullText:
    """FTS5 table `search_fts` (rowid = patent id), created by migration 0005."""

    def write(self, session: Session, docs: Sequence[IndexDoc]) -> None:
        conn = session.connection()
        ids = [(d.patent_id,) for d in docs]
        conn.exec_driver_sql("DELETE FROM search_fts WHERE rowid = ?", ids)
        rows = [(d.patent_id, d.title, d.abstract, d.claims, d.applicants) for d in docs]
        conn.exec_driver_sql(
            "INSERT INTO search_fts (rowid, title, abstract, claims, applicants) VALUES (?, ?, ?, ?, ?)", rows
        )

    def clear(self, session: Session) -> None:
        session.execute(sa.text("DELETE FROM search_fts"))

    def matching(self, match: TextMatch) -> sa.Select[Any]:
        return sa.select(_fts5.c.rowid.label("patent_id")).where(self._condition([match]))

    def ranked(self, matches: Sequence[TextMatch]) -> sa.Subquery:
        weights = ", ".join(str(WEIGHTS[c]) for c in COLUMNS)
        score = -sa.literal_column(f"bm25(search_fts, {weights})", sa.Float)
        return (
            sa.select(_fts5.c.rowid.label("patent_id"), score.label("score"))
            .where(self._condition(matches))
            .subquery()
        )

    @staticmethod
    def _condition(matches: Sequence[TextMatch]) -> Any:
        expr = " OR ".join(f"({fts5_expression(m)})" for m in matches)
        return sa.literal_column("search_fts").op("MATCH")(sa.bindparam(None, expr, sa.String))


def fts5_expression(match: TextMatch) -> str:
    """FTS5 query syntax: {title abstract} : ("锂离子电池" OR ("离子" AND "电池")) AND "负极"."""
    body = " AND ".join(_fts5_word(w) for w in match.words)
    return f"{{{' '.join(match.columns)}}} : ({body})" if match.columns else body


def _fts5_word(word: Word) -> str:
    whole = _quote(word.token)
    if not word.parts:
        return whole
    return f"({whole} OR ({' AND '.join(_quote(p) for p in word.parts)}))"


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


_tsv = sa.table("search_fts", sa.column("patent_id", sa.Integer), sa.column("tsv"))
_PG_INSERT = sa.text(
    "INSERT INTO search_fts (patent_id, tsv) "
    "SELECT u.id, setweight(to_tsvector('simple', u.t), 'A') || setweight(to_tsvector('simple', u.a), 'B') "
    "|| setweight(to_tsvector('simple', u.c), 'C') || setweight(to_tsvector('simple', u.p), 'D') "
    "FROM unnest(CAST(:ids AS integer[]), CAST(:t AS text[]), CAST(:a AS text[]), CAST(:c AS text[]), "
    "CAST(:p AS text[])) AS u(id, t, a, c, p) "
    "ON CONFLICT (patent_id) DO UPDATE SET tsv = excluded.tsv"
)


class PostgresFullText:
    """Table `search_fts (patent_id, tsv)` with a GIN index, created by migration 0005."""

    def write(self, session: Session, docs: Sequence[IndexDoc]) -> None:
        if not docs:
            return
        session.execute(_PG_INSERT, {"ids": [d.patent_id for d in docs], "t": [d.title for d in docs],
                                     "a": [d.abstract for d in docs], "c": [d.claims for d in docs],
                                     "p": [d.applicants for d in docs]})  # fmt: skip

    def clear(self, session: Session) -> None:
        session.execute(sa.text("DELETE FROM search_fts"))

    def matching(self, match: TextMatch) -> sa.Select[Any]:
        return sa.select(_tsv.c.patent_id).where(_tsv.c.tsv.op("@@")(self._tsquery([match])))

    def ranked(self, matches: Sequence[TextMatch]) -> sa.Subquery:
        query = self._tsquery(matches)
        weights = "{" + ",".join(str(WEIGHTS[c] / 10) for c in reversed(COLUMNS)) + "}"  # {D,C,B,A}
        score = sa.cast(
            sa.func.ts_rank_cd(sa.literal_column(f"'{weights}'::float4[]"), _tsv.c.tsv, query, 1), sa.Double
        )
        stmt = sa.select(_tsv.c.patent_id, score.label("score")).where(_tsv.c.tsv.op("@@")(query))
        return stmt.subquery()

    @staticmethod
    def _tsquery(matches: Sequence[TextMatch]) -> Any:
        expr = " | ".join(f"({tsquery_expression(m)})" for m in matches)
        return sa.func.to_tsquery(
            sa.literal_column("'simple'::regconfig"), sa.bindparam(None, expr, sa.String)
        )


def tsquery_expression(match: TextMatch) -> str:
    """to_tsquery syntax with weight labels for columns: ('锂离子电池':AB | ('离子':AB & '电池':AB))."""
    labels = "".join(_PG_LABEL[c] for c in match.columns)
    suffix = f":{labels}" if labels else ""

    def lexeme(token: str) -> str:
        return "'" + token.replace("\\", "").replace("'", "''") + "'" + suffix

    def word(w: Word) -> str:
        if not w.parts:
            return lexeme(w.token)
        return f"({lexeme(w.token)} | ({' & '.join(lexeme(p) for p in w.parts)}))"

    return " & ".join(word(w) for w in match.words)
