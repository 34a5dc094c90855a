"""Safe, namespace-agnostic XML helpers shared by the CNIPA, USPTO and WIPO ST.36 readers.

Patent XML arrives from outside (vendor downloads, bulk files), so every parser built here
refuses to expand entities, load DTDs or touch the network, and keeps libxml2's size limits
(`huge_tree=False`): a hostile file cannot make the importer read local files, call out, or
balloon memory. The official DTDs are never shipped, so the entities they declare (`&ldquo;`,
`&lgr;` …) stay unexpanded in the tree; `text_of` maps them to characters so no text is lost.
"""

from __future__ import annotations

import datetime as dt
import html.entities
import mmap
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ipops.ingest.readers.base import FileRejected, ReadItem, RowError

# ISO 8879 Greek entities (ISOgrk1) used by USPTO SGML/XML; HTML5 does not define them.
_ISO_GREEK = dict(
    zip(
        "agr bgr ggr dgr egr zgr eegr thgr igr kgr lgr mgr ngr xgr ogr pgr rgr sgr sfgr tgr ugr "
        "phgr khgr psgr ohgr".split(),
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        strict=True,
    )
)
_ISO_GREEK.update(
    zip(
        "Agr Bgr Ggr Dgr Egr Zgr EEgr THgr Igr Kgr Lgr Mgr Ngr Xgr Ogr Pgr Rgr Sgr Tgr Ugr "
        "PHgr KHgr PSgr OHgr".split(),
        "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ",
        strict=True,
    )
)
_WS = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def secure_parser(*, recover: bool = False) -> etree.XMLParser:
    """A parser that never resolves entities, loads DTDs or uses the network (XXE-safe)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
        recover=recover,
    )


def secure_iterparse(source: object, tag: str) -> etree.iterparse:
    """`iterparse` with the same safety settings, for files too big to hold as one tree."""
    return etree.iterparse(
        source,
        events=("end",),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_pis=True,
        remove_comments=True,
    )


WHOLE_FILE = "整个文件未导入。"


def syntax_error_message(
    err: etree.XMLSyntaxError, what: str = "XML 文件", last_line: int | None = None, outcome: str = WHOLE_FILE
) -> str:
    """Chinese message naming where the XML breaks.

    An error on the last line of the data (or libxml2's 'premature end') means the file stops
    mid-document: it was cut short (truncated download, copy limit) rather than mis-written.
    """
    line, col = (err.position or (err.lineno, 0))[:2]
    text = str(err.msg or err)
    truncated = "Premature end" in text or (last_line is not None and line >= last_line)
    kind = "不完整（疑似被截断）" if truncated else "存在 XML 格式错误"
    return f"{what}{kind}：第 {line} 行第 {col} 列附近无法解析（{text}），{outcome}"


def parse_document(data: bytes, what: str = "XML 文件", outcome: str = WHOLE_FILE) -> etree._Element:
    """Parse one complete XML document safely; malformed input becomes a Chinese FileRejected."""
    try:
        root = etree.fromstring(data, secure_parser())
    except etree.XMLSyntaxError as err:
        last_line = data.rstrip(b"\n").count(b"\n") + 1
        raise FileRejected(syntax_error_message(err, what, last_line, outcome)) from err
    if root is None:
        raise FileRejected(f"{what}为空或没有根元素，{outcome}")
    return root


def local(tag: object) -> str:
    """Local name of an element tag ('{ns}Name' → 'Name'); '' for comments/entities."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


@lru_cache(maxsize=512)
def _any_ns(path: str) -> str:
    return "/".join(p if p in (".", "..", "") or p.startswith("{") else "{*}" + p for p in path.split("/"))


def find(el: etree._Element | None, path: str) -> etree._Element | None:
    """`el.find` where every step matches by local name in any (or no) namespace."""
    return None if el is None else el.find(_any_ns(path))


def findall(el: etree._Element | None, path: str) -> list[etree._Element]:
    """`el.findall` by local names; `.//x` searches all descendants."""
    return [] if el is None else el.findall(_any_ns(path))


def find_first(el: etree._Element | None, *paths: str) -> etree._Element | None:
    """First element found at any of `paths` (never relies on element truthiness)."""
    for path in paths:
        hit = find(el, path)
        if hit is not None:
            return hit
    return None


def entity_char(name: str) -> str:
    """Character for an unexpanded entity; unknown names are kept as `&name;` (never dropped)."""
    if name in _ISO_GREEK:
        return _ISO_GREEK[name]
    return html.entities.html5.get(name + ";", f"&{name};")


def raw_text(el: etree._Element | None) -> str:
    """All text under `el` in document order, entities mapped, comments/PIs skipped."""
    if el is None:
        return ""
    parts: list[str] = []
    _collect(el, parts)
    return "".join(parts)


def _collect(el: etree._Element, parts: list[str]) -> None:
    if el.text and isinstance(el.tag, str):
        parts.append(el.text)
    for child in el:
        if isinstance(child, etree._Entity):
            parts.append(entity_char(child.name))
        elif isinstance(child.tag, str):
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)


def clean(text: str | None, *, cjk: bool = False) -> str:
    """Collapse whitespace; for Chinese text also drop line-wrap spaces between CJK characters."""
    if not text:
        return ""
    text = _WS.sub(" ", text).strip()
    return _CJK_GAP.sub("", text) if cjk else text


def text_of(el: etree._Element | None, *, cjk: bool = False) -> str:
    """Whitespace-normalised text of an element (sub/sup/italic kept inline as plain text)."""
    return clean(raw_text(el), cjk=cjk)


def child_text(el: etree._Element | None, path: str, *, cjk: bool = False) -> str:
    """Text of the first element at `path` under `el`, '' when absent."""
    return text_of(find(el, path), cjk=cjk)


def parse_date(text: str | None) -> dt.date | None:
    """YYYYMMDD (or YYYY-MM-DD) → date; None for blanks, '00' day/month or impossible dates."""
    digits = re.sub(r"\D", "", text or "")
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def blank(value: str | None) -> str | None:
    """None for '', '0' and similar placeholders CNIPA prints in unused fields."""
    value = (value or "").strip()
    return None if value in ("", "0", "00", "000000", "unknown", "omitted") else value


def _positions(mm: mmap.mmap, needle: bytes) -> Iterator[int]:
    """Every offset of `needle` (mmap.find is a fast memchr scan, unlike a regex over GBs)."""
    pos = mm.find(needle)
    while pos >= 0:
        yield pos
        pos = mm.find(needle, pos + len(needle))


def _declaration_start(mm: mmap.mmap, pos: int) -> int | None:
    """Where a document starting with the `<?xml` at `pos` begins (BOM included), or None when
    that `<?xml` is not at a line start or not followed by a space/'?'."""
    if mm[pos + 5 : pos + 6] not in (b" ", b"\t", b"\r", b"\n", b"?"):
        return None
    if pos >= 3 and mm[pos - 3 : pos] == b"\xef\xbb\xbf":
        pos -= 3
    return pos if pos == 0 or mm[pos - 1] == 0x0A else None


def document_bounds(path: Path, end_tag: bytes | None = None) -> list[tuple[int, int]]:
    """(start, end) byte ranges of the documents in a possibly concatenated bulk file.

    Bulk files concatenate documents, each with its own `<?xml …?>` declaration; old SGML has
    no declaration, so there `end_tag` (b"</PATDOC>") closes each document instead. Text after
    the last end tag becomes its own range, so a truncated last document is reported, not lost.
    """
    with path.open("rb") as fh:
        try:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty file
            return []
        with mm:
            size = len(mm)
            if end_tag is None:
                starts = [s for p in _positions(mm, b"<?xml") if (s := _declaration_start(mm, p)) is not None]
                cuts = [0, *starts[1:], size]
            else:
                cuts = [0, *(p + len(end_tag) for p in _positions(mm, end_tag))]
                if mm[cuts[-1] :].strip():
                    cuts.append(size)
            return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a] or [(0, size)]


def iter_documents(path: Path, bounds: list[tuple[int, int]]) -> Iterator[tuple[int, bytes]]:
    """Yield (1-based index, bytes) for each range from `document_bounds`."""
    if len(bounds) <= 1:
        yield 1, path.read_bytes()
        return
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for i, (start, end) in enumerate(bounds, start=1):
            yield i, data[start:end]


@dataclass(slots=True)
class ParsedDoc:
    """One document of a file: its root, or (bulk files only) why it could not be parsed."""

    index: int
    root: etree._Element | None
    error: str | None = None
    recovered: list[str] = field(default_factory=list)  # lenient mode: what libxml2 repaired


def iter_roots(path: Path, *, lenient: bool = False, end_tag: bytes | None = None) -> Iterator[ParsedDoc]:
    """Parse every document of a single or concatenated file.

    A single-document file that is malformed raises FileRejected (the file is unusable); in a
    bulk file only that document is reported, so one bad patent does not lose thousands.
    `lenient` retries a malformed (not truncated) document with libxml2's recovery, for old
    SGML-era files, and lists the repairs so the import report can show them.
    """
    bounds = document_bounds(path, end_tag)
    single = len(bounds) <= 1
    for index, data in iter_documents(path, bounds):
        # in a bulk file only this document is lost: say so, not "the whole file"
        what, outcome = ("文件", WHOLE_FILE) if single else (f"第 {index} 篇文献", "该篇未导入，其余文献照常导入。")
        doc = _parse_one(index, data, what, lenient, outcome)
        if doc.root is None and single:
            raise FileRejected(doc.error or "文件无法解析，整个文件未导入。")
        yield doc


def iter_wrapped_records(
    path: Path,
    *,
    documents: Callable[[etree._Element], list[etree._Element]],
    build: Callable[[etree._Element, int], ReadItem],
    not_a_patent: Callable[[etree._Element], str],
) -> Iterator[ReadItem]:
    """Numbered items of a file whose roots are patent documents or wrappers of many.

    `documents` picks the patent documents of one root (itself, or its children); a root with
    none, or one that does not parse, is one rejected item, so numbering stays per document.
    """
    count = 0
    for parsed in iter_roots(path):
        if parsed.root is None:
            count += 1
            yield RowError(count, parsed.error or "文献无法解析")
            continue
        docs = documents(parsed.root)
        if not docs:
            count += 1
            yield RowError(count, not_a_patent(parsed.root))
        for doc in docs:
            count += 1
            yield build(doc, count)


def _parse_one(index: int, data: bytes, what: str, lenient: bool, outcome: str) -> ParsedDoc:
    try:
        return ParsedDoc(index, parse_document(data, what, outcome))
    except FileRejected as err:
        if not lenient or "不完整" in str(err):  # recovery would only hide the missing part
            return ParsedDoc(index, None, str(err))
    parser = secure_parser(recover=True)
    root = etree.fromstring(data, parser)
    if root is None:
        return ParsedDoc(index, None, f"{what}无法解析，未导入。")
    repairs = [f"第 {e.line} 行第 {e.column} 列：{e.message}" for e in parser.error_log][:20]
    return ParsedDoc(index, root, None, repairs)
