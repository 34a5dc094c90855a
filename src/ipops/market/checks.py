"""Checks before a listing is published (挂牌前审查), after cn-patent-rules.md §4 (open licensing) and §8.

Each rule of data/market/rules.toml is one function here; the TOML says, per deal type, whether a
failure is an error (blocks submission) or a warning (shown, and acknowledged at submission), and
carries the source quoted on the page. The royalty guidance caps are warnings: the guide says
"normally", so a higher figure is shown, never silently accepted and never refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from ipops.analytics import rights
from ipops.domain.fees import add_months
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH
from ipops.ingest.normalise.names import name_key
from ipops.market import patent_state
from ipops.market.rules import MarketRules, Rule, load_rules
from ipops.market.schemas import DEAL_LABELS_ZH, LICENCE_LABELS_ZH, CheckItem, CheckReport
from ipops.store.schema import MarketListing, Organisation, Patent


@dataclass
class Context:
    """Everything a rule reads, gathered once per check."""

    session: Session
    listing: MarketListing
    patent: Patent
    org: Organisation
    holders: list[patent_state.Holder]
    register: patent_state.Register
    today: dt.date
    rules: MarketRules

    @property
    def deal(self) -> str:
        return self.listing.deal_type

    @property
    def deal_label(self) -> str:
        if self.deal == "licence" and self.listing.licence_type:
            return LICENCE_LABELS_ZH[self.listing.licence_type]
        return DEAL_LABELS_ZH[self.deal]


Add = Callable[[str, str], None]


def num(value: Decimal) -> str:
    """2000.0000 → "2000", 12.500 → "12.5" (amounts as people write them)."""
    return f"{value.normalize():f}"


def check_listing(session: Session, *, listing: MarketListing, org: Organisation, on: dt.date | None = None,
                  rules: MarketRules | None = None) -> CheckReport:  # fmt: skip
    """Every rule for the listing's deal type, as of ``on`` (default today)."""
    today = on or dt.date.today()
    rules = rules or load_rules()
    patent = listing.patent
    ctx = Context(session, listing, patent, org, patent_state.holders(session, [patent.id]).get(patent.id, []),
                  patent_state.registers(session, [patent.id], today)[patent.id], today, rules)  # fmt: skip
    items: list[CheckItem] = []
    for rule_id, fn in CHECKS.items():
        rule = rules.rule(rule_id)
        level = rule.level(ctx.deal)
        if level is not None:
            fn(ctx, _adder(items, rule, level), rule)
    errors = sum(1 for i in items if i.level == "error")
    warnings = sum(1 for i in items if i.level == "warning")
    return CheckReport(on=today, items=items, errors=errors, warnings=warnings, can_submit=errors == 0)


def _adder(items: list[CheckItem], rule: Rule, level: str) -> Callable[[str, str], None]:
    """add(kind, message): kind "fail" takes the rule's level for this deal type, "warn" is always a warning."""

    def add(kind: str, message: str) -> None:
        lvl = {"fail": level, "warn": "warning", "ok": "ok"}[kind]
        items.append(CheckItem(rule=rule.id, level=lvl, message=message, source=rule.source))  # type: ignore[arg-type]

    return add


def _holder(ctx: Context, add: Add, _r: Rule) -> None:
    names = "、".join(h.name for h in ctx.holders) or "未登记"
    if patent_state.is_holder(ctx.org, ctx.holders):
        add("ok", f"「{ctx.org.name}」为登记的专利权人")
    else:
        add("fail", f"「{ctx.org.name}」不是该专利登记的专利权人（专利权人：{names}），不能挂牌")


def _granted(ctx: Context, add: Add, _r: Rule) -> None:
    if ctx.patent.grant_date is None:
        add("fail", "专利尚未授权（无授权公告日），不能挂牌交易")
    else:
        add("ok", f"专利已于 {ctx.patent.grant_date} 授权")


def _in_force(ctx: Context, add: Add, _r: Rule) -> None:
    if ctx.patent.grant_date is None:
        return
    ended, why = rights.ended(ctx.session, ctx.patent, ctx.today)
    if ended:
        add("fail", f"专利权已终止或无效：{why}，不能挂牌")
    else:
        add("ok", f"专利权目前有效（{rights.expiry_of(ctx.patent) or '期限未知'} 届满）")


def _annual_fee(ctx: Context, add: Add, _r: Rule) -> None:
    fee = rights.fee_state(ctx.session, ctx.patent, ctx.today)
    if fee.state == "overdue":
        add("fail", f"第{fee.year}年度年费逾期未缴（滞纳期已于 {fee.grace_end} 届满），不能挂牌")
    elif fee.state == "grace":
        add(
            "warn",
            f"第{fee.year}年度年费已于 {fee.due_date} 到期未缴，处于滞纳期（至 {fee.grace_end}），应先补缴年费及滞纳金",
        )
    elif fee.state == "unknown":
        add("warn", f"年费缴纳情况未知（第{fee.year}年度年费缴费日 {fee.due_date}，滞纳期至 {fee.grace_end}；"
                    "平台无缴费记录，请核对缴费凭证或将专利加入托管）")  # fmt: skip
    elif fee.state == "paid":
        add("ok", f"第{fee.year}年度年费已缴纳")


def _exclusive_licence(ctx: Context, add: Add, _r: Rule) -> None:
    if not ctx.register.exclusive:
        add("ok", "未查到有效的独占许可或排他许可")
        return
    e = ctx.register.exclusive[-1]
    what = f"该专利存在有效的{LICENCE_LABELS_ZH.get(e.licence_type or '', '独占许可')}（{e.event_date} 备案，被许可人：{e.counterparty or '未知'}）"
    tail = {"open_licence": "，不能实行开放许可", "licence": "，再行许可可能违反原许可合同的约定",
            "transfer": "，转让不影响原许可合同的效力，须告知受让人"}[ctx.deal]  # fmt: skip
    add("fail", what + tail)


def _open_licence_in_force(ctx: Context, add: Add, rule: Rule) -> None:
    declared = ctx.register.open_licence
    if ctx.deal == "licence" and ctx.listing.licence_type not in rule.extra.get("licence_types", []):
        return
    if declared is None:
        add("ok", "未查到有效的开放许可声明")
    elif ctx.deal == "licence":
        add("fail", f"该专利已有开放许可声明（{declared.event_date}）且未撤回，不得给予独占许可或排他许可")
    else:
        add("fail", f"该专利已有开放许可声明（{declared.event_date}）且未撤回，转让前须撤回开放许可声明")


def _pledge(ctx: Context, add: Add, _r: Rule) -> None:
    p = ctx.register.pledge
    if p is None:
        add("ok", "未查到有效的质押登记")
    elif ctx.listing.pledgee_consent:
        add("ok", f"专利已质押（{p.event_date}，质权人：{p.counterparty or '未知'}），已声明取得质权人同意")
    else:
        add("fail", f"该专利已质押且未注销（{p.event_date}，质权人：{p.counterparty or '未知'}），{ctx.deal_label}须取得质权人同意："
                    "请勾选「已取得质权人同意」")  # fmt: skip


def _evaluation_report(ctx: Context, add: Add, rule: Rule) -> None:
    if ctx.patent.patent_type not in rule.extra.get("patent_types", []):
        return
    label = PATENT_TYPE_LABELS_ZH.get(ctx.patent.patent_type or "")  # type: ignore[call-overload]
    kind = f"{label}专利" if label else "该专利"
    if ctx.listing.evaluation_report:
        add("ok", f"{kind}已声明取得专利权评价报告")
    else:
        add(
            "fail",
            f"{kind}实行开放许可须提供专利权评价报告（结论为符合授权条件）：请勾选「已取得专利权评价报告」",
        )


def _terms(ctx: Context, add: Add, _r: Rule) -> None:
    lst, problems = ctx.listing, []
    if ctx.deal == "licence" and not lst.licence_type:
        problems.append("请选择许可类型（独占许可、排他许可或普通许可）")
    if lst.lump_sum is None and lst.royalty_rate is None:
        problems.append("开放许可声明须写明许可使用费支付方式和标准：请填写一次性许可使用费（万元）或提成比例（%）"
                        if ctx.deal == "open_licence" else "请填写价格条件：一次性金额（万元）或提成比例（%）")  # fmt: skip
    if lst.royalty_rate is not None and not lst.royalty_base:
        problems.append("填写提成比例时须选择提成基数（净销售额或利润）")
    if ctx.deal == "open_licence" and not lst.term_months:
        problems.append("开放许可声明须写明许可期限：请填写「许可期限（月）」")
    for message in problems:
        add("fail", message)
    if not problems:
        add("ok", "价格/许可使用费条件已填写")


def _royalty_caps(ctx: Context, add: Add, _r: Rule) -> None:
    cap, lst = ctx.rules.royalty, ctx.listing
    if ctx.deal not in cap.applies_to:
        return
    found = []
    if lst.lump_sum is not None and lst.lump_sum > cap.lump_sum_max_wan:
        found.append(
            f"一次性许可使用费 {num(lst.lump_sum)} 万元超过指导上限 {num(cap.lump_sum_max_wan)} 万元，一般应采用普通许可方式"
        )
    limit = {"net_sales": cap.rate_max_net_sales_percent, "profit": cap.rate_max_profit_percent}.get(
        lst.royalty_base or ""
    )
    if lst.royalty_rate is not None and limit is not None and lst.royalty_rate > limit:
        base = "净销售额" if lst.royalty_base == "net_sales" else "利润"
        found.append(f"提成比例 {num(lst.royalty_rate)}% 超过按{base}计提的指导上限 {num(limit)}%")
    note = (lst.royalty_note or "").strip()
    if not note:
        found.append("开放许可声明应附许可使用费估算方式的简要说明：请填写「许可使用费估算说明」")
    elif len(note) > cap.explanation_max_chars:
        found.append(
            f"许可使用费估算说明共 {len(note)} 字，超过一般不超过 {cap.explanation_max_chars} 字的要求"
        )
    for message in found:
        add("fail", message)
    if not found:
        add("ok", "许可使用费在指导范围内")


def _co_owners(ctx: Context, add: Add, _r: Rule) -> None:
    owners = list(dict.fromkeys(h.name for h in ctx.holders))
    if len({name_key(n) for n in owners}) > 1:
        add("fail", f"专利权共有（{'、'.join(owners)}），{ctx.deal_label}须经全体共有人同意")


def _term(ctx: Context, add: Add, _r: Rule) -> None:
    months, expiry = ctx.listing.term_months, rights.expiry_of(ctx.patent)
    if not months or expiry is None:
        return
    end = add_months(ctx.today, months)
    if end > expiry:
        add("fail", f"许可期限（{months} 个月，至 {end}）超过专利权期限（{expiry} 届满）")
    else:
        add("ok", f"许可期限（至 {end}）在专利权期限内")


# the order of the items on the page; every key must have a [rules.*] entry in rules.toml
CHECKS: dict[str, Callable[[Context, Add, Rule], None]] = {
    "holder": _holder, "granted": _granted, "in_force": _in_force, "annual_fee": _annual_fee,
    "exclusive_licence": _exclusive_licence, "open_licence_in_force": _open_licence_in_force, "pledge": _pledge,
    "evaluation_report": _evaluation_report, "terms": _terms, "royalty_caps": _royalty_caps,
    "co_owners": _co_owners, "term": _term,
}  # fmt: skip
