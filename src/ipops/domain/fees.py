"""Annual fees (年费), late fees (滞纳金) and reductions (费减) of a Chinese patent (rules §3.3–§3.6, §4).

Pure: the amounts, bands and rates arrive as a `FeeTable` built from plain data (the packaged
`data/fees/annual_fees.toml`, read by `ipops.analytics.rights`); this module holds only the
arithmetic. Patent years and the term come from `ipops.domain.terms`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ipops.domain.numbers import PatentType
from ipops.domain.terms import anniversary, expiry_date, patent_year, statutory_term_years

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def add_months(start: date, months: int) -> date:
    """The corresponding day ``months`` later; the last day of the month when there is none.

    Implementing Rules art. 5: a time limit in months ends on the corresponding day of the last
    month, or on its last day when that month has no such day (31 August + 6 months → 28/29 February).
    """
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LateBandRule:
    """Late by more than ``from_month`` and up to ``to_month`` whole months → ``percent`` of the full fee."""

    from_month: int
    to_month: int
    percent: Decimal


@dataclass(frozen=True)
class FeeTable:
    """The fee rules as values; `from_mapping` reads the TOML layout of data/fees/annual_fees.toml."""

    annual: Mapping[str, tuple[tuple[int, int, Decimal], ...]]  # patent type → (from_year, to_year, amount)
    late_bands: tuple[LateBandRule, ...]
    grace_months: int = 6
    exact_month_boundary: str = "lower"  # [OPEN] rules §3.5: "lower" or "upper"
    grant_year_due_months: int = 2
    reducible_years_from_grant: int = 10
    reduction_rates: Mapping[str, Decimal] | None = None  # key → percent (85, 70)
    open_licence_percent: Decimal = Decimal(15)
    open_licence_cumulative: bool = False
    restoration_surcharge_percent: Decimal = Decimal(25)
    restoration_fee: Decimal = Decimal(0)
    version: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> FeeTable:
        annual: dict[str, list[tuple[int, int, Decimal]]] = {}
        for row in data["annual_fee"]:
            annual.setdefault(row["patent_type"], []).append(
                (int(row["from_year"]), int(row["to_year"]), Decimal(str(row["amount"])))
            )
        late = data["late_fee"]
        bands = tuple(
            LateBandRule(int(b["from_month"]), int(b["to_month"]), Decimal(str(b["percent"])))
            for b in late["band"]
        )
        reduction = data.get("reduction", {})
        licence = data.get("open_licence", {})
        restoration = data.get("restoration", {})
        boundary = late.get("exact_month_boundary", "lower")
        if boundary not in ("lower", "upper"):
            raise ValueError(f"late_fee.exact_month_boundary must be 'lower' or 'upper', not {boundary!r}")
        return cls(
            annual={k: tuple(sorted(v)) for k, v in annual.items()},
            late_bands=tuple(sorted(bands, key=lambda b: b.from_month)),
            grace_months=int(late.get("grace_months", 6)),
            exact_month_boundary=boundary,
            grant_year_due_months=int(data.get("deadlines", {}).get("grant_year_due_months", 2)),
            reducible_years_from_grant=int(reduction.get("annual_fee_years_from_grant", 10)),
            reduction_rates={r["key"]: Decimal(str(r["percent"])) for r in reduction.get("rate", [])},
            open_licence_percent=Decimal(str(licence.get("percent", 15))),
            open_licence_cumulative=bool(licence.get("cumulative", False)),
            restoration_surcharge_percent=Decimal(str(restoration.get("surcharge_percent", 25))),
            restoration_fee=Decimal(str(restoration.get("fee", 0))),
            version=str(data.get("version", "")),
        )

    def annual_fee(self, patent_type: PatentType | str, year: int) -> Decimal:
        for low, high, amount in self.annual.get(PatentType(patent_type).value, ()):
            if low <= year <= high:
                return amount
        raise ValueError(f"no annual fee for {patent_type} in patent year {year}")


@dataclass(frozen=True)
class OpenLicencePeriod:
    """An open-licence declaration in force from ``start`` (announcement) to ``end`` (withdrawal), both included."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class LateFeeBand:
    """Paying between ``start`` and ``end`` (both included) costs ``surcharge`` on top: ``total`` in all."""

    start: date
    end: date
    percent: Decimal
    surcharge: Decimal
    total: Decimal


@dataclass(frozen=True)
class FeeYear:
    """The annual fee of one patent year: due at the start of the year (grant year: after the notice)."""

    year: int
    year_start: date
    year_end: date
    due_date: date
    is_grant_year: bool
    amount: Decimal  # full fee
    reduction_percent: Decimal  # applied, 0 when none
    reduction_basis: str  # "" | "fee_reduction" | "open_licence"
    payable: Decimal
    grace_end: date | None  # None for the grant year (no grace period)
    late_bands: tuple[LateFeeBand, ...]

    def band_on(self, day: date) -> LateFeeBand | None:
        return next((b for b in self.late_bands if b.start <= day <= b.end), None)


@dataclass(frozen=True)
class FeeCalendar:
    patent_type: PatentType
    filing_date: date
    grant_date: date
    grant_year: int
    expiry: date  # last day of the term
    years: tuple[FeeYear, ...]

    def year(self, number: int) -> FeeYear:
        for entry in self.years:
            if entry.year == number:
                return entry
        raise KeyError(number)


def _reduction(
    table: FeeTable,
    *,
    year: int,
    grant_year: int,
    due: date,
    rate: Decimal,
    licences: Sequence[OpenLicencePeriod],
) -> tuple[Decimal, str]:
    """The better of the fee reduction (first 10 years from the grant year) and the open-licence 15 %."""
    fee_rate = rate if rate and year < grant_year + table.reducible_years_from_grant else Decimal(0)
    licence_rate = table.open_licence_percent if any(p.covers(due) for p in licences) else Decimal(0)
    if table.open_licence_cumulative and fee_rate and licence_rate:  # not the rule today (财税〔2024〕23号)
        combined = HUNDRED - (HUNDRED - fee_rate) * (HUNDRED - licence_rate) / HUNDRED
        return combined, "fee_reduction+open_licence"
    if licence_rate > fee_rate:
        return licence_rate, "open_licence"
    return (fee_rate, "fee_reduction") if fee_rate else (Decimal(0), "")


def late_bands(table: FeeTable, *, due: date, full_fee: Decimal, payable: Decimal) -> tuple[LateFeeBand, ...]:
    """Date ranges of the surcharge bands after ``due`` (rules §3.5), the grace period's last day included."""
    grace_end = add_months(due, table.grace_months)
    bands = []
    for rule in table.late_bands:
        if table.exact_month_boundary == "lower":  # exactly N months late → band ending at N
            start = add_months(due, rule.from_month) + timedelta(days=1)
            end = add_months(due, rule.to_month)
        else:  # exactly N months late → band starting at N
            start = add_months(due, rule.from_month) if rule.from_month else due + timedelta(days=1)
            end = (
                add_months(due, rule.to_month) - timedelta(days=1)
                if rule.to_month < table.grace_months
                else grace_end
            )
        surcharge = _money(full_fee * rule.percent / HUNDRED)
        bands.append(
            LateFeeBand(start, min(end, grace_end), rule.percent, surcharge, _money(payable + surcharge))
        )
    return tuple(bands)


def fee_calendar(
    *,
    patent_type: PatentType | str,
    filing_date: date,
    grant_date: date,
    table: FeeTable,
    reduction_percent: Decimal | int = 0,
    open_licences: Iterable[OpenLicencePeriod] = (),
    grant_notice_date: date | None = None,
    extension_days: int = 0,
) -> FeeCalendar:
    """Every annual fee from the grant year to the end of the term (rules §3.3–§3.6).

    The grant-year fee is due ``grant_year_due_months`` after the grant/registration notice (the
    grant date stands in when the notice date is unknown) and has no grace period; every later
    year's fee is due on the filing-date anniversary that starts the year, with the late-fee bands
    of the 6-month grace period after it.
    """
    kind = PatentType(patent_type)
    if grant_date < filing_date:
        raise ValueError(f"grant date {grant_date} is before the filing date {filing_date}")
    rate = Decimal(reduction_percent)
    licences = tuple(open_licences)
    grant_year = patent_year(filing_date, grant_date)
    years = []
    for year in range(grant_year, statutory_term_years(kind, filing_date) + 1):
        start = anniversary(filing_date, year - 1)
        is_grant_year = year == grant_year
        due = (
            add_months(grant_notice_date or grant_date, table.grant_year_due_months)
            if is_grant_year
            else start
        )
        full = table.annual_fee(kind, year)
        percent, basis = _reduction(
            table, year=year, grant_year=grant_year, due=due, rate=rate, licences=licences
        )
        payable = _money(full * (HUNDRED - percent) / HUNDRED)
        bands = () if is_grant_year else late_bands(table, due=due, full_fee=full, payable=payable)
        years.append(FeeYear(
            year=year, year_start=start, year_end=anniversary(filing_date, year) - timedelta(days=1), due_date=due,
            is_grant_year=is_grant_year, amount=full, reduction_percent=percent, reduction_basis=basis,
            payable=payable, grace_end=None if is_grant_year else add_months(due, table.grace_months),
            late_bands=bands,
        ))  # fmt: skip
    expiry = expiry_date(kind, filing_date, extension_days=extension_days)
    return FeeCalendar(kind, filing_date, grant_date, grant_year, expiry, tuple(years))


@dataclass(frozen=True)
class AmountOwed:
    """What paying one year's fee on ``on`` costs, after what was already paid (fee first, then late fee)."""

    year: int
    on: date
    status: str  # on_time | late | lapsed
    late_percent: Decimal
    fee: Decimal  # payable after reduction
    late_fee: Decimal  # the surcharge of the band in force on ``on``
    restoration_fee: Decimal
    paid: Decimal
    remaining: Decimal


def amount_owed(entry: FeeYear, *, on: date, table: FeeTable, paid: Decimal | int = 0) -> AmountOwed:
    """The amount still to pay for ``entry`` if paid on ``on`` (rules §3.5 top-up rule).

    A top-up is assessed at the band in force on the day of the top-up: 45 yuan late fee (5 %
    of 900) due, 25 paid; topping up in the 10 % band requires 90, i.e. 65 more. After the grace
    period (grant year: after its due date) the right has lapsed and restoration costs the fee,
    the full 25 % surcharge and the restoration fee.
    """
    paid = Decimal(paid)
    if on <= entry.due_date:
        status, percent, surcharge, restoration = "on_time", Decimal(0), Decimal(0), Decimal(0)
    elif (band := entry.band_on(on)) is not None:
        status, percent, surcharge, restoration = "late", band.percent, band.surcharge, Decimal(0)
    else:
        percent = table.restoration_surcharge_percent if not entry.is_grant_year else Decimal(0)
        status, surcharge, restoration = (
            "lapsed",
            _money(entry.amount * percent / HUNDRED),
            table.restoration_fee,
        )
    total = entry.payable + surcharge + restoration
    return AmountOwed(entry.year, on, status, percent, entry.payable, surcharge, restoration, paid,
                      max(_money(total - paid), Decimal(0)))  # fmt: skip
