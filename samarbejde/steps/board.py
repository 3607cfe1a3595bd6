"""The post-it diagram drawn as lines of text: pure layout, no terminal.

Each line is a list of (text, style) segments; `style` is a name (`axis`, `quadrant`,
`note`, `border`) or None, turned into colours by the views.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size

from samarbejde.base.quadrants import Ranked

Segment = tuple[str, str | None]
Line = list[Segment]

GUTTER = 2  # "5 " before the left border
MAX_NAMED_NOTES = 4  # more notes than this in one cell: numbers only


class BoardSpec(NamedTuple):
    x_name: str
    y_name: str
    scale: Sequence[int]  # e.g. 1..5
    high_from: int
    # quadrant names by id: raek_ud_foerst (top right), tal_ind (top left),
    # gaa_sammen (bottom right), hold_oeje (bottom left)
    names: dict[str, str]


def _fit(text: str, width: int) -> str:
    """Cut text to `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def _pad(text: str, width: int) -> str:
    return set_cell_size(_fit(text, width), width)


def _cell_lines(notes: Sequence[Ranked], width: int) -> list[Line]:
    """The notes in one cell of the board, as lines no wider than `width`."""
    if not notes:
        return []
    usable = width - 1  # one space of margin on the left
    if len(notes) <= MAX_NAMED_NOTES and usable >= 4:
        return [[(" ", None), (_fit(f"{n.priority} {n.name}", usable), "note")] for n in notes]
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


def _widths(spec: BoardSpec, width: int) -> list[int]:
    inner = width - GUTTER - 3  # left, middle and right borders
    count = len(spec.scale)
    base, extra = divmod(inner, count)
    return [base + (1 if i >= count - extra else 0) for i in range(count)]


def draw(spec: BoardSpec, ranked: Sequence[Ranked], width: int) -> list[Line]:
    """The board for the ranked partners, `width` cells wide at most (40 or more)."""
    width = max(width, 40)
    cols = _widths(spec, width)
    low_cols = [i for i, v in enumerate(spec.scale) if v < spec.high_from]
    split = len(low_cols)  # the middle border stands before column `split`
    left_w = sum(cols[:split])
    right_w = sum(cols[split:])
    lines: list[Line] = []

    def rule(left: str, mid: str, right: str) -> Line:
        return [(" " * GUTTER, None), (left + "─" * left_w + mid + "─" * right_w + right, "border")]

    def names_row(left_id: str, right_id: str) -> Line:
        return [
            (" " * GUTTER, None),
            ("│", "border"),
            (_pad(" " + spec.names[left_id], left_w), "quadrant"),
            ("│", "border"),
            (_pad(" " + spec.names[right_id], right_w), "quadrant"),
            ("│", "border"),
        ]

    lines.append([(_fit("↑ " + spec.y_name, width), "axis")])
    lines.append(rule("┌", "┬", "┐"))
    lines.append(names_row("tal_ind", "raek_ud_foerst"))
    for y in sorted(spec.scale, reverse=True):
        cells = []
        for i, x in enumerate(spec.scale):
            here = [n for n in ranked if n.interest == x and n.influence == y]
            cells.append(_cell_lines(here, cols[i]))
        height = max(1, *(len(c) for c in cells))
        for row in range(height):
            label = str(y) if row == 0 else ""
            line: Line = [(label.rjust(GUTTER - 1) + " ", "axis"), ("│", "border")]
            for i, cell in enumerate(cells):
                if i == split:
                    line.append(("│", "border"))
                segs = cell[row] if row < len(cell) else []
                used = sum(cell_len(t) for t, _ in segs)
                line += segs
                line.append((" " * (cols[i] - used), None))
            line.append(("│", "border"))
            lines.append(line)
        if y == spec.high_from:
            lines.append(rule("├", "┼", "┤"))
    lines.append(names_row("hold_oeje", "gaa_sammen"))
    lines.append(rule("└", "┴", "┘"))
    ticks: Line = [(" " * (GUTTER + 1), None)]
    for i, x in enumerate(spec.scale):
        if i == split:
            ticks.append((" ", None))
        ticks.append((str(x).center(cols[i]), "axis"))
    lines.append(ticks)
    lines.append([(_fit(spec.x_name + " →", width).rjust(width - 1), "axis")])
    return lines


def plain(lines: Sequence[Line]) -> str:
    """The board as plain text, for tests and non-styled output."""
    return "\n".join("".join(text for text, _ in line).rstrip() for line in lines)
