"""`--format pdf`: a tagged PDF/UA-1 a kommune may publish (WeasyPrint, the `pdf` extra), read
back with pikepdf: the structure tree and MarkInfo, /Lang da-DK, the title shown, the PDF/UA
identification in the XMP metadata, and no text drawn outside the structure tree or an
artifact. Where WeasyPrint is not installed, a Danish message and no traceback."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from samarbejde.guide.content import load_guide
from samarbejde.reports import formats
from samarbejde.reports.compare import compare
from samarbejde.sessions.sides import side_of_session
from tests.helpers.compare_fixtures import forening, kommune
from tests.helpers.pdf import untagged_text

NINE = "Fællesspisning i Nordby"
TITLE = f"{NINE} – Guide til godt samarbejde mellem civilsamfund og kommuner"


def published(data: bytes, title: str) -> int:
    """What a PDF a kommune may publish has (the issue's list); its number of pages."""
    pikepdf = pytest.importorskip("pikepdf")
    assert data.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "da-DK"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == title
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") == title
        # every text-showing operator inside tagged content (an MCID) or an artifact
        assert untagged_text(pdf) == []
        # and the structure tree holds the document's headings
        kinds = set()
        stack = [root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    kinds.add(str(node.S))
                kids = node.get("/K")
                stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        assert {"/H1", "/H2", "/P"} <= kinds
        return len(pdf.pages)


@pytest.fixture
def weasyprint():
    return pytest.importorskip("weasyprint", reason="the pdf extra (CI installs it)")


def test_the_report_as_a_pdf_to_publish(weasyprint, cli, nine: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.pdf"
    result = cli("export", NINE, "--format", "pdf", "-o", str(target))
    assert result.code == 0, result.stderr
    assert f"Rapporten er gemt: {target}" in result.stdout
    pages = published(target.read_bytes(), TITLE)
    assert pages <= 6  # (5 today: the overview on page 1)


def test_the_partners_page_and_the_agreement_as_pdfs(
    weasyprint, cli, nine: Path, tmp_path: Path
) -> None:
    page = tmp_path / "side.pdf"  # the extension chooses
    assert cli("export", NINE, "--partner", "Frivilligcentret Nordby", "-o", str(page)).code == 0
    published(page.read_bytes(), "Til Frivilligcentret Nordby: et forslag til samarbejde")
    for flags, title in (([], "Samarbejdsaftale"), (["--kort"], "Samarbejdet kort")):
        target = tmp_path / f"aftale{len(flags)}.pdf"
        result = cli("export", NINE, "--agreement", *flags, "-o", str(target))
        assert result.code == 0, result.stderr
        data = target.read_bytes()
        from pikepdf import Pdf

        with Pdf.open(io.BytesIO(data)) as pdf:
            shown = str(pdf.docinfo.Title)
        assert shown.startswith(title)
        published(data, shown)


def test_the_comparison_as_a_pdf_with_its_board_described(weasyprint) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    guide = load_guide()
    c = compare(side_of_session(kommune(), guide), side_of_session(forening(), guide), guide)
    now = dt.datetime(2026, 11, 28, 10, 0)
    data = formats.COMPARE.formats["pdf"].render(c, formats.Facts(guide, now.date(), now))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        title = str(pdf.docinfo.Title)
        figures = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure":
                    figures.append(node)
                kids = node.get("/K")
                stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    published(data, title)
    assert figures and all(str(f.get("/Alt", "")).strip() for f in figures)


def test_without_weasyprint_a_danish_message_says_how_to_get_it(
    cli, nine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec

    def find_spec(name: str, *args):
        return None if name == "weasyprint" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    target = tmp_path / "rapport.pdf"
    result = cli("export", NINE, "-o", str(target))
    assert result.code == 1 and not target.exists()
    said = " ".join(result.stderr.split())
    assert "pip install 'samarbejde[pdf]'" in said
    assert "LibreOffice" in said and "PDF/UA" in said
    assert "Traceback" not in said + result.stdout
