"""The sessions in the terminal: the list, each session's brief (kept in the index), the
command that carries one on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType

from samarbejde.base.dates import fmt_time
from samarbejde.base.ids import DONE
from samarbejde.base.terminal import command_line
from samarbejde.guide.content import Guide
from samarbejde.sessions import index
from samarbejde.sessions.index import Brief, Briefed, keyed
from samarbejde.sessions.model import Session
from samarbejde.sessions.store import Store, competing, is_copy
from samarbejde.views.lines import Cell, Cells, Column, Drawn, Line, Part, clean, grid

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


def list_view(
    entries: Sequence[Briefed], guide: Guide, width: int = 80, twins: set[Path] | None = None
) -> RenderableType:
    """The sessions as a framed table (a row each), or in a narrow terminal as lines; laid
    out by `lines`, not a Rich table (1,000 sessions took a second). `twins`: the copies and
    namesakes, if already found."""
    twins = copies(entries, guide) if twins is None else twins
    if width < LIST_TABLE_FROM:
        return Drawn(_list_lines(entries, guide, width, twins))
    t = guide.texts
    said = _Said(guide)
    columns = [
        Column(t("list_session"), min_width=16),
        Column(t("role")),
        Column(t("list_steps"), right=True, wraps=False),
        Column(t("list_checklist"), right=True, wraps=False),
        Column(t("list_changed"), wraps=False),
    ]
    rows: list[list[Cell]] = []
    for entry in entries:
        s = entry.brief
        if s is None:
            unreadable = Part(_unreadable(entry, guide), "red")
            rows.append([entry.path.name, unreadable, "", "", said.time(entry.changed)])
            continue
        name: tuple[Part, ...] = (Part(s.name),)
        changed = said.time(s.updated)
        if twins and entry.path in twins:  # which file, and when the file changed (a copy's
            name += (Part(t("list_file", file=entry.path.name), "yellow"),)
            changed = said.time(_file_time(entry))  # says the same as the original's)
        rows.append([name, said.role(s.role), *said.counts(s.steps_done, s.ticked), changed])
    title: list[Line] = [[(clean(t("list_title")), "italic")]]
    return Drawn(title + grid(columns, rows, width, boxed=True))


class _Said:
    """The texts of the list's rows, each made once: most sessions share a role, a count,
    often a time."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.said: dict[tuple[object, ...], str] = {}

    def _once(self, slot: tuple[object, ...], make: Callable[..., str], *args: Any) -> str:
        found = self.said.get(slot)
        if found is None:
            found = self.said[slot] = make(*args)
        return found

    def text(self, key: str, **params: object) -> str:
        return self._once((key, *params.items()), lambda: self.guide.texts(key, **params))

    def time(self, moment: datetime) -> str:
        wall = moment.replace(tzinfo=None)  # 10.00+01:00 == 09.00+00:00, but is said otherwise
        return self._once(("time", wall), fmt_time, moment, self.guide.texts)

    def role(self, role: str) -> str:
        return self._once(("role", role), self.guide.role_label, role)

    def counts(self, steps: int, ticked: int) -> tuple[str, str]:
        """The steps done and the checklist's items ticked, as "2/5"."""
        t, numbered, items = self.guide.texts, self.guide.numbered_steps, len(self.guide.checklist)
        done = self._once(("steps", steps), lambda: t("list_count", done=steps, total=numbered))
        tick = self._once(("ticked", ticked), lambda: t("list_count", done=ticked, total=items))
        return done, tick


def _unreadable(entry: Briefed, guide: Guide) -> str:
    """The word for an unreadable file; for one too big, its size and the limit."""
    big = entry.too_big
    if big is not None:
        return guide.texts("list_too_big", size=big.params["size"], limit=big.params["limit"])
    return guide.texts("list_unreadable")


def _list_lines(
    entries: Sequence[Briefed], guide: Guide, width: int, twins: set[Path]
) -> list[Line]:
    """The list for a narrow terminal: the name on its own line, the rest below it."""
    t = guide.texts
    cells, said = Cells(), _Said(guide)
    out = cells.block(Part(t("list_title"), "bold underline"), width)
    for entry in entries:
        s = entry.brief
        if s is None:
            out += cells.block(Part(entry.path.name, "bold"), width)
            out += cells.block(Part(_unreadable(entry, guide), "red"), width, 2)
            continue
        out += cells.block(Part(s.name, "bold"), width)
        steps, checklist = said.counts(s.steps_done, s.ticked)
        role = said.role(s.role)
        steps_line = said.text("list_line", role=role, steps=steps, checklist=checklist)
        out += cells.block(steps_line, width, 2)
        changed = s.updated
        if entry.path in twins:
            out += cells.block(Part(t("list_file", file=entry.path.name), "yellow"), width, 2)
            changed = _file_time(entry)
        when = said.time(changed)
        line = said.text("list_changed_line", changed=when)
        out += cells.block(Part(line, "dim"), width, 2)
    return out
