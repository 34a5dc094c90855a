"""Read-ahead gives exactly the items of the in-process reader, and reports a bad file the same way."""

from __future__ import annotations

import itertools
import lzma
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ipops.ingest.importer import run_import
from ipops.ingest.read_ahead import read_ahead
from ipops.ingest.readers.base import FileRejected
from ipops.ingest.sources import open_source
from ipops.store.db import Database
from ipops.store.schema import Patent

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 1,800 real CN-BIBS rows (more than three queue chunks)."""
    target = tmp_path_factory.mktemp("read_ahead") / "bibs.csv"
    with lzma.open(FIXTURES / "cnipa-bibs-2017" / "patents_dev.csv.xz", "rt", encoding="utf-8") as src:
        target.write_text("".join(itertools.islice(src, 1801)), encoding="utf-8")
    return target


def test_same_items_in_the_same_order(excerpt: Path) -> None:
    direct = list(open_source(excerpt).items)
    ahead = list(read_ahead(excerpt))
    assert len(ahead) == len(direct) == 1800
    assert ahead == direct


def test_truncated_xml_is_rejected_with_the_readers_message() -> None:
    path = FIXTURES / "cnipa-xml-samples" / "CN201310520601_cnipr_description_partial.xml"
    with pytest.raises(FileRejected) as direct:
        list(open_source(path).items)
    with pytest.raises(FileRejected) as ahead:
        list(read_ahead(path))
    assert str(ahead.value) == str(direct.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(ahead.value))


def test_stopping_early_ends_the_child(excerpt: Path) -> None:
    items = read_ahead(excerpt)
    first = next(items)
    items.close()  # the generator's finally terminates and joins the child
    assert first.app_number.startswith("CN")


def test_import_with_read_ahead_matches_and_is_idempotent(db: Database, excerpt: Path) -> None:
    first = run_import(db.sessions, excerpt, batch_size=500, read_ahead=True)
    again = run_import(db.sessions, excerpt, batch_size=500, read_ahead=True)
    assert (first.status, first.read, first.rejected) == ("finished", 1800, 0)
    assert first.inserted + first.updated + first.unchanged == 1800
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1800)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Patent)) == first.inserted
