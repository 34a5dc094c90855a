"""Legal-event history cells → EventRecord, on real layouts (see fixtures/legal_events/SOURCE.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from ipops.ingest.normalise.legal_event_text import counter_value, parse_amount, parse_legal_events

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "legal_events"


def test_real_history_block() -> None:
    events = parse_legal_events((FIXTURES / "history_block.txt").read_text(encoding="utf-8"))
    assert [e.kind for e in events] == ["grant", "transfer", "expiry"]
    grant, transfer, expiry = events
    assert grant.date == dt.date(2012, 9, 26)
    assert transfer.date == dt.date(2012, 11, 16)  # 登记生效日, not the announcement date
    assert transfer.counterparty == "辉能科技股份有限公司;英属开曼群岛商辉能控股股份有限公司"
    assert transfer.details["变更前权利人"][-1] == "明瑜创新股份有限公司"
    assert transfer.details["IPC(主分类)"] == "A41D   1/00"
    assert expiry.date == dt.date(2022, 1, 4)


def test_transfer_line_from_brief() -> None:
    text = "2019-05-10 专利权的转移 IPC(主分类)：H04M 3/487 登记生效日：2019.04.22 变更前权利人：甲公司 变更后权利人：乙公司"
    (event,) = parse_legal_events(text)
    assert (event.kind, event.date, event.counterparty) == ("transfer", dt.date(2019, 4, 22), "乙公司")
    assert event.details["公告日"] == "2019-05-10"
    assert event.raw_text.startswith("2019-05-10 专利权的转移")


def test_licence_recordal() -> None:
    # Field layout of the CNIPA EE01 table; values are made up.
    text = (
        "专利实施许可合同备案的生效 IPC(主分类)：A01B 1/00 合同备案号：2018370000123 让与人：山东甲机械有限公司 "
        "受让人：烟台乙农业科技有限公司 发明名称：一种播种机 申请日：2016.03.01 许可种类：独占许可 备案日期：2018.06.01"
    )
    (event,) = parse_legal_events(text)
    assert event.kind == "licence" and event.licence_type == "exclusive"
    assert event.counterparty == "烟台乙农业科技有限公司"
    assert event.date == dt.date(2018, 6, 1)
    assert event.details["合同备案号"] == "2018370000123"


def test_pledge_and_cancellation_blocks() -> None:
    text = (
        "专利权质押合同登记的生效 IPC(主分类)：B23K 26/00 登记号：Y2019370000123 登记生效日：2019.03.01 "
        "出质人：烟台丙有限公司 质权人：中国银行股份有限公司烟台分行 质押金额：1200万元"
    )
    (event,) = parse_legal_events(text)
    assert (event.kind, event.counterparty, event.amount) == (
        "pledge",
        "中国银行股份有限公司烟台分行",
        Decimal("1200"),
    )
    assert event.details["登记号"] == "Y2019370000123"
    gazette = "专利权质押合同登记的注销\n专利号:ZL201310000001.2\n登记号:2015990000123\n解除日:2016-05-04\n出质人:甲\n质权人:乙银行"
    (cancel,) = parse_legal_events(gazette)
    assert (cancel.kind, cancel.date, cancel.counterparty) == ("pledge_cancel", dt.date(2016, 5, 4), "乙银行")


def test_several_dated_events_in_one_cell() -> None:
    text = "2016-01-20 实质审查的生效;2017-05-03 授权\n2020-03-05 未缴年费专利权终止 终止日期：2020.03.05"
    events = parse_legal_events(text)
    assert [(e.kind, e.date) for e in events] == [
        ("exam_request", dt.date(2016, 1, 20)),
        ("grant", dt.date(2017, 5, 3)),
        ("fee_termination", dt.date(2020, 3, 5)),
    ]


def test_open_licence_and_default_date() -> None:
    (declared,) = parse_legal_events("开放许可声明", default_date=dt.date(2024, 1, 2))
    assert (declared.kind, declared.licence_type, declared.date) == (
        "open_licence_declared",
        "open",
        dt.date(2024, 1, 2),
    )
    (withdrawn,) = parse_legal_events("开放许可声明撤回")
    assert withdrawn.kind == "open_licence_withdrawn"


def test_changes_and_other_text() -> None:
    assert parse_legal_events("专利实施许可合同备案的变更")[0].kind == "licence_change"
    assert parse_legal_events("专利权人的姓名或者名称、地址的变更")[0].kind == "bibliographic_change"
    assert parse_legal_events("某种没见过的事件")[0].kind == "other"
    assert parse_legal_events(None) == [] and parse_legal_events("  ") == []


@pytest.mark.parametrize(
    ("text", "unit", "amount"),
    [
        ("500万元", None, Decimal("500")),
        ("1.2亿元", None, Decimal("12000")),
        ("3,000,000元", None, Decimal("300")),
        ("500", None, None),
        ("500", "万元", Decimal("500")),
    ],
)
def test_parse_amount(text: str, unit: str | None, amount: Decimal | None) -> None:
    assert parse_amount(text, default_unit=unit) == amount


@pytest.mark.parametrize(
    ("value", "count"), [("3", 3), ("", None), ("-", None), ("0", 0), (None, None), (2.0, 2), ("3次", 3)]
)
def test_counter_value(value: object, count: int | None) -> None:
    assert counter_value(value) == count


def test_counter_value_rejects_junk() -> None:
    with pytest.raises(ValueError, match="无法识别的次数"):
        counter_value("很多")
