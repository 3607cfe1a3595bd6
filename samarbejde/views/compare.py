"""The comparison in the terminal: the report model (`reports.compare_doc.build`) as Rich text.

Lines, not tables: every line wraps with a hanging indent, so the view reads the same at 80
columns and at 40. A and B keep their colours from the report (blue and orange) and their
letters, so nothing depends on colour alone.
"""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from samarbejde.guide.content import Guide
from samarbejde.reports.compare import Comparison, name_list
from samarbejde.reports.compare_doc import build
from samarbejde.views import health as health_views

SIDE_STYLES = {"A": "bold white on blue", "B": "bold black on dark_orange"}
SHOWN = 30  # shared actors and names of one side listed; the reports and --json have all


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _hang(mark: str, text: str, style: str = "") -> RenderableType:
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(mark), Text(text, style=style))
    return grid


def _side(letter: str, text: str, style: str = "", indent: int = 0) -> RenderableType:
    """A side's letter as a coloured badge and its text beside it, wrapped under itself."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(Text(f" {letter} ", style=SIDE_STYLES[letter]), Text(text, style=style))
    return Padding(grid, (0, 0, 0, indent)) if indent else grid


def compare_view(c: Comparison, guide: Guide, today: dt.date, width: int = 80) -> RenderableType:
    r = build(c, guide, today)
    t = r.texts
    parts: list[RenderableType] = [Text(r.title, style="bold"), Text("")]
    parts.append(_heading(t["compare_who"]))
    for letter, who, source in r.sides:
        parts.append(_side(letter, who, "bold"))
        parts.append(Padding(Text(source, style="dim"), (0, 0, 0, 4)))
    if r.roles_note:
        parts.append(Padding(Text(r.roles_note, style="italic"), (0, 0, 0, 2)))
    parts += [Text(""), _heading(t["compare_actors"])]
    if r.actors is not None:
        for row in r.actors.rows[:SHOWN]:
            number, name, a, b, diff = row
            parts.append(_hang(f"{number}.", name, "bold"))
            for letter, place in (("A", a), ("B", b)):
                parts.append(_side(letter, place, indent=4))
            if diff:
                parts.append(Padding(Text(diff, style="bold red"), (0, 0, 0, 4)))
        if len(r.actors.rows) > SHOWN:
            more = guide.texts("compare_more", count=len(r.actors.rows) - SHOWN)
            parts.append(Padding(Text("… " + more, style="dim"), (0, 0, 0, 2)))
    if r.actors_note:
        parts.append(Padding(Text(r.actors_note), (0, 0, 0, 2)))
    lists = [only for only in (c.only_a, c.only_b) if only]
    for (heading, _), actors in zip(r.only, lists, strict=True):
        parts.append(Text(heading, style="bold"))
        names = name_list([x.name for x in actors], guide, SHOWN)
        parts.append(Padding(Text(names), (0, 0, 0, 2)))
    parts += [Text(""), _heading(t["compare_each_other"])]
    parts += [_hang("•", line) for line in r.each_other]
    if r.step1 is not None:
        parts += [Text(""), _heading(t["compare_step1"])]
        for label, a, b in r.step1.rows:
            parts.append(Text(label, style="bold"))
            for letter, answer in (("A", a), ("B", b)):
                parts.append(_side(letter, " ".join(answer.split()), indent=2))
        if r.words:
            parts.append(Text(r.words, style="italic"))
    parts += [Text(""), _heading(t["compare_checklist"])]
    for heading, items in r.checklist:
        parts.append(Text(heading, style="bold"))
        parts += [Padding(_hang("•", item), (0, 0, 0, 2)) for item in items]
    parts += health_views.compare_parts(c, guide)  # the health check side by side
    parts += [Text(""), _heading(t["compare_points"])]
    for heading, lines in r.points:
        parts.append(Text(heading, style="bold cyan"))
        parts += [Padding(_hang("•", line), (0, 0, 0, 2)) for line in lines]
    if not r.points:
        parts.append(Text(t["compare_no_points"]))
    for heading, cards in r.cards:
        parts += [Text(""), _heading(heading)]
        for title, answer in cards:
            parts.append(Text(title, style="bold"))
            parts.append(Padding(Text(answer), (0, 0, 0, 2)))
    return Group(*parts)
