"""Every HTML document prints on A4 with its page numbers (Chromium's @page margin boxes): the
partner's page, the comparison, the agreement and its one page; and the partner list as xlsx
prints on one page (its page setup, and LibreOffice's PDF of it)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from samarbejde.guide.content import load_guide
from samarbejde.reports.compare import compare
from samarbejde.reports.compare_doc import html
from samarbejde.sessions.sides import side_of_session
from samarbejde.sessions.store import Store
from tests.helpers.browser import chromium, run_chromium
from tests.helpers.compare_fixtures import forening, kommune
from tests.helpers.office import needs_office, office
from tests.helpers.pdf import MM
from tests.helpers.program import FIXTURES

NINE = "Fællesspisning i Nordby"
A4 = (210 * MM, 297 * MM)


def printed(tmp_path: Path, page: Path) -> list[tuple[float, float, list[str], str]]:
    """The page as Chromium prints it (no header or footer of its own): per page, its size,
    its lines, and what is written in its bottom margin."""
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = page.with_suffix(".pdf")
    run_chromium(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    with pdfplumber.open(pdf) as doc:
        return [
            (
                p.width,
                p.height,
                [line["text"] for line in p.extract_text_lines()],
                "".join(c["text"] for c in p.chars if c["top"] > p.height - 15 * MM),
            )
            for p in doc.pages
        ]


def numbered(pages: list[tuple[float, float, list[str], str]]) -> None:
    """A4, and each page's number in its bottom margin: "2 / 3" or "Side 2 af 3"."""
    total = len(pages)
    for number, (width, height, _lines, bottom) in enumerate(pages, 1):
        assert (round(width), round(height)) == tuple(round(x) for x in A4)
        assert f"{number} / {total}" in bottom or f"Side {number} af {total}" in bottom, (
            number,
            bottom,
        )


@pytest.mark.skipif(chromium() is None, reason="no Chromium here (.ci/run installs Debian's)")
def test_every_html_document_prints_on_a4_with_page_numbers(
    cli, nine: Path, tmp_path: Path
) -> None:
    documents = {
        "side.html": ["export", NINE, "--partner", "Frivilligcentret Nordby"],
        "aftale.html": ["export", NINE, "--agreement"],
        "kort.html": ["export", NINE, "--agreement", "--kort"],
    }
    for name, args in documents.items():
        target = tmp_path / name
        assert cli(*args, "-o", str(target)).code == 0
        pages = printed(tmp_path, target)
        numbered(pages)
        if name == "kort.html":
            assert len(pages) == 1
    guide = load_guide()
    c = compare(side_of_session(kommune(), guide), side_of_session(forening(), guide), guide)
    page = tmp_path / "moede.html"
    page.write_text(html(c, guide, dt.date(2026, 11, 28)), encoding="utf-8")
    numbered(printed(tmp_path, page))


@pytest.mark.skipif(chromium() is None, reason="no Chromium here (.ci/run installs Debian's)")
def test_the_partners_page_keeps_an_items_title_with_its_points(
    cli, nine: Path, tmp_path: Path
) -> None:
    """The agenda's items: a title never ends a page with its points on the next."""
    target = tmp_path / "side.html"
    assert cli("export", NINE, "--partner", "Frivilligcentret Nordby", "-o", str(target)).code == 0
    titles = re.findall(r"<li><strong>(.*?)</strong>", target.read_text(encoding="utf-8"))
    assert titles
    for _w, _h, lines, bottom in printed(tmp_path, target)[:-1]:
        body = [line for line in lines if line not in bottom]  # not the page number
        assert not any(body[-1].startswith(title[:30]) for title in titles), body[-3:]


def partner_list(store: Store, tmp_path: Path) -> Path:
    from samarbejde.reports.spreadsheet import xlsx_bytes

    session = store.load(FIXTURES / "report_9.yaml")
    path = tmp_path / "partnere.xlsx"
    path.write_bytes(xlsx_bytes(session, load_guide(), dt.datetime(2026, 11, 28, 10, 0)))
    return path


def test_the_partner_list_is_set_up_to_print_landscape_on_the_pages_width(
    store: Store, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.load_workbook(partner_list(store, tmp_path))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and int(setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$1"  # the header row on every page


@needs_office
def test_the_partner_list_of_9_prints_on_one_page(store: Store, tmp_path: Path) -> None:
    """LibreOffice prints the partner sheet (9 rows, every column) on one landscape page."""
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = office(tmp_path, partner_list(store, tmp_path), "pdf")
    with pdfplumber.open(pdf) as doc:
        texts = [p.extract_text() or "" for p in doc.pages]
        # the header row is on every page of the partner sheet (its print titles)
        partners = [n for n, text in enumerate(texts) if "Kan bidrage med" in text]
        assert len(partners) == 1, texts
        page = doc.pages[partners[0]]
        assert page.width > page.height
        for word in ("Hjemmeplejen", "Biblioteket", "Næste kontakt"):
            assert word in texts[partners[0]], word
