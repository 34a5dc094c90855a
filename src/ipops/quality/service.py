"""The data-quality view (数据质量) in one call, for the page, its JSON twin and `ipops quality`."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ipops.quality.addresses import address_quality
from ipops.quality.duplicates import duplicate_parties
from ipops.quality.fill import count_patents, field_fill
from ipops.quality.schemas import QualityReport
from ipops.quality.status import status_quality
from ipops.quality.unparsed import unparsed_values


def quality_report(
    session: Session, *, top: int = 10, group_limit: int = 50, home_province: str | None = "370000"
) -> QualityReport:
    """Fill rates, address resolution, unparsed values, likely duplicate parties, status basis.

    `home_province` (default 山东省, the platform's region) gets its own "resolved to a city" share.
    """
    total = count_patents(session)
    return QualityReport(
        total_patents=total,
        fields=field_fill(session, total=total),
        address=address_quality(session, total=total, top=top, home_province=home_province),
        unparsed=unparsed_values(session, limit=group_limit),
        parties=duplicate_parties(session, limit=group_limit),
        status=status_quality(session, total=total),
    )
