"""Every Word document the program writes, made by the one writer (`reports/word.py`), checked
by one checker: the report, the partner's page, the comparison, the samarbejdsaftale and its
one page (`--kort`). (The health check has no Word file of its own: its tables are in the
report and the comparison.)

The checker reads the file's own XML: A4 in every section, da-DK in the styles' defaults and on
every run (the body, headers and footers), the program's core properties (a title, the user's
organisation as author, the export time, da-DK; nothing from python-docx's template: no
"python-docx", no 2013, no en-US, no US Letter), and every heading style's colour at least
4.5:1 against white (WCAG's relative luminance). A document python-docx makes by itself fails
it, rule by rule."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from samarbejde.guide.content import load_guide
from samarbejde.reports import agreement, agreement_short, compare_doc, partner_page, word
from samarbejde.reports.compare import compare
from samarbejde.sessions.model import Agreement, AgreementPart, Partner, Session
from samarbejde.sessions.sides import side_of_session
from samarbejde.sessions.store import Store
from tests.helpers.compare_fixtures import forening, kommune
from tests.helpers.fuzz import examples
from tests.helpers.program import FIXTURES
from tests.helpers.stock_word import StockDocument, stock_rows

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
TODAY = dt.date(2026, 11, 28)
NOW = dt.datetime(2026, 11, 28, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
ORGANISATION = "Nordby Kommune, Ældreområdet"
A4 = (11906, 16838)  # twentieths of a point: 21 × 29.7 cm, as Word rounds them


def luminance(hex_colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour ("1F3864")."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (luminance(hex_colour) + 0.05)


def problems(data: bytes, author: str, now: dt.datetime | None = NOW) -> list[str]:
    """What keeps a .docx from being a document of ours, one line per fault (none: fine)."""
    found: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for name, raw in parts.items():
        for leftover in (b"python-docx", b"en-US", b"2013-12-23", b"Macintosh"):
            if leftover in raw:
                found.append(f"{name}: {leftover.decode()}")
    xml = {n: etree.fromstring(raw) for n, raw in parts.items() if n.endswith(".xml")}
    document = xml["word/document.xml"]
    sections = list(document.iter(f"{W}sectPr"))
    if not sections:
        found.append("no section")
    for sect in sections:
        size = sect.find(f"{W}pgSz")
        got = (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) if size is not None else None
        if got is None or any(abs(a - b) > 2 for a, b in zip(got, A4, strict=True)):
            found.append(f"section not A4: {got}")
    styles = xml["word/styles.xml"]
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    wanted = {f"{W}{a}": "da-DK" for a in ("val", "eastAsia", "bidi")}
    if default is None or any(default.get(k) != v for k, v in wanted.items()):
        found.append(f"style default language: {None if default is None else dict(default.attrib)}")
    stories = [n for n in xml if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
    runs = [r for n in stories for r in xml[n].iter(f"{W}r")]
    if not runs:
        found.append("no runs")
    for r in runs:
        lang = r.find(f"{W}rPr/{W}lang")
        if lang is None or lang.get(f"{W}val") != "da-DK":
            found.append(f"run without da-DK: {''.join(r.itertext())[:40]!r}")
            break
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    headings = [s for s in by_id.values() if _heading(s)]
    if len(headings) < 10:
        found.append(f"only {len(headings)} heading styles")
    for style in headings:
        colour, themed = _colour(style, by_id)
        if themed:
            found.append(f"{_name(style)}: a theme colour")
        if colour.lower() != "auto" and contrast_on_white(colour) < 4.5:
            found.append(f"{_name(style)}: {colour} {contrast_on_white(colour):.2f}:1")
    core = xml["docProps/core.xml"]

    def prop(path: str) -> str:
        element = core.find(path, NS)
        return (element.text or "") if element is not None else ""

    title = prop("dc:title")
    if not title or len(title) > 255:
        found.append(f"title: {title[:40]!r} ({len(title)} characters)")
    if prop("dc:creator") != author or prop("cp:lastModifiedBy") != author:
        found.append(f"author: {prop('dc:creator')!r}, {prop('cp:lastModifiedBy')!r}")
    if prop("dc:language") != "da-DK":
        found.append(f"language: {prop('dc:language')!r}")
    stamp = now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if now else ""
    for what in ("dcterms:created", "dcterms:modified"):
        if not prop(what) or (stamp and prop(what) != stamp):
            found.append(f"{what}: {prop(what)!r}, not {stamp!r}")
    if b"<Application>samarbejde</Application>" not in parts.get("docProps/app.xml", b""):
        found.append("app.xml does not name samarbejde")
    return found


def _name(style: etree._Element) -> str:
    name = style.find(f"{W}name")
    return name.get(f"{W}val", "") if name is not None else ""


def _heading(style: etree._Element) -> bool:
    return _name(style).lower().startswith(("heading", "title", "subtitle"))


def _colour(style: etree._Element | None, by_id: dict[str, etree._Element]) -> tuple[str, bool]:
    """The colour a style gives its text (its own, else its base style's; black: "auto"),
    and whether it names a theme colour (Word shows the theme's, not the value beside it)."""
    seen = 0
    while style is not None and seen < 20:
        colour = style.find(f"{W}rPr/{W}color")
        if colour is not None:
            return colour.get(f"{W}val", "auto"), colour.get(f"{W}themeColor") is not None
        based = style.find(f"{W}basedOn")
        style = by_id.get(based.get(f"{W}val")) if based is not None else None
        seen += 1
    return "auto", False


# -- the documents ------------------------------------------------------------------------


def _session(store: Store) -> Session:
    session = store.load(FIXTURES / "report_9.yaml")
    sections = {"parter": "Nordby Kommune\nKontaktperson: Anne\n\nFrivilligcentret Nordby",
                "roller": "Frivillige laver maden.\nKommunen betaler.\n\nIngen pleje.",
                "tavshedspligt": "Frivillige har tavshedspligt."}  # fmt: skip
    session.agreement = Agreement(
        partner="p1",
        sections={k: AgreementPart(text=v, status="in_place") for k, v in sections.items()},
        start=dt.date(2027, 1, 1),
        end=dt.date(2027, 12, 31),
    )
    return session


def documents(store: Store) -> dict[str, Callable[[], bytes]]:
    guide = load_guide()
    session = _session(store)
    partner = session.partners[0]

    def comparison() -> bytes:
        c = compare(side_of_session(kommune(), guide), side_of_session(forening(), guide), guide)
        return compare_doc.docx_bytes(c, guide, TODAY, NOW)

    return {
        "report": lambda: word.docx_bytes(session, guide, TODAY, NOW),
        "partner": lambda: partner_page.docx(
            partner_page.build(session, partner, guide, TODAY), NOW
        ),
        "comparison": comparison,
        "agreement": lambda: agreement.docx_bytes(agreement.build(session, guide, TODAY), NOW),
        "agreement --kort": lambda: agreement_short.docx_bytes(
            agreement_short.build_short(session, guide, TODAY), NOW
        ),
    }


KINDS = ["report", "partner", "comparison", "agreement", "agreement --kort"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_word_document_is_ours(store: Store, kind: str) -> None:
    data = documents(store)[kind]()
    assert problems(data, ORGANISATION) == []


def test_the_checker_fails_python_docx_s_own_document() -> None:
    """A document as python-docx makes it breaks every rule the checker has."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    found = "\n".join(problems(buf.getvalue(), ORGANISATION))
    buf = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Tekst")
    doc.save(buf)
    found += "\n".join(problems(buf.getvalue(), ORGANISATION))
    for fault in ("python-docx", "en-US", "2013-12-23", "section not A4",
                  "style default language", "no runs", "run without da-DK",
                  "heading 2: a theme colour", "heading 2: 4F81BD 4.03:1", "title: ''",
                  "author:", "language: ''", "dcterms:created", "app.xml"):  # fmt: skip
        assert fault in found, fault


def test_the_checker_finds_one_broken_rule(store: Store) -> None:
    """Our own report with one thing undone at a time: each is found alone."""
    data = documents(store)["report"]()

    def changed(part: str, old: bytes, new: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(out, "w") as o:
            for name in z.namelist():
                raw = z.read(name)
                if name == part:
                    assert old in raw, (part, old)
                    raw = raw.replace(old, new, 1)
                o.writestr(name, raw)
        return out.getvalue()

    cases = {
        ("word/styles.xml", b'w:val="1F3864"', b'w:val="4F81BD"'): "4F81BD 4.",
        ("word/document.xml", b'w:h="16838"', b'w:h="15840"'): "section not A4",
        ("word/document.xml", b'<w:lang w:val="da-DK"', b'<w:lang w:val="da"'): "run without",
        ("docProps/core.xml", b"Nordby Kommune", b"Nordby"): "author:",
    }
    assert problems(data, ORGANISATION) == []
    for (part, old, new), fault in cases.items():
        found = problems(changed(part, old, new), ORGANISATION)
        assert len(found) == 1 and fault in found[0], (fault, found)


def test_contrast_is_wcag_s() -> None:
    assert contrast_on_white("4F81BD") == pytest.approx(4.03, abs=0.01)  # the template's
    assert contrast_on_white("1F3864") >= 11
    assert contrast_on_white("000000") == pytest.approx(21)
    assert word.contrast("4F81BD") == pytest.approx(contrast_on_white("4F81BD"), abs=0.01)


def test_author_is_samarbejde_without_an_organisation(store: Store) -> None:
    guide = load_guide()
    session = _session(store)
    session.organisation = ""
    data = word.docx_bytes(session, guide, TODAY, NOW)
    assert problems(data, "samarbejde") == []


def test_a_very_long_partner_name_is_cut_in_the_title(store: Store) -> None:
    """Issue 34 #7: a partner name of ~225 characters made the page's title longer than a
    document property holds (ValueError); the title is cut to 255 characters."""
    from docx import Document

    guide = load_guide()
    session = _session(store)
    name = "Foreningen for " + "meget lange navne og " * 10 + "fællesskab i Nordby"
    assert 220 <= len(name) <= 260
    session.partners.append(Partner(id="p99", name=name, interest=3, influence=3))
    page = partner_page.build(session, session.partners[-1], guide, TODAY)
    assert len(page.title) > 255
    data = partner_page.docx(page, NOW)
    assert problems(data, ORGANISATION) == []
    doc = Document(io.BytesIO(data))
    assert doc.core_properties.title == page.title[:255]
    assert doc.paragraphs[0].text == page.title  # the page's own heading whole


def test_the_comparison_s_legend_describes_only_what_word_shows(store: Store) -> None:
    from docx import Document

    doc = Document(io.BytesIO(documents(store)["comparison"]()))
    texts = " ".join(p.text for p in doc.paragraphs).lower()
    assert "2a er a's placering" in texts  # the table's own legend
    for html_only in ("cirkel", "firkant", "pil ", "pilen"):
        assert html_only not in texts, html_only


# -- typed text ----------------------------------------------------------------------------


def _paragraphs(element: etree._Element) -> list[list[str]]:
    """Each paragraph as its lines: a `w:br` splits a line."""
    out = []
    for p in element.iter(f"{W}p"):
        lines = [""]
        for node in p.iter(f"{W}t", f"{W}br"):
            if node.tag == f"{W}br":
                lines.append("")
            else:
                lines[-1] += node.text or ""
        out.append(lines)
    return out


TYPED = "Mange ser ikke et andet menneske\nresten af dagen.\n\n\nNæste afsnit."


def test_typed_text_keeps_its_line_breaks_and_paragraphs_in_body_and_cells(store: Store) -> None:
    """One line break stays inside the paragraph as a line break; an empty line starts a new
    paragraph: in an answer (the body) and in a table's cell alike."""
    guide = load_guide()
    session = _session(store)
    session.set_answer("dagligdag", "en_dag", TYPED)
    session.partners[0].brings = TYPED
    data = word.docx_bytes(session, guide, TODAY, NOW)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    answer = [["Mange ser ikke et andet menneske", "resten af dagen."], ["Næste afsnit."]]
    top = [_paragraphs(p)[0] for p in body.findall(f"{W}p")]
    at = top.index(answer[0])
    assert top[at + 1] == answer[1]
    cells = [_paragraphs(tc) for tc in body.iter(f"{W}tc")]
    assert answer in cells
    assert problems(data, ORGANISATION) == []


def test_typed_paragraphs() -> None:
    assert word.typed_paragraphs(TYPED) == [
        "Mange ser ikke et andet menneske\nresten af dagen.",
        "Næste afsnit.",
    ]
    assert word.typed_paragraphs("\n  \nen\r\nto\n") == ["en\nto"]
    assert word.typed_paragraphs("") == []


def test_partner_page_answers_as_typed(store: Store) -> None:
    from docx import Document

    guide = load_guide()
    session = _session(store)
    session.set_answer("dagligdag", "problem", TYPED)
    page = partner_page.build(session, session.partners[0], guide, TODAY)
    doc = Document(io.BytesIO(partner_page.docx(page, NOW)))
    texts = [p.text for p in doc.paragraphs]
    first = next(t for t in texts if "Mange ser" in t)
    assert first.endswith("Mange ser ikke et andet menneske\nresten af dagen.")
    assert texts[texts.index(first) + 1] == "Næste afsnit."


# -- rows written directly --------------------------------------------------------------------


ROWS = [
    ["Brugsen", " 4 ", "A & B <c> ]]>", "   ", ""],
    ["Brugsen", " 4 ", "a\tb", "en\nto\n\ntre", ""],
    ["æøå \x1b[2J", "5", "x", "y", "z"],
    ["ét", "6", "\r\n", "a\r\nb", "c\rd"],
    ["sidste", "7", '"citat"', "'", "&amp;"],
    ['<samarbejde-raw i="0"/>', "8", "\ufffe\u202e", "\x85", "\t"],
]


def rows_document(fill: Callable[[word.FastDocument, Any, list[Any]], None]) -> Any:
    """A document of one table of `ROWS` (five columns, 3 to 7 cm), its rows by `fill`."""
    from docx.shared import Cm

    widths = [Cm(3 + i) for i in range(5)]
    doc = word.new_document("Titel", "da", NOW)
    table = doc.add_table(rows=0, cols=5)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    fill(doc, table, widths)
    return doc


def writer(kind: type[word.FastDocument]) -> word.FastDocument:
    """A new document (`new_document`) written through `kind`: ours, or python-docx's own
    calls (`StockDocument`)."""
    made = word.new_document("Titel", "da", NOW)
    return kind(made._doc, made.meta)


def body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


def test_a_row_written_directly_is_the_row_python_docx_makes() -> None:
    """`FastDocument.add_rows` against the same rows made through python-docx's API, cell by
    cell (then the language, as `every_run` gives it), compared as the file's XML: plain
    text, outer spaces, what XML escapes, a tab, a line break, typed paragraphs, no text,
    only spaces, an escape code, a right-aligned number, what XML cannot hold, text that
    looks like the writer's own mark; rows of one line (written as XML text, put in when
    the file is saved) before, between and after rows with more. Read back through
    python-docx (`tables`), the rows written as text are python-docx's rows too."""
    from docx.shared import Pt

    fast = rows_document(lambda doc, t, widths: doc.add_rows(t, ROWS, widths, (1,), Pt(9)))
    stock = rows_document(lambda doc, t, widths: stock_rows(t, ROWS, widths, (1,), Pt(9)))
    mine, theirs = body(word.finish(fast)), body(word.finish(stock))
    assert mine == theirs
    assert mine.count(b"<w:tr>") == len(ROWS) and b"<w:cantSplit/>" in mine
    assert b'<w:jc w:val="right"/>' in mine and b"<w:br/>" in mine
    assert b"A &amp; B &lt;c&gt; ]]&gt;" in mine and b"&lt;samarbejde-raw" in mine

    read = rows_document(lambda doc, t, widths: doc.add_rows(t, ROWS, widths, (1,), Pt(9)))
    rows = [etree.tostring(tr) for tr in read.tables[0]._tbl.tr_lst]  # parsed to be read
    assert rows == [etree.tostring(tr) for tr in stock.tables[0]._tbl.tr_lst]
    assert body(word.finish(read)) == theirs


# Any text, weighted towards what XML, the writer and python-docx treat apart.
CELL_TEXT = st.text(st.sampled_from("aæ &<>\"'\t\n\r\x1b\x85\u202e\ufffe\ud800]") | st.characters())


@given(rows=st.lists(st.lists(CELL_TEXT, min_size=3, max_size=3), min_size=1, max_size=6))
@settings(max_examples=examples(120), deadline=None)
def test_any_text_in_rows_and_lines_is_written_as_python_docx_writes_it(
    rows: list[list[str]],
) -> None:
    """Whatever the text, table rows and list lines written as XML text make the file's XML
    python-docx's own calls make."""
    from docx.shared import Cm, Pt

    def document(kind: type[word.FastDocument]) -> bytes:
        doc = writer(kind)
        table = doc.add_table(rows=0, cols=3)
        widths = [Cm(4)] * 3
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        doc.add_rows(table, rows, widths, (2,), Pt(9))
        for value in (v for row in rows for v in row if v):
            doc.add_item(word.text(value), "List Bullet")  # (python-docx takes it clean)
        return body(word.finish(doc))

    assert document(word.FastDocument) == document(StockDocument)


def test_items_written_directly_are_python_docx_s_paragraphs() -> None:
    """`FastDocument.add_item` (the board's key: a paragraph in a style, one run in a size,
    space after) against python-docx's calls, in the file and read back (`paragraphs`):
    plain text (after the first, written as XML text), what XML escapes, outer spaces, a
    line break, between other paragraphs."""
    from docx.shared import Pt

    values = ["1. Første", "2. A & B <c>", " 3. ydre ", "4. to\nlinjer", "5. Brugsen", "6. x"]

    def items(kind: type[word.FastDocument]) -> word.FastDocument:
        doc = writer(kind)
        for n, value in enumerate(values):
            doc.add_item(value, "List Bullet", Pt(9), Pt(0))
            if n == 4:
                doc.add_paragraph("Imellem")
        return doc

    stock = body(word.finish(items(StockDocument)))
    assert body(word.finish(items(word.FastDocument))) == stock
    read = items(word.FastDocument)
    assert [p.text for p in read.paragraphs] == [*values[:5], "Imellem", values[5]]
    assert body(word.finish(read)) == stock


@pytest.mark.parametrize("kind", ["report", "comparison"])
def test_libreoffice_reads_the_rows(store: Store, tmp_path: Path, kind: str) -> None:
    """LibreOffice opens the file with the rows written directly and lays out their text."""
    import pdfplumber

    from tests.helpers.office import SOFFICE, office

    if SOFFICE is None:
        pytest.skip("no LibreOffice here")
    source = tmp_path / "dokument.docx"
    source.write_bytes(documents(store)[kind]())
    with pdfplumber.open(office(tmp_path, source, "pdf")) as read:
        text = " ".join(" ".join((page.extract_text() or "") for page in read.pages).split())
    assert "Frivilligcentret Nordby" in text or "Ældresagen" in text
    assert "Side 1 af" in text


def test_text_passed_on_as_it_is_is_text_nothing_changes() -> None:
    """`word.text` passes text on untouched when one search finds nothing `clean` or XML
    would change: for every character of the Basic Multilingual Plane and beyond it, alone
    and beside a Windows line break, the same as cleaning it."""
    from samarbejde.base.terminal import clean

    for code in [*range(0x10000), *range(0x10000, 0x110000, 97), 0x10FFFF]:
        for value in (chr(code), f"a{chr(code)}\r\nb"):
            assert word.text(value) == word._NOT_XML.sub("\ufffd", clean(value)), hex(code)


def test_a_python_docx_without_the_writer_s_steps_still_gets_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`FastDocument.save` takes two steps of python-docx's writer that are not public: a
    version without them gets the marks parsed and the file saved by python-docx itself,
    with the same XML."""
    from docx.shared import Pt

    fill = lambda doc, t, widths: doc.add_rows(t, ROWS, widths, (1,), Pt(9))  # noqa: E731
    ours = body(word.finish(rows_document(fill)))
    monkeypatch.setattr(word, "_WRITER_STEPS", ("_write_parts_a_later_way",))
    saved = word.finish(rows_document(fill))
    assert body(saved) == ours
    with zipfile.ZipFile(io.BytesIO(saved)) as z:
        assert z.testzip() is None and "word/document.xml" in z.namelist()
