"""The partner list as a spreadsheet (openpyxl): typed cells, so that nothing needs the CSV's
neutralising apostrophe. A name that starts with `=`, `+`, `-` or `@` is a text cell and stays
text; scores and the priority are numbers, the next contact a date. A second sheet holds the
contact log. The CSV stays as it is, for other tools.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from samarbejde.base.contact_text import contact_parts
from samarbejde.base.terminal import clean
from samarbejde.guide.content import Guide
from samarbejde.sessions.model import Session

MIN_WIDTH, MAX_WIDTH = 8, 50  # columns in characters: a header fits, a long text wraps
DATE_FORMAT = "DD-MM-YYYY"
# What an .xlsx (XML 1.0) cannot hold; `clean` has made C0 and C1 visible already.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _text(value: object) -> str:
    return _NOT_XML.sub("\ufffd", clean(str(value)))


def _sheet_title(text: str) -> str:
    """A sheet's name as Excel allows it: 31 characters, none of []:*?/\\."""
    return _SHEET_UNSAFE.sub("-", text)[:31] or "-"


def xlsx_bytes(session: Session, guide: Guide, now: dt.datetime) -> bytes:
    from openpyxl import Workbook

    t, d = guide.texts, guide.diagram
    book = Workbook()
    partners = book.active
    partners.title = _sheet_title(t("xlsx_partners"))
    head = [t("name"), t("kind"), t("contact"), t("xlsx_phone"), t("xlsx_email"), t("brings"),
            d.x.name, d.y.name, t("quadrant"), t("priority"), t("next_contact")]  # fmt: skip
    rows: list[list[Any]] = []
    for p, r in session.partners_in_order(guide):
        plan = session.outreach.get(p.id)
        phone, email = contact_parts(p.contact)  # as written in the contact field, if at all
        rows.append([
            p.name,
            guide.label(guide.partner_kinds, p.kind),
            p.contact,
            phone,
            email,
            p.brings,
            p.interest,
            p.influence,
            d.quadrant(r.quadrant).name if r else None,
            r.priority if r else None,
            plan.next_contact if plan and plan.planned else None,
        ])  # fmt: skip
    _fill(partners, head, rows)

    log = book.create_sheet(_sheet_title(t("xlsx_log")))
    entries: list[list[Any]] = []
    names = {p.id: p.name for p in session.partners}
    for pid, plan in session.outreach.items():
        for entry in plan.log:
            entries.append([names.get(pid, pid), entry.date, entry.note])
    entries.sort(key=lambda row: (row[1], row[0].casefold()))
    _fill(log, [t("handover_col_partner"), t("date"), t("xlsx_log_note")], entries)

    props = book.properties
    props.title = _text(session.name)[:255]
    props.creator = props.lastModifiedBy = "samarbejde"
    stamp = now.astimezone(dt.UTC).replace(tzinfo=None) if now.tzinfo else now
    props.created = props.modified = stamp.replace(microsecond=0)
    props.language = guide.language
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _fill(sheet: Any, head: list[str], rows: list[list[Any]]) -> None:
    """A header row (bold, frozen, with a filter) and typed cells; columns as wide as their
    contents, up to MAX_WIDTH, longer text wrapped."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = [len(h) for h in head]
    for column, value in enumerate(head, 1):
        cell = sheet.cell(row=1, column=column)
        _set(cell, value)
        cell.font = Font(name=cell.font.name, size=cell.font.sz, bold=True)  # the body's font
    for row_no, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_no, column=column)
            _set(cell, value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
                size = len(DATE_FORMAT)
            else:
                size = max((len(line) for line in str(cell.value).splitlines()), default=0)
            if isinstance(value, str) and (size > MAX_WIDTH or "\n" in value):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[column - 1] = max(widths[column - 1], size)
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = (
            min(max(width, MIN_WIDTH), MAX_WIDTH) + 2
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(rows) + 1}"
    _print_setup(sheet)


def _print_setup(sheet: Any) -> None:
    """Printed: A4 landscape, every column on the page's width (as many pages down as it
    takes), the header row repeated on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True  # the cells told apart on paper


def _set(cell: Any, value: object) -> None:
    """A typed cell. Text is set as text even where it starts like a formula: openpyxl would
    read "=…" as one, so its type is given after the value."""
    if isinstance(value, bool | int | float | dt.date):
        cell.value = value
    else:
        cell.value = _text(value)
        cell.data_type = "s"
