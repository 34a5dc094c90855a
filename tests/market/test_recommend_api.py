"""Need matches, potential licensees and digests through the API and the pages (both engines).

They run on a copy of the real search excerpt (2,010 CNIPA rows with vectors, tests/search/corpus.py)
made once for this module. The organisations added are labelled scenario rows (情景数据), except the
holder, which carries the real applicant's name of the electrolyte patent; their needs are scenario
text too. Each test uses its own organisations so the module's tests do not depend on their order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from io import BytesIO

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.market.exports import DIGEST_HEADER
from ipops.store.db import Database
from ipops.store.schema import Party, Patent, PatentParty
from ipops.store.settings import Settings
from ipops.web.app import create_app
from tests.search.conftest import _copy, _pg
from tests.web.accounts import csrf_of, open_client

PASSWORD = "recommend-pass-2026"
TITLE = "一种锂离子电池用电解液"  # a real row of the excerpt
NEED = {"title": "锂离子电池低温电解液", "region_code": "370600",
        "description": "希望引进锂离子电池电解液技术，改善电池在低温下的容量和安全性。"}  # fmt: skip
SignIn = Callable[[str, str, OrgKind], TestClient]


@pytest.fixture(scope="module")
def corpus_copy(semantic_corpus: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A writable copy of the shared excerpt (its vectors and nearest-neighbour file are read as they are)."""
    url, pg_name = _copy(semantic_corpus, tmp_path_factory.mktemp("recommend"), "recommend")
    db = Database(Settings(database_url=url, demo_on_empty=False, data_dir=semantic_corpus.settings.data_dir))
    yield db
    db.dispose()
    if pg_name:
        _pg(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def _client(db: Database, settings: Settings | None = None) -> Iterator[Callable[..., TestClient]]:
    app = create_app(settings or db.settings, database=db)
    opened: list[TestClient] = []

    def sign_in(username: str, org_name: str, kind: OrgKind = OrgKind.enterprise) -> TestClient:
        with db.session() as s:
            org = get_or_create_organisation(s, name=org_name, kind=kind, region_code="370600")
            create_user(s, username=username, password=PASSWORD, organisation=org)
        opened.append(open_client(app, username, PASSWORD))
        return opened[-1]

    yield sign_in
    for c in opened:
        c.__exit__(None, None, None)


@pytest.fixture
def sign_in(corpus_copy: Database) -> Iterator[SignIn]:
    yield from _client(corpus_copy)


@pytest.fixture(scope="module")
def electrolyte(corpus_copy: Database) -> tuple[str, str]:
    """(application number, first applicant's name) of the real electrolyte patent."""
    with corpus_copy.session() as s:
        number, name = s.execute(
            sa.select(Patent.app_number, Party.name).join(PatentParty, PatentParty.patent_id == Patent.id)
            .join(Party, Party.id == PatentParty.party_id).where(Patent.title == TITLE).order_by(PatentParty.seq)
        ).first()  # fmt: skip
    return number, name


def _need(client: TestClient, title: str = NEED["title"]) -> int:
    made = client.post("/api/v1/needs", json={**NEED, "title": title})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_need_matches_are_ranked_with_reasons_and_private(sign_in: SignIn) -> None:
    firm = sign_in("m-firm", "情景数据：电池材料企业")
    other = sign_in("m-other", "情景数据：其他企业")
    office = sign_in("m-office", "情景数据：知识产权局", OrgKind.ip_office)
    nid = _need(firm)
    got = firm.get(f"/api/v1/needs/{nid}/matches").json()
    assert got["available"] and got["need_title"] == NEED["title"] and len(got["matches"]) == 10
    titles = [m["title"] for m in got["matches"]]
    assert all("电池" in t or "电解" in t for t in titles[:2]), titles
    assert all(m["reasons"][0].startswith("语义相似度") and m["href"] for m in got["matches"])
    assert [m["score"] for m in got["matches"]] == sorted((m["score"] for m in got["matches"]), reverse=True)
    assert len(firm.get(f"/api/v1/needs/{nid}/matches", params={"limit": 3}).json()["matches"]) == 3
    assert firm.get(f"/api/v1/needs/{nid}/matches", params={"limit": 0}).status_code == 422
    assert other.get(f"/api/v1/needs/{nid}/matches").status_code == 404
    assert office.get(f"/api/v1/needs/{nid}/matches").json()["matches"] == got["matches"]
    page = HTMLParser(firm.get(f"/market/needs/{nid}").text)
    rows = page.css("#matches tr[data-number]")
    assert [r.attributes["data-number"] for r in rows] == [m["app_number"] for m in got["matches"]]
    assert "语义相似度" in rows[0].css_first("td.reasons").text()


def test_licensees_leave_out_holders_and_hide_other_firms_needs(
    sign_in: SignIn, electrolyte: tuple[str, str]
) -> None:
    number, holder = electrolyte
    firm = sign_in("l-firm", "情景数据：电解液需求企业")
    other = sign_in("l-other", "情景数据：旁观企业")
    office = sign_in("l-office", "情景数据：知识产权局二", OrgKind.ip_office)
    _need(firm, "低温锂离子电池电解液")
    url = f"/api/v1/patents/{number}/licensees"
    seen = other.get(url, params={"limit": 100}).json()
    assert seen["available"] and seen["title"] == TITLE
    names = [f["name"] for f in seen["licensees"]]
    assert holder not in names and len(names) == len(set(names))
    mine = next(f for f in seen["licensees"] if f["name"] == "情景数据：电解液需求企业")
    assert mine["registered"] and mine["needs"] == [] and "内容仅发布机构可见" in mine["reason"]
    assert "低温锂离子电池电解液" not in mine["reason"]
    for viewer in (office, firm):
        row = next(f for f in viewer.get(url, params={"limit": 100}).json()["licensees"]
                   if f["name"] == "情景数据：电解液需求企业")  # fmt: skip
        assert [n["title"] for n in row["needs"]] == ["低温锂离子电池电解液"]
        assert "低温锂离子电池电解液" in row["reason"]
    assert [f["score"] for f in seen["licensees"]] == sorted((f["score"] for f in seen["licensees"]), reverse=True)
    assert other.get("/api/v1/patents/CN999999999999.9/licensees").status_code in (404, 422)


def test_the_holder_sees_potential_licensees_on_its_listing(
    sign_in: SignIn, electrolyte: tuple[str, str]
) -> None:
    number, holder = electrolyte
    owner = sign_in("h-owner", holder)  # linked to the patent's party by name
    other = sign_in("h-other", "情景数据：浏览企业")
    made = owner.post("/api/v1/listings", json={"number": number, "deal_type": "transfer", "lump_sum": "80"})
    assert made.status_code == 201, made.text
    href = made.json()["href"]
    rows = HTMLParser(owner.get(href).text).css("#licensees tr[data-name]")
    assert rows and holder not in [r.attributes["data-name"] for r in rows]
    assert other.get(href).status_code == 404  # a draft is the holder's
    page = HTMLParser(other.get(f"/market/licensees/{number}").text)  # anyone signed in: public data
    assert [r.attributes["data-name"] for r in page.css("#licensees tr[data-name]")] == [
        r.attributes["data-name"] for r in rows]  # fmt: skip


def test_digests_once_a_week_private_with_xlsx_and_inbox(sign_in: SignIn) -> None:
    firm = sign_in("d-firm", "情景数据：简报企业")
    other = sign_in("d-other", "情景数据：简报旁观企业")
    _need(firm, "锂电池电解液技术引进")
    made = firm.post("/api/v1/digests")
    assert made.status_code == 201 and len(made.json()) == 1
    digest = made.json()[0]
    assert digest["items"] == len(digest["entries"]) >= 1
    assert all(e["kind"] == "need" and e["need_title"] == "锂电池电解液技术引进" for e in digest["entries"])
    assert firm.post("/api/v1/digests").json() == []  # one a week
    assert [d["id"] for d in firm.get("/api/v1/digests").json()] == [digest["id"]]
    assert other.get("/api/v1/digests").json() == []
    assert other.get(f"/api/v1/digests/{digest['id']}").status_code == 404
    assert other.get(f"/api/v1/digests/{digest['id']}", params={"format": "xlsx"}).status_code == 404
    xlsx = firm.get(f"/api/v1/digests/{digest['id']}", params={"format": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content))["推荐简报"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == DIGEST_HEADER and len(rows) == 1 + digest["items"]
    assert rows[1][1] == "锂电池电解液技术引进" and rows[1][2] == digest["entries"][0]["app_number"]
    inbox = HTMLParser(firm.get("/market/inbox").text)
    assert inbox.css_first(f"#digests tr[data-id='{digest['id']}']").attributes["class"] == "unread"
    opened = HTMLParser(firm.get(digest["href"]).text)
    assert len(opened.css("#entries-need tr[data-number]")) == digest["items"]
    assert firm.get("/api/v1/digests").json()[0]["read_at"] is not None


def test_the_inbox_button_makes_this_weeks_digest(sign_in: SignIn) -> None:
    firm = sign_in("b-firm", "情景数据：按钮企业")
    _need(firm, "电池电解液低温性能改进")
    done = firm.post("/market/inbox", data={"csrf": csrf_of(firm, "/market/inbox")}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/market/inbox/")
    again = firm.post("/market/inbox", data={"csrf": csrf_of(firm, "/market/inbox")})
    assert "本周简报已生成" in HTMLParser(again.text).css_first("#inbox-message").text()


def test_without_semantic_search_the_pages_say_so(corpus_copy: Database) -> None:
    settings = corpus_copy.settings.model_copy(update={"semantic_search": False})
    for sign_in in _client(corpus_copy, settings):
        firm = sign_in("s-firm", "情景数据：无语义企业")
        nid = _need(firm, "电解液技术需求")
        assert firm.get(f"/api/v1/needs/{nid}/matches").json() == {
            "need_id": nid, "need_title": "电解液技术需求", "available": False, "matches": []}  # fmt: skip
        assert "语义检索未开启" in firm.get(f"/market/needs/{nid}").text
        refused = firm.post("/api/v1/digests")
        assert refused.status_code == 400 and "语义检索已关闭" in refused.json()["message"]
