"""One overview in three formats: Markdown, HTML and Word name every partner of the board in
the same quadrant (a crowded quadrant by number, with a key), and say what the numbers mean."""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from docx import Document
from markdown_it import MarkdownIt

from samarbejde.guide.content import Guide, load_guide
from samarbejde.reports.render import html_report, markdown
from samarbejde.reports.word import docx_bytes
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import Store
from tests.helpers.program import FIXTURES

TODAY = dt.date(2026, 11, 28)
ITEM = re.compile(r"(\d+)\. (.+?)(?=, \d+\. |$)")


Placed = dict[tuple[int, str], str]  # (priority, name) -> quadrant name


def truth(session: Session, guide: Guide) -> Placed:
    return {
        (r.priority, r.name): guide.diagram.quadrant(r.quadrant).name for r in session.ranked(guide)
    }


def from_table(cells: list[str], key: dict[str, str], names: list[str]) -> Placed:
    """The 2×2 table's cells ("Ræk ud først: 1. A, 2. B" or, crowded, "Ræk ud først: 3, 7"),
    with the key's names for the numbers."""
    found = {}
    cells = [cell for cell in cells if cell.partition(": ")[0] in names]
    assert len(cells) == 4, cells
    for cell in cells:
        quadrant, _, rest = cell.partition(": ")
        if rest == "–":
            continue
        if re.fullmatch(r"\d+(, \d+)*", rest):
            for number in rest.split(", "):
                found[(int(number), key[number])] = quadrant
        else:
            items = ITEM.findall(rest)
            assert ", ".join(f"{n}. {name}" for n, name in items) == rest
            found |= {(int(n), name): quadrant for n, name in items}
    return found


def markdown_overview(session: Session, guide: Guide) -> Placed:
    page = MarkdownIt("commonmark").enable("table").render(markdown(session, guide, TODAY))
    overview = page.split("<h2>Overblik</h2>")[1].split("<strong>Højeste prioritet")[0]
    p = Texts()
    p.feed(overview)
    cells = [text for tag, text in p.items if tag == "td"]
    key = {}
    for tag, text in p.items:
        if tag == "li" and (m := re.fullmatch(r"(\d+)\. (.+)", text)):
            key[m.group(1)] = m.group(2)
    return from_table(cells, key, [q.name for q in guide.diagram.quadrants])


def word_overview(session: Session, guide: Guide) -> Placed:
    doc = Document(io.BytesIO(docx_bytes(session, guide, TODAY)))
    board = doc.tables[0]
    cells = [c.text for row in board.rows[1:] for c in row.cells[1:]]
    key = {}
    for p in doc.paragraphs:
        if p.text == "Højeste prioritet":
            break
        if p.style.name == "List Bullet" and (m := re.fullmatch(r"(\d+)\. (.+)", p.text)):
            key[m.group(1)] = m.group(2)
    return from_table(cells, key, [q.name for q in guide.diagram.quadrants])


def html_overview(session: Session, guide: Guide) -> Placed:
    """The list by quadrant that follows the drawing (the drawing itself is aria-hidden)."""
    page = html_report(session, guide, TODAY)
    part = page.split('<div class="by-quadrant">')[1].split('<div class="overview-lists">')[0]
    found = {}
    for block in part.split('<div class="quadrant">')[1:]:
        p = Texts()
        p.feed(block)
        quadrant = next(text for tag, text in p.items if tag == "p")
        for tag, text in p.items:
            if tag == "li":
                number, _, name = text.partition(" ")
                assert number.isdigit()
                found[(int(number), name)] = quadrant
    return found


class Texts(HTMLParser):
    """(tag, its whole text) for td, li and p elements, markup inside them flattened."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str]] = []
        self.open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in ("td", "li", "p"):
            self.open.append((tag, []))

    def handle_endtag(self, tag) -> None:
        if self.open and self.open[-1][0] == tag:
            name, parts = self.open.pop()
            self.items.append((name, " ".join("".join(parts).split())))

    def handle_data(self, data) -> None:
        for _, parts in self.open:
            parts.append(data)


@pytest.mark.parametrize("fixture", ["report_9.yaml", "report_60.yaml"])
def test_three_formats_place_the_same_partners(store: Store, fixture: str) -> None:
    guide = load_guide()
    session = store.load(FIXTURES / fixture)
    expected = truth(session, guide)
    assert len(expected) == len(session.partners)
    md, html, word = (f(session, guide) for f in (markdown_overview, html_overview, word_overview))
    assert md == expected
    assert html == expected
    assert word == expected
    if fixture == "report_60.yaml":  # crowded: the 2×2 table holds numbers, the key names
        assert "og 9 flere" not in markdown(session, guide, TODAY)


def test_every_format_says_what_the_numbers_mean(store: Store) -> None:
    guide = load_guide()
    session = store.load(FIXTURES / "report_9.yaml")
    scale = "Skala 1–5 på begge akser: 1–2 er lav, 3–5 er høj."
    md = markdown(session, guide, TODAY)
    html = html_report(session, guide, TODAY)
    doc = Document(io.BytesIO(docx_bytes(session, guide, TODAY)))
    word = "\n".join(p.text for p in doc.paragraphs)
    for text in (md, html, word):
        assert scale in text
        assert "Ræk ud først (interesse 4, indflydelse 5)" in text  # Udvikling's positions
    # beside the board: right after the 2×2 table (and its key), before the axes
    assert md.index("| Indflydelse og ressourcer: lav |") < md.index(scale)
    assert md.index(scale) < md.index("*Fælles interesse: 1 = lidt til fælles")
    assert html.index('<div class="board"') < html.index(scale) < html.index('class="legend"')


def test_markdown_never_writes_an_empty_list_item(store: Store) -> None:
    """An empty answer is "–": a bare "-" would be an empty list item on GitHub and pandoc."""
    guide = load_guide()
    session = store.load(FIXTURES / "report_9.yaml")
    session.partners, session.outreach, session.checklist = [], {}, {}
    text = markdown(session, guide, TODAY)
    assert not [line for line in text.splitlines() if line.strip() in ("-", "*", "+")]
    tokens = MarkdownIt("commonmark").parse(text)
    items = [i for i, tok in enumerate(tokens) if tok.type == "list_item_open"]
    assert items
    for i in items:  # every list item has text
        assert tokens[i + 1].type == "paragraph_open" and tokens[i + 2].content.strip()
    plans = store.load(FIXTURES / "report_9.yaml")
    answers = markdown(plans, guide, TODAY)
    part = answers.split("### 1. Biblioteket")[1].split("###")[0]
    assert "\n\n–\n\n" in part  # the card without an answer
