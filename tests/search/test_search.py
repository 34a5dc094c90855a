"""Search over the real excerpt (tests/search/corpus.py), on SQLite and PostgreSQL.

Expected sets come from plain SQL over the same rows (LIKE on titles, joins on IPC and
parties), so each field filter is checked against the data, not against itself.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from ipops.domain.errors import QuerySyntaxError
from ipops.search.service import search
from ipops.store.db import Database
from ipops.store.schema import Patent, PatentIpc, PatentParty


def hits(db: Database, query: str, *, limit: int = 500) -> list[Any]:
    """Every hit, page by page through the cursor."""
    found: list[Any] = []
    cursor = None
    with db.session() as s:
        while True:
            page = search(s, query=query, limit=limit, cursor=cursor, facets=())
            found += page.hits
            if not (cursor := page.next_cursor):
                break
    assert len(found) == page.total
    return found


def numbers(db: Database, query: str) -> set[str]:
    return {h.app_number for h in hits(db, query)}


def sql_numbers(db: Database, *where: Any) -> set[str]:
    with db.session() as s:
        return set(s.scalars(sa.select(Patent.app_number).where(*where)))


@pytest.mark.parametrize("word", ["石墨烯", "电池", "机器人", "传感器", "燃料电池"])
def test_title_field_finds_exactly_the_titles_with_the_word(corpus: Database, word: str) -> None:
    expected = sql_numbers(corpus, Patent.title.contains(word))
    assert len(expected) >= 2
    assert numbers(corpus, f"名称={word}") == expected


def test_a_compound_word_also_finds_its_parts_together(corpus: Database) -> None:
    """制备方法 is one jieba word; titles that say 制备…方法 are found too (recall), ranked lower."""
    exact = sql_numbers(corpus, Patent.title.contains("制备方法"))
    found = hits(corpus, "名称=制备方法")
    assert exact < {h.app_number for h in found}
    assert all("制备" in h.title and "方法" in h.title for h in found)
    assert "一种干态研磨剥离制备石墨烯的方法" in {h.title for h in found}


def test_graphene_titles(corpus: Database) -> None:
    titles = {h.title for h in hits(corpus, "名称=石墨烯")}
    assert "一种干态研磨剥离制备石墨烯的方法" in titles
    assert "硅包覆垂直石墨烯/金属锂复合材料及其制备方法和应用" in titles


def test_keywords_without_field_also_search_applicant_names(corpus: Database) -> None:
    by_name = numbers(corpus, "医院")
    assert sql_numbers(corpus, Patent.applicants_display.contains("医院")) <= by_name
    assert "CN201710242218.1" in by_name  # 一种医用液袋悬挂装置, 东莞市第三人民医院


def test_applicant_inventor_and_address_fields(corpus: Database) -> None:
    assert numbers(corpus, "申请人=华为") == sql_numbers(corpus, Patent.applicants_display.contains("华为"))
    assert len(numbers(corpus, "申请人=华为")) == 3
    inventor = sa.exists().where(PatentParty.patent_id == Patent.id, PatentParty.role == "inventor",
                                 PatentParty.raw_name == "张文媛")  # fmt: skip
    assert (
        numbers(corpus, "发明人=张文媛")
        == sql_numbers(corpus, inventor)
        == {"CN201510586753.X", "CN201510605832.0"}
    )
    assert numbers(corpus, "地址=青岛") == sql_numbers(corpus, Patent.address.contains("青岛"))


def test_region_by_name_short_name_and_code(corpus: Database) -> None:
    qingdao = sql_numbers(corpus, Patent.city_code == "370200")
    assert len(qingdao) > 50
    assert (
        numbers(corpus, "地区=青岛")
        == numbers(corpus, "地区=青岛市")
        == numbers(corpus, "地区=370200")
        == qingdao
    )
    assert qingdao < numbers(corpus, "地区=山东")
    with pytest.raises(QuerySyntaxError, match="未知的地区"):
        hits(corpus, "地区=火星")


def _ipc_numbers(db: Database, cond: Any) -> set[str]:
    return sql_numbers(db, sa.exists().where(PatentIpc.patent_id == Patent.id, cond))


def test_ipc_prefix_at_every_level(corpus: Database) -> None:
    h01m = numbers(corpus, "IPC=H01M")
    assert h01m == _ipc_numbers(corpus, PatentIpc.code.like("H01M%")) and len(h01m) >= 10
    group = numbers(corpus, "IPC=H01M10")
    assert group == _ipc_numbers(corpus, PatentIpc.main_group == "H01M10/00") and group < h01m
    sub = numbers(corpus, "IPC=H01M10/05")
    assert sub == numbers(corpus, "IPC=H01M 10/05") == _ipc_numbers(corpus, PatentIpc.code.like("H01M10/05%"))
    assert sub <= group
    assert numbers(corpus, "IPC=H01") >= h01m
    assert "CN201710083275.X" in sub  # 一种锂离子电池用电解液, H01M10/0566


def test_date_ranges_and_years(corpus: Database) -> None:
    import datetime as dt

    y2015 = sql_numbers(corpus, Patent.app_date.between(dt.date(2015, 1, 1), dt.date(2015, 12, 31)))
    assert numbers(corpus, "申请日=2015") == numbers(corpus, "申请日=[2015-01-01 TO 2015-12-31]") == y2015
    later = sql_numbers(corpus, Patent.app_date >= dt.date(2016, 1, 1))
    assert numbers(corpus, "申请日>=2016") == later
    assert numbers(corpus, "申请日=[2015 TO *]") == y2015 | later
    granted_2017 = sql_numbers(corpus, Patent.grant_date.between(dt.date(2017, 1, 1), dt.date(2017, 12, 31)))
    assert numbers(corpus, "授权日=2017") == granted_2017 and len(granted_2017) > 100


@pytest.mark.parametrize("form", ["CN201610429360.2", "201610429360.2", "2016104293602", "ZL201610429360.2",
                                  "CN102016000429360"])  # fmt: skip
def test_application_number_in_any_form(corpus: Database, form: str) -> None:
    assert [h.title for h in hits(corpus, f"申请号={form}")] == ["燃料电池以及燃料电池的控制方法"]


@pytest.mark.parametrize("form", ["CN104574531B", "cn104574531b", "CN104574531", "104574531"])
def test_publication_number_with_or_without_kind(corpus: Database, form: str) -> None:
    assert numbers(corpus, f"公开号={form}") == {"CN201410048059.8"}  # 通过OBU进行收费管理的方法和系统…


def test_coded_fields(corpus: Database) -> None:
    assert numbers(corpus, "法律状态=有效") == sql_numbers(corpus, Patent.legal_status == "granted")
    assert numbers(corpus, "专利类型=发明") == sql_numbers(corpus)  # the slice holds inventions only
    assert numbers(corpus, "专利类型=实用新型") == set()
    universities = numbers(corpus, "申请人类型=高校")
    assert "CN201710249279.0" in universities  # 浙江大学
    assert all(
        "大学" in (h.applicants or "") or "学院" in (h.applicants or "")
        for h in hits(corpus, "申请人类型=高校")
    )


def test_boolean_logic_is_set_logic(corpus: Database) -> None:
    a, b = numbers(corpus, "名称=石墨烯"), numbers(corpus, "名称=制备方法")
    assert numbers(corpus, "名称=石墨烯 AND 名称=制备方法") == a & b != set()
    assert numbers(corpus, "名称=(石墨烯 制备方法)") == a & b
    assert numbers(corpus, "名称=石墨烯 OR 名称=制备方法") == a | b
    assert numbers(corpus, "名称=石墨烯 或 名称=制备方法") == a | b
    assert numbers(corpus, "名称=石墨烯 NOT 名称=制备方法") == a - b != set()
    assert numbers(corpus, "名称=石墨烯 AND NOT 名称=制备方法") == a - b
    h01m = numbers(corpus, "IPC=H01M")
    assert numbers(corpus, "(名称=石墨烯 OR IPC=H01M) NOT 申请人=大学") == (a | h01m) - numbers(
        corpus, "申请人=大学"
    )


def test_not_includes_patents_without_a_value(corpus: Database) -> None:
    everything = sql_numbers(corpus)
    assert numbers(corpus, "NOT 法律状态=有效") == everything - numbers(corpus, "法律状态=有效")
    no_city = sql_numbers(corpus, Patent.city_code.is_(None))
    assert no_city and no_city <= numbers(corpus, "NOT 地区=青岛")


def test_phrase_is_exact_words_are_not(corpus: Database) -> None:
    words = numbers(corpus, "名称=(制备 方法)")
    phrase = numbers(corpus, '名称="制备方法"')
    assert phrase == sql_numbers(corpus, Patent.title.contains("制备方法"))
    assert phrase < words  # 制备 … 方法 apart, e.g. "制备装置及方法"


@pytest.mark.parametrize("word", ["电子", "机械", "生物"])
def test_a_title_match_ranks_above_an_applicant_name_match(corpus: Database, word: str) -> None:
    ranked = hits(corpus, word)
    in_title = [i for i, h in enumerate(ranked) if word in h.title]
    only_applicant = [i for i, h in enumerate(ranked) if word not in h.title]
    assert in_title and only_applicant
    assert max(in_title) < min(only_applicant)
    assert ranked[0].score > ranked[-1].score > 0


def test_ranking_is_by_date_without_words(corpus: Database) -> None:
    with corpus.session() as s:
        assert search(s, query="IPC=H01M", facets=()).ranked_by == "date"
    dates = [h.app_date for h in hits(corpus, "IPC=H01M", limit=7)]
    assert dates == sorted(dates, reverse=True)


def test_highlights_mark_the_query_words_in_escaped_text(corpus: Database) -> None:
    hit = next(h for h in hits(corpus, "石墨烯") if h.app_number == "CN201610914000.1")
    assert hit.highlights["title"] == "一种干态研磨剥离制备<mark>石墨烯</mark>的方法"
    sub = next(h for h in hits(corpus, "名称=烟气") if "NO<sub>x</sub>" in h.title)
    assert "&lt;sub&gt;" in sub.highlights["title"] and "<sub>" not in sub.highlights["title"]
    assert "<mark>烟气</mark>" in sub.highlights["title"]
    hospital = next(h for h in hits(corpus, "医院") if h.app_number == "CN201710242218.1")
    assert hospital.highlights["applicants"] == "东莞市第三人民<mark>医院</mark>"


def test_negated_words_are_not_highlighted(corpus: Database) -> None:
    for hit in hits(corpus, "名称=石墨烯 NOT 名称=方法"):
        assert "<mark>方法</mark>" not in hit.highlights["title"]


def test_syntax_errors_surface_before_any_sql(corpus: Database) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        hits(corpus, "名称=(石墨烯 AND")
    assert info.value.position == len("名称=(石墨烯 AND")
