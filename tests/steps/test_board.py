"""The post-it diagram in the terminal: readable at 80 columns, every partner findable."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from samarbejde.base.quadrants import prioritise
from samarbejde.steps import board


def drawn(guide, ranked, width: int) -> list[board.Line]:
    """The board as the terminal draws it."""
    return board.draw(board.layout(guide.diagram, ranked, cell=board.TERMINAL_CELL), width)


def partners(count: int) -> list[tuple[str, str, int, int]]:
    return [
        (f"p{i}", f"Partner nummer {i} med æøå", (i * 7) % 5 + 1, (i * 3) % 5 + 1)
        for i in range(1, count + 1)
    ]


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize("count", [0, 1, 3, 30])
def test_no_line_is_wider_than_the_screen(guide, width: int, count: int) -> None:
    lines = drawn(guide, prioritise(partners(count)), width)
    for line in lines:
        assert cell_len("".join(t for t, _ in line)) <= width


def test_thirty_partners_all_findable_at_80_columns(guide) -> None:
    ranked = prioritise(partners(30))
    text = board.plain(drawn(guide, ranked, 80))
    numbers = {int(n) for n in re.findall(r"(?<![\d])(\d+)(?![\d])", text.split("┘")[0])}
    assert {r.priority for r in ranked} <= numbers


def test_all_in_one_cell_still_findable(guide) -> None:
    crowd = [(f"p{i}", f"Forening {i}", 5, 5) for i in range(1, 31)]
    ranked = prioritise(crowd)
    text = board.plain(drawn(guide, ranked, 80))
    body = text.split("┘")[0]
    for r in ranked:
        assert re.search(rf"(?<!\d){r.priority}(?!\d)", body)


def test_board_shows_axes_quadrants_and_places(guide) -> None:
    ranked = prioritise([("p1", "Frivilligcentret", 5, 4), ("p2", "Brugsen", 1, 1)])
    lines = board.plain(drawn(guide, ranked, 80)).splitlines()
    text = "\n".join(lines)
    for name in ("Ræk ud først", "Tal ind i deres dagsorden", "Gå sammen", "Hold øje med"):
        assert name in text
    assert "Indflydelse og ressourcer" in lines[0]
    assert "Fælles interesse" in lines[-1]
    # Frivilligcentret (5, 4) sits in the row labelled 4, right half; Brugsen (1, 1) bottom left
    row4 = next(line for line in lines if line.startswith("4 "))
    assert "1 Frivillig" in row4
    assert row4.index("1 Frivillig") > row4.index("│", 3)
    row1 = next(line for line in lines if line.startswith("1 "))
    assert row1.index("2 Brugsen") < row1.index("│", 3)


def test_three_partners_at_80_columns_are_not_cut_where_there_is_room(guide) -> None:
    """A name longer than its cell takes the empty cells right of it in its half of the board
    (and goes on to a next line where they are not empty): "1 Nordby Madklub", not "1 Nordby
    Madk…"."""
    ranked = prioritise([
        ("p1", "Nordby Madklub", 4, 4),
        ("p2", "Ældresagen i Nordby", 1, 2),  # left half, the cell on its right free
        ("p3", "Frivilligt Center Nordby", 5, 1),  # the last column: no room on its right
    ])  # fmt: skip
    number = {r.name: r.priority for r in ranked}
    text = board.plain(drawn(guide, ranked, 80))
    assert f"{number['Nordby Madklub']} Nordby Madklub" in text
    assert f"{number['Ældresagen i Nordby']} Ældresagen i Nordby" in text
    # no room on the right: broken at its spaces onto the next lines, never cut
    start = f"{number['Frivilligt Center Nordby']} Frivilligt"
    assert start in text
    after = text.split(start)[1].splitlines()
    assert "Center" in after[0] + after[1] and "Nordby" in after[1] + after[2]
    assert "…" not in text
    for line in text.splitlines():
        assert cell_len(line) <= 80
