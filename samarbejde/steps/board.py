"""The post-it board: where each partner sits, computed once (`layout`), and the board drawn
as lines of text for the terminal (`draw`). Pure: no terminal, no files.

Every picture of the board renders a `BoardLayout`: the terminal's drawing, `--enkel`'s lines
quadrant by quadrant, the report's drawing and its 2×2 table (Markdown, HTML, Word) and the
comparison's drawing of two sides. None of them places a partner itself.

A drawn line is a list of (text, style) segments; `style` is a name (`axis`, `quadrant`,
`note`, `border`) or None, turned into colours by the views.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from rich.cells import cell_len, set_cell_size

from samarbejde.base.ids import QUADRANT_ORDER
from samarbejde.base.quadrants import quadrant
from samarbejde.guide.content import Diagram

# Each quadrant's post-its, and its light background on a drawn board (as report.css).
POSTIT_COLOURS = {
    "raek_ud_foerst": "#fff176",
    "tal_ind": "#ffcc80",
    "gaa_sammen": "#a5d6a7",
    "hold_oeje": "#b3e5fc",
}
AREA_COLOURS = {
    "raek_ud_foerst": "#fffde7",
    "tal_ind": "#fff3e0",
    "gaa_sammen": "#e8f5e9",
    "hold_oeje": "#e1f5fe",
}


@dataclass(frozen=True)
class Crowding:
    """When a place on the board shows its post-its' priority numbers instead of their names
    (the list by quadrant then gives the names): more notes than `notes`, or more than
    `characters` in their names, each name counted with `per_note` more for its number."""

    notes: int
    characters: int | None = None
    per_note: int = 0

    def __call__(self, notes: Sequence[Note]) -> bool:
        if len(notes) > self.notes:
            return True
        if self.characters is None:
            return False
        return sum(len(n.name) + self.per_note for n in notes) > self.characters


# A cell of a drawn page (HTML): post-its side by side in a cell of a fixed size.
PAGE_CELL = Crowding(3, 48)
# A cell of the terminal's board: one post-it a line (a long name on more), in the cell's
# width and the empty cells right of it.
TERMINAL_CELL = Crowding(4)
# A quadrant as one cell of a 2×2 table (Markdown, Word): "1. Navn, 2. Navn, …".
TABLE_QUADRANT = Crowding(8, 240, per_note=4)


class Placement(Protocol):
    """What the layout needs of a partner: `Ranked` is one; a side of a comparison gives
    `Post`s (a share file may give a quadrant without the scores)."""

    @property
    def priority(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def quadrant(self) -> str: ...
    @property
    def interest(self) -> int | None: ...
    @property
    def influence(self) -> int | None: ...


class Post(NamedTuple):
    priority: int
    name: str
    quadrant: str
    interest: int | None = None
    influence: int | None = None


@dataclass(frozen=True)
class Note:
    """A post-it: the number on it, the name, and its quadrant's colour."""

    priority: int
    name: str
    quadrant: str
    colour: str


@dataclass(frozen=True)
class Cell:
    """One pair of scores on the board and the post-its placed there, in priority order."""

    x: int
    y: int
    quadrant: str
    notes: tuple[Note, ...]
    crowded: bool  # numbers only
    border_left: bool  # the first column of high interest: the middle border is on its left
    border_below: bool  # the last row of high influence: the middle border is below it


@dataclass(frozen=True)
class Quadrant:
    id: str
    name: str
    colour: str  # its post-its
    area: str  # its background
    first_column: int  # the index of its first column in the scale, and how many it spans
    columns: int
    notes: tuple[Note, ...]  # priority order
    crowded: bool  # as one cell of a 2×2 table: numbers only


@dataclass(frozen=True)
class BoardLayout:
    x_name: str
    y_name: str
    scale: tuple[int, ...]
    rows: tuple[tuple[Cell, ...], ...]  # from the top (highest influence) down, low x first
    quadrant_rows: tuple[
        tuple[Quadrant, Quadrant], tuple[Quadrant, Quadrant]
    ]  # as they sit: top row
    by_quadrant: tuple[Quadrant, ...]  # in the order partners are contacted
    unrated: tuple[str, ...]  # names of the partners not rated yet
    split: int  # the middle border stands before this column

    def quadrant(self, quadrant_id: str) -> Quadrant:
        return next(q for q in self.by_quadrant if q.id == quadrant_id)

    @property
    def crowded(self) -> tuple[Quadrant, ...]:
        """The quadrants whose cell in a 2×2 table holds numbers only."""
        return tuple(q for q in self.by_quadrant if q.crowded)


def layout(
    diagram: Diagram,
    placed: Sequence[Placement],
    unrated: Sequence[str] = (),
    cell: Crowding = PAGE_CELL,
) -> BoardLayout:
    """The board for `placed` (in priority order) on the diagram's scale; `cell` says when a
    cell is crowded. A placement without both scores has its quadrant but no cell."""
    high = diagram.high_from
    scale = tuple(diagram.scale)
    split = len([x for x in scale if x < high])
    notes = [Note(p.priority, p.name, p.quadrant, POSTIT_COLOURS[p.quadrant]) for p in placed]
    at: dict[tuple[int, int], list[Note]] = {}
    for p, note in zip(placed, notes, strict=True):
        if p.interest is not None and p.influence is not None:
            at.setdefault((p.interest, p.influence), []).append(note)
    rows = []
    for y in sorted(scale, reverse=True):
        row = []
        for x in scale:
            here = tuple(at.get((x, y), ()))
            crowded = bool(here) and cell(here)
            row.append(Cell(x, y, quadrant(x, y, high), here, crowded, x == high, y == high))
        rows.append(tuple(row))

    def place(quadrant_id: str, left: bool) -> Quadrant:
        mine = tuple(n for n in notes if n.quadrant == quadrant_id)
        return Quadrant(
            id=quadrant_id,
            name=diagram.quadrant(quadrant_id).name,
            colour=POSTIT_COLOURS[quadrant_id],
            area=AREA_COLOURS[quadrant_id],
            first_column=0 if left else split,
            columns=split if left else len(scale) - split,
            notes=mine,
            crowded=TABLE_QUADRANT(mine),
        )

    # The quadrants as they sit, from the one rule: high interest right, high influence up.
    grid = tuple(
        (place(quadrant(high - 1, y, high), True), place(quadrant(high, y, high), False))
        for y in (high, high - 1)
    )
    placed_by_id = {q.id: q for row in grid for q in row}
    return BoardLayout(
        x_name=diagram.x.name,
        y_name=diagram.y.name,
        scale=scale,
        rows=tuple(rows),
        quadrant_rows=(grid[0], grid[1]),
        by_quadrant=tuple(placed_by_id[q] for q in QUADRANT_ORDER),
        unrated=tuple(unrated),
        split=split,
    )


# -- the board as text ---------------------------------------------------------------------

Segment = tuple[str, str | None]
Line = list[Segment]

GUTTER = 2  # "5 " before the left border


def _fit(text: str, width: int) -> str:
    """Cut text to `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def _wrapped(text: str, width: int, indent: int) -> list[str]:
    """`text` in lines of `width` cells, broken at its spaces, the lines after the first
    indented; cut (with an ellipsis) only where a word alone is wider than a line."""
    lines: list[str] = []
    line = ""
    words = text.split()
    words[:2] = [" ".join(words[:2])]  # the number never on a line of its own
    for word in words:
        lead = "" if not lines and not line else " " * indent
        if line and cell_len(line) + 1 + cell_len(word) > width:
            lines.append(line)
            line = _fit(lead + word, width)
        else:
            line = f"{line} {word}" if line else _fit(lead + word, width)
    return [*lines, line] if line else lines


def _spans(row: Sequence[Cell], split: int) -> list[tuple[int, int]]:
    """Each drawn cell as (its first column, how many columns it takes): a cell with post-its
    takes the empty cells right of it in its half of the board, so that a name is cut or
    broken only where there is no room."""
    out, i = [], 0
    while i < len(row):
        end = split if i < split else len(row)
        j = i + 1
        while row[i].notes and j < end and not row[j].notes:
            j += 1
        out.append((i, j - i))
        i = j
    return out


def _pad(text: str, width: int) -> str:
    return set_cell_size(_fit(text, width), width)


def _cell_lines(cell: Cell, width: int) -> list[Line]:
    """The notes in one cell of the board, as lines no wider than `width`: a name a line,
    or the numbers only where the cell is crowded or too narrow for names."""
    notes = cell.notes
    if not notes:
        return []
    usable = width - 1  # one space of margin on the left
    if not cell.crowded and usable >= 4:  # a name too long for a line goes on to the next
        indent = max(len(str(n.priority)) for n in notes) + 1
        return [
            [(" ", None), (text, "note")]
            for n in notes
            for text in _wrapped(f"{n.priority} {n.name}", usable, indent)
        ]
    lines: list[Line] = []
    current: Line = []
    used = 0
    for n in notes:
        token = str(n.priority)
        need = cell_len(token) + 1
        if current and used + need > width - 1:  # keep a space before the border
            lines.append(current)
            current, used = [], 0
        current += [(" ", None), (token, "note")]
        used += need
    if current:
        lines.append(current)
    return lines


def _widths(board: BoardLayout, width: int) -> list[int]:
    inner = width - GUTTER - 3  # left, middle and right borders
    count = len(board.scale)
    base, extra = divmod(inner, count)
    return [base + (1 if i >= count - extra else 0) for i in range(count)]


def draw(board: BoardLayout, width: int) -> list[Line]:
    """The board as lines of text, `width` cells wide at most (40 or more)."""
    width = max(width, 40)
    cols = _widths(board, width)
    split = board.split
    left_w = sum(cols[:split])
    right_w = sum(cols[split:])
    lines: list[Line] = []

    def rule(left: str, mid: str, right: str) -> Line:
        return [(" " * GUTTER, None), (left + "─" * left_w + mid + "─" * right_w + right, "border")]

    def names_row(pair: tuple[Quadrant, Quadrant]) -> Line:
        return [
            (" " * GUTTER, None),
            ("│", "border"),
            (_pad(" " + pair[0].name, left_w), "quadrant"),
            ("│", "border"),
            (_pad(" " + pair[1].name, right_w), "quadrant"),
            ("│", "border"),
        ]

    lines.append([(_fit("↑ " + board.y_name, width), "axis")])
    lines.append(rule("┌", "┬", "┐"))
    lines.append(names_row(board.quadrant_rows[0]))
    for row in board.rows:
        spans = [(i, sum(cols[i : i + n])) for i, n in _spans(row, split)]
        cells = [(i, wide, _cell_lines(row[i], wide)) for i, wide in spans]
        height = max(1, *(len(c) for _, _, c in cells))
        for line_no in range(height):
            label = str(row[0].y) if line_no == 0 else ""
            line: Line = [(label.rjust(GUTTER - 1) + " ", "axis"), ("│", "border")]
            for i, wide, cell in cells:
                if i == split:
                    line.append(("│", "border"))
                segs = cell[line_no] if line_no < len(cell) else []
                used = sum(cell_len(t) for t, _ in segs)
                line += segs
                line.append((" " * (wide - used), None))
            line.append(("│", "border"))
            lines.append(line)
        if row[0].border_below:
            lines.append(rule("├", "┼", "┤"))
    lines.append(names_row(board.quadrant_rows[1]))
    lines.append(rule("└", "┴", "┘"))
    ticks: Line = [(" " * (GUTTER + 1), None)]
    for i, x in enumerate(board.scale):
        if i == split:
            ticks.append((" ", None))
        ticks.append((str(x).center(cols[i]), "axis"))
    lines.append(ticks)
    lines.append([(_fit(board.x_name + " →", width).rjust(width - 1), "axis")])
    return lines


def plain(lines: Sequence[Line]) -> str:
    """The board as plain text, for tests and non-styled output."""
    return "\n".join("".join(text for text, _ in line).rstrip() for line in lines)
