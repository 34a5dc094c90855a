"""A portfolio's fee calendar as iCalendar (RFC 5545) and as an XLSX workbook."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from ipops.custody.schemas import PortfolioCalendar

CRLF = "\r\n"
PRODID = "-//IPOps//专利托管 年费日历//ZH"


def _escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Content lines longer than 75 octets are folded with CRLF + space (RFC 5545 §3.1), never inside a
    UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return CRLF.join(out)


def _event(uid: str, day: dt.date, summary: str, description: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}", f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}", "TRANSP:TRANSPARENT", "END:VEVENT",
    ]  # fmt: skip


def calendar_ics(cal: PortfolioCalendar, *, now: dt.datetime | None = None) -> str:
    """One all-day VEVENT per due date and one per grace-period end, with stable UIDs."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    name = cal.portfolio.name
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{_escape('年费日历 ' + name)}"]  # fmt: skip
    for r in cal.rows:
        base = f"{r.app_number}-{r.year}@ipops.custody.{cal.portfolio.id}"
        reduction = f"，费减 {r.reduction_percent:g}%" if r.reduction_percent else ""
        desc = f"{r.title}\n第 {r.year} 年度年费 {r.amount} 元{reduction}，应缴 {r.payable} 元。组合：{name}"
        lines += _event(
            f"due-{base}", r.due_date, f"年费到期 {r.app_number} 第{r.year}年 {r.payable}元", desc, stamp
        )
        if r.grace_end:
            late = (
                f"\n滞纳期最后一日，补缴需 {r.late_bands[-1].total} 元（含 {r.late_bands[-1].percent:g}% 滞纳金）。"
                if r.late_bands
                else ""
            )
            lines += _event(
                f"grace-{base}", r.grace_end, f"滞纳期届满 {r.app_number} 第{r.year}年", desc + late, stamp
            )
    lines.append("END:VCALENDAR")
    return CRLF.join(_fold(line) for line in lines) + CRLF


def calendar_xlsx(cal: PortfolioCalendar) -> bytes:
    """Two sheets: 年费日历 (one row per fee) and 预算 (per calendar year)."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "年费日历"
    header = [
        "申请号",
        "名称",
        "年度",
        "缴费日",
        "年费（元）",
        "费减%",
        "应缴（元）",
        "滞纳期届满",
        "状态",
        "今日应缴（元）",
    ]
    sheet.append(header)
    for r in cal.rows:
        sheet.append([r.app_number, r.title, r.year, r.due_date, float(r.amount), float(r.reduction_percent),
                      float(r.payable), r.grace_end, r.status_label, float(r.owed_today)])  # fmt: skip
    budget = wb.create_sheet("预算")
    budget.append(["年份", "笔数", "年费合计（元）", "应缴合计（元）"])
    for b in cal.budget:
        budget.append([b.year, b.fees, float(b.amount), float(b.payable)])
    for ws in (sheet, budget):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    for col, width in zip("ABCDEFGHIJ", (20, 36, 6, 12, 10, 8, 10, 12, 10, 12), strict=True):
        sheet.column_dimensions[col].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[3], row[7]):
            cell.number_format = "yyyy-mm-dd"
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
