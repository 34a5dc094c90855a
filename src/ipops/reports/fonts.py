"""Where the bulletin's Simplified-Chinese fonts come from, and how ReportLab gets to use them.

Nothing may be downloaded at run time, and a PDF or chart with tofu boxes is worse than none, so the
fonts are found once, offline, in this order:

1. the PyPI package `pylopdf-fonts-zh-cn` (a project dependency: Noto Sans SC and Noto Serif SC,
   SIL Open Font License 1.1) — it installs with pip, so CI and every developer have it;
2. a system font found through fontconfig (Debian `fonts-noto-cjk`, see scripts/system-deps.sh).

If neither exists, `CjkFontNotFoundError` says so in Chinese instead of rendering boxes.

ReportLab only reads TrueType (`glyf`) outlines, and every Noto CJK file is CFF/OpenType. So for
the PDF we subset the font to the characters one document uses and convert that subset's cubic
outlines to quadratic ones with fontTools (already installed with matplotlib): a few hundred
glyphs convert in well under a second, where the whole 30 000-glyph font would take far longer.
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# Printable ASCII is always kept in a subset, so digits, Latin names and punctuation never go missing.
ASCII = "".join(chr(code) for code in range(32, 127))


class CjkFontNotFoundError(RuntimeError):
    """No Simplified-Chinese font is installed; rendering would only show boxes."""


@dataclass(frozen=True)
class FontFile:
    """One face in a font file; `index` picks the face inside a .ttc/.otc collection."""

    path: Path
    family: str
    index: int = 0


@dataclass(frozen=True)
class CjkFonts:
    """The faces a bulletin uses: a sans for text and tables, a serif (if any) for the title."""

    sans: FontFile
    serif: FontFile | None


@functools.cache
def find_cjk_fonts() -> CjkFonts:
    """The packaged Noto SC fonts, else fontconfig's; raises `CjkFontNotFoundError` if none."""
    fonts = _packaged_fonts() or _system_fonts()
    if fonts is None:
        raise CjkFontNotFoundError(
            "未找到简体中文字体，无法生成通报：请安装 Python 包 pylopdf-fonts-zh-cn"
            "（pip install pylopdf-fonts-zh-cn），或安装系统字体 fonts-noto-cjk"
            "（bash scripts/system-deps.sh）。"
        )
    return fonts


def _packaged_fonts() -> CjkFonts | None:
    try:
        import pylopdf_fonts_zh_cn as package
    except ImportError:
        return None
    sans, serif = Path(package.sans_path()), Path(package.serif_path())
    if not sans.is_file():
        return None
    serif_face = FontFile(serif, "Noto Serif SC") if serif.is_file() else None
    return CjkFonts(FontFile(sans, "Noto Sans SC"), serif_face)


def _system_fonts() -> CjkFonts | None:
    faces = _fontconfig_faces()
    sans = _pick(faces, "Noto Sans CJK SC", "Source Han Sans SC", "Sans")
    if sans is None:
        return None
    return CjkFonts(sans, _pick(faces, "Noto Serif CJK SC", "Source Han Serif SC", "Serif"))


def _fontconfig_faces() -> list[FontFile]:
    """Regular-weight faces fontconfig knows that cover Simplified Chinese."""
    if shutil.which("fc-list") is None:
        return []
    result = subprocess.run(
        ["fc-list", "-f", "%{file}\t%{index}\t%{family[0]}\t%{style[0]}\n", ":lang=zh-cn"],
        capture_output=True,
        text=True,
        check=False,
    )
    faces = []
    for line in result.stdout.splitlines():
        file, index, family, style = (line.split("\t") + ["", "", "", ""])[:4]
        if style in ("Regular", "Book", "") and file:
            faces.append(FontFile(Path(file), family, int(index or 0)))
    return sorted(faces, key=lambda face: (face.family, str(face.path)))


def _pick(faces: list[FontFile], *wanted: str) -> FontFile | None:
    """The first face whose family equals a wanted name (or, last resort, contains it)."""
    for name in wanted[:-1]:
        for face in faces:
            if face.family == name:
                return face
    return next((face for face in faces if wanted[-1] in face.family), None)


@functools.lru_cache(maxsize=32)
def truetype_subset(font: FontFile, characters: str) -> bytes:
    """`font` cut down to `characters` (plus ASCII) as a TrueType-outline font ReportLab can embed."""
    ttfont = TTFont(font.path, fontNumber=font.index, lazy=False)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters + ASCII)
    subsetter.subset(ttfont)
    if "CFF " in ttfont:
        _cff_to_glyf(ttfont)
    _rename(ttfont, hashlib.sha1(characters.encode()).hexdigest()[:8])
    buffer = io.BytesIO()
    ttfont.save(buffer)
    return buffer.getvalue()


def _rename(ttfont: TTFont, tag: str) -> None:
    """Give each subset its own internal name: ReportLab keeps type faces by PostScript name, so a
    second subset under the same name would silently reuse the first one's glyphs (missing 字)."""
    table = ttfont["name"]
    base = (table.getDebugName(6) or "IPOpsCJK").split("-")[0]
    unique = f"{base}{tag}-Regular"
    for record in list(table.names):
        if record.nameID in (1, 3, 4, 6):
            table.setName(unique, record.nameID, record.platformID, record.platEncID, record.langID)


def _cff_to_glyf(ttfont: TTFont) -> None:
    """Replace CFF (cubic) outlines by `glyf` (quadratic) ones, after fontTools' otf2ttf recipe."""
    glyph_order = ttfont.getGlyphOrder()
    glyph_set = ttfont.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    ttfont["loca"] = newTable("loca")
    ttfont["glyf"] = glyf
    for tag in ("CFF ", "VORG", "DSIG"):
        if tag in ttfont:
            del ttfont[tag]
    glyf.compile(ttfont)
    _fix_tables_for_glyf(ttfont, glyf)


def _fix_tables_for_glyf(ttfont: TTFont, glyf: object) -> None:
    hmtx = ttfont["hmtx"]
    for name, glyph in glyf.glyphs.items():  # type: ignore[attr-defined]
        width, _ = hmtx[name]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.numGlyphs = len(glyf.glyphs)  # type: ignore[attr-defined]
    ttfont["maxp"] = maxp
    maxp.recalc(ttfont)
    post = ttfont["post"]
    post.formatType = 3.0
    ttfont["head"].glyphDataFormat = 0
    ttfont.sfntVersion = "\x00\x01\x00\x00"
