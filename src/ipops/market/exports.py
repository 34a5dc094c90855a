"""XLSX export of the sleeping-patent inventory (沉睡专利清单), for the office's batch work.

The existing writers are shaped for their own pages (custody's fee calendar, search results with a fixed
header) and custody is a sibling package, so this is a small writer of its own.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from ipops.market.schemas import SleepingPage

HEADER = ["申请号", "名称", "专利类型", "申请日", "授权日", "专利年龄（年）", "剩余保护期（年）", "价值等级",
          "IPC小类数", "权利要求数", "市场潜力", "筛选理由", "盘活情况", "盘活日期"]  # fmt: skip
TYPES_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}
WIDTHS = (20, 40, 10, 12, 12, 10, 12, 8, 9, 9, 8, 48, 14, 12)


def sleeping_xlsx(page: SleepingPage) -> bytes:
    """Two sheets: 沉睡专利 (one row per patent) and 筛选条件 (the criteria, organisation, day, version)."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = "沉睡专利"
    sheet.append(HEADER)
    for r in page.rows:
        sheet.append([r.app_number, r.title, TYPES_ZH.get(r.patent_type or "", r.patent_type), r.app_date, r.grant_date,
                      r.age_years, r.remaining_years, r.grade, r.ipc_subclasses, r.claims, r.potential_label,
                      "；".join(r.reasons), r.outcome_label, r.outcome_date])  # fmt: skip
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
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
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
