"""Rich renderables: the guide, the session list, the summary. Each step adds its own part
(`steps.*`); what is shared lives here."""

from __future__ import annotations

import datetime as dt
import os
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from . import steps
from .content import Guide
from .dates import fmt_date, fmt_time
from .model import Session
from .steps.base import DONE, STARTED, TODO
from .store import Listed

if TYPE_CHECKING:
    from .agenda import Item

STYLES = {
    "axis": "cyan",
    "quadrant": "bold",
    "note": "black on yellow",
    "border": "dim",
    None: "",
}
STATUS_STYLES = {DONE: "green", STARTED: "yellow", TODO: "dim"}
SUMMARY_CONTACTS = 10  # the soonest, overdue ones first


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def command_line(program: str, *args: str) -> str:
    """A command to type, quoted for this system's shell (cmd and PowerShell on Windows)."""
    if os.name == "nt":
        import subprocess

        return " ".join([program, subprocess.list2cmdline(args)])
    return " ".join([program, *(shlex.quote(a) for a in args)])


def resume_command(session: Session, program: str = "samarbejde") -> str:
    return command_line(program, "resume", session.name)


def overdue(session: Session, guide: Guide, today: dt.date) -> bool:
    """Is a next contact or the next evaluation past?"""
    evaluation = session.next_evaluation(guide)
    late = evaluation is not None and evaluation < today
    return late or any(u.overdue for u in session.next_contacts(today))


def steps_done(session: Session, guide: Guide) -> int:
    return sum(steps.kind(s.id).status(session, guide) == DONE for s in guide.steps)


# -- the guide -----------------------------------------------------------------------------


def guide_view(guide: Guide) -> RenderableType:
    t = guide.texts
    parts: list[RenderableType] = [Text(guide.title, style="bold reverse"), Text()]
    for paragraph in guide.intro.paragraphs:
        parts += [Text(paragraph), Text()]
    for step in guide.steps:
        parts += [heading(step.full_heading)]
        if step.reconstructed:
            note = f"({t('reconstructed')}) {step.reconstructed_note}"
            parts.append(Text(note, style="italic dim"))
        parts += [Text(p) for p in step.text]
        parts += steps.kind(step.id).guide_parts(guide)
        for q in step.questions:
            parts.append(Text(f"• {q.label}", style="italic"))
        parts.append(Text())
    return Group(*parts)


# -- list ----------------------------------------------------------------------------------


ABOUT_CHARACTERS = 100  # what a contact is about, in the agenda: the plan's start; "…" after


def _short(text: str) -> str:
    return text if len(text) <= ABOUT_CHARACTERS else text[: ABOUT_CHARACTERS - 1].rstrip() + "…"


LIST_TABLE_FROM = 82  # columns: narrower, each session is a few lines instead of a table row
AGENDA_TABLE_FROM = 76  # the same for the agenda's items


def list_view(entries: Sequence[Listed], guide: Guide, width: int = 80) -> RenderableType:
    if width < LIST_TABLE_FROM:
        return _list_lines(entries, guide)
    t = guide.texts
    table = Table(title=t("list_title"), title_justify="left", header_style="bold")
    table.add_column(t("list_session"), overflow="fold", ratio=1, min_width=16)
    table.add_column(t("role"), overflow="fold")
    table.add_column(t("list_steps"), justify="right", no_wrap=True)
    table.add_column(t("list_checklist"), justify="right", no_wrap=True)
    table.add_column(t("list_changed"), no_wrap=True)
    steps_total = len(guide.steps)
    items_total = len(guide.checklist)
    for entry in entries:
        s = entry.session
        if s is None:
            unreadable = Text(t("list_unreadable"), style="red")
            table.add_row(Text(entry.path.name), unreadable, "", "", fmt_time(entry.changed))
            continue
        table.add_row(
            Text(s.name),
            guide.role_label(s.role),
            f"{steps_done(s, guide)}/{steps_total}",
            f"{s.ticked(guide)}/{items_total}",
            fmt_time(s.updated),
        )
    return table


def _list_lines(entries: Sequence[Listed], guide: Guide) -> RenderableType:
    """The list for a narrow terminal: the name on its own line, the rest below it."""
    t = guide.texts
    parts: list[RenderableType] = [Text(t("list_title"), style="bold underline")]
    for entry in entries:
        s = entry.session
        if s is None:
            parts.append(Text(entry.path.name, style="bold"))
            parts.append(_indented(t("list_unreadable"), "red"))
            continue
        parts.append(Text(s.name, style="bold"))
        steps_line = t(
            "list_line",
            role=guide.role_label(s.role),
            steps=f"{steps_done(s, guide)}/{len(guide.steps)}",
            checklist=f"{s.ticked(guide)}/{len(guide.checklist)}",
        )
        parts.append(_indented(steps_line))
        parts.append(_indented(t("list_changed_line", changed=fmt_time(s.updated)), "dim"))
    return Group(*parts)


# -- agenda --------------------------------------------------------------------------------


def agenda_view(found: Sequence[Item], guide: Guide, days: int, width: int = 80) -> RenderableType:
    from .agenda import line_date

    t = guide.texts
    parts: list[RenderableType] = [heading(t("agenda_title", days=days))]
    if not found:
        return Group(*parts, Text(t("agenda_empty", days=days), style="dim"))
    weekdays = [w.strip() for w in t("date_words_weekdays").split(",")]
    if width < AGENDA_TABLE_FROM:  # narrow: a few lines per item, as in the list
        for item in found:
            when = Text(line_date(item, weekdays), style="red bold" if item.overdue else "bold")
            if item.overdue:
                when.append(f" {t('overdue')}", style="red")
            what = item.partner if item.partner else t("agenda_evaluation")
            parts += [when, _indented(what, "bold"), _indented(item.session)]
            if item.about:
                parts.append(_indented(f"– {_short(item.about)}", "dim"))
        return Group(*parts)
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(ratio=2, overflow="fold")
    table.add_column(ratio=3, overflow="fold")
    for item in found:
        what = item.partner if item.partner else t("agenda_evaluation")
        when = Text(line_date(item, weekdays), style="red bold" if item.overdue else "")
        if item.overdue:
            when.append(f" {t('overdue')}", style="red")
        about = Text(what, style="bold")
        if item.about:
            about.append(f" – {_short(item.about)}")
        table.add_row(when, Text(item.session), about)
    return Group(*parts, table)


# -- summary -------------------------------------------------------------------------------


def _header(session: Session, guide: Guide) -> Panel:
    t = guide.texts
    header = Text()
    header.append(f"{t('role')}: ", style="bold").append(guide.role_label(session.role))
    if session.organisation:
        header.append(f"   {t('organisation')}: ", style="bold").append(session.organisation)
    header.append(f"\n{t('updated')}: ", style="bold").append(fmt_time(session.updated))
    if session.forms:
        forms = ", ".join(guide.label(guide.forms, f) for f in session.forms)
        header.append(f"\n{t('forms')}: ", style="bold").append(forms)
    title = Text(session.name, style="bold", no_wrap=True, overflow="ellipsis")
    return Panel(header, title=title, title_align="left")


def _step_lines(session: Session, guide: Guide, width: int) -> Text:
    t = guide.texts
    lines = Text()
    statuses = [(s.heading, s.id, steps.kind(s.id).status(session, guide)) for s in guide.steps]
    labels = {state: t("status_" + state) for _, _, state in statuses}
    room = max(1, width - 2 - max(cell_len(label) for label in labels.values()))
    if any(cell_len(title) > room for title, _, _ in statuses):  # narrow: the menus' titles
        short = {s.id: s.short_heading for s in guide.steps}
        statuses = [(short[step_id], step_id, state) for _, step_id, state in statuses]
    column = min(room, max(cell_len(h) for h, _, _ in statuses))
    for title, step_id, state in statuses:
        if cell_len(title) > column:
            title = set_cell_size(title, column - 1) + "…"
        lines.append(set_cell_size(title, column) + "  ")
        lines.append(labels[state] + "\n", style=STATUS_STYLES[state])
        gap = steps.kind(step_id).missing(session, guide) if step_id in session.completed else ""
        if gap:
            lines.append(f"   {gap}\n", style="yellow")
    return lines


def _dates(session: Session, guide: Guide, today: dt.date) -> list[RenderableType]:
    """The next contacts and the next evaluation; overdue ones stand out."""
    t = guide.texts
    parts: list[RenderableType] = [heading(t("summary_contacts"))]
    upcoming = session.next_contacts(today)
    for u in upcoming[:SUMMARY_CONTACTS]:
        line = Text(f"{fmt_date(u.date)}  ", style="red bold" if u.overdue else "")
        line.append(u.partner)
        if u.overdue:
            line.append(f"  ({t('overdue')})", style="red")
        parts.append(line)
    if len(upcoming) > SUMMARY_CONTACTS:
        more = t("summary_more_contacts", count=len(upcoming) - SUMMARY_CONTACTS)
        parts.append(Text(more, style="dim"))
    if not upcoming:
        parts.append(Text(t("summary_no_contacts"), style="dim"))
    evaluation = session.next_evaluation(guide)
    if evaluation is None:
        parts.append(Text(t("summary_no_evaluation"), style="dim"))
    else:
        overdue = evaluation < today
        text = t("summary_evaluation", date=fmt_date(evaluation))
        line = Text(text, style="red bold" if overdue else "")
        if overdue:
            line.append(f"  ({t('overdue')})", style="red")
        parts.append(line)
    return parts


SUMMARY_ROUNDS = 8  # the dates of the latest rounds


def rounds_parts(session: Session, guide: Guide, program: str) -> list[RenderableType]:
    """The evaluation rounds: their dates, and the way travelled since the previous round
    (the checklist, the partners that moved quadrant, what is adjusted)."""
    if not session.rounds:
        return []
    t = guide.texts
    parts: list[RenderableType] = [heading(t("rounds_title"))]
    done = session.finished_rounds()
    dates = [fmt_date(r.date) for r in done]
    if done and done[0] is session.rounds[0]:
        dates[0] = t("rounds_start", date=dates[0])
    if len(dates) > SUMMARY_ROUNDS:
        dates = ["…", *dates[-SUMMARY_ROUNDS:]]
    if dates:
        parts.append(Text(t("rounds_dates", dates=", ".join(dates))))
    way = travelled(session, guide)
    if way is not None:
        since, lines, moved = way
        parts.append(Text(since, style="bold"))
        parts += [_indented(line) for line in lines]
        if not moved:
            parts.append(_indented(t("rounds_no_moves"), "dim"))
        if done[-1].note:
            parts.append(_indented(t("rounds_note", note=done[-1].note), "italic"))
    unfinished = session.open_round()
    if unfinished is not None:
        command = command_line(program, "evaluate", session.name)
        text = t("rounds_open", date=fmt_date(unfinished.date), command=command)
        parts.append(Text(text, style="yellow"))
    return [*parts, Text()]


def travelled(session: Session, guide: Guide) -> tuple[str, list[str], bool] | None:
    """The way travelled between the last two finished rounds: "Siden 20-11-2026:", the lines
    under it ("Tjekliste: 3 → 5 af 6", "Ældresagen: Gå sammen → Ræk ud først"), and whether
    any partner moved quadrant. None before the second round."""
    counts = session.checklist_travelled(guide)
    if counts is None:
        return None
    t, name_of = guide.texts, guide.quadrant_label
    before, after = counts
    lines = [t("rounds_checklist", before=before, after=after, total=len(guide.checklist))]
    moves = session.moves(guide)
    lines += [
        t("rounds_move", name=m.partner, before=name_of(m.before), after=name_of(m.after))
        for m in moves
    ]
    since = t("rounds_since", date=fmt_date(session.finished_rounds()[-2].date))
    return since, lines, bool(moves)


def _indented(text: str, style: str = "") -> Padding:
    """A line under a heading; wrapped, it stays indented."""
    return Padding(Text(text, style=style), (0, 0, 0, 2), expand=False)  # no trailing spaces


def summary_view(
    session: Session,
    path: Path,
    guide: Guide,
    today: dt.date,
    width: int,
    program: str = "samarbejde",
) -> RenderableType:
    t = guide.texts
    parts: list[RenderableType] = [_header(session, guide)]
    parts += [heading(t("summary_steps")), _step_lines(session, guide, width)]
    for step in guide.steps:
        parts += steps.kind(step.id).summary_parts(session, guide, width, program)
    parts += _dates(session, guide, today)
    if overdue(session, guide, today):
        hint = t("agenda_overdue_hint", command=command_line(program, "agenda"))
        parts.append(Text(hint, style="red"))
    evaluation = session.next_evaluation(guide)
    if evaluation is not None and evaluation <= today and session.open_round() is None:
        hint = t("evaluate_due_hint", command=command_line(program, "evaluate", session.name))
        parts.append(Text(hint))
    parts.append(Text())
    parts += rounds_parts(session, guide, program)
    command = resume_command(session, program)
    parts.append(Text(t("summary_continue", command=command), style="bold"))
    parts.append(Text(t("summary_file", path=str(path)), style="dim"))
    return Group(*parts)


def summary_data(session: Session, guide: Guide, today: dt.date) -> dict[str, object]:
    """The stable `--json` form of the summary (documented in the README)."""
    evaluation = session.next_evaluation(guide)
    return {
        "name": session.name,
        "role": session.role,
        "organisation": session.organisation,
        "updated": session.updated.isoformat(),
        "steps": [
            {"id": s.id, "title": s.title, "status": steps.kind(s.id).status(session, guide)}
            for s in guide.steps
        ],
        "partners": [
            {
                "id": p.id,
                "name": p.name,
                "interest": p.interest,
                "influence": p.influence,
                "quadrant": r.quadrant if r else None,
                "priority": r.priority if r else None,
            }
            for p, r in session.partners_in_order(guide)
        ],
        "checklist": [
            {
                "id": item.id,
                "title": item.title,
                "done": session.is_ticked(item.id),
                "note": session.checklist[item.id].note if item.id in session.checklist else "",
            }
            for item in guide.checklist
        ],
        "next_contacts": [
            {"partner": u.partner, "date": u.date.isoformat(), "overdue": u.overdue}
            for u in session.next_contacts(today)
        ],
        "next_evaluation": evaluation.isoformat() if evaluation else None,
        "rounds": [
            {
                "date": r.date.isoformat(),
                "checklist_done": r.checklist_done(guide),
                "ticked": [item.id for item in guide.checklist if item.id in r.ticked],
                "scores": {
                    p.id: {"partner": p.name, "interest": sc.interest, "influence": sc.influence}
                    for p, sc in session.round_scores(r)
                },
                "note": r.note,
                "next_evaluation": r.next_evaluation.isoformat() if r.next_evaluation else None,
                "finished": r.finished,
            }
            for r in session.rounds
        ],
    }
