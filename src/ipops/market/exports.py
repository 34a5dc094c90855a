"""XLSX exports of the marketplace: the sleeping-patent inventory (沉睡专利清单), for the office's
batch work, and a recommendation digest (推荐简报), for a firm to pass around.

The existing writers are shaped for their own pages (custody's fee calendar, search results with a fixed
header) and custody is a sibling package, so this is a small writer of its own.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH
from ipops.market.schemas import DEAL_LABELS_ZH, DigestRead, SleepingPage

HEADER = ["申请号", "名称", "专利类型", "申请日", "授权日", "专利年龄（年）", "剩余保护期（年）", "价值等级",
          "IPC小类数", "权利要求数", "市场潜力", "筛选理由", "盘活情况", "盘活日期"]  # fmt: skip
WIDTHS = (20, 40, 10, 12, 12, 10, 12, 8, 9, 9, 8, 48, 14, 12)
DIGEST_HEADER = ["类别", "技术需求", "申请号", "名称", "推荐分值", "推荐理由", "挂牌编号", "交易方式"]
DIGEST_WIDTHS = (10, 30, 20, 40, 9, 60, 9, 10)


def _header(sheet: Worksheet, widths: tuple[int, ...]) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + i)].width = width


def _bytes(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def sleeping_xlsx(page: SleepingPage) -> bytes:
    """Two sheets: 沉睡专利 (one row per patent) and 筛选条件 (the criteria, organisation, day, version)."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "沉睡专利"
    sheet.append(HEADER)
    for r in page.rows:
        sheet.append([r.app_number, r.title, PATENT_TYPE_LABELS_ZH.get(r.patent_type or "", r.patent_type), r.app_date, r.grant_date,
                      r.age_years, r.remaining_years, r.grade, r.ipc_subclasses, r.claims, r.potential_label,
                      "；".join(r.reasons), r.outcome_label, r.outcome_date])  # fmt: skip
    _header(sheet, WIDTHS)
    for row in sheet.iter_rows(min_row=2):
        for cell in (row[3], row[4], row[13]):
            cell.number_format = "yyyy-mm-dd"
    about = wb.create_sheet("筛选条件")
    for line in [
        ["机构", page.org],
        ["基准日", page.on],
        ["规则版本", page.version],
        *[["条件", c] for c in page.criteria],
    ]:
        about.append(line)
    return _bytes(wb)


def digest_xlsx(digest: DigestRead) -> bytes:
    """One sheet 推荐简报: a row per recommendation, need matches first, as the inbox shows them."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "推荐简报"
    sheet.append(DIGEST_HEADER)
    for e in digest.entries:
        sheet.append(["需求匹配" if e.kind == "need" else "相近挂牌", e.need_title, e.app_number, e.title, e.score,
                      e.reason, e.listing_id, DEAL_LABELS_ZH.get(e.deal_type or "", e.deal_type)])  # fmt: skip
    _header(sheet, DIGEST_WIDTHS)
    about = wb.create_sheet("说明")
    for line in [["机构", digest.org], ["期次", digest.period], ["生成时间", digest.created_at.strftime("%Y-%m-%d %H:%M")],
                 ["推荐条数", digest.items]]:  # fmt: skip
        about.append(line)
    return _bytes(wb)
