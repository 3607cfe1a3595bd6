"""The agenda in the terminal: whom to contact and when, across the sessions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from samarbejde.base.contact_text import contact_parts
from samarbejde.base.dates import fmt_date
from samarbejde.base.terminal import command_line, heading
from samarbejde.guide.content import Guide
from samarbejde.views.lines import Cell, Cells, Column, Drawn, Line, Part, clean, grid

if TYPE_CHECKING:
    from samarbejde.reports.agenda import Item


AGENDA_TABLE_FROM = 76  # the same for the agenda's items


def unbroken(text: str) -> tuple[str, ...]:
    """A contact person's line in the pieces it may be broken between: its words, but the
    words of the phone number found in it as one ("21 43 65 87" stays on one line)."""
    phone = contact_parts(text).phone
    start = text.find(phone) if phone else -1
    end, joined = start + len(phone), False
    atoms: list[str] = []
    for word in re.finditer(r"\S+", text):  # the words of the number (and its comma) as one
        inside = start >= 0 and word.start() < end and word.end() > start
        if inside and joined:
            atoms[-1] += " " + word.group()
        else:
            atoms.append(word.group())
        joined = inside
    return tuple(atoms)


def agenda_view(
    found: Sequence[Item], guide: Guide, days: int, width: int = 80, program: str = "samarbejde"
) -> RenderableType:
    """Whom to contact and when: one line per item under column headings (date with its
    weekday first, whom, their contact person, the session; "!" for overdue), wrapped at
    spaces where the room is short, never cut; narrower than the table, the date, whom, and
    the contact person on lines of their own. Under it, the command to act on the first
    overdue contact. The items are laid out by `lines` (a Rich table of 3,000 rows took
    seconds)."""
    t = guide.texts
    parts: list[RenderableType] = [heading(t("agenda_title", days=days))]
    if not found:
        return Group(*parts, Text(t("agenda_empty", days=days), style="dim"))
    several = len({item.session for item in found}) > 1  # else the title says which
    if not several:
        parts.append(Text(t("agenda_one_session", session=found[0].session), style="dim"))
    weekdays = [w.strip() for w in t("date_words_weekdays").split(",")]

    dates: dict[tuple[dt.date, bool], Part] = {}
    contacts: dict[str, Part] = {}  # each date and contact person laid out once

    def when(item: Item) -> Part:
        found = dates.get((item.date, item.overdue))
        if found is None:
            day = weekdays[item.date.weekday()] if len(weekdays) == 7 else ""
            text = f"{day} {fmt_date(item.date)}".strip()
            found = Part(f"{text} !", "bold red") if item.overdue else Part(text)
            dates[(item.date, item.overdue)] = found
        return found

    def whom(item: Item) -> str:
        if item.kind in ("health", "agreement_end", "agreement_notice"):  # says what it is
            return item.about
        return item.partner if item.partner else t("agenda_evaluation")

    def contact(item: Item) -> Part:
        found = contacts.get(item.contact)
        if found is None:
            found = contacts[item.contact] = Part(item.contact, atoms=unbroken(item.contact))
        return found

    lines: list[Line] = []
    cells = Cells()
    if width < AGENDA_TABLE_FROM:  # narrow: the date (and session), then whom to call
        for item in found:
            first = when(item)
            session = clean(item.session)
            if several and cell_len(f"{first.text}  {session}") <= width:
                lines.append([(first.text, first.style), (f"  {session}", "dim")])
            else:
                lines += cells.block(first, width)
                lines += cells.block(Part(session, "dim"), width, 2) if several else []
            lines += cells.block(Part(whom(item), "bold"), width, 2)
            if item.contact:  # on a line of its own: a phone number is never cut
                lines += cells.block(contact(item), width, 2)
    else:
        columns = [Column(t("agenda_col_date"), wraps=False, min_width=19)]
        columns += [Column(t("agenda_col_partner"), ratio=3)]
        columns += [Column(t("agenda_col_contact"), ratio=2)]
        columns += [Column(t("agenda_col_session"), ratio=2)] if several else []
        rows: list[list[Cell]] = []
        for item in found:
            row: list[Cell] = [when(item), Part(whom(item), "bold"), contact(item)]
            rows.append([*row, item.session] if several else row)
        lines = grid(columns, rows, width, cells=cells)  # each column as wide as its texts
    parts.append(Drawn(lines))
    if any(item.overdue for item in found):
        parts.append(Text(t("agenda_overdue_mark"), style="dim"))
    late = next((i for i in found if i.overdue and i.kind == "contact" and i.partner), None)
    if late is not None and late.partner is not None:
        command = command_line(program, "contact", late.session, late.partner)
        parts += [Text(), Text(t("agenda_act", command=command), style="bold")]
    return Group(*parts)
