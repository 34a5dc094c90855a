"""SYNTHETIC patent records for scale benchmarks only — never for correctness, never shipped.

Deterministic (seeded) rows in IPOps' canonical JSON-lines layout, recombined from the real
CNIPA fixture so text, IPC and addresses have realistic distributions: each synthetic patent
takes the title, IPC list and applicant of one real row, the address of one real Shandong row,
a synthetic application number that cannot collide with a real one (serials 9xxxxxx), a mix of
patent types and legal statuses, and vendor-style legal-event text (transfers, licences,
pledges) at plausible rates. Every row says so: `extras.synthetic = true`.
"""

from __future__ import annotations

import csv
import datetime as dt
import lzma
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import orjson

from ipops.domain.numbers import check_character

ROOT = Path(__file__).resolve().parents[1]
REAL_ALL = ROOT / "tests" / "fixtures" / "cnipa-bibs-2017" / "patents_dev.csv.xz"
REAL_SHANDONG = ROOT / "src" / "ipops" / "data" / "demo" / "patents_shandong_dev.csv.xz"
SEED = 20261125
TYPES = (("1", "invention", 0.55), ("2", "utility_model", 0.35), ("3", "design", 0.10))
STATUSES = (("有效", 0.45), ("实质审查", 0.15), ("未缴年费专利权终止", 0.15), ("驳回", 0.05),
            ("视为撤回", 0.08), ("公开", 0.07), ("期限届满", 0.05))  # fmt: skip
BANKS = ("中国银行股份有限公司烟台分行", "中国工商银行股份有限公司济南分行", "青岛银行股份有限公司",
         "威海市商业银行股份有限公司", "齐鲁银行股份有限公司")  # fmt: skip


@dataclass(frozen=True)
class RealRow:
    title: str
    ipc: str
    applicant: str
    inventor: str
    app_date: dt.date


@lru_cache(maxsize=1)
def _real_rows() -> tuple[list[RealRow], list[tuple[str, str]]]:
    rows: list[RealRow] = []
    with lzma.open(REAL_ALL, "rt", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            d = r["申请日"]
            rows.append(RealRow(r["名称"], r["IPC分类号"], r["申请人(第一)"], r["发明人(第一)"],
                                dt.date(int(d[:4]), int(d[4:6]), int(d[6:8]))))  # fmt: skip
    with lzma.open(REAL_SHANDONG, "rt", encoding="utf-8") as fh:
        addresses = [(r["申请人地址"], r["申请人邮编"]) for r in csv.DictReader(fh)]
    return rows, addresses


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...] | tuple[tuple[str, str, float], ...]):  # type: ignore[no-untyped-def]
    x, acc = rng.random(), 0.0
    for option in options:
        acc += option[-1]
        if x < acc:
            return option
    return options[-1]


def _app_number(year: int, type_digit: str, serial: int) -> str:
    body = f"{year}{type_digit}{serial:07d}"
    return f"CN{body}.{check_character(body)}"


def _events(rng: random.Random, granted: dt.date | None) -> list[str]:
    """Vendor-style event lines (dated, typed, with counterparty/amount) after the grant."""
    if granted is None:
        return []
    lines = []
    for kind, rate in (("transfer", 0.06), ("licence", 0.03), ("pledge", 0.03)):
        if rng.random() >= rate:
            continue
        day = granted + dt.timedelta(days=rng.randint(30, 2500))
        if kind == "transfer":
            lines.append(f"{day} 专利权的转移 登记生效日：{day:%Y.%m.%d} 变更后权利人：山东合成科技有限公司{rng.randint(1, 999)}")
        elif kind == "licence":
            lines.append(f"{day} 专利实施许可合同备案的生效 许可种类：普通许可 被许可人：烟台示例制造有限公司{rng.randint(1, 999)} 备案日期：{day:%Y.%m.%d}")
        else:
            amount = rng.choice((50, 100, 300, 500, 1000, 2000))
            lines.append(f"{day} 专利权质押合同登记的生效 登记生效日：{day:%Y.%m.%d} 质权人：{rng.choice(BANKS)} 质押金额：{amount}万元")
    return lines


def synthetic_rows(n: int, *, seed: int = SEED) -> Iterator[dict[str, object]]:
    """`n` canonical JSON-lines objects; the same `n` and `seed` always give the same rows."""
    if n > 1_000_000:
        raise ValueError("synthetic serials are unique up to 1,000,000 rows")
    rng = random.Random(seed)
    real, addresses = _real_rows()
    for i in range(n):
        src = real[rng.randrange(len(real))]
        address, postcode = addresses[rng.randrange(len(addresses))]
        type_digit, patent_type, _ = _weighted(rng, TYPES)
        year = min(max(src.app_date.year, 2004), 2024)
        app_date = src.app_date.replace(year=year) if not (src.app_date.month == 2 and src.app_date.day == 29) else dt.date(year, 2, 28)
        status = _weighted(rng, STATUSES)[0]
        granted = app_date + dt.timedelta(days=rng.randint(200 if type_digit != "1" else 500, 1400))
        granted_ok = status in ("有效", "未缴年费专利权终止", "期限届满")
        yield {
            "app_number": _app_number(year, type_digit, 9_000_000 + i),
            "app_date": app_date.isoformat(), "patent_type": patent_type, "title": src.title,
            "applicants": src.applicant, "inventors": src.inventor, "address": address,
            "postcode": postcode if postcode != "0" else "", "ipc": src.ipc,
            "grant_date": granted.isoformat() if granted_ok else "",
            "legal_status": status, "legal_events": "\n".join(_events(rng, granted if granted_ok else None)),
            "extras": {"synthetic": True},
        }  # fmt: skip


def write_jsonl(path: Path, n: int, *, seed: int = SEED) -> Path:
    """Write `n` synthetic rows (for the import benchmark and benchmark databases)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        for row in synthetic_rows(n, seed=seed):
            fh.write(orjson.dumps(row) + b"\n")
    return path


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = write_jsonl(ROOT / "var" / "bench" / f"synthetic_{count}.jsonl", count)
    print(out)
