"""A `Bulletin` as an editable Word document (python-docx), for offices that revise before issuing.

A DOCX carries font *names*, not fonts, and is opened on the readers' (mostly Chinese Windows / WPS)
machines, so it names the fonts every such machine has, in the 公文 manner: 宋体 bold for the title
(the nearest common face to 方正小标宋), 黑体 for headings, 仿宋 for text, 宋体 in tables. Chinese
only shows in those faces when the run's `w:eastAsia` font is set, which python-docx does not do,
so `_set_fonts` writes `w:rFonts` itself. Page numbers are Word fields (PAGE / NUMPAGES) so they stay
right after editing. Content and order match `render_pdf`; all number formatting is `formatting`'s.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ipops.reports import formatting
from ipops.reports.charts import render_chart_png
from ipops.reports.model import Bulletin, Chart, Section, Table

TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"


def render_docx(bulletin: Bulletin) -> bytes:
    """The bulletin as .docx bytes: title, issuer line, summary, numbered sections, notes."""
    document = Document()
    _setup_page(document)
    _setup_styles(document)
    document.core_properties.title = bulletin.title
    document.core_properties.author = bulletin.issuer
    _add_masthead(document, bulletin)
    for paragraph in bulletin.summary:
        _add_body(document, paragraph)
    for number, section in enumerate(bulletin.sections, start=1):
        _add_section(document, number, section)
    _add_notes(document, bulletin.notes)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_fonts(
    target: Run | object, east_asian: str, size: float | None = None, bold: bool | None = None
) -> None:
    """Set Latin and East-Asian font on a run or style (python-docx sets only the Latin ones)."""
    font = target.font  # type: ignore[attr-defined]
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    properties = target.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    _name_fonts(fonts, east_asian)


def _name_fonts(fonts: object, east_asian: str) -> None:
    """Explicit font names on a `w:rFonts`; theme fonts would override them, so they go."""
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)  # type: ignore[attr-defined]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)  # type: ignore[attr-defined]
    fonts.set(qn("w:eastAsia"), east_asian)  # type: ignore[attr-defined]


def _setup_page(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    top, bottom, left, right = formatting.PAGE_MARGINS_CM
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.footer_distance = Cm(1.3)
    _add_page_footer(section.footer.paragraphs[0])


def _setup_styles(document: DocumentObject) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_fonts = (
        None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    )
    if default_fonts is not None:
        _name_fonts(default_fonts, BODY_FONT)
    normal = document.styles["Normal"]
    _set_fonts(normal, BODY_FONT, size=12)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.ONE_POINT_FIVE


def _add_masthead(document: DocumentObject, bulletin: Bulletin) -> None:
    """Centred title, then issuer and date over a red rule, as on an official bulletin."""
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(6)
    title.paragraph_format.space_after = Pt(10)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _set_fonts(title.add_run(bulletin.title), TITLE_FONT, size=20, bold=True)
    issuer = document.add_paragraph()
    issuer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    issuer.paragraph_format.space_after = Pt(12)
    _set_fonts(
        issuer.add_run(formatting.issuer_line(bulletin.issuer, bulletin.issued_on)), BODY_FONT, size=12
    )
    _bottom_rule(issuer, formatting.RULE_COLOUR, size_eighths=12)


def _bottom_rule(paragraph: Paragraph, colour: str, size_eighths: int) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(size_eighths)),
        ("w:space", "4"),
        ("w:color", colour),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _add_body(document: DocumentObject, text: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(24)  # two characters of 12 pt
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _set_fonts(paragraph.add_run(text), BODY_FONT)
    return paragraph


def _add_section(document: DocumentObject, number: int, section: Section) -> None:
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.first_line_indent = Pt(24)
    _set_fonts(heading.add_run(formatting.section_heading(number, section.heading)), HEADING_FONT, size=14)
    for text in section.paragraphs:
        _add_body(document, text)
    for table in section.tables:
        _add_table(document, table)
    for chart in section.charts:
        _add_chart(document, chart)


def _add_caption(document: DocumentObject, text: str) -> None:
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(8)
    caption.paragraph_format.space_after = Pt(4)
    caption.paragraph_format.keep_with_next = True
    _set_fonts(caption.add_run(text), HEADING_FONT, size=11)


def _add_table(document: DocumentObject, table: Table) -> None:
    _add_caption(document, table.title)
    numeric = formatting.numeric_columns(table.rows, len(table.columns))
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_header(grid, table.columns)
    for row in table.rows:
        cells = grid.add_row().cells
        for index, cell in enumerate(cells):
            value = row[index] if index < len(row) else None
            align = WD_ALIGN_PARAGRAPH.RIGHT if numeric[index] else WD_ALIGN_PARAGRAPH.LEFT
            _write_cell(cell.paragraphs[0], formatting.format_cell(value), align)
    if table.note:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(3)
        _set_fonts(note.add_run(formatting.TABLE_NOTE_PREFIX + table.note), BODY_FONT, size=9)


def _fill_header(grid: DocxTable, columns: list[str]) -> None:
    """Shaded, bold, centred header row that Word repeats on every page the table spans."""
    header = grid.rows[0]
    row_properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row_properties.append(repeat)
    for cell, text in zip(header.cells, columns, strict=True):
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", formatting.HEADER_FILL)):
            shading.set(qn(key), value)
        cell._tc.get_or_add_tcPr().append(shading)
        _write_cell(cell.paragraphs[0], text, WD_ALIGN_PARAGRAPH.CENTER, bold=True)


def _write_cell(paragraph: Paragraph, text: str, align: WD_ALIGN_PARAGRAPH, bold: bool = False) -> None:
    paragraph.alignment = align
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = Pt(1.5)
    paragraph.paragraph_format.space_after = Pt(1.5)
    _set_fonts(paragraph.add_run(text), TABLE_FONT, size=10.5, bold=bold)


def _add_chart(document: DocumentObject, chart: Chart) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    image = io.BytesIO(render_chart_png(chart, width_cm=formatting.CHART_WIDTH_CM))
    paragraph.add_run().add_picture(image, width=Cm(formatting.CHART_WIDTH_CM))


def _add_notes(document: DocumentObject, notes: list[str]) -> None:
    if not notes:
        return
    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.keep_with_next = True
    _set_fonts(heading.add_run(formatting.NOTES_HEADING), HEADING_FONT, size=10.5)
    for line in formatting.notes_lines(notes):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.paragraph_format.space_after = Pt(2)
        _set_fonts(paragraph.add_run(line), BODY_FONT, size=10.5)


def _add_page_footer(paragraph: Paragraph) -> None:
    """Centred "第 X 页 共 Y 页" from PAGE and NUMPAGES fields."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES"), (" 页", None)):
        _set_fonts(paragraph.add_run(text), BODY_FONT, size=10.5)
        if field:
            _add_field(paragraph, field)


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A complex field (begin / instruction / separate / cached "1" / end), as Word writes it."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        _set_fonts(run, BODY_FONT, size=10.5)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = "1"
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
