"""The one board layout (`steps.board.layout`) and every picture of the board that renders
it: the terminal's drawing, `--enkel`'s lines, the Markdown, HTML and Word reports, and the
comparison's drawing. Each must put the same partners in the same quadrants."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from docx import Document

from samarbejde.base.ids import QUADRANT_ORDER
from samarbejde.base.quadrants import prioritise
from samarbejde.cli.app import main
from samarbejde.guide.content import Guide
from samarbejde.reports import compare_doc
from samarbejde.reports.compare import compare
from samarbejde.reports.render import html_report, markdown
from samarbejde.reports.word import docx_bytes
from samarbejde.sessions.model import Partner, Session, new_session
from samarbejde.sessions.sides import side_of_session
from samarbejde.sessions.store import Store
from samarbejde.steps import board
from tests.helpers.program import NOW, quiet_env

TODAY = dt.date(2026, 11, 27)
NUMBER = re.compile(r"(?<!\d)(\d+)(?!\d)")

# Five in one cell (crowded), nobody in "Tal ind i deres dagsorden", one not rated yet.
SCORES = {
    "Ask": (5, 5), "Birk": (5, 5), "Eg": (5, 5), "Elm": (5, 5), "Lind": (5, 5),
    "Gran": (4, 1), "Hassel": (1, 1), "Pil": (None, None),
}  # fmt: skip
EXPECTED = {  # priority numbers by quadrant
    "raek_ud_foerst": [1, 2, 3, 4, 5], "tal_ind": [], "gaa_sammen": [6], "hold_oeje": [7],
}  # fmt: skip
Placed = dict[str, list[int]]  # quadrant name -> the priority numbers in it, sorted


def session(scores: dict[str, tuple[int | None, int | None]] = SCORES) -> Session:
    s = new_session("Tavlen", "kommune", NOW, "Nordby Kommune")
    s.partners = [
        Partner(id=f"p{i}", name=name, kind="forening", interest=x, influence=y)
        for i, (name, (x, y)) in enumerate(scores.items(), 1)
    ]
    return s


def partners(scores=SCORES) -> list[tuple[str, str, int | None, int | None]]:
    return [(f"p{i}", name, x, y) for i, (name, (x, y)) in enumerate(scores.items(), 1)]


def expected(guide: Guide) -> Placed:
    return {guide.quadrant_label(q): numbers for q, numbers in EXPECTED.items()}


# -- the layout ----------------------------------------------------------------------------


def test_the_layout_places_crowds_and_lists(guide: Guide) -> None:
    placed = board.layout(guide.diagram, prioritise(partners()), ["Pil"])
    cells = {(c.x, c.y): c for row in placed.rows for c in row}
    assert [row[0].y for row in placed.rows] == [5, 4, 3, 2, 1]  # the top row first
    assert [c.x for c in placed.rows[0]] == [1, 2, 3, 4, 5]
    top = cells[5, 5]
    assert [(n.priority, n.name) for n in top.notes] == [
        (1, "Ask"), (2, "Birk"), (3, "Eg"), (4, "Elm"), (5, "Lind")
    ]  # fmt: skip
    assert top.crowded and top.quadrant == "raek_ud_foerst"
    assert not cells[4, 1].crowded and [n.name for n in cells[4, 1].notes] == ["Gran"]
    assert not any(c.notes for c in cells.values() if c.quadrant == "tal_ind")
    # the quadrants as they sit: high interest right, high influence up
    assert [[q.id for q in pair] for pair in placed.quadrant_rows] == [
        ["tal_ind", "raek_ud_foerst"], ["hold_oeje", "gaa_sammen"]
    ]  # fmt: skip
    assert [q.id for q in placed.by_quadrant] == list(QUADRANT_ORDER)
    assert {q.id: [n.priority for n in q.notes] for q in placed.by_quadrant} == EXPECTED
    assert placed.quadrant("tal_ind").name == "Tal ind i deres dagsorden"
    assert placed.unrated == ("Pil",)
    assert placed.crowded == ()  # five short names fit one cell of a 2×2 table
    colours = {q.id: q.colour for q in placed.by_quadrant}
    assert len(set(colours.values())) == 4
    assert all(n.colour == colours[n.quadrant] for c in cells.values() for n in c.notes)
    # the middle borders: left of the first high column, below the last high row
    assert [c.x for c in placed.rows[0] if c.border_left] == [3]
    assert [row[0].y for row in placed.rows if row[0].border_below] == [3]


def test_each_medium_has_its_own_limit_for_a_crowded_cell(guide: Guide) -> None:
    four = {name: (5, 5) for name in ("Ask", "Birk", "Eg", "Elm")}
    ranked = prioritise(partners(four))
    assert board.layout(guide.diagram, ranked).rows[0][-1].crowded  # a page: three names
    terminal = board.layout(guide.diagram, ranked, cell=board.TERMINAL_CELL)
    assert not terminal.rows[0][-1].crowded  # the terminal: a name a line, four lines
    nine = {f"Forening {chr(65 + i)}": (3 + i % 3, 3 + i % 2) for i in range(9)}
    placed = board.layout(guide.diagram, prioritise(partners(nine)))
    assert [q.id for q in placed.crowded] == ["raek_ud_foerst"]  # too many for a table's cell


def test_a_placement_without_scores_has_a_quadrant_but_no_cell(guide: Guide) -> None:
    """A share file made without the scores still says each actor's quadrant."""
    placed = board.layout(guide.diagram, [board.Post(1, "Ask", "gaa_sammen")])
    assert [n.name for n in placed.quadrant("gaa_sammen").notes] == ["Ask"]
    assert not any(c.notes for row in placed.rows for c in row)


# -- every renderer agrees with it -----------------------------------------------------------


def terminal_board(text: str) -> Placed:
    """The numbers in each quadrant of the drawn board, by where they stand on the screen."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "┌" in line)
    end = next(i for i, line in enumerate(lines) if "└" in line)
    middle = lines[start].index("┬")
    found: dict[tuple[int, int], list[int]] = {}
    half = 0
    for line in lines[start + 2 : end - 1]:  # between the quadrants' names
        if "├" in line:
            half = 1
            continue
        left, right = line[line.index("│") + 1 : middle], line[middle + 1 : line.rindex("│")]
        for column, part in enumerate((left, right)):
            found.setdefault((half, column), []).extend(map(int, NUMBER.findall(part)))
    names = [[q.strip() for q in lines[row].strip(" │").split("│")] for row in (start + 1, end - 1)]
    return {names[half][column]: sorted(n) for (half, column), n in found.items()}


def enkel_lines(text: str, guide: Guide) -> Placed:
    placed = {}
    for q in QUADRANT_ORDER:
        name = guide.quadrant_label(q)
        line = next(line for line in text.splitlines() if line.startswith(f"{name}: "))
        placed[name] = sorted(map(int, NUMBER.findall(line.removeprefix(f"{name}: "))))
    return placed


def table_cells(rows: list[list[str]]) -> Placed:
    """A 2×2 table of "Kvadrant: 1. Navn, 2. Navn" (Markdown, Word): numbers by quadrant."""
    placed = {}
    for row in rows:
        for cell in row:
            name, _, rest = cell.partition(": ")
            placed[name] = sorted(int(n) for n in NUMBER.findall(rest))
    return placed


def markdown_table(text: str) -> tuple[Placed, list[list[str]]]:
    overview = text.split("## Overblik")[1].split("\n\n| ")[1]  # the first table
    rows = [line.strip("| ").split(" | ") for line in overview.split("\n\n")[0].splitlines()]
    cells = [row[1:] for row in rows[2:]]  # no head, no rule, no row labels
    return table_cells(cells), [[c.partition(":")[0] for c in row] for row in cells]


def html_drawing(page: str) -> dict[tuple[int, int], tuple[str, list[int], bool]]:
    """The drawn board's cells: (x, y) -> (quadrant id, numbers, names shown?)."""
    cells = {}
    for m in re.finditer(
        r'<div class="cell q-(\w+)[^"]*" style="grid-row: (\d+); grid-column: (\d+)">(.*?)</div>',
        page,
    ):
        quadrant, row, column, inner = m.groups()
        numbers = [int(n) for n in re.findall(r"<b>(\d+)</b>", inner)]
        names = bool(re.search(r"</b> \w", inner))
        cells[int(column) - 2, 7 - int(row)] = (quadrant, numbers, names)  # scale 1–5, 5 on top
    return cells


def svg_marks(page: str) -> dict[tuple[str, str], str]:
    """The comparison's drawing: (side, actor's name) -> the quadrant its mark stands in."""
    areas = [
        (float(x), float(y), float(w), float(h), name)
        for x, y, w, h, name in re.findall(
            r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#[0-9a-f]+"'
            r' stroke="#888" stroke-width="1"/>\n<text [^>]*>([^<]+)</text>',
            page,
        )
    ]
    assert len(areas) == 4
    marks = {}
    for letter, name, shape, x, y in re.findall(
        r"<g><title>([AB]) \d+: ([^<]+)</title>\n"
        r'<(circle cx|rect x)="([\d.]+)" (?:cy|y)="([\d.]+)"',
        page,
    ):
        inset = 0 if shape == "circle cx" else 11  # a square is drawn from its corner
        marks[letter, name] = (float(x) + inset, float(y) + inset)
    placed = {}
    for key, (x, y) in marks.items():
        placed[key] = next(
            name for ax, ay, w, h, name in areas if ax <= x <= ax + w and ay <= y <= ay + h
        )
    return placed


@pytest.fixture
def saved(home: Path) -> Session:
    s = session()
    Store(home, lambda: NOW).save(s)
    return s


def test_every_picture_of_the_board_places_as_the_layout(
    home: Path, saved: Session, guide: Guide
) -> None:
    placed = board.layout(guide.diagram, saved.ranked(guide), ["Pil"])
    want = {q.name: [n.priority for n in q.notes] for q in placed.by_quadrant}
    assert want == expected(guide)

    drawn, plain = quiet_env(home), quiet_env(home)
    assert main(["summary"], drawn) == 0
    assert main(["--enkel", "summary"], plain) == 0
    screen = drawn.stdout.getvalue()  # type: ignore[attr-defined]
    assert terminal_board(screen) == want
    assert "Ikke vurderet endnu: Pil" in screen
    lines = plain.stdout.getvalue()  # type: ignore[attr-defined]
    assert enkel_lines(lines, guide) == want
    assert "Tal ind i deres dagsorden: –" in lines and "Ikke vurderet endnu: Pil" in lines

    text = markdown(saved, guide, TODAY)
    in_markdown, table = markdown_table(text)
    assert in_markdown == want
    assert table == [
        [q.name for q in pair] for pair in placed.quadrant_rows
    ]  # where each quadrant sits

    doc = Document(io.BytesIO(docx_bytes(saved, guide, TODAY)))
    word = [[c.text for c in row.cells[1:]] for row in doc.tables[0].rows[1:]]
    assert table_cells(word) == want
    assert [[c.partition(":")[0] for c in row] for row in word] == table

    page = html_report(saved, guide, TODAY)
    cells = html_drawing(page)
    assert len(cells) == 25
    for row in placed.rows:
        for c in row:
            assert cells[c.x, c.y] == (
                c.quadrant,
                [n.priority for n in c.notes],
                bool(c.notes) and not c.crowded,
            )
    assert cells[5, 5][1:] == ([1, 2, 3, 4, 5], False)  # crowded: numbers only


def test_the_comparison_draws_each_side_where_its_own_board_does(guide: Guide) -> None:
    moved = {**SCORES, "Ask": (1, 5), "Gran": (2, 2), "Lind": (None, None)}
    a, b = session(), session(moved)
    page = compare_doc.html(
        compare(side_of_session(a, guide), side_of_session(b, guide), guide), guide, TODAY
    )
    drawn = svg_marks(page)
    both = {"Ask", "Birk", "Eg", "Elm", "Gran", "Hassel"}  # rated on both sides
    assert {name for _, name in drawn} == both
    for letter, own in (("A", a), ("B", b)):
        placed = board.layout(guide.diagram, own.ranked(guide))
        where = {n.name: q.name for q in placed.by_quadrant for n in q.notes}
        assert {name: drawn[letter, name] for name in both} == {name: where[name] for name in both}
    assert drawn["A", "Ask"] == "Ræk ud først" and drawn["B", "Ask"] == "Tal ind i deres dagsorden"
