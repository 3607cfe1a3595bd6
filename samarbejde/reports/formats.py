"""Every document the program writes, in one table: for each kind (the report, the partner's
page, the agreement, the share file, the comparison, the agenda's calendar) its formats, each
with its renderer, whether it is binary, and its file's extension; the kind's file name and
what is said once it is saved. And the choice of a format from `--format` and `-o`'s
extension. Pure: the renderers import their libraries when they run, so `export -f md` never
pays for python-docx or openpyxl."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from samarbejde.base.errors import UsageError

if TYPE_CHECKING:
    from samarbejde.guide.content import Guide
    from samarbejde.guide.texts import Texts
    from samarbejde.reports.agenda import Item
    from samarbejde.reports.agreement import AgreementDoc
    from samarbejde.reports.agreement_short import ShortDoc
    from samarbejde.reports.compare import Comparison
    from samarbejde.reports.partner_page import PartnerPage
    from samarbejde.sessions.model import Session

T = TypeVar("T")


class Facts(NamedTuple):
    """What a renderer may use beside the document's own data."""

    guide: Guide
    today: dt.date
    now: dt.datetime
    delimiter: str = ";"  # the CSV's


class Format(NamedTuple, Generic[T]):
    """One way to write a kind of document."""

    name: str  # as `--format` names it
    render: Callable[[T, Facts], bytes]
    binary: bool = False  # never shown in a terminal
    extension: str = ""  # the file's, when it is not the name
    done: str = ""  # what is said once it is saved, when it is not the kind's
    terminal_key: str = "error_export_binary_terminal"  # why a binary one is not shown

    @property
    def suffix(self) -> str:
        return "." + (self.extension or self.name)


class Kind(NamedTuple, Generic[T]):
    """A kind of document: its formats (the first is the default) and what it is called."""

    name: str
    formats: Mapping[str, Format[T]]
    done: str  # what is said once it is saved: `{path}` and the command's own params
    refused: str  # a format this kind does not have: `{value}`
    done_markdown: str = ""  # Markdown chosen for an extension it does not know
    file_word: str = ""  # a text key whose words end the file name
    option: str = "-o"  # the option that names the file, as the messages tell the user

    @property
    def default(self) -> Format[T]:
        return next(iter(self.formats.values()))

    def file_name(self, fmt: Format[T], texts: Texts, names: Sequence[str] = ()) -> str:
        """The file's name when `-o` is not given or is a folder: the names (a session's, a
        partner's) and the kind's word, as file names, then the format's extension."""
        from samarbejde.sessions.store import slug

        words = [*names, texts(self.file_word)] if self.file_word else list(names)
        return "-".join(slug(word) for word in words) + fmt.suffix

    def done_key(self, fmt: Format[T], unknown_extension: bool) -> str:
        if unknown_extension and self.done_markdown:
            return self.done_markdown
        return fmt.done or self.done


def _formats(*formats: Format[T]) -> dict[str, Format[T]]:
    return {f.name: f for f in formats}


# -- what each kind is made from ----------------------------------------------------------


class SessionFile(NamedTuple):
    """A session and its file (the calendar's UIDs are unique to the file)."""

    session: Session
    path: Path


class ShareData(NamedTuple):
    """A share file's data and its sections in order."""

    data: dict[str, Any]
    sections: list[str]


class Calendar(NamedTuple):
    """Dated items for a calendar, and the calendar's name (None: the program's)."""

    items: Sequence[Item]
    name: str | None = None


# -- the renderers --------------------------------------------------------------------------


def _report_md(s: SessionFile, f: Facts) -> bytes:
    from samarbejde.reports.render import markdown

    return markdown(s.session, f.guide, f.today).encode("utf-8")


def _report_html(s: SessionFile, f: Facts) -> bytes:
    from samarbejde.reports.render import html_report

    return html_report(s.session, f.guide, f.today).encode("utf-8")


def _report_docx(s: SessionFile, f: Facts) -> bytes:
    from samarbejde.reports.word import docx_bytes

    return docx_bytes(s.session, f.guide, f.today, f.now)


def _report_csv(s: SessionFile, f: Facts) -> bytes:
    from samarbejde.reports.render import csv_bytes

    return csv_bytes(s.session, f.guide, f.delimiter)


def _report_xlsx(s: SessionFile, f: Facts) -> bytes:
    from samarbejde.reports.spreadsheet import xlsx_bytes

    return xlsx_bytes(s.session, f.guide, f.now)


EVERY_DAY = 36_500  # a session's calendar holds every dated item, however far off


def _report_ics(s: SessionFile, f: Facts) -> bytes:
    from samarbejde.reports import agenda

    everything = agenda.items([s.session], f.guide, f.today, EVERY_DAY, [s.path])
    return agenda.ics_bytes(everything, f.guide, f.now, s.session.name)


def _partner_md(page: PartnerPage, _f: Facts) -> bytes:
    from samarbejde.reports.partner_page import markdown

    return markdown(page).encode("utf-8")


def _partner_html(page: PartnerPage, _f: Facts) -> bytes:
    from samarbejde.reports.partner_page import html

    return html(page).encode("utf-8")


def _partner_docx(page: PartnerPage, f: Facts) -> bytes:
    from samarbejde.reports.partner_page import docx

    return docx(page, f.now)


def _handover_md(s: Session, f: Facts) -> bytes:
    from samarbejde.reports.handover import markdown

    return markdown(s, f.guide, f.today).encode("utf-8")


def _agreement(kind: str) -> Callable[[Any, Facts], bytes]:
    """The agreement's renderer for a format: the whole agreement's or its one page's, by the
    document it is given."""

    def render(doc: Any, f: Facts) -> bytes:
        from samarbejde.reports import agreement, agreement_short

        short = isinstance(doc, agreement_short.ShortDoc)
        if kind == "docx":
            return (agreement_short if short else agreement).docx_bytes(doc, f.now)
        return (agreement_short if short else agreement).render(doc, kind).encode("utf-8")

    return render


def _share_yaml(s: ShareData, f: Facts) -> bytes:
    from samarbejde.sessions.share import dumps

    return dumps(s.data, f.guide, s.sections).encode("utf-8")


def _compare_md(c: Comparison, f: Facts) -> bytes:
    from samarbejde.reports.compare_doc import markdown

    return markdown(c, f.guide, f.today).encode("utf-8")


def _compare_html(c: Comparison, f: Facts) -> bytes:
    from samarbejde.reports.compare_doc import html

    return html(c, f.guide, f.today).encode("utf-8")


def _compare_docx(c: Comparison, f: Facts) -> bytes:
    from samarbejde.reports.compare_doc import docx_bytes

    return docx_bytes(c, f.guide, f.today, f.now)


def _compare_json(c: Comparison, _f: Facts) -> bytes:
    from samarbejde.reports.compare import json_text

    return json_text(c)


def _pdf(html: Callable[[T, Facts], bytes]) -> Callable[[T, Facts], bytes]:
    """The HTML renderer's page as a tagged PDF (reports/pdf.py: WeasyPrint, an extra)."""

    def render(doc: T, f: Facts) -> bytes:
        from samarbejde.reports.pdf import pdf_bytes

        return pdf_bytes(html(doc, f).decode("utf-8"), f.guide.language)

    return render


def _calendar_ics(c: Calendar, f: Facts) -> bytes:
    from samarbejde.reports.agenda import ics_bytes

    return ics_bytes(c.items, f.guide, f.now, c.name)


# -- the table ------------------------------------------------------------------------------

XLSX_TERMINAL = "error_export_xlsx_terminal"
PDF_TERMINAL = "error_export_pdf_terminal"
CALENDAR_DONE = "agenda_ics_done"

REPORT: Kind[SessionFile] = Kind(
    "report",
    _formats(
        Format("md", _report_md),
        Format("html", _report_html),
        Format("docx", _report_docx, binary=True),
        Format("pdf", _pdf(_report_html), binary=True, terminal_key=PDF_TERMINAL),
        Format("csv", _report_csv),
        Format("xlsx", _report_xlsx, binary=True, terminal_key=XLSX_TERMINAL),
        Format("ics", _report_ics, done=CALENDAR_DONE),
    ),
    done="export_done",
    refused="error_export_format",
    done_markdown="export_done_markdown",
)

PARTNER_PAGE: Kind[PartnerPage] = Kind(
    "partner_page",
    _formats(
        Format("md", _partner_md),
        Format("html", _partner_html),
        Format("docx", _partner_docx, binary=True),
        Format("pdf", _pdf(_partner_html), binary=True, terminal_key=PDF_TERMINAL),
    ),
    done="partner_page_done",  # {partner}
    refused="error_partner_page_format",
    done_markdown="partner_page_done_markdown",
)

# The whole agreement and its one page: the same formats, each rendering what it is given.
AGREEMENT_FORMATS: dict[str, Format[Any]] = _formats(
    Format("md", _agreement("md")),
    Format("html", _agreement("html")),
    Format("docx", _agreement("docx"), binary=True),
    Format("pdf", _pdf(_agreement("html")), binary=True, terminal_key=PDF_TERMINAL),
)

AGREEMENT: Kind[AgreementDoc] = Kind(
    "agreement",
    AGREEMENT_FORMATS,
    done="agreement_saved",
    refused="error_agreement_format",
    file_word="agreement_file_word",
)

AGREEMENT_SHORT: Kind[ShortDoc] = Kind(
    "agreement_short",
    AGREEMENT_FORMATS,
    done="agreement_saved",
    refused="error_agreement_format",
    file_word="agreement_short_file_word",
)

SHARE: Kind[ShareData] = Kind(
    "share",
    _formats(Format("share", _share_yaml, extension="yaml")),
    done="share_done",
    refused="error_export_format",
    file_word="share_file_word",
)

COMPARE: Kind[Comparison] = Kind(
    "compare",
    _formats(
        Format("md", _compare_md),
        Format("html", _compare_html),
        Format("docx", _compare_docx, binary=True),
        Format("pdf", _pdf(_compare_html), binary=True, terminal_key=PDF_TERMINAL),
        Format("json", _compare_json),  # `--json`, never chosen by an extension
    ),
    done="compare_done",
    refused="error_compare_format",
    file_word="compare_title",
)

AGENDA: Kind[Calendar] = Kind(
    "agenda",
    _formats(Format("ics", _calendar_ics)),
    done=CALENDAR_DONE,
    refused="error_export_format",
    file_word="agenda_file_word",
    option="--ics",
)

HANDOVER: Kind[Session] = Kind(
    "handover",
    _formats(Format("md", _handover_md)),
    done="handover_done",
    refused="error_export_format",
    file_word="handover_file_word",
)

KINDS: tuple[Kind[Any], ...] = (REPORT, PARTNER_PAGE, AGREEMENT, SHARE, COMPARE, AGENDA, HANDOVER)

# What `export --format` takes: the report's formats, and the share file.
EXPORT_FORMATS = (*REPORT.formats, *SHARE.formats)
COMPARE_FORMATS = ("md", "html", "docx", "pdf")  # what `compare --format` takes


# -- the choice of a format -----------------------------------------------------------------

EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
              ".docx": "docx", ".csv": "csv", ".ics": "ics", ".xlsx": "xlsx",
              ".pdf": "pdf"}  # fmt: skip


# Extensions of formats the program does not write: Markdown in a .odt would be mailed on as
# a file nobody can open, so these are refused rather than written as Markdown.
OTHER_FORMATS = (".doc", ".odt", ".rtf", ".xls", ".ods", ".ppt", ".pptx", ".odp",
                 ".png", ".jpg", ".jpeg")  # fmt: skip


def choose(kind: Kind[T], fmt: str | None, output: str | None) -> tuple[Format[T], bool]:
    """The format of a document: `--format`, else the extension of `-o` (`rapport.docx`),
    else the kind's first. An extension that disagrees with `--format`, names a format the
    program does not write, or one this kind does not have, is a usage error. Also: was
    Markdown chosen for an extension it does not know?"""
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    by_extension = EXTENSIONS.get(suffix)
    if suffix in OTHER_FORMATS:
        raise UsageError("error_export_other_format", suffix=suffix, path=output)
    unknown = False
    if fmt is None:
        fmt = by_extension or kind.default.name
        unknown = bool(suffix) and by_extension is None
    elif by_extension is not None and by_extension != fmt:
        raise UsageError("error_export_extension", suffix=suffix, fmt=fmt, path=output)
    if fmt not in kind.formats:
        raise UsageError(kind.refused, value=fmt, format=fmt)
    if fmt == "pdf":  # refused before anything is asked where WeasyPrint is not installed
        from samarbejde.reports.pdf import require

        require()
    return kind.formats[fmt], unknown
