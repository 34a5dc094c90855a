"""Recognise which patent XML/text format a file is in, and read it with the matching reader.

Users upload whatever their source gave them; sniffing the first bytes (root element, first
line) picks the reader, so nobody has to choose a format by hand. Files that are not patent
documents (CPC master/scheme files, ZIP archives, BRS text) are refused with a Chinese reason
instead of producing an empty import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ipops.ingest.readers.base import FileRejected, ReadItem

SNIFF_BYTES = 64 * 1024  # DOCTYPE internal subsets (image ENTITY lists) can run to tens of KB

# root element (local name) → format; the earliest start tag in the file wins
_ROOTS: dict[str, str] = {
    "PatentDocumentAndRelated": "cnipa_business",
    "cn-patent-document": "cn_patent_document",
    "us-patent-grant": "uspto_grant_xml",
    "us-patent-application": "uspto_app_xml",
    "patent-application-publication": "uspto_pap",
    "PATDOC": "uspto_sgml",
    "wo-patent-document": "wipo_st36",
    "patent-document": "wipo_st36",
}
_NOT_PATENT: dict[str, str] = {
    "CPCMasterClassificationFile": "USPTO CPC 分类主文件（CPC Master Classification File）",
    "class-scheme": "CPC 分类表（classification scheme）",
    "definitions": "CPC 分类定义文件",
}
_START_TAG = re.compile(r"<(?:[\w.-]+:)?([\w.-]+)(?=[\s>/])")
_DOCTYPE = re.compile(r"<!DOCTYPE\s+([\w.:-]+)")
FORMATS = frozenset(_ROOTS.values()) | {"uspto_greenbook"}


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(SNIFF_BYTES)
    except OSError as err:
        raise FileRejected(f"无法读取文件 {path.name}：{err.strerror or err}") from err


def _root_name(text: str) -> str | None:
    """Local name of the first element start tag, skipping declarations, comments and DOCTYPE."""
    original = text
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", "", text, flags=re.S)
    match = _START_TAG.search(re.sub(r"<\?.*?\?>", "", text, flags=re.S))
    if match:
        return match[1]
    doctype = _DOCTYPE.search(original)  # internal subset longer than the sniffed head
    return doctype[1].rsplit(":", 1)[-1] if doctype else None


def detect_xml_format(path: Path | str) -> str:
    """One of FORMATS for a patent file; FileRejected (Chinese) for anything else."""
    path = Path(path)
    head = _head(path)
    if not head.strip():
        raise FileRejected(f"文件 {path.name} 为空。")
    if head.startswith(b"PK\x03\x04"):
        raise FileRejected(f"文件 {path.name} 是 ZIP 压缩包，不是专利文献 XML；请解压后导入其中的专利文件。")
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = head.decode("utf-16" if utf16 else "utf-8", errors="replace").lstrip("\ufeff")
    first_line = text.lstrip().split("\n", 1)[0].rstrip()
    if first_line in ("PATN", "HHHHHT") or first_line.startswith("HHHHHT "):
        return "uspto_greenbook"
    if "*** BRS DOCUMENT BOUNDARY ***" in text:
        raise FileRejected(
            f"文件 {path.name} 是 USPTO BRS 检索文本格式，暂不支持导入；请使用 XML 或 APS 全文格式。"
        )
    if not text.lstrip().startswith("<"):
        raise FileRejected(f"无法识别文件 {path.name} 的格式：不是 XML，也不是 USPTO APS（greenbook）文本。")
    root = _root_name(text)
    if root in _ROOTS:
        return _ROOTS[root]
    if root in _NOT_PATENT:
        raise FileRejected(f"文件 {path.name} 是{_NOT_PATENT[root]}，不是专利文献，不能作为专利导入。")
    inner = next((m[1] for m in _START_TAG.finditer(text) if m[1] in _ROOTS), None)
    if inner is not None:  # a wrapper element around many documents (vendor bulk files)
        return _ROOTS[inner]
    raise FileRejected(
        f"文件 {path.name} 不是可识别的专利文献：根元素 <{root or '?'}> 不属于支持的格式"
        "（CNIPA 数据服务 XML、CNIPR 全文、USPTO 各代格式、WIPO ST.36）。"
    )


def read_xml(path: Path | str) -> Iterator[ReadItem]:
    """Detect the format and yield records / row errors from the matching reader."""
    path = Path(path)
    fmt = detect_xml_format(path)
    if fmt == "cnipa_business":
        from ipops.ingest.readers.cnipa_xml import read_cnipa_business

        return read_cnipa_business(path)
    if fmt == "cn_patent_document":
        from ipops.ingest.readers.cnipa_xml import read_cn_patent_document

        return read_cn_patent_document(path)
    if fmt == "wipo_st36":
        from ipops.ingest.readers.wipo_st36 import read_st36

        return read_st36(path)
    from ipops.ingest.readers.uspto import read_uspto

    return read_uspto(path, fmt)
