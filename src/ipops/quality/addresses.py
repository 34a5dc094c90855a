"""How well applicant addresses resolved to regions: every regional indicator counts by city.

Each patent falls in exactly one bucket (first match wins), computed by one GROUP BY over a
CASE expression. HK/MO/TW resolve to a GB/T 2260 province code but the NBS tables carry no
cities for them, so they get their own bucket instead of swelling "unresolved".
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from ipops.quality.schemas import AddressBucket, AddressQuality, AddressSample, HomeProvince, percent
from ipops.refdata.regions_file import load_region_table
from ipops.store.schema import Patent

SAR_PROVINCES = ("710000", "810000", "820000")  # 台湾, 香港, 澳门
DOMESTIC_COUNTRIES = ("CN", "HK", "MO", "TW")
BUCKET_LABELS = {
    "city": "已解析到地市",
    "sar": "港澳台（无地市代码）",
    "province_only": "仅解析到省",
    "unresolved": "地址未能解析",
    "no_address": "无地址",
    "foreign": "国外申请人",
}
PREFIX_CHARS = 2

_has_address = and_(Patent.address.is_not(None), Patent.address != "")
_foreign = and_(Patent.holder_country.is_not(None), Patent.holder_country.not_in(DOMESTIC_COUNTRIES))
BUCKET = case(
    (Patent.city_code.is_not(None), "city"),
    (Patent.province_code.in_(SAR_PROVINCES), "sar"),
    (Patent.province_code.is_not(None), "province_only"),
    (_foreign, "foreign"),
    (_has_address, "unresolved"),
    else_="no_address",
)
# what a person should look at: domestic rows that stopped short of a city (HK/MO/TW cannot go further)
_needs_review = BUCKET.in_(("province_only", "unresolved"))


def address_quality(
    session: Session, *, total: int, top: int = 10, home_province: str | None = "370000"
) -> AddressQuality:
    """Bucket counts, the commonest domestic addresses without a city, and the home province's share."""
    counts = dict(session.execute(select(BUCKET, func.count()).group_by(BUCKET)).all())
    buckets = [AddressBucket(key=k, label=label, count=counts.get(k, 0), percent=percent(counts.get(k, 0), total))
               for k, label in BUCKET_LABELS.items()]  # fmt: skip
    resolved, foreign = counts.get("city", 0), counts.get("foreign", 0)
    return AddressQuality(
        total=total, resolved_city=resolved, unresolved_city=total - resolved,
        unresolved_percent=percent(total - resolved, total),
        domestic_unresolved=total - resolved - foreign, foreign=foreign, buckets=buckets,
        top_addresses=_top(session, Patent.address, _needs_review, top),
        top_prefixes=_top(session, func.substr(Patent.address, 1, PREFIX_CHARS),
                          and_(Patent.city_code.is_(None), _has_address), top),
        home=_home(session, home_province) if home_province else None,
    )  # fmt: skip


def _top(session: Session, expr: Any, where: Any, limit: int) -> list[AddressSample]:
    n = func.count()
    stmt = select(expr, n).where(where).group_by(expr).order_by(n.desc(), expr).limit(limit)
    return [AddressSample(text=text, count=count) for text, count in session.execute(stmt)]


def _home(session: Session, code: str) -> HomeProvince | None:
    """Share of the home province's rows that reached a city; its name starts unresolved addresses too."""
    region = load_region_table().get(code)
    if region is None:
        return None
    belongs = or_(Patent.province_code == code,
                  and_(Patent.province_code.is_(None), Patent.address.like(f"{region.name[:2]}%")))  # fmt: skip
    resolved = func.count(Patent.city_code)
    total, city = session.execute(select(func.count(), resolved).where(belongs)).one()
    return HomeProvince(code=code, name=region.name, total=total, resolved_city=city, percent=percent(city, total),
                        href=f"/patents?region={code}")  # fmt: skip
