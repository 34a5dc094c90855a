"""USPTO XML: ICE grants/applications (v4.0 2004 … v4.5+) and 2001–2004 pre-grant `pap` files.

ICE is an ST.36 derivative, so the shared `wipo_st36` helpers read most of it; what is US-only
(series code, IPC edition 7 strings, CPC, related A1 publication, citation counts) is read here.
Weekly bulk files concatenate thousands of documents, each with its own `<?xml …?>`: every
document is parsed on its own, and one broken document becomes a RowError, not a lost file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ipops.ingest.readers.base import ReadItem, RowError
from ipops.ingest.readers.uspto import (
    add_us_publication,
    set_first_address,
    set_us_ipc,
    set_us_type,
    us_app_number,
    us_person,
)
from ipops.ingest.readers.wipo_st36 import (
    PARAGRAPHS,
    doc_ref,
    earliest_priority,
    ipcr_texts,
    section_text,
    set_ipc,
    st36_parties,
)
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
from ipops.ingest.record import PartyRecord, PatentRecord

ICE_ROOTS = ("us-patent-grant", "us-patent-application")
PAP_ROOT = "patent-application-publication"


def _missing_app(index: int, value: str | None) -> RowError:
    return RowError(
        index, "文献缺少可识别的美国申请号（应为 2 位系列码 + 6 位序号）", column="申请号", value=value
    )


def _cpc(bib: etree._Element | None) -> list[str]:
    """CPC symbols in order: main-cpc first, then further-cpc (ICE v4.3+)."""
    out: list[str] = []
    for c in findall(bib, "classifications-cpc/main-cpc/classification-cpc") + findall(
        bib, "classifications-cpc/further-cpc/classification-cpc"
    ):
        parts = [child_text(c, n) for n in ("section", "class", "subclass", "main-group", "subgroup")]
        if all(parts) and (code := "{}{}{}{}/{}".format(*parts)) not in out:
            out.append(code)
    return out


def _claims(rec: PatentRecord, claims: list[etree._Element]) -> None:
    rec.claims = "\n".join(t for c in claims if (t := text_of(c))) or None
    rec.extras["claims_count"] = len(claims)


def _ice_classes(rec: PatentRecord, bib: etree._Element | None) -> None:
    """IPCR (v4.1+), else edition-7 `classification-ipc` strings (v4.0), and CPC."""
    ipcr, main = ipcr_texts(bib)
    if ipcr:
        set_ipc(rec, ipcr, main)
    else:  # raw text: the fixed-width IPC7 form needs its spaces
        old = [raw_text(e) for e in findall(bib, "classification-ipc/main-classification")]
        old += [raw_text(e) for e in findall(bib, "classification-ipc/further-classification")]
        set_us_ipc(rec, [t for t in old if t], edition=child_text(bib, "classification-ipc/edition"))
    rec.cpc = _cpc(bib)


def _ice_extras(rec: PatentRecord, root: etree._Element, bib: etree._Element | None, grant: bool) -> None:
    """Citations count (grants), PCT national stage (371 date), raw values kept in extras."""
    cites = findall(bib, "us-references-cited/us-citation") + findall(bib, "references-cited/citation")
    rec.cites_count = len(cites) if grant else None
    pct = find(bib, "pct-or-regional-filing-data")
    rec.pct_national_phase = pct is not None and bool(
        child_text(pct, "us-371c124-date") or child_text(pct, "us-371c12-date")
    )
    extras = {
        "series_code": child_text(bib, "us-application-series-code"),
        "number_of_claims": child_text(bib, "number-of-claims"),
        "uspc_main": child_text(bib, "classification-national/main-classification"),
        "term_extension_days": child_text(bib, "us-term-of-grant/us-term-extension"),
        "pct_application": child_text(pct, "document-id/doc-number"),
        "source_file": root.get("file"),
        "dtd_version": root.get("dtd-version"),
    }
    rec.extras.update({k: v for k, v in extras.items() if v})


def ice_record(root: etree._Element, index: int) -> ReadItem:
    """One `us-patent-grant` / `us-patent-application` document → PatentRecord."""
    grant = local(root.tag) == "us-patent-grant"
    bib = find_first(root, "us-bibliographic-data-grant", "us-bibliographic-data-application")
    app_el = find(bib, "application-reference")
    app = doc_ref(app_el)
    app_number = us_app_number(app.number if app else None, child_text(bib, "us-application-series-code"))
    if app is None or app_el is None or app_number is None:
        return _missing_app(index, app.number if app else None)
    pub = doc_ref(find(bib, "publication-reference"))
    rec = PatentRecord(app_number=app_number, country="US", app_date=app.date, source_row=index)
    set_us_type(rec, app_el.get("appl-type"), pub.kind if pub else None)
    if pub is not None:
        add_us_publication(rec, pub.number, pub.kind, pub.date)
    related = doc_ref(find(bib, "us-related-documents/related-publication"))
    if related is not None and rec.pub_number is None:
        add_us_publication(rec, related.number, related.kind, related.date)
    rec.title = child_text(bib, "invention-title")
    _ice_classes(rec, bib)
    rec.priority_date, priorities = earliest_priority(bib)
    if priorities:
        rec.extras["priorities"] = priorities
    rec.parties = st36_parties(bib, assignee_role="holder" if grant else "applicant", us_style=True)
    set_first_address(rec)
    rec.abstract = section_text(find(root, "abstract"), PARAGRAPHS)
    rec.description = section_text(find(root, "description"))
    _claims(rec, findall(root, "claims/claim"))
    _ice_extras(rec, root, bib, grant)
    return rec


def _pap_parties(bib: etree._Element) -> list[PartyRecord]:
    """pap inventors (first-named-inventor, inventor) and assignee; names given/family form."""
    out: list[PartyRecord] = []
    for el in findall(bib, "inventors/first-named-inventor") + findall(bib, "inventors/inventor"):
        name = us_person(
            child_text(el, "name/family-name"),
            child_text(el, "name/given-name"),
            child_text(el, "name/middle-name"),
            child_text(el, "name/name-suffix"),
        )
        res = find_first(el, "residence/residence-us", "residence/residence-non-us")
        place = [child_text(res, "city"), child_text(res, "state"), child_text(res, "country-code")]
        if name:
            country = blank(place[2])
            out.append(PartyRecord(name, "inventor", ", ".join(p for p in place if p) or None, None, country))
    for el in findall(bib, "assignee"):
        name = child_text(el, "organization-name") or us_person(
            child_text(el, "name/family-name"), child_text(el, "name/given-name")
        )
        if name:
            out.append(PartyRecord(name, "applicant", text_of(find(el, "address")) or None))
    return out


def pap_record(root: etree._Element, index: int) -> ReadItem:
    """One 2001–2004 `patent-application-publication` (pap DTD v1.5/1.6) → PatentRecord."""
    bib = find(root, "subdoc-bibliographic-information")
    dom = find(bib, "domestic-filing-data")
    raw_app = child_text(dom, "application-number/doc-number")
    app_number = us_app_number(raw_app, child_text(dom, "application-number-series-code"))
    if app_number is None:
        return _missing_app(index, raw_app or None)
    rec = PatentRecord(app_number=app_number, country="US", source_row=index)
    rec.app_date = parse_date(child_text(dom, "filing-date"))
    kind = child_text(bib, "document-id/kind-code")
    set_us_type(rec, None, kind)
    add_us_publication(
        rec,
        child_text(bib, "document-id/doc-number"),
        kind,
        parse_date(child_text(bib, "document-id/document-date")),
    )
    tech = find(bib, "technical-information")
    rec.title = child_text(tech, "title-of-invention")
    ipc = [raw_text(e) for e in findall(tech, "classification-ipc/classification-ipc-primary/ipc")]
    ipc += [raw_text(e) for e in findall(tech, "classification-ipc/classification-ipc-secondary/ipc")]
    set_us_ipc(rec, ipc, edition=child_text(tech, "classification-ipc/classification-ipc-edition"))
    dates = [
        d for e in findall(bib, "foreign-priority-data") if (d := parse_date(child_text(e, "filing-date")))
    ]
    rec.priority_date = min(dates) if dates else None
    rec.parties = _pap_parties(bib)
    set_first_address(rec)
    rec.abstract = section_text(find(root, "subdoc-abstract"), PARAGRAPHS)
    rec.description = section_text(find(root, "subdoc-description"))
    _claims(rec, findall(root, "subdoc-claims/claim"))
    rec.extras["publication_filing_type"] = child_text(bib, "publication-filing-type")
    if corr := text_of(find(bib, "correspondence-address")):
        rec.extras["correspondence_address"] = corr
    return rec


def read_uspto_xml(path: Path) -> Iterator[ReadItem]:
    """Yield one item per ICE or pap document: single file, concatenated bulk file or a wrapper."""
    return iter_wrapped_records(path, documents=_documents, build=_record, not_a_patent=_not_a_patent)


def _documents(root: etree._Element) -> list[etree._Element]:
    if local(root.tag) in (*ICE_ROOTS, PAP_ROOT):
        return [root]
    return [c for c in root if local(c.tag) in ICE_ROOTS]


def _record(root: etree._Element, index: int) -> ReadItem:
    return pap_record(root, index) if local(root.tag) == PAP_ROOT else ice_record(root, index)


def _not_a_patent(root: etree._Element) -> str:
    return f"根元素 <{local(root.tag)}> 不是美国专利文献（us-patent-grant / us-patent-application）"
