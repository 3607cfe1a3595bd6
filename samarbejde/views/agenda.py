"""The agenda in the terminal: whom to contact and when, across the sessions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from samarbejde.base.contact_text import contact_parts
from samarbejde.base.dates import fmt_date
from samarbejde.base.terminal import command_line, heading
from samarbejde.guide.content import Guide

if TYPE_CHECKING:
    from samarbejde.reports.agenda import Item


AGENDA_TABLE_FROM = 76  # the same for the agenda's items
AGENDA_WIDEST = 100  # the agenda's table, on a wide screen: the columns stay near each other


class Unbroken:
    """A contact person's line, wrapped at its spaces to the room it gets but never cut, and
    never inside the phone number found in it ("21 43 65 87" stays on one line)."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style
        phone = contact_parts(text).phone
        start = text.find(phone) if phone else -1
        end, joined = start + len(phone), False
        self.atoms: list[str] = []
        for word in re.finditer(r"\S+", text):  # the words of the number (and its comma) as one
            inside = start >= 0 and word.start() < end and word.end() > start
            if inside and joined:
                self.atoms[-1] += " " + word.group()
            else:
                self.atoms.append(word.group())
            joined = inside

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(a) for a in self.atoms), default=0)
        return Measurement(min(widest, options.max_width), cell_len(" ".join(self.atoms)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room, line = max(1, options.max_width), ""
        for atom in self.atoms:
            if line and cell_len(line) + 1 + cell_len(atom) > room:
                yield Text(line, style=self.style, overflow="fold")
                line = atom
            else:
                line = f"{line} {atom}" if line else atom
        yield Text(line, style=self.style, overflow="fold")  # a word wider than all: folded


def agenda_view(
    found: Sequence[Item], guide: Guide, days: int, width: int = 80, program: str = "samarbejde"
) -> RenderableType:
    """Whom to contact and when: one line per item under column headings (date with its
    weekday first, whom, their contact person, the session; "!" for overdue), wrapped where
    the room is short, never cut; narrower than the table, the date, whom, and the contact
    person on lines of their own. Under it, the command to act on the first overdue contact.
    """
    t = guide.texts
    parts: list[RenderableType] = [heading(t("agenda_title", days=days))]
    if not found:
        return Group(*parts, Text(t("agenda_empty", days=days), style="dim"))
    if len({item.session for item in found}) == 1:
        parts.append(Text(t("agenda_one_session", session=found[0].session), style="dim"))
    weekdays = [w.strip() for w in t("date_words_weekdays").split(",")]

    def when(item: Item) -> Text:
        day = weekdays[item.date.weekday()] if len(weekdays) == 7 else ""
        text = Text(
            f"{day} {fmt_date(item.date)}".strip(), style="bold red" if item.overdue else ""
        )
        if item.overdue:
            text.append(" !", style="bold red")
        return text

    def whom(item: Item) -> str:
        if item.kind in ("health", "agreement_end", "agreement_notice"):  # says what it is
            return item.about
        return item.partner if item.partner else t("agenda_evaluation")

    several = len({item.session for item in found}) > 1  # else the title says which
    if width < AGENDA_TABLE_FROM:  # narrow: the date (and session), then whom to call
        for item in found:
            first = when(item)
            if several:
                first.append(f"  {item.session}", style="dim")
            first.truncate(width, overflow="ellipsis")
            parts += [first, Padding(Text(whom(item), style="bold"), (0, 0, 0, 2), expand=False)]
            if item.contact:  # on a line of its own: a phone number is never cut
                parts.append(Padding(Unbroken(item.contact), (0, 0, 0, 2), expand=False))
    else:
        table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False,
                      expand=True, width=min(width, AGENDA_WIDEST))  # fmt: skip
        table.add_column(t("agenda_col_date"), no_wrap=True, min_width=19)
        columns = [("agenda_col_partner", 3), ("agenda_col_contact", 2)]
        columns += [("agenda_col_session", 2)] if several else []
        for key, ratio in columns:
            table.add_column(t(key), no_wrap=True, overflow="ellipsis", ratio=ratio)
        table.columns[2].no_wrap = False  # the contact wraps at its spaces: never cut
        for item in found:
            cells: list[RenderableType] = [
                when(item),
                Text(whom(item), style="bold", no_wrap=item.partner == whom(item)),
                Unbroken(item.contact),
            ]
            table.add_row(*cells, *([Text(item.session)] if several else []))
        parts.append(table)
    if any(item.overdue for item in found):
        parts.append(Text(t("agenda_overdue_mark"), style="dim"))
    late = next((i for i in found if i.overdue and i.kind == "contact" and i.partner), None)
    if late is not None and late.partner is not None:
        command = command_line(program, "contact", late.session, late.partner)
        parts += [Text(), Text(t("agenda_act", command=command), style="bold")]
    return Group(*parts)
