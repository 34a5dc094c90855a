"""Vendor legal-status texts → LegalStatus, on real strings kept in fixtures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ipops.domain.legal_status import LegalStatus
from ipops.ingest.normalise.legal_status_text import normalise_legal_status

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "legal_status_strings" / "strings.csv"
ROWS = list(csv.DictReader(FIXTURE.open(encoding="utf-8")))


@pytest.mark.parametrize("row", ROWS, ids=[r["text"] for r in ROWS])
def test_real_strings(row: dict[str, str]) -> None:
    assert normalise_legal_status(row["text"]) == LegalStatus(row["expected"])


def test_fixture_is_substantial() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize("text", [None, "", "  ", "-"])
def test_empty_is_none(text: str | None) -> None:
    assert normalise_legal_status(text) is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("实质审查;公开", LegalStatus.under_examination),
        ("公开；实质审查的生效", LegalStatus.under_examination),
        ("授权;未缴年费专利权终止", LegalStatus.lapsed_fee),
        ("未缴年费专利权终止;专利权的恢复", LegalStatus.granted),
        ("授权;专利权的转移;专利权质押合同登记的生效", LegalStatus.granted),
        ("授权;部分无效", LegalStatus.granted),
        ("授权|专利权有效期届满", LegalStatus.expired),
        ("授权;专利权全部无效", LegalStatus.invalidated),
        ("失效;未缴年费专利权终止", LegalStatus.lapsed_fee),
    ],
)
def test_multi_value_precedence(text: str, status: LegalStatus) -> None:
    assert normalise_legal_status(text) is status


def test_unrecognised_text_is_unknown() -> None:
    assert normalise_legal_status("请联系客服") is LegalStatus.unknown
