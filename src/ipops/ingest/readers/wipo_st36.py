"""WIPO ST.36 patent XML (`wo-patent-document`, `patent-document`) and the pieces its derivatives share.

USPTO ICE XML (`us-patent-grant` …) and the old CNIPA `cn-patent-document` are ST.36
derivatives: same `document-id`, `classification-ipcr`, `addressbook` and `claims` shapes. The
helpers here read those shapes once, namespace-agnostically, and the USPTO/CNIPA readers add only
their national quirks. Parsing never resolves entities or DTDs (see xmlutil).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ipops.domain.ipc import parse_ipc
from ipops.domain.numbers import ApplicationNumber, InvalidNumber, PatentType, parse_application_number
from ipops.ingest.readers.base import ReadItem, RowError
from ipops.ingest.readers.xmlutil import (
    blank,
    child_text,
    find,
    find_first,
    findall,
    iter_wrapped_records,
    local,
    parse_date,
    raw_text,
    text_of,
)
from ipops.ingest.record import PartyRecord, PatentRecord, PublicationRecord

ROOT_TAGS = ("wo-patent-document", "patent-document")
_BLOCKS = frozenset({"p", "heading", "claim", "paragraph", "PARA", "H"})
PARAGRAPHS = frozenset({"p", "paragraph", "PARA"})  # abstracts: no "Abstract of Disclosure" heading


@dataclass(slots=True)
class DocRef:
    """One ST.36 `document-id`: country, number, kind and date as printed."""

    country: str | None
    number: str | None
    kind: str | None
    date: dt.date | None


def doc_ref(el: etree._Element | None) -> DocRef | None:
    """Read a `document-id` (or the reference element wrapping one); None when absent."""
    did = el if el is not None and local(el.tag) == "document-id" else find(el, "document-id")
    if did is None:
        return None
    return DocRef(
        blank(child_text(did, "country")),
        blank(child_text(did, "doc-number")),
        blank(child_text(did, "kind")),
        parse_date(child_text(did, "date")),
    )


_IPCR_TEXT = re.compile(r"\s*([A-H]\d{2}[A-Z]\s*\d{1,4}\s*/\s*\d{1,6})\s*(?:\d{8}([A-Z])([FL]))?")


def ipcr_texts(bib: etree._Element | None) -> tuple[list[str], str | None]:
    """Raw IPC symbols of every `classification-ipcr`, and the one marked first (position F).

    Structured parts are preferred; the ST.36 `text` form ('H01M  10/0525  20100101AFI…')
    gives the symbol before its version date, and the F/L letter after the level letter.
    """
    texts: list[str] = []
    main: str | None = None
    for c in findall(bib, ".//classification-ipcr"):
        parts = [child_text(c, n) for n in ("section", "class", "subclass", "main-group", "subgroup")]
        position = child_text(c, "symbol-position")
        raw = "{}{}{}{}/{}".format(*parts) if all(parts) else raw_text(find(c, "text")).strip()
        if not all(parts) and (m := _IPCR_TEXT.match(raw)):
            raw, position = m[1], position or m[3] or ""
        if raw:
            texts.append(raw)
            if main is None and position == "F":
                main = raw
    return texts, main


def canonical_ipc(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """Canonical codes (deduplicated, in order) and the texts parse_ipc could not read."""
    codes: list[str] = []
    unparsed: list[str] = []
    for text in texts:
        try:
            code = parse_ipc(text).code
        except ValueError:
            unparsed.append(text)
            continue
        if code not in codes:
            codes.append(code)
    return codes, unparsed


def set_ipc(rec: PatentRecord, texts: list[str], main: str | None = None) -> None:
    """Fill ipc/ipc_main; unreadable symbols go to extras['ipc_unparsed'] instead of being dropped."""
    if main and main in texts:
        texts = [main, *(t for t in texts if t != main)]
    codes, unparsed = canonical_ipc(texts)
    rec.ipc = codes
    rec.ipc_main = codes[0] if codes else None
    if unparsed:
        rec.extras.setdefault("ipc_unparsed", []).extend(unparsed)


def person_name(ab: etree._Element | None) -> str:
    """Organisation name, or a person's 'first middle last' from an `addressbook`."""
    org = child_text(ab, "orgname") or child_text(ab, "name")
    if org:
        return org
    parts = [child_text(ab, n) for n in ("prefix", "first-name", "middle-name", "last-name", "suffix")]
    return " ".join(p for p in parts if p)


def address_of(holder: etree._Element | None) -> tuple[str | None, str | None, str | None]:
    """(printed address, postcode, ISO country) of a party; 'unknown'/'omitted' count as empty."""
    addr = find_first(holder, "addressbook/address", "address")
    fields = ("address-1", "address-2", "address-3", "street", "city", "county", "state", "text")
    parts = [blank(child_text(addr, n)) for n in fields]
    country = blank(child_text(addr, "country")) or blank(child_text(holder, "residence/country"))
    text = ", ".join(p for p in [*parts, country] if p) or None
    return text, blank(child_text(addr, "postcode")), country


def party(holder: etree._Element, role: str) -> PartyRecord | None:
    """PartyRecord for an applicant/inventor/assignee/agent element; None when it has no name."""
    ab = find(holder, "addressbook")
    name = person_name(ab if ab is not None else holder)
    if not name:
        return None
    address, postcode, country = address_of(holder)
    return PartyRecord(name=name, role=role, address=address, postcode=postcode, country=country)


def st36_parties(bib: etree._Element, *, assignee_role: str, us_style: bool) -> list[PartyRecord]:
    """Applicants, inventors, assignees and agents, each group in source order.

    `us_style`: USPTO 'applicant-inventor' entries (and, since ICE v4.3 dropped that type,
    applicants also listed as inventors) are inventors filing in their own name — a pre-AIA
    formality — so they become inventors only; the assignee is the owner. Elsewhere (WO) an
    applicant-inventor is both applicant and inventor.
    """
    ps = find_first(bib, "parties", "us-parties")
    listed = [p for el in findall(ps, "inventors/inventor") if (p := party(el, "inventor"))]
    names = {p.name for p in listed}
    applicants: list[PartyRecord] = []
    inventors: list[PartyRecord] = []
    for el in findall(ps, "applicants/applicant") + findall(ps, "us-applicants/us-applicant"):
        if (p := party(el, "applicant")) is None:
            continue
        is_inventor = "inventor" in (el.get("app-type") or "") or (us_style and p.name in names)
        if is_inventor and p.name not in names:
            inventors.append(PartyRecord(p.name, "inventor", p.address, p.postcode, p.country))
        if not (is_inventor and us_style):
            applicants.append(p)
    holders = [
        p
        for el in findall(bib, "assignees/assignee") + findall(ps, "assignees/assignee")
        if (p := party(el, assignee_role))
    ]
    agents: list[PartyRecord] = []
    for el in findall(ps, "agents/agent"):
        if (p := party(el, "agent")) is not None:
            p.role = "agency" if child_text(el, "addressbook/orgname") else "agent"
            agents.append(p)
    return applicants + listed + inventors + holders + agents


def block_lines(el: etree._Element | None, blocks: frozenset[str] = _BLOCKS) -> list[str]:
    """One line per block element (paragraph, heading, claim), nested containers flattened."""
    out: list[str] = []
    for child in () if el is None else el:
        if not isinstance(child.tag, str):
            continue
        if local(child.tag) in blocks:
            if line := text_of(child):
                out.append(line)
        else:
            out.extend(block_lines(child, blocks))
    return out


def section_text(el: etree._Element | None, blocks: frozenset[str] = _BLOCKS) -> str | None:
    """Abstract/description text, paragraphs on their own lines; None when absent or empty."""
    return "\n".join(block_lines(el, blocks)) or (text_of(el) or None)


def earliest_priority(bib: etree._Element | None) -> tuple[dt.date | None, list[str]]:
    """Earliest priority date and 'CC number date' labels of all priority claims.

    ST.36 writes country/doc-number/date directly in `priority-claim`; some derivatives wrap
    them in a `document-id` — both are read."""
    refs = [
        doc_ref(el)
        or DocRef(
            blank(child_text(el, "country")),
            blank(child_text(el, "doc-number")),
            None,
            parse_date(child_text(el, "date")),
        )
        for el in findall(bib, "priority-claims/priority-claim")
    ]
    dates = [r.date for r in refs if r.date]
    labels = [" ".join(str(x) for x in (r.country, r.number, r.date) if x) for r in refs]
    return (min(dates) if dates else None), labels


def add_publication(rec: PatentRecord, ref: DocRef, canonical: str, *, grant: bool | None = None) -> None:
    """Record a publication and fill pub_* or grant_*; by default A kinds are publications."""
    kind = ref.kind or ""
    rec.publications.append(PublicationRecord(canonical, kind, ref.date))
    if grant is None:
        grant = bool(kind) and not kind.startswith("A")
    if grant:
        rec.grant_number, rec.grant_date = canonical, ref.date
    elif rec.pub_number is None:
        rec.pub_number, rec.pub_date = canonical, ref.date


_PCT = re.compile(r"(?:PCT)?/?([A-Z]{2})/?(\d{4}|\d{2})/?(\d{5,6})")


def st36_app_number(ref: DocRef, pub_country: str | None) -> tuple[str, ApplicationNumber | None]:
    """Canonical application number (and the parsed CN number when it is one).

    CN numbers go through the domain parser; international applications (number 'PCT/…', or
    any application of a WO publication) become 'PCT/CN2024/099999'; others country + number.
    """
    number = re.sub(r"\s", "", ref.number or "").upper()
    country = (ref.country or "").upper()
    if number.startswith("PCT") or (pub_country or "").upper() == "WO":
        if m := _PCT.fullmatch(number if number.startswith("PCT") else f"{country}{number}"):
            return f"PCT/{m[1]}{m[2]}/{int(m[3]):06d}", None
    if country == "CN":
        parsed = parse_application_number(number)
        return parsed.canonical, parsed
    cleaned = re.sub(r"[/,-]", "", number)
    return (cleaned if cleaned.startswith(country) else f"{country}{cleaned}"), None


def _title(rec: PatentRecord, root: etree._Element, bib: etree._Element) -> None:
    """Title in the document language (else the first); all languages kept in extras."""
    titles = findall(bib, "invention-title")
    lang = (root.get("lang") or "").lower()
    preferred = [t for t in titles if (t.get("lang") or "").lower() == lang] or titles
    rec.title = text_of(preferred[0]) if preferred else ""
    if len(titles) > 1:
        rec.extras["titles"] = {t.get("lang") or "": text_of(t) for t in titles}


def _body(rec: PatentRecord, root: etree._Element) -> None:
    """Abstract, description and claims, paragraphs/claims one per line."""
    rec.abstract = section_text(find(root, "abstract"), PARAGRAPHS)
    rec.description = section_text(find(root, "description"))
    claims = findall(root, "claims/claim")
    rec.claims = "\n".join(text_of(c) for c in claims) or None
    rec.extras["claims_count"] = len(claims)


def st36_record(root: etree._Element, index: int) -> ReadItem:
    """Map one ST.36 document to a PatentRecord (or a RowError when it has no usable app number)."""
    bib = find(root, "bibliographic-data")
    app = doc_ref(find(bib, "application-reference"))
    pub = doc_ref(find(bib, "publication-reference"))
    country = (pub.country if pub else None) or root.get("country") or ""
    if app is None or not app.number:
        return RowError(index, "文献缺少申请号（application-reference），无法建立专利记录", column="申请号")
    try:
        app_number, cn = st36_app_number(app, country)
    except InvalidNumber as err:
        return RowError(index, f"申请号无法识别：{err}", column="申请号", value=app.number)
    rec = PatentRecord(app_number=app_number, country=country, app_date=app.date, source_row=index)
    rec.patent_type = cn.patent_type.value if cn else PatentType.invention.value
    rec.pct_national_phase = cn.pct_national_phase if cn else False
    if pub and pub.number:
        add_publication(rec, pub, f"{pub.country or country}{pub.number}{pub.kind or ''}")
    _title(rec, root, bib)
    set_ipc(rec, *ipcr_texts(bib))
    rec.priority_date, priorities = earliest_priority(bib)
    if priorities:
        rec.extras["priorities"] = priorities
    role = "holder" if rec.grant_number else "applicant"
    rec.parties = st36_parties(bib, assignee_role=role, us_style=False)
    first = next((p for p in rec.parties if p.role in ("applicant", "holder")), None)
    if first is not None:
        rec.address, rec.postcode = first.address, first.postcode
    _body(rec, root)
    rec.cites_count = len(findall(bib, ".//citation")) or None
    return rec


def read_st36(path: Path) -> Iterator[ReadItem]:
    """Yield one item per ST.36 document: single files, concatenations, or a wrapper of many."""
    return iter_wrapped_records(path, documents=_documents, build=st36_record, not_a_patent=_not_a_patent)


def _documents(root: etree._Element) -> list[etree._Element]:
    if local(root.tag) in ROOT_TAGS:
        return [root]
    return findall(root, "./patent-document") or findall(root, "./wo-patent-document")


def _not_a_patent(root: etree._Element) -> str:
    return f"根元素 <{local(root.tag)}> 不是 ST.36 专利文献"
