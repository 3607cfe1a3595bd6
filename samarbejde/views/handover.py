"""The handover in the terminal (`samarbejde handover`): the open contacts, their dates, and
who last spoke to whom."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from samarbejde.base.dates import fmt_date, fmt_time
from samarbejde.base.terminal import heading, indented
from samarbejde.guide.content import Guide
from samarbejde.reports.handover import cells, rows, writers
from samarbejde.sessions.model import Session

HANDOVER_TABLE_FROM = 90  # columns: narrower, each partner is a few lines


def handover_view(session: Session, guide: Guide, today: dt.date, width: int) -> RenderableType:
    t = guide.texts
    parts: list[RenderableType] = [heading(t("handover_title", name=session.name))]
    parts.append(Text(t("handover_date", date=fmt_date(today)), style="dim"))
    parts.append(Text(t("handover_contacts"), style="bold"))
    found = rows(session, today)
    if not found:
        parts.append(Text(t("handover_none"), style="dim"))
    elif width >= HANDOVER_TABLE_FROM:
        table = Table(header_style="bold", expand=False)
        for key in ("handover_col_partner", "handover_col_person", "handover_col_next",
                    "handover_col_last"):  # fmt: skip
            table.add_column(t(key), overflow="fold")
        for row in found:
            style = "red" if row.overdue else ""
            table.add_row(*(Text(cell, style=style) for cell in cells(row, guide)))
        parts.append(table)
    else:
        for row in found:
            partner, person, due, last = cells(row, guide)
            parts.append(Text(partner, style="bold"))
            if person:
                parts.append(indented(t("handover_line_person", person=person)))
            parts.append(indented(t("handover_line_next", date=due), "red" if row.overdue else ""))
            parts.append(indented(t("handover_line_last", last=last), "dim"))
    people = writers(session)
    if people:
        parts.append(Text())
        parts.append(Text(t("handover_writers"), style="bold"))
        for w in people:
            said = t("handover_writer", user=w.user, count=w.answers, last=fmt_time(w.last, t))
            parts.append(indented(said))
    return Group(*parts)
