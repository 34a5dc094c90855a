"""A `Bulletin` as a print-ready PDF (ReportLab platypus): the version that is published or archived.

Unlike the DOCX, a PDF must carry its fonts, so it embeds the CJK fonts `fonts` finds — cut to the
characters this bulletin uses and converted to TrueType outlines, the only kind ReportLab embeds.
Paragraphs wrap per character (`wordWrap='CJK'`), long tables split across pages with their header
repeated, and the footer "第 X 页 共 Y 页" needs the page total, so pages are drawn once the whole
story is laid out (`_NumberedCanvas`). Content and order match `render_docx`.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import HRFlowable

from ipops.reports import formatting
from ipops.reports.charts import render_chart_png
from ipops.reports.fonts import FontFile, find_cjk_fonts, truetype_subset
from ipops.reports.formatting import CHART_WIDTH_CM, HEADER_FILL, PAGE_MARGINS_CM, RULE_COLOUR
from ipops.reports.model import Bulletin, Cell, Chart, Section, Table

_FRAME_PADDING = 6  # platypus frames pad each side by 6 pt: the story is that much narrower
GRID_COLOUR = colors.HexColor("#8EA9DB")
STRIPE_COLOUR = colors.HexColor("#F3F6FB")
# Characters the renderer itself writes (footer, captions), beyond the bulletin's own text.
_FIXED_TEXT = formatting.page_footer(0, 0) + formatting.NOTES_HEADING + formatting.TABLE_NOTE_PREFIX + "—　"


@dataclass(frozen=True)
class _Fonts:
    sans: str
    serif: str


def render_pdf(bulletin: Bulletin) -> bytes:
    """The bulletin as PDF bytes, A4, same content and order as `render_docx`."""
    fonts = _register_fonts(_characters(bulletin))
    styles = _styles(fonts)
    buffer = io.BytesIO()
    top, bottom, left, right = (margin * cm for margin in PAGE_MARGINS_CM)
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        topMargin=top,
        bottomMargin=bottom,
        leftMargin=left,
        rightMargin=right,
        title=bulletin.title,
        author=bulletin.issuer,
    )
    story = list(_story(bulletin, styles, document.width - 2 * _FRAME_PADDING))
    document.build(story, canvasmaker=functools.partial(_NumberedCanvas, font=fonts.sans))
    return buffer.getvalue()


def _characters(bulletin: Bulletin) -> str:
    """Every character the PDF will show, so the embedded font subset misses none."""
    parts = [bulletin.title, formatting.issuer_line(bulletin.issuer, bulletin.issued_on), _FIXED_TEXT]
    parts += bulletin.summary + formatting.notes_lines(bulletin.notes)
    for number, section in enumerate(bulletin.sections, start=1):
        parts += [formatting.section_heading(number, section.heading), *section.paragraphs]
        for table in section.tables:
            parts += [table.title, table.note or "", *table.columns]
            parts += [formatting.format_cell(cell) for row in table.rows for cell in row]
    return "".join(sorted(set("".join(parts))))


def _register_fonts(characters: str) -> _Fonts:
    found = find_cjk_fonts()
    sans = _register(found.sans, characters)
    serif = _register(found.serif, characters) if found.serif else sans
    return _Fonts(sans=sans, serif=serif)


@functools.lru_cache(maxsize=32)
def _register(face: FontFile, characters: str) -> str:
    """Register the subset with ReportLab under a name unique to face and character set."""
    digest = hashlib.sha1(f"{face}|{characters}".encode()).hexdigest()[:10]
    name = f"IPOps-{face.family.replace(' ', '')}-{digest}"
    pdfmetrics.registerFont(TTFont(name, io.BytesIO(truetype_subset(face, characters))))
    return name


def _styles(fonts: _Fonts) -> dict[str, ParagraphStyle]:
    """Serif for text and cells (宋体/仿宋 in the DOCX), sans for headings, captions, table headers."""
    body = ParagraphStyle("body", fontName=fonts.serif, fontSize=10.5, leading=18, wordWrap="CJK",
                          alignment=TA_JUSTIFY, firstLineIndent=21, spaceAfter=2)  # fmt: skip
    flat = {"firstLineIndent": 0, "spaceAfter": 0}
    variants: dict[str, dict[str, object]] = {
        "title": {**flat, "fontName": fonts.serif, "fontSize": 20, "leading": 28, "alignment": TA_CENTER,
                  "spaceAfter": 6},
        "issuer": {**flat, "alignment": TA_CENTER},
        "heading": {"fontName": fonts.sans, "fontSize": 13, "leading": 20, "spaceBefore": 10, "spaceAfter": 4,
                    "keepWithNext": 1},
        "caption": {**flat, "fontName": fonts.sans, "leading": 15, "alignment": TA_CENTER, "spaceBefore": 8,
                    "spaceAfter": 4},
        "note": {**flat, "fontSize": 9, "leading": 13, "spaceBefore": 3},
        "notes_heading": {**flat, "fontName": fonts.sans, "fontSize": 10, "leading": 15, "spaceBefore": 14,
                          "keepWithNext": 1},
        "notes": {**flat, "fontSize": 10, "leading": 15, "leftIndent": 14, "bulletFontName": fonts.serif,
                  "bulletFontSize": 10},
        "cell": {**flat, "fontSize": 9.5, "leading": 12.5, "alignment": TA_LEFT},
        "cell_number": {**flat, "fontSize": 9.5, "leading": 12.5, "alignment": TA_RIGHT},
        "header": {**flat, "fontName": fonts.sans, "fontSize": 9.5, "leading": 12.5, "alignment": TA_CENTER},
    }  # fmt: skip
    return {"body": body} | {name: ParagraphStyle(name, body, **extra) for name, extra in variants.items()}


def _story(bulletin: Bulletin, styles: dict[str, ParagraphStyle], width: float) -> Iterator[Flowable]:
    yield _FakeBoldParagraph(_escape(bulletin.title), styles["title"])
    yield Paragraph(_escape(formatting.issuer_line(bulletin.issuer, bulletin.issued_on)), styles["issuer"])
    yield HRFlowable(
        width="100%", thickness=1.5, color=colors.HexColor(f"#{RULE_COLOUR}"), spaceBefore=6, spaceAfter=10
    )
    for text in bulletin.summary:
        yield Paragraph(_escape(text), styles["body"])
    for number, section in enumerate(bulletin.sections, start=1):
        yield from _section(number, section, styles, width)
    yield from _notes(bulletin.notes, styles)


def _section(
    number: int, section: Section, styles: dict[str, ParagraphStyle], width: float
) -> Iterator[Flowable]:
    yield CondPageBreak(3 * cm)
    yield Paragraph(_escape(formatting.section_heading(number, section.heading)), styles["heading"])
    for text in section.paragraphs:
        yield Paragraph(_escape(text), styles["body"])
    for table in section.tables:
        yield from _table(table, styles, width)
    for chart in section.charts:
        yield _chart(chart, width)


def _table(table: Table, styles: dict[str, ParagraphStyle], width: float) -> Iterator[Flowable]:
    # Not keepWithNext: platypus would push a page-long table to a new page. Instead the caption
    # starts a new page only when fewer than a few rows would fit under it.
    yield CondPageBreak(3 * cm)
    yield Paragraph(_escape(table.title), styles["caption"])
    numeric = formatting.numeric_columns(table.rows, len(table.columns))
    cell_styles = [styles["cell_number"] if flag else styles["cell"] for flag in numeric]
    header = [Paragraph(_escape(text), styles["header"]) for text in table.columns]
    body = [
        [
            Paragraph(_escape(formatting.format_cell(value)), style)
            for value, style in zip(_padded(row, len(numeric)), cell_styles, strict=True)
        ]
        for row in table.rows
    ]
    widths = _column_widths(table, styles["cell"], width)
    grid = PdfTable([header, *body], colWidths=widths, repeatRows=1, hAlign="CENTER")
    grid.setStyle(_table_style(len(body)))
    yield grid
    if table.note:
        yield Paragraph(_escape(formatting.TABLE_NOTE_PREFIX + table.note), styles["note"])


def _padded(row: list[Cell], width: int) -> list[Cell]:
    """A row cut or filled with None to the table's width."""
    return (row + [None] * width)[:width]


def _column_widths(table: Table, style: ParagraphStyle, width: float) -> list[float]:
    """Widths in proportion to each column's widest cell, filling the frame.

    Headers wrap, so they count only up to five characters: a long header such as
    每万人口高价值发明专利拥有量 must not squeeze a column of region names to one character.
    """
    body = [[formatting.format_cell(v) for v in _padded(r, len(table.columns))] for r in table.rows]
    columns = list(zip(*body, strict=True)) if body else [() for _ in table.columns]

    def measure(text: str) -> float:
        return pdfmetrics.stringWidth(text, style.fontName, style.fontSize)

    natural = [
        min(max([measure(header[:5]), *(measure(text) for text in column)]), width * 0.45) + 10
        for header, column in zip(table.columns, columns, strict=True)
    ]
    return [column * width / sum(natural) for column in natural]


def _table_style(body_rows: int) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(f"#{HEADER_FILL}")),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.HexColor("#2F5597")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    commands += [("BACKGROUND", (0, row), (-1, row), STRIPE_COLOUR) for row in range(2, body_rows + 1, 2)]
    return TableStyle(commands)


def _chart(chart: Chart, width: float) -> Flowable:
    png = render_chart_png(chart, width_cm=CHART_WIDTH_CM)
    image = Image(io.BytesIO(png))
    scale = min(width, CHART_WIDTH_CM * cm) / image.imageWidth
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return KeepTogether([Spacer(1, 6), image, Spacer(1, 6)])


def _notes(notes: list[str], styles: dict[str, ParagraphStyle]) -> Iterator[Flowable]:
    if notes:
        yield Paragraph(formatting.NOTES_HEADING, styles["notes_heading"])
        for line in formatting.notes_lines(notes):
            number, _, text = line.partition(" ")
            yield Paragraph(_escape(text), styles["notes"], bulletText=number)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _FakeBoldParagraph(Paragraph):
    """A paragraph drawn filled *and* stroked: a bold look for the regular-only Noto Serif SC title."""

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(self.style.fontSize * 0.035)
        canvas.setStrokeColor(self.style.textColor)
        text_object_mode = canvas._code  # the text render mode is set in each text object below
        text_object_mode.append("2 Tr")
        super().draw()
        text_object_mode.append("0 Tr")
        canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Holds every page until the end, then stamps "第 X 页 共 Y 页" now that Y is known."""

    def __init__(self, *args: object, font: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._footer_font = font
        self._pages: list[dict[str, object]] = []

    def showPage(self) -> None:  # noqa: N802 — ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(self._footer_font, 9.5)
            self.setFillColor(colors.HexColor("#404040"))
            self.drawCentredString(A4[0] / 2, 1.3 * cm, formatting.page_footer(self._pageNumber, total))
            super().showPage()
        super().save()
