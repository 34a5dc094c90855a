"""Semantic and hybrid search, "similar patents" and 行业, over the real excerpt (both engines)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from ipops.domain.errors import QuerySyntaxError
from ipops.search.encoders import default_encoder, document_text
from ipops.search.semantic import semantic_for
from ipops.search.service import search, similar
from ipops.store.db import Database
from ipops.store.schema import Patent, PatentVector
from ipops.web.app import create_app


def _all(db: Database, **kwargs: object) -> list[str]:
    with db.session() as s:
        page = search(s, semantic=semantic_for(db.settings), limit=1000, facets=(), **kwargs)  # type: ignore[arg-type]
        return [h.app_number for h in page.hits]


def _page(db: Database, **kwargs: object):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return search(s, semantic=semantic_for(db.settings), **kwargs)  # type: ignore[arg-type]


def test_encoder_puts_related_titles_closer_than_unrelated_ones() -> None:
    enc = default_encoder()
    v = enc.encode(["一种锂离子电池用电解液", "锂电池电解液及其制备方法", "一种医学图像分割方法", ""])
    assert np.allclose(np.linalg.norm(v[:3], axis=1), 1.0, atol=1e-5)
    assert not v[3].any()  # nothing to embed: a zero vector, never NaN
    assert v[0] @ v[1] > 0.6 > v[0] @ v[2]
    assert np.array_equal(enc.encode(["一种锂离子电池用电解液"])[0], v[0])  # deterministic


def test_unknown_words_fall_back_to_their_characters() -> None:
    enc = default_encoder()
    word = "锂钒磷"  # not a vocabulary entry, but each character is
    assert word not in enc.words and all(ch in enc.words for ch in word)
    assert enc.encode([word])[0].any()


def test_document_text_reads_title_abstract_and_the_opening_of_claims() -> None:
    text = document_text("标题", "摘要内容", "权" * 1000)
    assert text.startswith("标题。摘要内容。") and text.count("权") == 300


def test_index_embeds_every_patent_and_saves_the_neighbour_file(semantic_corpus: Database) -> None:
    semantic = semantic_for(semantic_corpus.settings)
    assert semantic is not None
    with semantic_corpus.session() as s:
        patents = s.scalar(sa.select(sa.func.count()).select_from(Patent))
        stored = s.scalar(sa.select(sa.func.count()).select_from(PatentVector))
        assert patents == stored == len(semantic.index(s)) > 2000
    assert (semantic.folder / f"{semantic.encoder.name}.usearch").stat().st_size > 0


def test_semantic_mode_finds_patents_by_meaning(semantic_corpus: Database) -> None:
    page = _page(semantic_corpus, query="图像识别", mode="semantic", limit=10, facets=())
    assert page.ranked_by == "semantic" and len(page.hits) == 10
    assert page.hits[0].score >= page.hits[-1].score
    about = ["图像" in h.title or "识别" in h.title for h in page.hits]
    assert all(about[:3]) and sum(about) >= 5
    # the keyword search needs both words; semantic also finds image patents without 识别
    assert any("识别" not in h.title for h in page.hits)


def test_hybrid_keeps_every_keyword_hit_and_adds_close_neighbours(semantic_corpus: Database) -> None:
    keyword = _all(semantic_corpus, query="图像 识别", mode="keyword")
    hybrid = _all(semantic_corpus, query="图像 识别")
    assert _page(semantic_corpus, query="图像 识别", limit=5).ranked_by == "hybrid"
    assert keyword and set(keyword) <= set(hybrid) and len(hybrid) > len(keyword)


def test_words_in_a_field_stay_conditions_in_hybrid(semantic_corpus: Database) -> None:
    assert sorted(_all(semantic_corpus, query="名称=图像")) == sorted(_all(semantic_corpus, query="名称=图像", mode="keyword"))


def test_semantic_hits_meet_the_other_conditions(semantic_corpus: Database) -> None:
    page = _page(semantic_corpus, query="申请日=2016", text="一种车牌识别的图像处理方法", limit=50, facets=())
    assert page.ranked_by == "semantic" and page.hits
    assert all(h.app_date is not None and h.app_date.year == 2016 for h in page.hits)
    unfiltered = _page(semantic_corpus, query="", text="一种车牌识别的图像处理方法", limit=1, facets=())
    assert unfiltered.total > page.total


def test_hybrid_pages_do_not_repeat_or_skip(semantic_corpus: Database) -> None:
    everything = _all(semantic_corpus, query="电池")
    first = _page(semantic_corpus, query="电池", limit=7, facets=())
    second = _page(semantic_corpus, query="电池", limit=7, facets=(), cursor=first.next_cursor)
    assert [h.app_number for h in first.hits + second.hits] == everything[:14]


def test_paragraph_search_without_vectors_says_so(corpus: Database) -> None:
    with corpus.session() as s, pytest.raises(QuerySyntaxError, match="ipops index"):
        search(s, query="", text="一种锂电池", semantic=semantic_for(corpus.settings))


def test_without_vectors_keyword_queries_stay_bm25(corpus: Database) -> None:
    with corpus.session() as s:
        assert search(s, query="电池", semantic=semantic_for(corpus.settings), limit=1).ranked_by == "bm25"


def test_unknown_mode_is_a_chinese_error(semantic_corpus: Database) -> None:
    with pytest.raises(QuerySyntaxError, match="未知的检索方式"):
        _page(semantic_corpus, query="电池", mode="fuzzy")


def test_similar_patents_exclude_the_patent_itself(semantic_corpus: Database) -> None:
    with semantic_corpus.session() as s:
        number = s.scalar(sa.select(Patent.app_number).where(Patent.title == "一种锂离子电池用电解液"))
        page = similar(s, number=number, semantic=semantic_for(semantic_corpus.settings), limit=5)
    assert page.available and len(page.hits) == 5 and number not in {h.app_number for h in page.hits}
    assert sum("电池" in h.title or "电解" in h.title for h in page.hits) >= 3
    assert [h.score for h in page.hits] == sorted((h.score for h in page.hits), reverse=True)


@pytest.fixture(scope="module")
def client(semantic_corpus: Database) -> Iterator[TestClient]:
    with TestClient(create_app(semantic_corpus.settings, database=semantic_corpus)) as c:
        yield c


def test_api_similar_and_paragraph_search(client: TestClient, semantic_corpus: Database) -> None:
    with semantic_corpus.session() as s:
        number = s.scalar(sa.select(Patent.app_number).where(Patent.title == "一种锂离子电池用电解液"))
    body = client.get(f"/api/v1/patents/{number}/similar", params={"limit": 3}).json()
    assert body["app_number"] == number and len(body["hits"]) == 3
    assert client.get("/api/v1/patents/CN999999999999.9/similar").status_code in (404, 422)
    page = client.get("/api/v1/search", params={"text": "利用神经网络对遥感图像进行分类识别", "limit": 5}).json()
    assert page["ranked_by"] == "semantic" and len(page["hits"]) == 5
    assert client.get("/api/v1/search", params={"q": "电池", "mode": "nope"}).status_code == 422


def test_patent_page_lists_similar_patents(client: TestClient, semantic_corpus: Database) -> None:
    with semantic_corpus.session() as s:
        number = s.scalar(sa.select(Patent.app_number).where(Patent.title == "一种锂离子电池用电解液"))
    html = client.get(f"/patents/{number}").text
    assert 'id="similar"' in html and "相似专利" in html and html.count('<td class="num">') >= 8


def test_industry_field_and_facet_agree(semantic_corpus: Database) -> None:
    page = _page(semantic_corpus, query="", mode="keyword", facets=("industry",), limit=1)
    facet = page.facets[0]
    assert facet.name == "industry" and facet.multi_valued and facet.buckets
    for bucket in facet.buckets[:3]:
        assert bucket.filter.startswith("行业=")
        assert _page(semantic_corpus, query=bucket.filter, facets=(), limit=1).total == bucket.count


def test_industry_by_name_and_unknown_industry() -> None:
    from ipops.search.query import parse

    assert parse("行业=新一代信息技术产业 AND 电池") is not None
    with pytest.raises(QuerySyntaxError, match="未知的行业") as err:
        parse("电池 AND 行业=造船业")
    assert err.value.position == len("电池 AND 行业=")
