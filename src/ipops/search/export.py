"""Write search hits to CSV (UTF-8 with BOM, so Excel reads the Chinese) or XLSX (streamed).

XLSX is written with openpyxl's write-only mode, so memory stays flat. A sheet holds at most
1,048,576 rows; a larger result set is refused with a message naming CSV instead of being cut.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ipops.domain.errors import IpopsError
from ipops.domain.legal_status import LABELS_ZH as STATUS_LABELS
from ipops.domain.legal_status import LegalStatus
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.store.schema import Patent

XLSX_MAX_ROWS = 1_048_576 - 1  # one header row
HEADER = ("申请号", "名称", "专利类型", "申请日", "公开号", "公开日", "授权公告号", "授权日", "申请人", "地址",
          "主分类号", "法律状态", "得分")  # fmt: skip
_PROGRESS_EVERY = 500


class ExportRefused(IpopsError):
    default_message_zh = "无法导出"


def formats() -> tuple[str, ...]:
    return (".csv", ".xlsx")


def write(path: Path, rows: Iterable[tuple[Patent, float]], *, total: int,
          progress: Callable[[int], None] | None = None) -> int:  # fmt: skip
    """Write `rows` to `path`; the suffix picks the format. Returns the number of rows written."""
    suffix = path.suffix.lower()
    if suffix not in formats():
        raise ExportRefused(f"不支持的导出格式“{suffix or path.name}”：请用 .csv 或 .xlsx")
    if suffix == ".xlsx" and total > XLSX_MAX_ROWS:
        raise ExportRefused(
            f"共 {total:,} 件，超过 Excel 单表上限 {XLSX_MAX_ROWS:,} 行：请导出为 CSV 或缩小检索范围"
        )
    values = (_values(p, score) for p, score in rows)
    writer = _write_csv if suffix == ".csv" else _write_xlsx
    return writer(path, _counted(values, progress))


def _counted(values: Iterable[list[Any]], progress: Callable[[int], None] | None) -> Iterable[list[Any]]:
    n = 0
    for n, row in enumerate(values, 1):
        yield row
        if progress and n % _PROGRESS_EVERY == 0:
            progress(n)
    if progress:
        progress(n)


def _values(p: Patent, score: float) -> list[Any]:
    type_label = PATENT_TYPE_LABELS_ZH.get(PatentType(p.patent_type)) if p.patent_type else None
    status = STATUS_LABELS.get(LegalStatus(p.legal_status)) if p.legal_status else None
    return [p.app_number, p.title, type_label, p.app_date, p.pub_number, p.pub_date, p.grant_number, p.grant_date,
            p.applicants_display, p.address, p.ipc_main, status, round(float(score or 0), 4)]  # fmt: skip


def _write_csv(path: Path, rows: Iterable[list[Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for row in rows:
            out.writerow(["" if v is None else v for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, rows: Iterable[list[Any]]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("检索结果")
    sheet.append(list(HEADER))
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    book.save(path)
    return count
