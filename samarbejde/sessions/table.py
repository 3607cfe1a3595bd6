"""A spreadsheet of actors as a kommune keeps one (an Excel export of the foreningsregister, a
CSV from any tool): its first sheet read into a header and rows of plain text.

The file comes from elsewhere, so it is read as hostile: at most MAX_BYTES, MAX_ROWS rows and
MAX_COLUMNS columns, each cell at most MAX_CELL characters with its control characters made
visible; formulas are never evaluated (a cell gives what Excel saved, or nothing). A CSV is read
as UTF-8 (with or without Excel's byte-order mark), UTF-16 with its mark, or else as Windows-1252,
what Danish Excel saves as "CSV (semikolonsepareret)"; the separator is found from the first
lines (semicolon, comma or tab).
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import stat
from dataclasses import dataclass
from pathlib import Path

from samarbejde.base import yamlio
from samarbejde.base.errors import Msg, SessionError, os_detail
from samarbejde.base.terminal import clean

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5_000  # a kommune's foreningsregister has hundreds
MAX_COLUMNS = 60
MAX_CELL = 300
XLSX = (".xlsx", ".xlsm")
CSV = (".csv", ".txt")


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]  # each as long as the header


def is_table(path: Path) -> bool:
    return path.suffix.lower() in XLSX + CSV


def read_table(path: Path) -> Table:
    """The first sheet's first non-empty row as the header, the rows under it; a SessionError
    saying why not (in Danish)."""
    suffix = path.suffix.lower()
    if suffix not in XLSX + CSV:
        raise SessionError("error_table_kind", path=path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would hang the reader
            raise SessionError("error_table_unreadable", path=path, reason=Msg("yaml_not_file"))
        if info.st_size > MAX_BYTES:
            raise SessionError("error_table_big", path=path, limit=MAX_BYTES // (1024 * 1024))
        raw_rows = _xlsx_rows(path) if suffix in XLSX else _csv_rows(path)
    except SessionError:
        raise
    except yamlio.YamlError as exc:  # too big, or not a regular file
        raise SessionError("error_table_unreadable", path=path, reason=exc.msg) from None
    except OSError as exc:
        raise SessionError("error_table_unreadable", path=path, reason=os_detail(exc)) from None
    except Exception:  # a broken or foreign file: openpyxl and zipfile raise many kinds
        raise SessionError(
            "error_table_unreadable", path=path, reason=Msg("table_broken")
        ) from None
    rows = [[_cell(v) for v in row[:MAX_COLUMNS]] for row in raw_rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise SessionError("error_table_empty", path=path)
    header, body = rows[0], rows[1:]
    width = len(header)
    return Table(header, [(row + [""] * width)[:width] for row in body])


def _xlsx_rows(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1):
            rows.append(tuple(row))
        return rows
    finally:
        book.close()


def _csv_rows(path: Path) -> list[list[str]]:
    import csv
    import io

    raw = yamlio.read_bytes(path, MAX_BYTES)
    text = _decoded(raw)
    sample = text[:8192]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    with contextlib.suppress(csv.Error):  # one column, or no clear separator: the more frequent
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    rows = []
    for index, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
        if index > MAX_ROWS:
            break
        rows.append(row)
    return rows


def _decoded(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _cell(value: object) -> str:
    """A cell as text: a whole number without ".0", a date as Danes write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    text = clean(str(value)).replace("\n", " ").strip()
    return text[:MAX_CELL]
