"""The agenda in the terminal: whom to contact and when, across the sessions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from samarbejde.base.dates import fmt_date
from samarbejde.base.terminal import command_line, heading
from samarbejde.guide.content import Guide

if TYPE_CHECKING:
    from samarbejde.reports.agenda import Item


AGENDA_TABLE_FROM = 76  # the same for the agenda's items
AGENDA_WIDEST = 100  # the agenda's table, on a wide screen: the columns stay near each other


def agenda_view(
    found: Sequence[Item], guide: Guide, days: int, width: int = 80, program: str = "samarbejde"
) -> RenderableType:
    """Whom to contact and when: one line per item under column headings (date with its
    weekday first, whom, their contact person, the session; "!" for overdue); narrower than
    the table, two lines per item. Under it, the command to act on the first overdue contact.
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
        if item.kind == "health":  # the next health check says what it is
            return item.about
        return item.partner if item.partner else t("agenda_evaluation")

    several = len({item.session for item in found}) > 1  # else the title says which
    if width < AGENDA_TABLE_FROM:  # narrow: the date (and session), then whom to call
        for item in found:
            first = when(item)
            if several:
                first.append(f"  {item.session}", style="dim")
            first.truncate(width, overflow="ellipsis")
            second = Text(whom(item), style="bold")
            if item.contact:
                second.append(f" · {item.contact}")
            parts += [first, Padding(second, (0, 0, 0, 2), expand=False)]
    else:
        table = Table(box=None, pad_edge=False, header_style="bold", show_edge=False,
                      expand=True, width=min(width, AGENDA_WIDEST))  # fmt: skip
        table.add_column(t("agenda_col_date"), no_wrap=True, min_width=19)
        columns = [("agenda_col_partner", 3), ("agenda_col_contact", 2)]
        columns += [("agenda_col_session", 2)] if several else []
        for key, ratio in columns:
            table.add_column(t(key), no_wrap=True, overflow="ellipsis", ratio=ratio)
        for item in found:
            cells = [when(item), Text(whom(item), style="bold"), Text(item.contact)]
            table.add_row(*cells, *([Text(item.session)] if several else []))
        parts.append(table)
    if any(item.overdue for item in found):
        parts.append(Text(t("agenda_overdue_mark"), style="dim"))
    late = next((i for i in found if i.overdue and i.kind == "contact" and i.partner), None)
    if late is not None and late.partner is not None:
        command = command_line(program, "contact", late.session, late.partner)
        parts += [Text(), Text(t("agenda_act", command=command), style="bold")]
    return Group(*parts)
