"""The handover (`samarbejde handover`): what a colleague taking over a session needs to know
— the open contacts and their dates, and who last spoke to whom (the contact log's writers),
and who last changed the answers. As rows (pure) and as Markdown. For the team itself, never
for a partner: it names colleagues."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from samarbejde.base.dates import fmt_date, fmt_time
from samarbejde.guide.content import Guide
from samarbejde.reports.render import md_cell
from samarbejde.reports.summary import by_line
from samarbejde.sessions.model import LogEntry, Session


class Row(NamedTuple):
    """One partner on the plan, or with a contact log."""

    partner: str
    person: str  # the partner's contact person
    next_contact: dt.date | None
    overdue: bool
    last: LogEntry | None  # the latest line of the contact log, by date


class Writer(NamedTuple):
    """A colleague who changed answers: how many, and when last."""

    user: str
    answers: int
    last: dt.datetime


def rows(session: Session, today: dt.date) -> list[Row]:
    """The partners on the plan or with a log: those with a next contact first (overdue ones
    first, then by date), then the others by name."""
    out = []
    for partner in session.partners:
        plan = session.outreach.get(partner.id)
        if plan is None or not (plan.planned or plan.log):
            continue
        last = (
            sorted(plan.log, key=lambda e: e.date)[-1] if plan.log else None
        )  # of a day: the last
        due = plan.next_contact if plan.planned else None
        late = due is not None and due < today
        out.append(Row(partner.name, partner.contact, due, late, last))
    return sorted(
        out,
        key=lambda r: (r.next_contact is None, r.next_contact or dt.date.max, r.partner.casefold()),
    )


def writers(session: Session) -> list[Writer]:
    """Who changed the answers, the latest first."""
    found: dict[str, list[dt.datetime]] = {}
    for author in session.written_by.values():
        found.setdefault(author.user, []).append(author.at)
    out = [Writer(user, len(times), max(times)) for user, times in found.items() if user]
    return sorted(out, key=lambda w: w.last, reverse=True)


def markdown(session: Session, guide: Guide, today: dt.date) -> str:
    """The handover as a Markdown page: a heading, the partners as a table, the writers."""
    t = guide.texts
    lines = [f"# {md_cell(t('handover_title', name=session.name))}", ""]
    lines += [md_cell(t("handover_date", date=fmt_date(today))), ""]
    found = rows(session, today)
    lines += [f"## {md_cell(t('handover_contacts'))}", ""]
    if not found:
        lines += [md_cell(t("handover_none")), ""]
    else:
        head = [t(k) for k in ("handover_col_partner", "handover_col_person",
                               "handover_col_next", "handover_col_last")]  # fmt: skip
        lines.append("| " + " | ".join(md_cell(h) for h in head) + " |")
        lines.append("|" + "---|" * len(head))
        for row in found:
            lines.append("| " + " | ".join(md_cell(c) for c in cells(row, guide)) + " |")
        lines.append("")
    people = writers(session)
    if people:
        lines += [f"## {md_cell(t('handover_writers'))}", ""]
        for w in people:
            said = t("handover_writer", user=w.user, count=w.answers, last=fmt_time(w.last, t))
            lines.append(f"- {md_cell(said)}")
        lines.append("")
    return "\n".join(lines)


def cells(row: Row, guide: Guide) -> list[str]:
    """A row's cells: partner, contact person, next contact, the last contact and who wrote it."""
    t = guide.texts
    due = fmt_date(row.next_contact) if row.next_contact else t("handover_no_date")
    if row.overdue:
        due = t("overdue_on", date=due)
    last = ""
    if row.last is not None:
        last = f"{row.last.note} ({by_line(row.last)})" if row.last.note else by_line(row.last)
    return [row.partner, row.person, due, last or t("handover_never")]
