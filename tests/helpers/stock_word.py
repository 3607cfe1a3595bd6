"""The Word writer's reference: every paragraph, run and table row through python-docx's own
(slow) public calls, which `reports/word.FastDocument` must match part by part."""

from __future__ import annotations

import contextlib
from typing import Any

from samarbejde.reports.word import FastDocument, typed_paragraphs


class StockDocument(FastDocument):
    """Every paragraph, run and row through python-docx's own (slow) calls."""

    @staticmethod
    def lookups() -> Any:
        return contextlib.nullcontext()

    def add_paragraph(self, text: str = "", style: str | None = None) -> Any:
        return self._doc.add_paragraph(text, style)

    def add_heading(self, text: str = "", level: int = 1) -> Any:
        return self._doc.add_heading(text, level)

    def add_page_break(self) -> Any:
        return self._doc.add_page_break()

    def add_run(self, paragraph: Any, value: str, bold: Any, italic: Any) -> Any:
        r = paragraph.add_run(value)
        if bold is not None:
            r.bold, r.italic = bold or None, italic or None
        return r

    def add_table(self, rows: int, cols: int, style: Any = None) -> Any:
        return self._doc.add_table(rows, cols, style)

    def add_item(self, value: str, style: str, size: Any = None, space_after: Any = None) -> None:
        p = self.add_paragraph(style=style)
        r = self.add_run(p, value, False, False)
        if size is not None:
            r.font.size = size
        if space_after is not None:
            p.paragraph_format.space_after = space_after

    @staticmethod
    def keep_with_next(paragraph: Any) -> Any:
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def add_rows(self, table: Any, rows: Any, widths: Any, right: Any, size: Any) -> None:
        stock_rows(table, rows, widths, right, size)


def stock_rows(table: Any, rows: Any, widths: Any, right: Any, size: Any) -> None:
    """`FastDocument.add_rows` row by row, cell by cell, through python-docx's API (the
    language comes from `every_run`, as on every other run)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    for values in rows:
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for i, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[i]
            for n, block in enumerate(typed_paragraphs(value) or [""]):
                p = cell.paragraphs[0] if not n else cell.add_paragraph()
                p.add_run(block).font.size = size
                if i in right:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
