"""The sessions in the terminal: the list, each session's brief (kept in the index), the
command that carries one on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from samarbejde.base.dates import fmt_time
from samarbejde.base.ids import DONE
from samarbejde.base.terminal import command_line, indented
from samarbejde.guide.content import Guide
from samarbejde.sessions import index
from samarbejde.sessions.index import Brief, Briefed, keyed
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import Store, competing, is_copy

if TYPE_CHECKING:
    from pathlib import Path


def resume_command(session: Session, program: str = "samarbejde") -> str:
    return command_line(program, "resume", session.name)


def steps_done(session: Session, guide: Guide) -> int:
    """The guide's numbered steps done ("Før I går i gang" has no number and is not counted)."""
    from samarbejde import steps  # only for a brief made anew: `list` with its index has none

    return sum(steps.kind(s.id).status(session, guide) == DONE for s in guide.steps if s.numbered)


def brief(session: Session, guide: Guide) -> Brief:
    """What `list` and `agenda` show of a session (kept in the sessions' index)."""
    from samarbejde.reports import agenda

    return Brief(
        name=session.name,
        role=session.role,
        updated=session.updated,
        steps_done=steps_done(session, guide),
        ticked=session.ticked(guide),
        evaluation=session.next_evaluation(guide),
        contacts=agenda.dated(session, guide),
        no_plan=[p.name for p in session.without_plan(guide)],
    )


# What a brief holds: an index made when a brief held other fields is rebuilt.
# The fields, and how many times what they hold was computed anew (2: the agreement's and the
# health check's dates got the partner's contact person): an index of before is made again.
BRIEF_FIELDS = " ".join([*Brief.model_fields, "2"])


def briefs(store: Store, guide: Guide) -> list[Briefed]:
    """Every session file's brief, newest first, through the index beside the sessions; it
    is valid for this guide (its steps, checklist and scale) and `index.FORMAT`."""
    key = keyed([guide.model_dump_json(), BRIEF_FIELDS])
    return index.briefs(store, key, lambda session: brief(session, guide))


def copies(entries: Sequence[Briefed], guide: Guide) -> set[Path]:
    """The files that are copies or namesakes: a sync client's conflict copy (by its file
    name), or one of two files holding the same session. Listed with their file names."""
    word = guide.texts("conflict_file_word")
    found = {e.path for e in entries if is_copy(e.path, word)}
    for group in competing(entries, lambda e: e.brief.name if e.brief else None).values():
        found.update(e.path for e in group)
    return found


def _file_time(entry: Briefed) -> datetime:
    return datetime.fromtimestamp(entry.mtime).astimezone()


LIST_TABLE_FROM = 82  # columns: narrower, each session is a few lines instead of a table row


def list_view(entries: Sequence[Briefed], guide: Guide, width: int = 80) -> RenderableType:
    if width < LIST_TABLE_FROM:
        return _list_lines(entries, guide)
    t = guide.texts
    table = Table(title=t("list_title"), title_justify="left", header_style="bold")
    table.add_column(t("list_session"), overflow="fold", ratio=1, min_width=16)
    table.add_column(t("role"), overflow="fold")
    table.add_column(t("list_steps"), justify="right", no_wrap=True)
    table.add_column(t("list_checklist"), justify="right", no_wrap=True)
    table.add_column(t("list_changed"), no_wrap=True)
    items_total = len(guide.checklist)
    twins = copies(entries, guide)
    for entry in entries:
        s = entry.brief
        if s is None:
            unreadable = Text(_unreadable(entry, guide), style="red")
            table.add_row(Text(entry.path.name), unreadable, "", "", fmt_time(entry.changed, t))
            continue
        name, changed = Text(s.name), fmt_time(s.updated, t)
        if entry.path in twins:  # which file, and when the file changed (a copy's content
            name.append("\n" + t("list_file", file=entry.path.name), style="yellow")
            changed = fmt_time(_file_time(entry), t)  # says the same as the original's)
        table.add_row(
            name,
            guide.role_label(s.role),
            t("list_count", done=s.steps_done, total=guide.numbered_steps),
            t("list_count", done=s.ticked, total=items_total),
            changed,
        )
    return table


def _unreadable(entry: Briefed, guide: Guide) -> str:
    """The word for an unreadable file; for one too big, its size and the limit."""
    big = entry.too_big
    if big is not None:
        return guide.texts("list_too_big", size=big.params["size"], limit=big.params["limit"])
    return guide.texts("list_unreadable")


def _list_lines(entries: Sequence[Briefed], guide: Guide) -> RenderableType:
    """The list for a narrow terminal: the name on its own line, the rest below it."""
    t = guide.texts
    parts: list[RenderableType] = [Text(t("list_title"), style="bold underline")]
    twins = copies(entries, guide)
    for entry in entries:
        s = entry.brief
        if s is None:
            parts.append(Text(entry.path.name, style="bold"))
            parts.append(indented(_unreadable(entry, guide), "red"))
            continue
        parts.append(Text(s.name, style="bold"))
        steps_line = t(
            "list_line",
            role=guide.role_label(s.role),
            steps=t("list_count", done=s.steps_done, total=guide.numbered_steps),
            checklist=t("list_count", done=s.ticked, total=len(guide.checklist)),
        )
        parts.append(indented(steps_line))
        changed = s.updated
        if entry.path in twins:
            parts.append(indented(t("list_file", file=entry.path.name), "yellow"))
            changed = _file_time(entry)
        parts.append(indented(t("list_changed_line", changed=fmt_time(changed, t)), "dim"))
    return Group(*parts)
