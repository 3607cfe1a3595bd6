"""Long lists laid out by the program itself, as plain lines of styled text: `list` and
`agenda` over a team's folder. A Rich table lays out every cell as a renderable of its own
(1,000 sessions: about a second); here each cell is measured with Rich's `cell_len`, wrapped
at its spaces (a word wider than its column folded, never cut off), and the lines go to the
console as few ready segments, through the same render hook that drops control characters.
Every text is also cleaned here (`shown`) before it is measured, so the columns stay in place.
A text met again (a partner's name on many rows, a date) is measured and wrapped once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

from samarbejde.base.terminal import shown

Piece = tuple[str, str]  # a text and its style's name ("" for none)
Line = list[Piece]


class Part(NamedTuple):
    """A paragraph of a cell: its text, its style, and (if it must not be broken anywhere
    but between them) the pieces it is made of, joined by spaces."""

    text: str
    style: str = ""
    atoms: tuple[str, ...] | None = None


Cell = str | Part | tuple[Part, ...]


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # justified to the right (numbers)
    wraps: bool = True  # False: always its whole width (a date, a count)
    ratio: int = 1  # its share of the room when the texts are wider than the screen
    min_width: int = 0


def clean(text: str) -> str:
    """Text as it can be measured: no control characters or overrides, a tab a space."""
    return shown(text).replace("\t", " ")


def wrap(text: str, room: int, atoms: Sequence[str] | None = None) -> list[str]:
    """`text` in lines of at most `room` cells, broken at its spaces (or between `atoms`);
    a word wider than the room is folded; a line break stays."""
    room = max(1, room)
    if atoms is None:
        if "\n" not in text and cell_len(text) <= room:
            return [text]
        return [line for para in text.split("\n") for line in _fill(para.split(" "), room)]
    return _fill(atoms, room)


def _fill(words: Sequence[str], room: int) -> list[str]:
    out: list[str] = []
    line, width = "", 0
    for word in words:
        if not line and not word:
            continue  # no space at the start of a line
        size = cell_len(word)
        if line and width + 1 + size <= room:
            line, width = f"{line} {word}", width + 1 + size
            continue
        if line:
            out.append(line.rstrip(" "))
        if size > room:  # wider than the room: folded
            *whole, word = chop_cells(word, room)
            out += whole
            size = cell_len(word)
        line, width = word, size
    if line or not out:
        out.append(line.rstrip(" "))
    return out


class _Para(NamedTuple):
    """A cleaned paragraph with its width (its widest line)."""

    text: str
    style: str
    atoms: tuple[str, ...] | None
    width: int


class Cells:
    """Cells cleaned, measured and wrapped, each distinct one once (for one view)."""

    def __init__(self) -> None:
        self.seen: dict[Cell, tuple[_Para, ...]] = {}
        self.wrapped: dict[tuple[_Para, int], list[tuple[str, str, int]]] = {}

    def paras(self, cell: Cell) -> tuple[_Para, ...]:
        found = self.seen.get(cell)
        if found is None:
            parts = (Part(cell),) if isinstance(cell, str) else cell
            parts = (parts,) if isinstance(parts, Part) else parts
            found = self.seen[cell] = tuple(_para(p) for p in parts)
        return found

    def lines(self, paras: tuple[_Para, ...], room: int) -> list[tuple[str, str, int]]:
        """The paragraphs' lines in `room` cells, each with its style and width."""
        if len(paras) == 1 and paras[0].width <= room:  # the common case: it fits
            return [(paras[0].text, paras[0].style, paras[0].width)]
        out: list[tuple[str, str, int]] = []
        for p in paras:
            found = self.wrapped.get((p, room))
            if found is None:
                lines = wrap(p.text, room, p.atoms)
                found = self.wrapped[(p, room)] = [(x, p.style, cell_len(x)) for x in lines]
            out += found
        return out

    def block(self, cell: Cell, width: int, indent: int = 0) -> list[Line]:
        """A cell's lines wrapped to the width (each indented by `indent`, as under a
        heading)."""
        pieces = self.lines(self.paras(cell), width - indent)
        pad = " " * indent
        return [[(pad, ""), (text, style)] for text, style, _ in pieces]


def _para(part: Part) -> _Para:
    text = clean(part.text)
    atoms = tuple(clean(a) for a in part.atoms) if part.atoms is not None else None
    if atoms is not None:  # on one line, the pieces as they are joined
        text = " ".join(atoms)
    return _Para(text, part.style, atoms, _widest_line(text))


def _widest_line(text: str) -> int:
    if "\n" not in text:
        return cell_len(text)
    return max(cell_len(line) for line in text.split("\n"))


def _widest_word(paras: Sequence[_Para]) -> int:
    words = (w for p in paras for w in (p.atoms or p.text.split()))
    return max(map(cell_len, words), default=0)


def widths(
    columns: Sequence[Column], rows: Sequence[Sequence[tuple[_Para, ...]]], room: int
) -> list[int]:
    """Each column's width: its widest text where all fit in `room`; else the columns that
    wrap share what the others leave, by their ratio, none wider than its texts and (where
    there is room for it) none narrower than its widest word."""
    natural = [max(cell_len(c.header), c.min_width) for c in columns]
    for n in range(len(columns)):
        distinct = {row[n] for row in rows}  # a partner's name on many rows: measured once
        natural[n] = max([natural[n], *(p.width for paras in distinct for p in paras)])
    if sum(natural) <= room:
        return natural
    out = list(natural)
    flexible = [n for n, c in enumerate(columns) if c.wraps]
    left = shared = room - sum(natural[n] for n in range(len(columns)) if n not in flexible)
    while flexible:  # the columns that fit in their share keep their width
        total = sum(columns[n].ratio for n in flexible)
        fits = [n for n in flexible if natural[n] * total <= left * columns[n].ratio]
        if not fits:
            break
        for n in fits:
            flexible.remove(n)
            left -= natural[n]
    total = sum(columns[n].ratio for n in flexible) or 1
    for n in flexible:
        out[n] = max(1, left * columns[n].ratio // total)
    if flexible:
        out[flexible[-1]] += max(0, left - sum(out[n] for n in flexible))
    _not_below_words(columns, rows, out, [n for n, c in enumerate(columns) if c.wraps], shared)
    return out


def _not_below_words(
    columns: Sequence[Column],
    rows: Sequence[Sequence[tuple[_Para, ...]]],
    out: list[int],
    flex: list[int],
    room: int,
) -> None:
    """Columns narrower than their widest word (up to an even share of the `room` the
    columns that wrap have; a long e-mail address is folded rather than squeezing the names)
    or than their minimum take room from those with room to spare."""
    even = room // max(1, len(flex))
    least = {}
    for n in flex:
        distinct = {row[n] for row in rows}
        widest = _widest_word([p for paras in distinct for p in paras])
        least[n] = max(columns[n].min_width, min(widest, even))
    for n in flex:
        while out[n] < least[n]:
            spare = [m for m in flex if m != n and out[m] > least[m]]
            if not spare:
                break
            giver = max(spare, key=lambda m: out[m] - least[m])
            moved = min(least[n] - out[n], out[giver] - least[giver])
            out[n] += moved
            out[giver] -= moved


def grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    boxed: bool = False,
    header_style: str = "bold",
    cells: Cells | None = None,
) -> list[Line]:
    """A table as lines: a header, then each row, its cells wrapped in their columns. Boxed,
    in Rich's heavy-headed frame; else the columns two spaces apart, no space at line ends."""
    cells = Cells() if cells is None else cells
    header = [cells.paras(Part(c.header, header_style)) for c in columns]
    body = [[cells.paras(c) for c in row] for row in rows]
    count = len(columns)
    room = width - (3 * count + 1 if boxed else 2 * (count - 1))
    sizes = widths(columns, [header, *body], room)
    out: list[Line] = []
    if boxed:
        out.append([(_rule("┏", "━", "┳", "┓", sizes), "")])
        out += _row(columns, header, sizes, ("┃ ", " ┃ ", " ┃"), cells)
        out.append([(_rule("┡", "━", "╇", "┩", sizes), "")])
        for row in body:
            out += _row(columns, row, sizes, ("│ ", " │ ", " │"), cells)
        out.append([(_rule("└", "─", "┴", "┘", sizes), "")])
        return out
    for row in [header, *body]:
        out += [_trimmed(line) for line in _row(columns, row, sizes, ("", "  ", ""), cells)]
    return out


def _rule(first: str, line: str, cross: str, last: str, sizes: Sequence[int]) -> str:
    return first + cross.join(line * (size + 2) for size in sizes) + last


def _row(
    columns: Sequence[Column],
    row: Sequence[tuple[_Para, ...]],
    sizes: Sequence[int],
    borders: tuple[str, str, str],
    cells: Cells,
) -> list[Line]:
    """A row's lines; what has no style goes in one piece with the borders and gaps."""
    left, mid, right = borders
    wrapped = [cells.lines(paras, size) for paras, size in zip(row, sizes, strict=True)]
    out = []
    last = len(columns) - 1
    for k in range(max(map(len, wrapped))):
        line: Line = []
        plain = left
        for n, column in enumerate(columns):
            text, style, used = wrapped[n][k] if k < len(wrapped[n]) else ("", "", 0)
            gap = " " * (sizes[n] - used)
            end = right if n == last else mid
            if column.right:
                plain += gap
            if style and text:
                line.append((plain, ""))
                line.append((text, style))
                plain = ""
            else:
                plain += text
            plain += end if column.right else gap + end
        line.append((plain, ""))
        out.append(line)
    return out


def _trimmed(line: Line) -> Line:
    """A line without the spaces at its end."""
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        text, style = line[-1]
        line[-1] = (text.rstrip(" "), style)
    return line


class Drawn:
    """Ready lines as a Rich renderable: a segment for each run of one style (lines of
    plain text together in one), the line breaks unstyled."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((sum(cell_len(t) for t, _ in line) for line in self.lines), default=0)
        return Measurement(widest, widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        if console.color_system is None and not console.record:  # a pipe, a file: no style
            plain = (text for line in self.lines for text, _ in (*line, ("\n", "")))
            yield Segment("".join(plain))  # is shown, the lines go as one segment
            return
        styles: dict[str, Style | None] = {"": None}
        run: list[str] = []
        current = ""
        for line in self.lines:
            for text, name in line:
                if not text:
                    continue
                if name != current:
                    if run:
                        yield Segment("".join(run), styles[current])
                    run, current = [], name
                    if name not in styles:
                        styles[name] = console.get_style(name)
                run.append(text)
            if current:
                yield Segment("".join(run), styles[current])
                run, current = [], ""
            run.append("\n")
        if run:
            yield Segment("".join(run), styles[current])
