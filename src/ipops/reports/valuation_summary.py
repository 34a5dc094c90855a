"""A printable valuation summary (专利价值评估摘要) of one patent, as DOCX or PDF.

Built from `valuation.service.value_patent` into the bulletin model, so it shares the
bulletin's renderers and fonts; reports may import valuation (a lower layer), not the reverse.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ipops.reports.model import Bulletin, Chart, Section, Series, Table
from ipops.valuation.schemas import Valuation
from ipops.valuation.service import value_patent

ISSUER = "IPOps 专利分级与价值评估（系统生成）"


def build_summary(v: Valuation, *, issued_on: dt.date | None = None) -> Bulletin:
    """The valuation as a bulletin: headline, dimension table and chart, indicators, missing data."""
    grade = f"{v.grade} 级（{v.grade_label}）" if v.grade else v.grade_label
    score = "—" if v.score is None else f"{v.score:.1f}"
    dims = Section(
        heading="维度得分",
        paragraphs=["维度依 GB/T 42748-2023《专利评估指引》的法律、技术、经济三个一级指标；维度得分为该维度有数据指标的加权平均。"],
        tables=[Table(title="表1 维度得分", columns=["维度", "得分", "权重（分）", "有数据的权重（分）"],
                      rows=[[d.name, _n(d.score), _n(d.weight), _n(d.available_weight)] for d in v.dimensions])],
        charts=[Chart(title="图1 维度得分（0–100）", kind="barh", categories=[d.name for d in v.dimensions],
                      series=[Series("得分", [d.score for d in v.dimensions])], unit="分")],
    )  # fmt: skip
    rows: list[list[str | int | float | None]] = [
        [i.name, _dimension_name(v, i.dimension).removesuffix("价值度"), i.raw_label, _n(i.score), _n(i.weight),
         "不计" if i.score is None else f"{100 * i.effective_weight:.1f}%"] for i in v.indicators]  # fmt: skip
    indicators = Section(
        heading="指标明细",
        tables=[Table(title="表2 指标：原始值 → 得分 → 权重",
                      columns=["指标", "维度", "原始值", "得分", "权重（分）", "实际权重"], rows=rows,
                      note="实际权重：缺数据指标剔除后按比例放大的权重。")],  # fmt: skip
    )
    basis = Section(heading="各指标评分依据", paragraphs=[
        f"{i.name}：{i.explanation}。评分方法：{i.mapping}。" for i in v.indicators if i.score is not None])  # fmt: skip
    sections = [dims, indicators, basis]
    if v.missing:
        sections.append(Section(heading="缺少数据的指标", paragraphs=[
            f"{i.name}：{i.explanation}。该指标未参与计算（不按 0 分计），其权重由其余指标按比例分担。"
            for i in v.indicators if i.score is None]))  # fmt: skip
    notes = ["维度结构依 GB/T 42748-2023；该标准未公布指标权重、评分曲线和等级划分，本摘要所用指标、权重和等级线均为 IPOps 的设定"
             "（src/ipops/data/valuation/weights.toml），二、三级指标名称未取得，本系统指标不等同于标准的二、三级指标。",
             f"规则版本 {v.rules_version}；有数据的指标占总权重 {100 * v.coverage:.0f}%。",
             "本摘要依据平台所存著录项目与法律事件自动计算，供分级筛选参考，不构成资产评估报告。"]  # fmt: skip
    if v.is_demo:
        notes.append("该专利为演示数据（法律状态部分为模拟），评估结果仅供演示。")
    return Bulletin(
        title="专利价值评估摘要", region_name=v.app_number, period_label=f"评估基准日 {v.as_of.isoformat()}",
        issued_on=issued_on or dt.date.today(), issuer=ISSUER,
        summary=[f"专利 {v.app_number}《{v.title}》，评估基准日 {v.as_of.isoformat()}：总分 {score}，{grade}。", v.explanation],
        sections=sections, notes=notes,
    )  # fmt: skip


def _n(value: float | None) -> str:
    """One decimal at most, as on the page (the bulletin renderers would print two)."""
    return "—" if value is None else f"{value:.1f}".removesuffix(".0")


def _dimension_name(v: Valuation, dim: str) -> str:
    return next((d.name for d in v.dimensions if d.id == dim), dim)


def generate_summary(session: Session, *, number: str, as_of: dt.date | None = None,
                     fmt: str = "pdf") -> tuple[bytes, str]:  # fmt: skip
    """The rendered summary and its download name (专利价值评估_CN201510438704.1.pdf)."""
    from ipops.reports.render_docx import render_docx
    from ipops.reports.render_pdf import render_pdf

    valuation = value_patent(session, number=number, as_of=as_of)
    summary = build_summary(valuation)
    body = render_pdf(summary) if fmt == "pdf" else render_docx(summary)
    return body, f"专利价值评估_{valuation.app_number}.{fmt}"
