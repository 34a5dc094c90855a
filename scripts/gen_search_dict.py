"""Regenerate the search user dictionary (ipops/data/search/ipc_terms.txt.xz) from the IPC titles.

Run after the IPC or SEI files in ipops/data change; tests/search/test_segment.py checks it is current.
"""

from __future__ import annotations

import lzma
from pathlib import Path

from ipops.search.segment import dictionary_terms

TARGET = Path(__file__).parents[1] / "src" / "ipops" / "data" / "search" / "ipc_terms.txt.xz"


def main() -> None:
    terms = dictionary_terms()
    TARGET.write_bytes(lzma.compress(("\n".join(terms) + "\n").encode("utf-8"), preset=9))
    print(f"{len(terms):,} terms → {TARGET}")  # noqa: T201


if __name__ == "__main__":
    main()
