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
