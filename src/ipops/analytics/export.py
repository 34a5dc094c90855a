"""The indicator table as CSV or XLSX: one row per indicator, region and period, nothing cut."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from ipops.analytics.schemas import IndicatorTable

HEADERS = ("指标代码", "指标", "单位", "地区代码", "地区", "期间", "数值", "缺失原因", "说明")


def _rows(table: IndicatorTable) -> list[list[object]]:
    return [[r.indicator_id, r.indicator_name, r.unit, r.region_code, r.region_name, r.period,
             r.value, r.missing or "", r.note or ""] for r in table.rows]  # fmt: skip


def table_csv(table: IndicatorTable) -> bytes:
    """UTF-8 with BOM, so Excel opens the Chinese headers correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(_rows(table))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(table: IndicatorTable) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("指标")
    ws.append(list(HEADERS))
    for row in _rows(table):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
