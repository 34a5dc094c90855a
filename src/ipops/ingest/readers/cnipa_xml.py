"""CNIPA XML: the data-service product format (`business:PatentDocumentAndRelated`, e.g.
CN-BIBS-ABSS) and the older CNIPR full-text `cn-patent-document`.

Data-service files hold one document or a wrapper of thousands, so they are streamed with
`iterparse` and each document is cleared once mapped. The application number is printed twice
(15-digit standard form and original form with check digit); both must give the same canonical
number, otherwise the document is reported rather than guessed. CNIPA writes "0" in unused
address fields; those placeholders are read as empty.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ipops.domain.numbers import InvalidNumber, parse_application_number, parse_publication_number
from ipops.ingest.readers.base import FileRejected, ReadItem, RowError
from ipops.ingest.readers.wipo_st36 import (
    DocRef,
    add_publication,
    doc_ref,
    ipcr_texts,
    set_ipc,
    st36_parties,
)
from ipops.ingest.readers.xmlutil import (
    WHOLE_FILE,
    blank,
    child_text,
    document_bounds,
    find,
    findall,
    iter_documents,
    iter_roots,
    parse_date,
    raw_text,
    secure_iterparse,
    syntax_error_message,
    text_of,
)
from ipops.ingest.record import PartyRecord, PatentRecord

ROOT = "PatentDocumentAndRelated"
_AGENCY_CODE = re.compile(r"\s*(\d{5})$")


def _doc_id(ref: etree._Element) -> DocRef:
    did = find(ref, "DocumentID")
    return DocRef(
        blank(child_text(did, "WIPOST3Code")),
        blank(child_text(did, "DocNumber")),
        blank(child_text(did, "Kind")),
        parse_date(child_text(did, "Date")),
    )


def _app_number(bib: etree._Element, index: int) -> tuple[str, DocRef] | RowError:
    """Canonical application number, original form preferred; both forms must agree."""
    refs = {r.get("dataFormat") or "original": _doc_id(r) for r in findall(bib, "ApplicationReference")}
    found: dict[str, str] = {}
    for fmt, ref in refs.items():
        if ref.number:
            try:
                found[fmt] = parse_application_number(ref.number).canonical
            except InvalidNumber as err:
                return RowError(index, f"申请号无法识别：{err}", column="申请号", value=ref.number)
    if not found:
        return RowError(index, "文献缺少申请号（ApplicationReference），无法建立专利记录", column="申请号")
    if len(set(found.values())) > 1:
        shown = "、".join(f"{k}={refs[k].number}" for k in found)
        return RowError(index, f"标准格式与原始格式申请号不一致：{shown}", column="申请号", value=shown)
    fmt = "original" if "original" in found else next(iter(found))
    return found[fmt], refs[fmt]


def _ipc_texts(bib: etree._Element) -> list[str]:
    """IPCR symbols in sequence order; structured parts preferred over the spaced base:Text."""
    out: list[str] = []
    for c in findall(bib, "ClassificationIPCRDetails/ClassificationIPCR"):
        parts = [child_text(c, n) for n in ("Section", "MainClass", "Subclass", "MainGroup", "Subgroup")]
        text = "{}{}{}{}/{}".format(*parts) if all(parts) else child_text(c, "Text")
        if text:
            out.append(text)
    return out


def _address(book: etree._Element | None) -> tuple[str | None, str | None, dict[str, str]]:
    """(address as printed without the leading postcode, postcode, structured parts)."""
    addr = find(book, "Address")
    postcode = blank(child_text(addr, "PostCode"))
    text = blank(child_text(addr, "Text", cjk=True))
    if text and postcode and text.startswith(postcode):
        text = text[len(postcode) :].strip() or None
    names = {"province": "Province", "city": "City", "county": "County", "street": "Street"}
    parts = {k: v for k, tag in names.items() if (v := blank(child_text(addr, tag, cjk=True)))}
    return text, postcode, parts


def _parties(bib: etree._Element, rec: PatentRecord) -> None:
    """Applicants (in order, first one's address on the record), inventors, agency and agents."""
    for i, el in enumerate(findall(bib, "Parties/ApplicantDetails/Applicant")):
        book = find(el, "AddressBook")
        name = child_text(book, "Name", cjk=True) or child_text(book, "OrganizationName", cjk=True)
        if not name:
            continue
        address, postcode, parts = _address(book)
        role = "holder" if (el.get("appType") or "") in ("patentee", "holder", "owner") else "applicant"
        country = blank(child_text(book, "Address/WIPOST3Code"))
        rec.parties.append(PartyRecord(name, role, address, postcode, country))
        if i == 0:
            rec.address, rec.postcode = address, postcode
            if parts:
                rec.extras["address_parts"] = parts
    for el in findall(bib, "Parties/InventorDetails/Inventor"):
        if name := child_text(el, "AddressBook/Name", cjk=True):
            rec.parties.append(PartyRecord(name, "inventor"))
    for el in findall(bib, "Parties/AgentDetails/Agent"):
        agency = child_text(el, "Agency/AddressBook/OrganizationName", cjk=True)
        if agency and (m := _AGENCY_CODE.search(agency)):
            agency = agency[: m.start()]
            rec.extras["agency_code"] = m[1]
        if agency and not any(p.role == "agency" and p.name == agency for p in rec.parties):
            rec.parties.append(PartyRecord(agency, "agency"))
        if name := child_text(el, "AddressBook/Name", cjk=True):
            rec.parties.append(PartyRecord(name, "agent"))


def _priorities(bib: etree._Element, rec: PatentRecord) -> None:
    refs = [_doc_id(p) for p in findall(bib, ".//PriorityClaim") + findall(bib, ".//Priority")]
    dates = [r.date for r in refs if r.date]
    rec.priority_date = min(dates) if dates else None
    if refs:
        rec.extras["priorities"] = [
            " ".join(str(x) for x in (r.country, r.number, r.date) if x) for r in refs
        ]


def _publications(rec: PatentRecord, refs: list[DocRef]) -> None:
    """Add each distinct publication (standard and original forms repeat the same number)."""
    for ref in refs:
        text = f"{ref.country or 'CN'}{ref.number or ''}{ref.kind or ''}"
        try:
            pub = parse_publication_number(text)
        except InvalidNumber as err:
            rec.extras.setdefault("publication_unreadable", []).append(f"{text}：{err}")
            continue
        if all(p.number != pub.canonical for p in rec.publications):
            add_publication(
                rec, DocRef(pub.country, pub.number, pub.kind, ref.date), pub.canonical, grant=pub.is_grant
            )


def business_record(doc: etree._Element, index: int) -> ReadItem:
    """One `PatentDocumentAndRelated` → PatentRecord (or RowError for a bad application number)."""
    bib = find(doc, "BibliographicData")
    app = _app_number(bib, index) if bib is not None else RowError(index, "缺少著录项目", column="申请号")
    if isinstance(app, RowError):
        return app
    number = parse_application_number(app[0])
    rec = PatentRecord(app_number=app[0], country="CN", app_date=app[1].date, source_row=index)
    rec.patent_type, rec.pct_national_phase = number.patent_type.value, number.pct_national_phase
    _publications(rec, [_doc_id(r) for r in findall(bib, "PublicationReference")])
    set_ipc(rec, _ipc_texts(bib))
    titles = findall(bib, "InventionTitle")
    title = next((t for t in titles if t.get("lang") == "zh"), titles[0] if titles else None)
    rec.title = text_of(title, cjk=True)
    _parties(bib, rec)
    _priorities(bib, rec)
    paragraphs = [text_of(p, cjk=True) for p in findall(doc, "Abstract/Paragraphs")]
    rec.abstract = "\n".join(p for p in paragraphs if p) or None
    extras = {
        "gazette_number": child_text(bib, "PublicAvailabilityDate/GazetteReference/GazetteNumber"),
        "appl_type_code": next((r.get("applType") for r in findall(bib, "ApplicationReference")), None),
        "source_file": doc.get("file"),
        "agency_customer_number": child_text(bib, "Parties/AgentDetails/CustomerNumber"),
    }
    rec.extras.update({k: v for k, v in extras.items() if v})
    return rec


def read_cnipa_business(path: Path) -> Iterator[ReadItem]:
    """Stream every PatentDocumentAndRelated of a file (single, wrapper, or concatenated).

    A file that breaks mid-way raises FileRejected naming line/column and how many documents
    were read before the break; callers must then treat the whole file as failed.
    """
    count = 0
    bounds = document_bounds(path)
    sources = [(1, str(path))] if len(bounds) <= 1 else iter_documents(path, bounds)
    for _, source in sources:
        stream = source if isinstance(source, str) else io.BytesIO(source)
        try:
            for _, el in secure_iterparse(stream, f"{{*}}{ROOT}"):
                count += 1
                yield business_record(el, count)
                el.clear(keep_tail=False)
                parent = el.getparent()
                while parent is not None and el.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as err:
            # documents before the break were already handed on (and may be saved by the importer)
            outcome = f"此前已读取 {count} 篇文献，其后的内容未导入。" if count else WHOLE_FILE
            data = source if isinstance(source, bytes) else path.read_bytes()
            last_line = data.rstrip(b"\n").count(b"\n") + 1
            raise FileRejected(syntax_error_message(err, "CNIPA XML 文件", last_line, outcome)) from err
    if count == 0:
        raise FileRejected("文件中没有 PatentDocumentAndRelated 文献，不是 CNIPA 数据服务 XML。")


# --- old CNIPR full text: <cn-patent-document> (DTD cn-patent-document-06-10-27) ---------------


def _paragraph_gap(paragraphs: list[etree._Element]) -> str | None:
    """Describe the first jump in <p num> numbering: the mark of a file cut short upstream."""
    previous: etree._Element | None = None
    for p in paragraphs:
        num = p.get("num") or ""
        if not num.isdigit():
            continue
        if previous is not None and int(num) != int(previous.get("num") or 0) + 1:
            missing = int(num) - int(previous.get("num") or 0) - 1
            ellipsis = "（该段文字中有省略号“…”）" if "…" in raw_text(previous) else ""
            return (
                f"说明书段落编号从 [{previous.get('num')}]（第 {previous.sourceline} 行）"
                f"直接跳到 [{num}]（第 {p.sourceline} 行），缺少 {missing} 段{ellipsis}"
            )
        previous = p
    return None


def old_format_record(root: etree._Element, index: int, name: str) -> ReadItem:
    """A complete cn-patent-document → PatentRecord; truncated → FileRejected; no number → RowError.

    Salvage decision: a document whose description has a numbering gap is rejected whole. The
    readable paragraphs could be imported, but only as a silently shortened description, and
    the import policy is never to drop content without saying so.
    """
    description = find(root, "application-body/description")
    paragraphs = findall(description, ".//p")
    if gap := _paragraph_gap(paragraphs):
        raise FileRejected(
            f"{name}内容不完整（源文件被截断）：{gap}。为避免只导入部分说明书，整个文件未导入，"
            "请重新获取完整文件。"
        )
    bib = find(root, "cn-bibliographic-data")
    app = doc_ref(find(bib, "application-reference"))
    if app is None or not app.number:
        reason = "文献没有著录项目中的申请号（cn-bibliographic-data），无法建立专利记录"
        return RowError(index, reason, column="申请号")
    try:
        number = parse_application_number(app.number)
    except InvalidNumber as err:
        return RowError(index, f"申请号无法识别：{err}", column="申请号", value=app.number)
    rec = PatentRecord(app_number=number.canonical, country="CN", app_date=app.date, source_row=index)
    rec.patent_type, rec.pct_national_phase = number.patent_type.value, number.pct_national_phase
    pubs = [r for el in findall(bib, "publication-reference") if (r := doc_ref(el)) and r.number]
    _publications(rec, [DocRef(r.country or "CN", r.number, r.kind, r.date) for r in pubs])
    title = find(bib, "invention-title")
    rec.title = text_of(title if title is not None else find(description, "invention-title"), cjk=True)
    set_ipc(rec, *ipcr_texts(bib))
    rec.parties = st36_parties(bib, assignee_role="holder", us_style=False)
    first = next((p for p in rec.parties if p.role in ("applicant", "holder")), None)
    if first is not None:
        rec.address, rec.postcode = first.address, first.postcode
    _old_texts(rec, root, bib, paragraphs)
    return rec


def _old_texts(
    rec: PatentRecord, root: etree._Element, bib: etree._Element | None, paragraphs: list[etree._Element]
) -> None:
    """Description as '[0001] text' lines (sub/sup kept inline), abstract and claims."""
    lines = [
        f"[{p.get('num')}] {t}" if p.get("num") else t for p in paragraphs if (t := text_of(p, cjk=True))
    ]
    rec.description = "\n".join(lines) or None
    abstract = find(root, "abstract")
    abstract = abstract if abstract is not None else find(bib, "abstract")
    rec.abstract = "\n".join(text_of(p, cjk=True) for p in findall(abstract, ".//p")) or None
    claims = findall(root, "application-body/claims/claim")
    rec.claims = "\n".join(text_of(c, cjk=True) for c in claims) or None


def read_cn_patent_document(path: Path) -> Iterator[ReadItem]:
    """Old-format full text: malformed or truncated files raise FileRejected (line/column)."""
    for doc in iter_roots(path):
        if doc.root is None:
            yield RowError(doc.index, doc.error or "文献无法解析")
            continue
        yield old_format_record(doc.root, doc.index, "文件" if doc.index == 1 else f"第 {doc.index} 篇文献")
