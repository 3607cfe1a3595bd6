"""The comparison report printed and opened elsewhere, with the main report's checks: the
HTML printed to A4 by headless Chromium and read back from the PDF (pdfplumber), the Word
file converted by LibreOffice, the Markdown rendered as GitHub does (CommonMark and tables).

Two pairs of sides: the Done-when pair (3 shared actors) and a large one (40 shared actors
with 80-character names, 30 only on each side, long answers)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from samarbejde.guide.content import load_guide
from samarbejde.reports.compare import compare
from samarbejde.reports.compare_doc import docx_bytes, html, markdown
from samarbejde.sessions.model import Partner
from samarbejde.sessions.sides import side_of_session
from tests.helpers.browser import chromium, run_chromium
from tests.helpers.compare_fixtures import forening, kommune
from tests.helpers.office import SOFFICE, office
from tests.helpers.pdf import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, SLACK, body

TODAY = dt.date(2026, 11, 28)
LONG = "Langtnavns Forening for Frivillige Fællesskaber og Aktiviteter i Nordby"


def pair(size: str):
    guide = load_guide()
    a, b = kommune(), forening()
    if size == "large":
        a.partners += [
            Partner(id=f"q{i}", name=f"{LONG} {i}", interest=i % 5 + 1, influence=(i * 2) % 5 + 1)
            for i in range(40)
        ]
        b.partners += [
            Partner(id=f"q{i}", name=f"{LONG.lower()} - {i}", interest=(i * 3) % 5 + 1,
                    influence=i % 5 + 1)
            for i in range(40)
        ]  # fmt: skip
        a.partners += [Partner(id=f"r{i}", name=f"Kun kommunens aktør {i}") for i in range(30)]
        b.partners += [Partner(id=f"r{i}", name=f"Kun foreningens aktør {i}") for i in range(30)]
        a.set_answer("dagligdag", "en_dag", "Ensomhed og måltider, dag ud og dag ind. " * 50)
    return compare(side_of_session(a, guide), side_of_session(b, guide), guide), guide


_PRINTED: dict[str, list] = {}


def printed(size: str, tmp_path_factory) -> list:
    if size not in _PRINTED:
        tmp = tmp_path_factory.mktemp("compare-print")
        c, guide = pair(size)
        page = tmp / "moede.html"
        page.write_text(html(c, guide, TODAY), encoding="utf-8")
        pdf = tmp / "moede.pdf"
        run_chromium(tmp, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
        import pdfplumber

        with pdfplumber.open(pdf) as doc:
            _PRINTED[size] = [(p.width, p.height, p.chars, p.extract_text_lines())
                              for p in doc.pages]  # fmt: skip
    return _PRINTED[size]


needs_chromium = pytest.mark.skipif(chromium() is None, reason="no Chromium here")


@pytest.fixture(params=["small", pytest.param("large", marks=pytest.mark.slow)])  # large: CI
def pages(request, tmp_path_factory):
    pytest.importorskip("pdfplumber")
    if chromium() is None:
        pytest.skip("no Chromium here (.ci/run installs Debian's)")
    return request.param, printed(request.param, tmp_path_factory)


def test_a4_text_size_and_margins(pages) -> None:
    _size, doc = pages
    sizes: Counter[float] = Counter()
    for number, (width, height, chars, _) in enumerate(doc, 1):
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1
        sizes.update(round(c["size"], 1) for c in body(chars, height))
        for c in chars:
            where = f"page {number}: {c['text']!r} at x {c['x0']:.0f}–{c['x1']:.0f}"
            assert c["x0"] >= MARGIN_X - SLACK and c["x1"] <= width - MARGIN_X + SLACK, where
            assert c["top"] >= MARGIN_TOP - SLACK and c["bottom"] <= height, where
    assert sizes.most_common(1)[0][0] >= 9.5, sizes.most_common(5)
    assert min(sizes) >= 7.5, sorted(sizes)


def test_every_page_has_its_number_and_the_title(pages) -> None:
    _size, doc = pages
    for number, (_, height, _chars, lines) in enumerate(doc, 1):
        footer = " ".join(line["text"] for line in lines if line["top"] > height - MARGIN_BOTTOM)
        assert f"Side {number} af {len(doc)}" in footer and "Fælles grund: Nordby" in footer


def test_the_board_is_whole_on_page_one(pages) -> None:
    size, doc = pages
    first = "\n".join(line["text"] for line in doc[0][3])
    for part in ("Ræk ud først", "Tal ind i deres dagsorden", "Gå sammen", "Hold øje med",
                 "Fælles interesse →", "Cirkel (A) og firkant (B)"):  # fmt: skip
        assert part in first, part
    later = "\n".join(line["text"] for *_, lines in doc[1:] for line in lines)
    assert "Fælles interesse →" not in later and "Cirkel (A)" not in later
    turned = "".join(c["text"] for c in doc[0][2] if not c["upright"]).replace(" ", "")
    assert set("Indydelsogrc") <= set(turned)  # "Indflydelse og ressourcer", turned
    if size == "large":
        assert "Diagrammet viser de første 24 af 43" in " ".join(first.split())


def test_no_page_ends_with_a_heading(pages) -> None:
    _size, doc = pages
    for number, (_, height, _chars, lines) in enumerate(doc[:-1], 1):
        inside = [line for line in lines if line["top"] < height - MARGIN_BOTTOM
                  and all(c["upright"] for c in line["chars"])]  # fmt: skip
        last = inside[-1]
        bold = all("Bold" in c["fontname"] for c in last["chars"] if c["text"].strip())
        assert not bold, f"page {number} ends with {last['text']!r}"


@pytest.mark.parametrize("size", ["small", pytest.param("large", marks=pytest.mark.slow)])
def test_markdown_renders_as_on_github(size: str) -> None:
    c, guide = pair(size)
    text = markdown(c, guide, TODAY)
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    # every table row keeps its columns
    cells, widths = 0, []
    for tok in tokens:
        if tok.type == "tr_open":
            cells = 0
        elif tok.type in ("td_open", "th_open"):
            cells += 1
        elif tok.type == "tr_close":
            widths.append(cells)
    assert set(widths) == {3, 5}  # the board and step 1; the actors' table
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h2" and t.nesting == 1]
    assert h2 == [
        "Hvem sidder ved bordet",
        "Aktører, I begge kender",
        "Hvor I placerer hinanden",
        "Det kan I tale om",
        "Borgerens dagligdag, side om side",
        "Tjeklisten",
    ]
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<li>Brugsen</li>" in rendered and "<strong>A:</strong>" in rendered


@pytest.mark.skipif(SOFFICE is None, reason="no LibreOffice here")
def test_word_opens_in_libreoffice(tmp_path: Path) -> None:
    import pdfplumber

    c, guide = pair("large")
    source = tmp_path / "moede.docx"
    source.write_bytes(docx_bytes(c, guide, TODAY))
    with pdfplumber.open(office(tmp_path, source, "pdf")) as doc:
        texts = [page.extract_text() or "" for page in doc.pages]
    text = " ".join("\n".join(texts).split())
    assert "Fælles grund – forberedelse til mødet" in text and "Forstå forskelle" in text
    assert "Diagrammet som tekst" in text and "Kun kommunens aktør 29" in text
    assert f"Side 1 af {len(texts)}" in texts[0]
