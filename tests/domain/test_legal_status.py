"""Normalised legal status: only a granted, living right counts as in force (有效专利)."""

from __future__ import annotations

import pytest

from ipops.domain.legal_status import DEAD, IN_FORCE, LABELS_ZH, PENDING, LegalStatus, is_in_force


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (LegalStatus.granted, True),
        ("granted", True),
        (LegalStatus.published, False),
        (LegalStatus.under_examination, False),
        (LegalStatus.lapsed_fee, False),
        (LegalStatus.expired, False),
        ("invalidated", False),
        (LegalStatus.unknown, False),
        (None, False),
    ],
)
def test_is_in_force(status: LegalStatus | str | None, expected: bool) -> None:
    assert is_in_force(status) is expected


def test_unknown_code_is_rejected() -> None:
    with pytest.raises(ValueError):
        is_in_force("有效")  # raw vendor text must be mapped first


def test_status_sets_partition_the_known_codes() -> None:
    assert not (IN_FORCE & PENDING) and not (IN_FORCE & DEAD) and not (PENDING & DEAD)
    assert IN_FORCE | PENDING | DEAD | {LegalStatus.unknown} == set(LegalStatus)
    assert set(LABELS_ZH) == set(LegalStatus)
