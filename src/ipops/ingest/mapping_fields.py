"""Attribute rules of `mapping.map_row`: dates, publications, parties, classes, legal data, counters.

Each function reads its fields through the RowContext, fills the record and reports what it
could not read as a warning (the raw value then stays in extras). Parsing itself is delegated
to the domain and normaliser functions; this module only decides where values go.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ipops.domain.errors import InvalidNumber
from ipops.domain.ipc import parse_ipc_list_lenient
from ipops.domain.numbers import PublicationNumber, parse_publication_number
from ipops.ingest.mapping_row import RowContext, cell_text, split_tokens
from ipops.ingest.normalise.addresses import resolve_address
from ipops.ingest.normalise.dates import parse_date
from ipops.ingest.normalise.legal_event_text import counter_value, parse_legal_events
from ipops.ingest.normalise.legal_status_text import normalise_legal_status
from ipops.ingest.normalise.names import split_names
from ipops.ingest.record import EventRecord, PartyRecord, PatentRecord, PublicationRecord

_NAME_SEPARATORS = frozenset(";；|｜、\n")
_COUNTERS = (
    "family_size",
    "cited_by_count",
    "cites_count",
    "transfer_count",
    "licence_count",
    "pledge_count",
)


@lru_cache(maxsize=100_000)
def _date_text(text: str) -> dt.date | None:
    return parse_date(text)


def read_date(ctx: RowContext, field: str, *, earliest: bool = False) -> dt.date | None:
    """A date field; `earliest` takes the first date of a list cell ("2015-01-02; 2014-12-01")."""
    hit = ctx.first(field)
    if hit is None:
        return None
    header, raw = hit
    try:
        if not isinstance(raw, str):
            return parse_date(raw)
        if earliest and any(sep in raw for sep in ";；,，|"):
            dates = [d for d in (_date_text(t) for t in split_tokens(raw)) if d]
            return min(dates) if dates else None
        return _date_text(raw.strip())
    except ValueError as error:
        ctx.warn(header, raw, str(error))
        return None


def _publication_list(ctx: RowContext, field: str) -> list[PublicationNumber]:
    hit = ctx.first(field)
    if hit is None:
        return []
    header, raw = hit
    found: list[PublicationNumber] = []
    for token in split_tokens(cell_text(raw)):
        try:
            found.append(parse_publication_number(token))
        except InvalidNumber as error:
            ctx.warn(header, raw, f"公开号无效：{error.message_zh}")
    return found


def map_publications(ctx: RowContext, record: PatentRecord) -> None:
    """Publication and grant numbers split by kind code, each with the date of its column pair.

    A CN grant kind (B, C, U, Y, S …) goes to grant_number/grant_date and an A kind to
    pub_number/pub_date, whichever column it came in; every number is also a publication.
    A correction (A8/B9 …) names its base document (…A/…B) whose date the row does not give.
    """
    dates: dict[str, dt.date | None] = {}
    for number_field, date_field in (("pub_number", "pub_date"), ("grant_number", "grant_date")):
        numbers = _publication_list(ctx, number_field)
        date = read_date(ctx, date_field)
        if not numbers:
            dates[date_field] = date
            continue
        for pub in numbers:
            record.publications.append(PublicationRecord(pub.canonical, pub.kind, date))
            grant = pub.is_grant or (number_field == "grant_number" and not pub.kind)
            correction = pub.kind[1:] in ("8", "9")
            base = f"{pub.country}{pub.number}{pub.kind[:1]}" if correction else pub.canonical
            if grant and record.grant_number is None:
                record.grant_number, dates["grant_publication"] = base, None if correction else date
            elif not grant and record.pub_number is None:
                record.pub_number, dates["pub_publication"] = base, None if correction else date
    record.pub_date = dates.get("pub_date") or dates.get("pub_publication")
    record.grant_date = dates.get("grant_date") or dates.get("grant_publication")


def _names(ctx: RowContext, field: str) -> list[str]:
    hit = ctx.first(field)
    if hit is None:
        return []
    raw = hit[1]
    if isinstance(raw, list | tuple):
        return [n for item in raw for n in split_names(cell_text(item))]
    text = cell_text(raw)
    separator = ctx.mapping.transform.get("party_separator") or ""
    if separator and separator not in _NAME_SEPARATORS:
        text = text.replace(separator, ";")
    return split_names(text)


def _postcode(ctx: RowContext) -> str | None:
    hit = ctx.first("postcode")
    if hit is None:
        return None
    header, raw = hit
    text = f"{raw:06d}" if isinstance(raw, int) and not isinstance(raw, bool) else cell_text(raw)
    if text in ctx.mapping.transform.get("postcode_absent", ()):
        return None
    if len(text) != 6 or not text.isdigit():
        ctx.warn(header, raw, f"邮编应为 6 位数字：{text}")
        return None
    return text


def map_parties(ctx: RowContext, record: PatentRecord) -> None:
    """Applicants, current holders, inventors, agency and agents in source order; the first
    applicant (else holder) carries the address, postcode and resolved country."""
    for field, role in (("applicants", "applicant"), ("holders", "holder"), ("inventors", "inventor")):
        record.parties.extend(PartyRecord(name, role) for name in _names(ctx, field))
    record.parties.extend(PartyRecord(name, "agency") for name in _names(ctx, "agency"))
    record.parties.extend(PartyRecord(name, "agent") for name in _names(ctx, "agents"))
    record.address = ctx.text("address")
    record.postcode = _postcode(ctx)
    hint = ctx.text("province_code")
    country = (ctx.text("applicant_country") or "").upper()
    match = None
    if record.address or record.postcode or hint:
        match = resolve_address(record.address, postcode=record.postcode, province_hint=hint)
        record.region_code = match.region_code
    first = next((p for p in record.parties if p.role == "applicant"), None)
    first = first or next((p for p in record.parties if p.role == "holder"), None)
    if first is not None:
        first.address, first.postcode = record.address, record.postcode
        first.country = (match.country if match else None) or (country if len(country) == 2 else None)


def _codes(ctx: RowContext, field: str) -> list[str]:
    hit = ctx.first(field)
    if hit is None:
        return []
    header, raw = hit
    codes, bad = parse_ipc_list_lenient(cell_text(raw))
    if bad:
        ctx.warn(header, raw, f"无法识别的分类号：{'、'.join(bad)}")
    return [code.code for code in codes]


def map_classes(ctx: RowContext, record: PatentRecord) -> None:
    """IPC list with the main symbol first (its own column, else the first listed), and CPC."""
    main = _codes(ctx, "ipc_main")
    listed = _codes(ctx, "ipc")
    record.ipc = list(dict.fromkeys(main[:1] + listed + main[1:]))
    record.ipc_main = record.ipc[0] if record.ipc else None
    record.cpc = _codes(ctx, "cpc")


def _events(ctx: RowContext, record: PatentRecord) -> None:
    hit = ctx.first("legal_events")
    if hit is None:
        return
    header, raw = hit
    try:
        if isinstance(raw, list):  # canonical JSON lines: a list of event objects
            for item in raw:
                item = dict(item)
                item["date"] = parse_date(item.get("date"))
                record.events.append(EventRecord(**item))
        else:
            record.events = parse_legal_events(cell_text(raw), default_date=record.legal_status_date)
    except (ValueError, TypeError) as error:
        record.events = []
        ctx.warn(header, raw, f"法律事件无法解析：{error}")


def map_legal(ctx: RowContext, record: PatentRecord) -> None:
    """法律状态 text → normalised status (raw text kept), status date, dated legal events."""
    record.legal_status_raw = ctx.text("legal_status")
    if record.legal_status_raw:
        status = normalise_legal_status(record.legal_status_raw)
        record.legal_status = str(status) if status is not None else None
    record.legal_status_date = read_date(ctx, "legal_status_date")
    _events(ctx, record)


def map_counters(ctx: RowContext, record: PatentRecord) -> None:
    """Vendor counters (同族数量, 被引用次数, 转让/许可/质押次数) as integers."""
    for field in _COUNTERS:
        hit = ctx.first(field)
        if hit is None:
            continue
        header, raw = hit
        try:
            value = counter_value(raw)
        except ValueError as error:
            ctx.warn(header, raw, str(error))
            continue
        if value is None:
            ctx.warn(header, raw, f"无法识别的数量：{cell_text(raw)}")
        setattr(record, field, value)


def map_family(ctx: RowContext, record: PatentRecord) -> None:
    """Family countries / size / granted-abroad from 同族国家 and the 简单同族 member list."""
    hit = ctx.first("family_countries")
    if hit is not None:
        tokens = [t.upper() for t in split_tokens(cell_text(hit[1]))]
        record.family_countries = [t for t in dict.fromkeys(tokens) if len(t) == 2 and t.isalpha()]
        if len(record.family_countries) != len(set(tokens)):
            ctx.warn(hit[0], hit[1], "同族国家应为两位国家代码，部分内容未识别")
    _granted_abroad(ctx, record)
    hit = ctx.first("family_members")
    if hit is None:
        return
    members = {}
    for token in split_tokens(cell_text(hit[1])):
        try:
            pub = parse_publication_number(token)
        except InvalidNumber:
            continue
        members[pub.canonical] = pub
    if not members:
        ctx.warn(hit[0], hit[1], "同族专利号均无法识别")
        return
    record.family_size = record.family_size or len({(p.country, p.number) for p in members.values()})
    record.family_countries = record.family_countries or list(
        dict.fromkeys(p.country for p in members.values())
    )
    if record.granted_abroad is None:
        record.granted_abroad = any(p.is_grant and p.country != "CN" for p in members.values())


def _granted_abroad(ctx: RowContext, record: PatentRecord) -> None:
    hit = ctx.first("granted_abroad")
    if hit is None:
        return
    table: dict[str, bool] = ctx.mapping.transform.get("boolean_values", {})
    raw = hit[1]
    value = raw if isinstance(raw, bool) else table.get(cell_text(raw).casefold())
    if value is None:
        ctx.warn(hit[0], raw, f"无法识别的是/否值：{cell_text(raw)}")
    record.granted_abroad = value
