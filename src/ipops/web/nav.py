"""The platform's modules as navigation data: built ones link, planned ones say so."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str | None  # None: planned, not yet built (shown greyed, never a dead link)
    note: str = ""


NAV: tuple[NavItem, ...] = (
    NavItem("首页", "/"),
    NavItem("专利库", "/patents"),
    NavItem("专利检索", "/search", "全文检索（语义检索规划中）"),
    NavItem("指标监测", "/indicators", "指标、目标进度与数据通报"),
    NavItem("数据大屏", "/wall", "知识产权局：全省及各市指标大屏"),
    NavItem("运营交易", "/market", "专利超市、开放许可、技术需求、沉睡专利盘活"),
    NavItem("质押融资", "/finance", "项目库、白名单、风险监测、风险补偿资金池"),
    NavItem("专利托管", "/custody", "年费日历、缴费预算与预警"),
    NavItem("专利导航", None, "规划中：产业链导航分析"),
    NavItem("数据导入", "/imports"),
    NavItem("数据质量", "/quality"),
    NavItem("接口文档", "/api/docs"),
)
