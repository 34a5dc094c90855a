"""USPTO APS 'greenbook' full text (grants 1976–2001): fixed-field lines, not XML.

Each line is a 4-character field tag, a space, and the value (`TTL  Bumper support …`);
longer values continue on lines starting with spaces. Bare tags open sections (PATN starts a
patent, INVT an inventor, ASSG an assignee, CLAS classifications, ABST the abstract, CLMS the
claims …). Yearly files concatenate tens of thousands of patents, so the file is streamed line
by line and each patent is mapped as soon as the next PATN starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ipops.ingest.readers.base import FileRejected, ReadItem, RowError
from ipops.ingest.readers.uspto import (
    add_us_publication,
    aps_country,
    aps_person,
    set_first_address,
    set_us_ipc,
    set_us_type,
    us_app_number,
)
from ipops.ingest.readers.xmlutil import parse_date
from ipops.ingest.record import PartyRecord, PatentRecord

SECTIONS = frozenset(
    "PATN INVT ASSG PRIR REIS RLAP CLAS UREF FREF OREF LREP PCTA ABST GOVT PARN BSUM DRWD DETD CLMS DCLM".split()
)
_APT = {"1": "utility", "2": "reissue", "4": "design", "5": "defensive-publication", "6": "plant", "7": "sir"}
_KIND = {
    "utility": "A",
    "reissue": "E",
    "design": "S",
    "plant": "P",
    "sir": "H",
    "defensive-publication": "I4",
}
_DESCRIPTION = ("BSUM", "DRWD", "DETD", "GOVT", "PARN")


@dataclass(slots=True)
class Section:
    """One section (PATN, INVT, ABST …) with its fields in order."""

    name: str
    fields: list[tuple[str, str]] = field(default_factory=list)

    def get(self, tag: str) -> str:
        return next((v for t, v in self.fields if t == tag), "")


def _decode_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) — UTF-8 when valid, else Latin-1 (old APS files are 8-bit)."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                yield number, raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield number, raw.decode("latin-1").rstrip("\r\n")


def iter_patents(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, list[Section]]]:
    """Group lines into patents: (line number of PATN, sections). Text before the first PATN
    (bulk-file headers) is skipped."""
    current: list[Section] | None = None
    start = 0
    for number, line in lines:
        if not line.strip():
            continue
        if line[:1].isspace():
            if current and current[-1].fields:
                tag, value = current[-1].fields[-1]
                current[-1].fields[-1] = (tag, f"{value} {line.strip()}")
            continue
        tag, value = line[:4].strip(), line[4:].strip()
        if tag == "PATN" and not value:
            if current:
                yield start, current
            current, start = [Section("PATN")], number
        elif current is None:
            continue
        elif tag in SECTIONS and not value:
            current.append(Section(tag))
        else:
            current[-1].fields.append((tag, value))
    if current:
        yield start, current


def _parties(sections: list[Section]) -> list[PartyRecord]:
    """Inventors (INVT), assignees as right holders (ASSG), firm/attorneys (LREP)."""
    out: list[PartyRecord] = []
    for sec in sections:
        if sec.name in ("INVT", "ASSG") and sec.get("NAM"):
            country = aps_country(sec.get("CNT")) or ("US" if sec.get("STA") else None)
            place = [sec.get("STR"), sec.get("CTY"), sec.get("STA"), country or ""]
            role = "inventor" if sec.name == "INVT" else "holder"
            out.append(
                PartyRecord(
                    aps_person(sec.get("NAM")),
                    role,
                    ", ".join(p for p in place if p) or None,
                    sec.get("ZIP") or None,
                    country,
                )
            )
        elif sec.name == "LREP":
            for tag, value in sec.fields:
                role = "agency" if tag == "FRM" else "agent"
                out.append(PartyRecord(aps_person(value), role))
    return out


def _claims(sections: list[Section]) -> tuple[str | None, int]:
    """Claims text (one claim per line) and count; NUM starts each claim of CLMS/DCLM."""
    claims: list[str] = []
    for sec in sections:
        if sec.name not in ("CLMS", "DCLM"):
            continue
        for tag, value in sec.fields:
            if tag == "NUM" or (sec.name == "DCLM" and not claims):
                claims.append("" if tag == "NUM" else value)
            elif tag != "STM" and claims:
                claims[-1] = f"{claims[-1]} {value}".strip()
    return ("\n".join(claims) or None), len(claims)


def _texts(sections: list[Section], names: tuple[str, ...]) -> str | None:
    lines = [v for s in sections if s.name in names for _, v in s.fields if v]
    return "\n".join(lines) or None


def greenbook_record(sections: list[Section], index: int) -> ReadItem:
    """One PATN block → PatentRecord."""
    patn = sections[0]
    apn = patn.get("APN")
    app_number = us_app_number(apn[:6] if len(apn) == 7 else apn, patn.get("SRC"))
    if app_number is None:
        return RowError(index, "专利缺少可识别的申请号（APN/SRC）", column="申请号", value=apn or None)
    rec = PatentRecord(app_number=app_number, country="US", source_row=index)
    rec.app_date = parse_date(patn.get("APD"))
    us_type = _APT.get(patn.get("APT"), "utility")
    set_us_type(rec, us_type, None)
    wku = patn.get("WKU")
    add_us_publication(
        rec,
        wku[:-1] if len(wku) == 9 else wku,
        _KIND.get(us_type, ""),
        parse_date(patn.get("ISD")),
        grant=True,
    )
    rec.title = patn.get("TTL")
    clas = [s for s in sections if s.name == "CLAS"]
    set_us_ipc(
        rec,
        [v for s in clas for t, v in s.fields if t == "ICL"],
        edition=clas[0].get("EDF") if clas else None,
    )
    dates = [d for s in sections if s.name == "PRIR" and (d := parse_date(s.get("APD")))]
    rec.priority_date = min(dates) if dates else None
    rec.parties = _parties(sections)
    set_first_address(rec)
    rec.abstract = _texts(sections, ("ABST",))
    rec.description = _texts(sections, _DESCRIPTION)
    rec.claims, rec.extras["claims_count"] = _claims(sections)
    refs = [s for s in sections if s.name in ("UREF", "FREF")]
    others = sum(1 for s in sections if s.name == "OREF" for t, _ in s.fields if t in ("PAL", "PAR"))
    rec.cites_count = len(refs) + others
    pcta = next((s for s in sections if s.name == "PCTA"), None)
    rec.pct_national_phase = pcta is not None
    extras = {
        "number_of_claims": patn.get("NCL"),
        "series_code": patn.get("SRC"),
        "uspc_main": clas[0].get("OCL") if clas else "",
        "pct": dict(pcta.fields) if pcta else None,
    }
    rec.extras.update({k: v for k, v in extras.items() if v})
    return rec


def read_greenbook(path: Path) -> Iterator[ReadItem]:
    """Yield one item per patent of an APS greenbook file (single patent or yearly bulk)."""
    found = False
    for count, (_, sections) in enumerate(iter_patents(_decode_lines(path)), start=1):
        found = True
        yield greenbook_record(sections, count)
    if not found:
        raise FileRejected("文件中没有 PATN 记录，不是 USPTO APS（greenbook）全文格式。")
