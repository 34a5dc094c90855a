"""CSV plumbing for `tabular.read_table`: compressed containers, encoding and delimiter sniffing.

Vendor CSVs reach IPOps as UTF-8 (with or without BOM), GBK/GB18030 from Chinese Windows
Excel, or UTF-16 "Unicode text"; comma-, tab- or semicolon-separated; sometimes gzip/xz
compressed or zipped. Everything here works on a sample of the first bytes and then streams,
so a file of millions of rows never sits in memory.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import lzma
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from ipops.ingest.readers.base import FileRejected

SAMPLE_BYTES = 64 * 1024
DELIMITERS = (",", "\t", ";")
TEXT_MEMBER_SUFFIXES = (".csv", ".tsv", ".txt")
_CHINESE_CODECS = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
_MAGIC_GZIP = b"\x1f\x8b"
_MAGIC_XZ = b"\xfd7zXZ\x00"
_MAGIC_BZ2 = b"BZh"
_MAGIC_ZIP = b"PK\x03\x04"


def _zip_member(archive: zipfile.ZipFile, suffixes: tuple[str, ...]) -> str:
    names = [n for n in archive.namelist() if n.lower().endswith(suffixes) and not n.endswith("/")]
    names = [n for n in names if not n.split("/")[-1].startswith(("._", "~$"))]  # macOS/Office litter
    if len(names) != 1:
        found = "、".join(names) if names else "无"
        raise FileRejected(f"压缩包中应只有一个数据文件（{'/'.join(suffixes)}），实际为：{found}")
    return names[0]


def open_bytes(path: Path, member_suffixes: tuple[str, ...] = TEXT_MEMBER_SUFFIXES) -> BinaryIO:
    """Open a file for streaming reads, transparently through gzip, xz, bz2 or a one-file zip."""
    try:
        with open(path, "rb") as probe:
            magic = probe.read(6)
    except OSError as error:
        raise FileRejected(f"无法打开文件 {Path(path).name}：{error.strerror or error}") from error
    try:
        if magic.startswith(_MAGIC_GZIP):
            return gzip.open(path, "rb")  # type: ignore[return-value]
        if magic.startswith(_MAGIC_XZ):
            return lzma.open(path, "rb")  # type: ignore[return-value]
        if magic.startswith(_MAGIC_BZ2):
            return bz2.open(path, "rb")  # type: ignore[return-value]
        if magic.startswith(_MAGIC_ZIP):
            archive = zipfile.ZipFile(path)
            return archive.open(_zip_member(archive, member_suffixes))  # type: ignore[return-value]
    except (OSError, EOFError, lzma.LZMAError, zipfile.BadZipFile) as error:
        raise FileRejected(f"压缩文件 {Path(path).name} 已损坏或无法解压：{error}") from error
    return open(path, "rb")


def read_sample(path: Path) -> bytes:
    """The first SAMPLE_BYTES of the (decompressed) content."""
    try:
        with open_bytes(path) as stream:
            return stream.read(SAMPLE_BYTES)
    except (OSError, EOFError, lzma.LZMAError) as error:
        raise FileRejected(f"文件 {Path(path).name} 无法读取：{error}") from error


def _decodes(sample: bytes, encoding: str, complete: bool) -> bool:
    """True when `sample` decodes; a multibyte character cut by the sample end is tolerated."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(sample: bytes, *, complete: bool = False) -> str:
    """BOM first, then strict UTF-8 (the fast path), then charset-normalizer.

    Chinese results are widened to GB18030, the superset of GB2312 and GBK, so a rare character
    outside GBK in row 900,000 still decodes. `complete` says the sample is the whole file.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _decodes(sample, "utf-8", complete):
        return "utf-8"
    best = from_bytes(sample).best()
    if best is None:
        return "gb18030"
    encoding = best.encoding.lower().replace("_", "")
    if encoding in _CHINESE_CODECS or _decodes(sample, "gb18030", complete):
        return "gb18030"
    return best.encoding


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one giving most lines the same width above one column.

    Title lines above the header (检索式：…) have width 1 and are ignored by taking the mode.
    """
    lines = text.splitlines(keepends=True)
    if len(lines) > 1:
        lines = lines[:-1]  # the sample usually cuts the last line
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            widths = Counter(len(row) for row in csv.reader(io.StringIO("".join(lines[:200])), delimiter=delimiter))
        except csv.Error:  # not text this delimiter can split (binary junk): try the next one
            continue
        widths.pop(0, None)
        widths.pop(1, None)
        if widths:
            width, count = widths.most_common(1)[0]
            if (count, width) > best_score:
                best, best_score = delimiter, (count, width)
    return best


def iter_csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    """Stream parsed records; undecodable bytes become U+FFFD rather than stopping the import."""
    csv.field_size_limit(2**31 - 1)  # full claims texts exceed the 128 KiB default
    with open_bytes(path) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        # NUL has no meaning in patent data and PostgreSQL text cannot store it: drop it here
        lines = (line.replace("\x00", "") if "\x00" in line else line for line in text)
        try:
            yield from csv.reader(lines, delimiter=delimiter)
        except csv.Error as error:
            raise FileRejected(f"CSV 文件格式错误（{error}）") from error
        except (OSError, EOFError, lzma.LZMAError, zlib.error, zipfile.BadZipFile) as error:
            # a truncated or corrupt .xz/.gz/.zip breaks only after the rows before it were read
            raise FileRejected(f"文件 {Path(path).name} 不完整或已损坏，无法读到末尾（{error}），其后的内容未导入。") from error
