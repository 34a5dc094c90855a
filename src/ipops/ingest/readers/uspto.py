"""What every USPTO reader shares: number forms, old IPC strings, document types.

USPTO bulk data spans five formats (APS greenbook text 1976–2001, ST.32 SGML/XML 2001–2004,
pre-grant `pap` XML 2001–2004, ICE XML v4.x since 2005). They all print the same facts in
different ways; these helpers turn them into one canonical shape so a US patent read from a
1976 greenbook file joins with the same patent read from a 2015 XML file.

Canonical US application number: "US" + 2-digit series code + 6-digit serial, no separators
("US12134151", design "US29116510"). ICE/pap/SGML print those 8 digits; the greenbook prints
serial + check digit (APN "5184541") with the series code apart (SRC "5") → "US05518454".
Publication/grant numbers: "US" + number without leading zeros + kind ("US8926509B2",
"USD435854S", "US20010000044A1"); greenbook grants (pre-2001) get kind "A" (designs "S",
reissues "E", plants "P").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from ipops.domain.numbers import InvalidNumber, PatentType, parse_publication_number
from ipops.ingest.readers.base import ReadItem
from ipops.ingest.readers.wipo_st36 import DocRef, add_publication, set_ipc
from ipops.ingest.record import PartyRecord, PatentRecord

_IPC_SLASH = re.compile(r"([A-H]\d{2}[A-Z])\s*0*(\d{1,4})\s*/\s*(\d{1,6})")
_IPC_FIXED = re.compile(r"([A-H]\d{2}[A-Z])([ \d]{3})(\d{2,6})")
_DOC = re.compile(r"([A-Z]{0,2})0*(\d+)")

# ICE appl-type / greenbook APT → (PatentType, us_kind); unknown types stay inventions.
US_KINDS: dict[str, tuple[PatentType, str]] = {
    "utility": (PatentType.invention, "utility"),
    "design": (PatentType.design, "design"),
    "plant": (PatentType.invention, "plant"),
    "reissue": (PatentType.invention, "reissue"),
    "sir": (PatentType.invention, "sir"),
    "defensive-publication": (PatentType.invention, "defensive_publication"),
}
_KIND_TO_TYPE = {"S": "design", "E": "reissue", "P": "plant", "H": "sir", "I": "defensive-publication"}


def us_app_number(number: str | None, series: str | None = None) -> str | None:
    """'US' + series code + 6-digit serial; None when the text holds no usable digits.

    Accepts '12134151', '29/116,510', or a 6-digit serial with its series code given apart.
    """
    digits = re.sub(r"\D", "", number or "")
    series_digits = re.sub(r"\D", "", series or "")
    if len(digits) == 6 and series_digits:
        digits = series_digits.zfill(2) + digits
    return f"US{digits}" if len(digits) == 8 else None


def us_doc_number(number: str | None, kind: str | None) -> str | None:
    """Canonical publication/grant number ('08926509','B2' → 'US8926509B2'); None if unreadable."""
    match = _DOC.fullmatch(re.sub(r"[\s,/-]", "", (number or "").upper()).removeprefix("US"))
    if match is None:
        return None
    text = f"US{match[1]}{match[2]}{(kind or '').strip().upper()}"
    try:
        return parse_publication_number(text).canonical
    except InvalidNumber:
        return text


def is_us_grant(canonical: str) -> bool:
    """Grant or pre-grant publication, by the domain rule on kind codes."""
    try:
        return parse_publication_number(canonical).is_grant
    except InvalidNumber:
        return not re.search(r"\d{11}", canonical)


def add_us_publication(
    rec: PatentRecord,
    number: str | None,
    kind: str | None,
    date: dt.date | None,
    *,
    grant: bool | None = None,
) -> None:
    """Add a US publication, filling grant_* or pub_* by kind (US grants before 2001 are kind A).

    `grant` overrides the kind rule where the format itself says so (greenbook = grants only)."""
    kind = (kind or "").strip().upper()
    canonical = us_doc_number(number, kind)
    if canonical is None:
        rec.extras.setdefault("unreadable_numbers", []).append(f"{number or ''}{kind}")
        return
    grant = is_us_grant(canonical) if grant is None else grant
    add_publication(rec, DocRef("US", number, kind, date), canonical, grant=grant)


def ipc7_symbol(text: str | None) -> str | None:
    """Old IPC strings ('G06F015/00', 'H01L 2100', ' A61K 3800', 'B32B  302') → 'G06F15/00' form.

    Editions 1–7 were printed fixed-width: subclass (4), main group right-aligned (3), subgroup;
    ICE v4.0 writes a zero-padded 'main/sub'. None when the text fits neither form.
    """
    s = (text or "").strip().upper()
    if m := _IPC_SLASH.fullmatch(s):
        return f"{m[1]}{int(m[2])}/{m[3]}"
    if (m := _IPC_FIXED.fullmatch(s)) and m[2].strip().isdigit():
        return f"{m[1]}{int(m[2])}/{m[3]}"
    return None


def set_us_ipc(rec: PatentRecord, texts: list[str], *, edition: str | None = None) -> None:
    """Normalise old-edition IPC strings, then store; unreadable ones land in extras['ipc_unparsed']."""
    normalised: list[str] = []
    for text in texts:
        symbol = ipc7_symbol(text)
        if symbol is None and text.strip():
            rec.extras.setdefault("ipc_unparsed", []).append(text.strip())
        elif symbol:
            normalised.append(symbol)
    set_ipc(rec, normalised)
    if edition:
        rec.extras["ipc_edition"] = edition.lstrip("0") or edition


def set_us_type(rec: PatentRecord, appl_type: str | None, kind: str | None) -> None:
    """patent_type from the application type (or kind letter); the US kind goes to extras."""
    key = (appl_type or "").strip().lower() or _KIND_TO_TYPE.get((kind or " ")[0], "utility")
    patent_type, us_kind = US_KINDS.get(key, (PatentType.invention, key))
    rec.patent_type = patent_type.value
    rec.extras["us_kind"] = us_kind


def us_person(last: str, first: str = "", *extra: str) -> str:
    """'First [Middle] Last [Suffix]' — one name order for every US format."""
    return " ".join(p for p in (first, *extra[:1], last, *extra[1:]) if p)


def aps_person(name: str) -> str:
    """Greenbook 'Last; First M.' → 'First M. Last'; organisation names pass unchanged."""
    last, sep, first = name.partition(";")
    return f"{first.strip()} {last.strip()}".strip() if sep else name.strip()


def aps_country(code: str | None) -> str | None:
    """APS country codes are 2 letters + 'X' ('JPX'); ISO alpha-2 is the first two."""
    code = (code or "").strip().upper()
    return code[:2] if len(code) == 3 and code.endswith("X") else (code or None)


def set_first_address(rec: PatentRecord) -> None:
    """PatentRecord.address/postcode = first right holder, else first applicant, as printed."""
    for role in ("holder", "applicant"):
        first: PartyRecord | None = next((p for p in rec.parties if p.role == role), None)
        if first is not None:
            rec.address, rec.postcode = first.address, first.postcode
            return


def read_uspto(path: Path, fmt: str) -> Iterator[ReadItem]:
    """Dispatch to the reader for a detected USPTO format (see detect.detect_xml_format)."""
    if fmt == "uspto_greenbook":
        from ipops.ingest.readers.uspto_greenbook import read_greenbook

        return read_greenbook(path)
    if fmt == "uspto_sgml":
        from ipops.ingest.readers.uspto_sgml import read_uspto_sgml

        return read_uspto_sgml(path)
    from ipops.ingest.readers.uspto_xml import read_uspto_xml

    return read_uspto_xml(path)
