"""Build a 知识产权数据通报 for a region and period from the indicator engine.

Numbers only come from `ipops.analytics` (one grid over the period, the previous period, the
same period last year and six year-ends), so every figure in the document is one an office user
can open on the indicator pages. Rendering is `render_docx` / `render_pdf`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics.grid import Grid, evaluate_grid
from ipops.analytics.periods import Period, make_period
from ipops.analytics.rules import IndicatorRules
from ipops.analytics.service import part_label, relative_change, target_progress
from ipops.reports.model import Bulletin, Cell, Chart, Section, Series, Table
from ipops.store.schema import PatentFact

MAIN = ("valid_invention", "valid_invention_per_10k", "hv_invention", "hv_invention_per_10k", "valid_patents",
        "patent_applications", "patent_grants", "invention_grants", "pct_applications", "overseas_invention_grants",
        "transfers", "licences", "pledge_registrations", "pledge_amount", "open_licence_declarations")  # fmt: skip
BY_AREA = ("valid_invention", "hv_invention", "hv_invention_per_10k", "invention_grants", "transfers_licences")


def _pct(change: float | None) -> str:
    return "—" if change is None else f"{change * 100:+.1f}%"


def _value(grid: Grid, ind: str, region: str, period: Period) -> float | None:
    return grid.get(ind, region, period).value


def build_bulletin(session: Session, *, rules: IndicatorRules, region_code: str, period: Period,
                   issued_on: dt.date | None = None) -> Bulletin:  # fmt: skip
    """The bulletin's content: summary, main table, areas, high-value parts, targets, trends, notes."""
    before, last_year = period.previous(), period.year_before()
    years = [make_period("year", y) for y in range(period.year - 5, period.year + 1)]
    wanted = sorted({*MAIN, *BY_AREA})
    grid = evaluate_grid(session, rules=rules, region_code=region_code, periods=[period, before, last_year, *years],
                         indicator_ids=wanted)  # fmt: skip
    region = grid.region
    sections = [_main_section(grid, period, before, last_year)]
    if grid.children:
        sections.append(_area_section(grid, period))
    sections.append(_high_value_section(grid, period))
    targets = _target_section(session, rules, region.code, period)
    if targets:
        sections.append(targets)
    sections.append(_trend_section(grid, years))
    return Bulletin(
        title=f"{region.name}知识产权数据通报（{period.label}）", region_name=region.name, period_label=period.label,
        issued_on=issued_on or dt.date.today(), issuer=f"{region.name}知识产权管理部门（IPOps 生成）",
        summary=_summary(grid, period, last_year), sections=sections, notes=_notes(session, grid, period),
    )  # fmt: skip


def _summary(grid: Grid, period: Period, last_year: Period) -> list[str]:
    code, end = grid.region.code, period.end
    parts = []
    for ind, lead in (("valid_invention", f"截至{end.year}年{end.month}月{end.day}日，{grid.region.name}有效发明专利拥有量"),
                      ("hv_invention", "高价值发明专利拥有量")):  # fmt: skip
        v, b = _value(grid, ind, code, period), _value(grid, ind, code, last_year)
        parts.append(f"{lead}{_n(v)}件，同比{_pct(relative_change(v, b))}")
    per10k = grid.get("hv_invention_per_10k", code, period)
    parts.append(f"每万人口高价值发明专利拥有量{_n(per10k.value)}件" if per10k.value is not None
                 else f"每万人口高价值发明专利拥有量暂无法计算（{per10k.missing}）")  # fmt: skip
    first = "；".join(parts) + "。"
    flows = [(i, grid.get(i, code, period).value) for i in ("patent_grants", "invention_grants", "transfers", "licences")]
    second = (f"{period.label}，专利授权量{_n(flows[0][1])}件，其中发明专利{_n(flows[1][1])}件；专利转让{_n(flows[2][1])}次，"
              f"许可{_n(flows[3][1])}次；专利质押登记{_n(_value(grid, 'pledge_registrations', code, period))}项，"
              f"金额{_n(_value(grid, 'pledge_amount', code, period))}万元。")  # fmt: skip
    return [first, second]


def _n(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def _main_section(grid: Grid, period: Period, before: Period, last_year: Period) -> Section:
    """本期, 上期 and 环比 (not for a year: its previous period is the same period last year), 同比."""
    code, yearly = grid.region.code, period.kind == "year"
    defs = {d.id: d for d in grid.defs}
    rows: list[list[Cell]] = []
    for d in (defs[i] for i in MAIN):
        now, prev, ly = (grid.get(d.id, code, p).value for p in (period, before, last_year))
        shift = [] if yearly else [prev, _pct(relative_change(now, prev))]
        rows.append([d.name, d.unit, now, *shift, ly, _pct(relative_change(now, ly))])
    columns = ["指标", "单位", period.label, *([] if yearly else [before.label, "环比"]), last_year.label, "同比"]
    table = Table(title="主要知识产权指标", columns=columns, rows=rows,
                  note="存量指标为期末时点数，授权、转让、许可、质押等为期内发生数。")  # fmt: skip
    return Section(heading="主要指标", paragraphs=[], tables=[table])


def _area_section(grid: Grid, period: Period) -> Section:
    names = {d.id: f"{d.name}（{d.unit}）" for d in grid.defs}
    rows: list[list[Cell]] = [[c.name, *[_value(grid, i, c.code, period) for i in BY_AREA]] for c in grid.children]
    rows.sort(key=lambda r: -(r[2] if isinstance(r[2], int | float) else -1))
    level = "市" if grid.region.level == "province" else "县（市、区）"
    chart = Chart(title=f"各{level}高价值发明专利拥有量", kind="bar", categories=[str(r[0]) for r in rows],
                  series=[Series("高价值发明专利", [r[2] if isinstance(r[2], int | float) else None for r in rows])],
                  unit="件")  # fmt: skip
    return Section(heading=f"各{level}情况", tables=[Table(title=f"各{level}主要指标", columns=["地区", *[names[i] for i in BY_AREA]],
                                                           rows=rows)], charts=[chart])  # fmt: skip


def _high_value_section(grid: Grid, period: Period) -> Section:
    v = grid.get("hv_invention", grid.region.code, period)
    parts = sorted(v.breakdown.items(), key=lambda kv: -kv[1])
    rows: list[list[Cell]] = [[part_label(k), n, None if not v.value else round(n / v.value * 100, 1)] for k, n in parts]
    text = (f"高价值发明专利{_n(v.value)}件（一件专利满足多个类别只计一次，各类别之和可大于总数）。" if v.value
            else "本期无高价值发明专利。")  # fmt: skip
    charts = [Chart(title="高价值发明专利构成", kind="barh", categories=[str(r[0]) for r in rows],
                    series=[Series("件数", [float(n) for _, n in parts])], unit="件")] if rows else []  # fmt: skip
    return Section(heading="高价值发明专利构成", paragraphs=[text],
                   tables=[Table(title="高价值发明专利分类别情况", columns=["类别", "件数", "占总数（%）"], rows=rows)],
                   charts=charts)  # fmt: skip


def _target_section(session: Session, rules: IndicatorRules, code: str, period: Period) -> Section | None:
    progress = target_progress(session, rules=rules, region_code=code, year=period.year)
    if not progress:
        return None
    rows: list[list[Cell]] = [
        [t.indicator_name + ("（年均增幅%）" if t.kind == "avg_growth" else ""), f"{'≥' if t.comparison == '>=' else '>'}{t.target:,g}", str(t.by),
         t.value, None if t.progress is None else round(t.progress * 100, 1), t.needed_per_year, t.status]
        for t in progress
    ]  # fmt: skip
    return Section(heading="规划目标进度", paragraphs=["目标值摘自本地区规划文件；“按当前趋势”以近三年线性趋势推算，仅供参考。"],
                   tables=[Table(title="规划目标完成情况", columns=["指标", "目标", "目标年", "当前值", "进度（%）", "每年尚需", "判断"],
                                 rows=rows)])  # fmt: skip


def _trend_section(grid: Grid, years: Sequence[Period]) -> Section:
    code = grid.region.code
    labels = [f"{p.year}年" for p in years]
    stock = Chart(title="有效发明专利与高价值发明专利（年末）", kind="line", categories=labels, unit="件",
                  series=[Series("有效发明专利", [_value(grid, "valid_invention", code, p) for p in years]),
                          Series("高价值发明专利", [_value(grid, "hv_invention", code, p) for p in years])])  # fmt: skip
    flows = Chart(title="专利授权量", kind="bar", categories=labels, unit="件",
                  series=[Series("专利授权量", [_value(grid, "patent_grants", code, p) for p in years]),
                          Series("发明专利授权量", [_value(grid, "invention_grants", code, p) for p in years])])  # fmt: skip
    return Section(heading="近年趋势", charts=[stock, flows])


def _notes(session: Session, grid: Grid, period: Period) -> list[str]:
    notes = [
        "专利数据按第一专利权人地址归属地区；有效量为期末仍有效的国内专利（不含港澳台）。",
        "高价值发明专利按国家知识产权局五类口径（战略性新兴产业、海外同族授权、维持超过10年、较高质押融资金额、获国家科学技术奖或中国专利奖），"
        "阈值等未明确事项按平台设置（见 docs/settings.md）。",
        "每万人口指标分母为年末常住人口（万人），来源见平台人口数据表；缺人口数据的地区不计算。",
    ]  # fmt: skip
    demo = session.scalar(sa.select(sa.func.count()).select_from(PatentFact).where(PatentFact.is_demo.is_(True))) or 0
    if demo:
        notes.append(f"本库含演示数据 {demo:,} 件（真实 CNIPA 著录项目，法律状态部分为模拟），本通报仅供演示。")
    return notes


def generate_bulletin(session: Session, *, rules: IndicatorRules, region_code: str, period: Period,
                      fmt: str = "pdf") -> tuple[bytes, str]:  # fmt: skip
    """The rendered file and its download name (知识产权数据通报_烟台市_2025Q3.pdf)."""
    from ipops.reports.render_docx import render_docx
    from ipops.reports.render_pdf import render_pdf

    bulletin = build_bulletin(session, rules=rules, region_code=region_code, period=period)
    body = render_pdf(bulletin) if fmt == "pdf" else render_docx(bulletin)
    return body, f"知识产权数据通报_{bulletin.region_name}_{period.key}.{fmt}"
