"""USPTO grants 2001–2004 in the ST.32 'PATDOC' vocabulary (B110, B140, B210, B511, B721 …).

The 2002–2004 files are XML (DTD ST32-US-Grant-025xml), the 2001 ones SGML that is not always
well-formed (unclosed empty tags, undeclared ISO entities). Every document is first parsed
strictly; a malformed one is re-parsed with libxml2's recovery and the repairs are kept in
extras['parse_repairs'] so nothing is changed silently. Design patents print the Locarno class
in B511 (edition in B516, e.g. '1402' = LOC(7) 14-02): it goes to extras['locarno'], not to IPC.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ipops.ingest.readers.base import ReadItem, RowError
from ipops.ingest.readers.uspto import (
    add_us_publication,
    aps_country,
    set_first_address,
    set_us_ipc,
    set_us_type,
    us_app_number,
    us_person,
)
from ipops.ingest.readers.wipo_st36 import PARAGRAPHS, section_text
from ipops.ingest.readers.xmlutil import (
    child_text,
    find,
    findall,
    iter_roots,
    local,
    parse_date,
    raw_text,
    text_of,
)
from ipops.ingest.record import PartyRecord, PatentRecord

ROOT = "PATDOC"
_BLOCKS = frozenset({"PARA", "H", "CLM"})


def _party(el: etree._Element, role: str) -> PartyRecord | None:
    """B721/B731/B741 entry: NAM (ONM organisation, or FNM + SNM person) and ADR."""
    nam = find(el, ".//NAM")
    name = child_text(nam, "ONM") or us_person(child_text(nam, "SNM"), child_text(nam, "FNM"))
    if not name:
        return None
    adr = find(el, ".//ADR")
    country = aps_country(child_text(adr, "CTRY")) if adr is not None else None
    fields = [child_text(adr, n) for n in ("STR", "CITY", "STATE")] + [country or ""]
    return PartyRecord(
        name, role, ", ".join(f for f in fields if f) or None, child_text(adr, "PCODE") or None, country
    )


def _parties(bib: etree._Element) -> list[PartyRecord]:
    """Inventors (B721), assignees as right holders (B731), attorneys/agents (B741)."""
    out: list[PartyRecord] = []
    for path, role in (
        ("B700/B720/B721", "inventor"),
        ("B700/B730/B731", "holder"),
        ("B700/B740/B741", "agent"),
    ):
        for el in findall(bib, path):
            if (p := _party(el, role)) is not None:
                if role == "agent" and child_text(el, ".//ONM"):
                    p.role = "agency"
                out.append(p)
    return out


def _classes(rec: PatentRecord, bib: etree._Element) -> None:
    """B511 main + B512 further IPC (edition B516); Locarno for designs."""
    # raw text: the fixed-width IPC7 form ('B32B  302') needs its spaces
    codes = [raw_text(e).strip() for e in findall(bib, "B500/B510/B511") + findall(bib, "B500/B510/B512")]
    edition = child_text(bib, "B500/B510/B516")
    if rec.patent_type == "design":
        rec.extras["locarno"] = [f"{c[:2]}-{c[2:]}" if len(c) == 4 and c.isdigit() else c for c in codes]
        rec.extras["locarno_edition"] = edition
        return
    set_us_ipc(rec, codes, edition=edition)


def sgml_record(root: etree._Element, index: int) -> ReadItem:
    """One PATDOC grant → PatentRecord."""
    bib = find(root, "SDOBI")
    raw_app = child_text(bib, "B200/B210")
    app_number = us_app_number(raw_app, child_text(bib, "B200/B211US"))
    if app_number is None:
        return RowError(index, "文献缺少可识别的美国申请号（B210）", column="申请号", value=raw_app or None)
    rec = PatentRecord(app_number=app_number, country="US", source_row=index)
    rec.app_date = parse_date(child_text(bib, "B200/B220"))
    kind = child_text(bib, "B100/B130")
    set_us_type(rec, None, kind)
    add_us_publication(rec, child_text(bib, "B100/B110"), kind, parse_date(child_text(bib, "B100/B140")))
    rec.title = child_text(bib, "B500/B540")
    _classes(rec, bib)
    priorities = findall(bib, "B300")
    dates = [d for p in priorities if (d := parse_date(child_text(p, "B320")))]
    rec.priority_date = min(dates) if dates else None
    if priorities:
        rec.extras["priorities"] = [
            " ".join(x for x in (child_text(p, "B330"), child_text(p, "B310"), child_text(p, "B320")) if x)
            for p in priorities
        ]
    rec.parties = _parties(bib)
    set_first_address(rec)
    rec.cites_count = len(findall(bib, "B500/B560/B561")) + len(findall(bib, "B500/B560/B562"))
    rec.abstract = section_text(find(root, "SDOAB"), PARAGRAPHS)
    rec.description = section_text(find(root, "SDODE"))
    claims = findall(root, "SDOCL/CL/CLM")
    rec.claims = "\n".join(t for c in claims if (t := text_of(c))) or None
    rec.extras["claims_count"] = len(claims)
    rec.extras["number_of_claims"] = child_text(bib, "B500/B570/B577")
    rec.extras["uspc_main"] = child_text(bib, "B500/B520/B521")
    return rec


def read_uspto_sgml(path: Path) -> Iterator[ReadItem]:
    """Yield one item per PATDOC document (single file or concatenated weekly file)."""
    for doc in iter_roots(path, lenient=True, end_tag=b"</PATDOC>"):
        if doc.root is None:
            yield RowError(doc.index, doc.error or "文献无法解析")
            continue
        if local(doc.root.tag) != ROOT:
            yield RowError(doc.index, f"根元素 <{local(doc.root.tag)}> 不是 USPTO PATDOC 文献")
            continue
        item = sgml_record(doc.root, doc.index)
        if doc.recovered and isinstance(item, PatentRecord):
            item.extras["parse_repairs"] = doc.recovered
        yield item
