"""Rich renderables: the guide, the session list, the summary. Each step adds its own part
(`steps.*`); what is shared lives here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from . import agenda, index, steps
from .content import Guide, list_text
from .dates import fmt_date, fmt_time
from .ids import DONE, QUADRANT_ORDER, STARTED, TODO
from .index import Brief, Briefed, keyed
from .model import Session
from .steps.prioriter import diagram, partner_table
from .steps.tjekliste import checklist_item
from .store import Store
from .summary import Summary
from .terminal import command_line, heading, marked

if TYPE_CHECKING:
    from .agenda import Item

STATUS_STYLES = {DONE: "green", STARTED: "yellow", TODO: "dim"}
SUMMARY_CONTACTS = 10  # the soonest, overdue ones first


def resume_command(session: Session, program: str = "samarbejde") -> str:
    return command_line(program, "resume", session.name)


def overdue(session: Session, guide: Guide, today: dt.date) -> bool:
    """Is a next contact or the next evaluation past?"""
    evaluation = session.next_evaluation(guide)
    late = evaluation is not None and evaluation < today
    return late or any(u.overdue for u in session.next_contacts(today))


def program_steps(guide: Guide) -> str:
    """The line naming the steps that are the program's, not the guide's ("" for none)."""
    t = guide.texts
    names = [
        t("program_steps_item", heading=s.short_heading) for s in guide.steps if not s.from_guide
    ]
    if not names:
        return ""
    rest, last = ", ".join(names[:-1]), names[-1]
    return t("program_steps", steps=t("list_last", rest=rest, last=last) if rest else last)


def steps_done(session: Session, guide: Guide) -> int:
    """The guide's numbered steps done ("Før I går i gang" has no number and is not counted)."""
    return sum(steps.kind(s.id).status(session, guide) == DONE for s in guide.steps if s.numbered)


def brief(session: Session, guide: Guide) -> Brief:
    """What `list` and `agenda` show of a session (kept in the sessions' index)."""
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


def briefs(store: Store, guide: Guide) -> list[Briefed]:
    """Every session file's brief, newest first, through the index beside the sessions; it
    is valid for this guide (its steps, checklist and scale) and `index.FORMAT`."""
    key = keyed([guide.model_dump_json(), "issue 17"])  # an index from before it: rebuilt
    return index.briefs(store, key, lambda session: brief(session, guide))


# -- the guide -----------------------------------------------------------------------------


def guide_view(guide: Guide) -> RenderableType:
    parts: list[RenderableType] = [Text(guide.title, style="bold reverse"), Text()]
    for paragraph in guide.intro.paragraphs:
        parts += [Text(paragraph), Text()]
    for step in guide.steps:
        parts += [heading(step.full_heading)]
        parts += marked(step.program_note)  # what in the step is the program's
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
AGENDA_WIDEST = 100  # the agenda's table, on a wide screen: the columns stay near each other


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
    for entry in entries:
        s = entry.brief
        if s is None:
            unreadable = Text(_unreadable(entry, guide), style="red")
            table.add_row(Text(entry.path.name), unreadable, "", "", fmt_time(entry.changed, t))
            continue
        table.add_row(
            Text(s.name),
            guide.role_label(s.role),
            t("list_count", done=s.steps_done, total=guide.numbered_steps),
            t("list_count", done=s.ticked, total=items_total),
            fmt_time(s.updated, t),
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
    for entry in entries:
        s = entry.brief
        if s is None:
            parts.append(Text(entry.path.name, style="bold"))
            parts.append(_indented(_unreadable(entry, guide), "red"))
            continue
        parts.append(Text(s.name, style="bold"))
        steps_line = t(
            "list_line",
            role=guide.role_label(s.role),
            steps=t("list_count", done=s.steps_done, total=guide.numbered_steps),
            checklist=t("list_count", done=s.ticked, total=len(guide.checklist)),
        )
        parts.append(_indented(steps_line))
        parts.append(_indented(t("list_changed_line", changed=fmt_time(s.updated, t)), "dim"))
    return Group(*parts)


# -- agenda --------------------------------------------------------------------------------


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


# -- summary -------------------------------------------------------------------------------


def _header(summary: Summary, guide: Guide) -> Panel:
    t = guide.texts
    header = Text()
    header.append(f"{t('role')}: ", style="bold").append(summary.role_label)
    if summary.organisation:
        header.append(f"   {t('organisation')}: ", style="bold").append(summary.organisation)
    header.append(f"\n{t('updated')}: ", style="bold").append(fmt_time(summary.updated, t))
    if summary.forms:
        header.append(f"\n{t('forms')}: ", style="bold").append(list_text(summary.forms))
    title = Text(summary.name, style="bold", no_wrap=True, overflow="ellipsis")
    return Panel(header, title=title, title_align="left")


def _step_lines(summary: Summary, guide: Guide, width: int) -> Text:
    t = guide.texts
    lines = Text()
    labels = {s.status: t("status_" + s.status) for s in summary.steps}
    room = max(1, width - 2 - max(cell_len(label) for label in labels.values()))
    titles = [s.heading for s in summary.steps]
    if any(cell_len(title) > room for title in titles):  # narrow: the menus' titles
        titles = [s.short_heading for s in summary.steps]
    column = min(room, max(cell_len(title) for title in titles))
    for title, state in zip(titles, summary.steps, strict=True):
        if cell_len(title) > column:
            title = set_cell_size(title, column - 1) + "…"
        lines.append(set_cell_size(title, column) + "  ")
        lines.append(labels[state.status] + "\n", style=STATUS_STYLES[state.status])
        if state.gap:
            lines.append(f"   {state.gap}\n", style="yellow")
    return lines


def _dates(summary: Summary, guide: Guide) -> list[RenderableType]:
    """The next contacts and the next evaluation; overdue ones stand out."""
    t = guide.texts
    parts: list[RenderableType] = [heading(t("summary_contacts"))]
    upcoming = summary.next_contacts
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
    evaluation = summary.next_evaluation
    if evaluation is None:
        parts.append(Text(t("summary_no_evaluation"), style="dim"))
    else:
        late = summary.evaluation_overdue
        text = t("summary_evaluation", date=fmt_date(evaluation))
        line = Text(text, style="red bold" if late else "")
        if late:
            line.append(f"  ({t('overdue')})", style="red")
        parts.append(line)
    return parts


SUMMARY_ROUNDS = 8  # the dates of the latest rounds


def rounds_parts(summary: Summary, guide: Guide, program: str) -> list[RenderableType]:
    """The evaluation rounds: their dates, and the way travelled since the previous round
    (the checklist, the partners that moved quadrant, what is adjusted)."""
    if not summary.rounds:
        return []
    t = guide.texts
    parts: list[RenderableType] = [heading(t("rounds_title"))]
    done = [r for r in summary.rounds if r.finished]
    dates = [fmt_date(r.date) for r in done]
    if done and done[0] is summary.rounds[0]:
        dates[0] = t("rounds_start", date=dates[0])
    if len(dates) > SUMMARY_ROUNDS:
        dates = ["…", *dates[-SUMMARY_ROUNDS:]]
    if dates:
        parts.append(Text(t("rounds_dates", dates=", ".join(dates))))
    way = summary.travelled
    if way is not None:
        parts.append(Text(way.since, style="bold"))
        parts += [_indented(line) for line in way.lines]
        if not way.moved:
            parts.append(_indented(t("rounds_no_moves"), "dim"))
        if done[-1].note:
            parts.append(_indented(t("rounds_note", note=done[-1].note), "italic"))
    if summary.open_round is not None:
        command = command_line(program, "evaluate", summary.name)
        text = t("rounds_open", date=fmt_date(summary.open_round), command=command)
        parts.append(Text(text, style="yellow"))
    return [*parts, Text()]


def _indented(text: str, style: str = "") -> Padding:
    """A line under a heading; wrapped, it stays indented."""
    return Padding(Text(text, style=style), (0, 0, 0, 2), expand=False)  # no trailing spaces


def summary_view(
    summary: Summary,
    path: Path,
    guide: Guide,
    width: int,
    program: str = "samarbejde",
    plain: bool = False,
) -> RenderableType:
    """The summary; `plain` (`--enkel`): the board as lines a screen reader can follow."""
    t = guide.texts
    parts: list[RenderableType] = [_header(summary, guide)]
    parts += [heading(t("summary_steps")), _step_lines(summary, guide, width)]
    if own := program_steps(guide):
        parts += [*marked(own), Text()]
    parts += _partners(summary, guide, width, program, plain)
    parts += _open_items(summary, guide)
    parts += _dates(summary, guide)
    if summary.overdue:
        hint = t("agenda_overdue_hint", command=command_line(program, "agenda"))
        parts.append(Text(hint, style="red"))
    if summary.evaluation_due:
        hint = t("evaluate_due_hint", command=command_line(program, "evaluate", summary.name))
        parts.append(Text(hint))
    if summary.agreement is not None:
        a = summary.agreement
        parts.append(Text(t("agreement_status_line", done=a.in_place, total=a.of), style="bold"))
    parts.append(Text())
    parts += rounds_parts(summary, guide, program)
    parts += next_steps(summary, guide, program)
    parts.append(Text(t("summary_file", path=str(path)), style="dim"))
    return Group(*parts)


# The summary is an overview: it shows the first partners by priority; the report has all.
SUMMARY_PARTNERS = 30


def _partners(
    summary: Summary, guide: Guide, width: int, program: str, plain: bool = False
) -> list[RenderableType]:
    """The partners in priority order and the post-it board; `plain` (`--enkel`): the board as
    lines, quadrant by quadrant, which a screen reader reads in order."""
    t = guide.texts
    ranked = summary.ranked
    parts: list[RenderableType] = [heading(t("summary_partners"))]
    if not summary.partners:
        return [*parts, Text(t("summary_no_partners"), style="dim"), Text()]
    if ranked:
        parts.append(partner_table(ranked[:SUMMARY_PARTNERS], guide, width))
    else:
        parts.append(Text(t("diagram_empty"), style="dim"))
    if len(ranked) > SUMMARY_PARTNERS:
        command = command_line(program, "export", summary.name, "--format", "csv")
        more = t("summary_more_partners", shown=SUMMARY_PARTNERS, total=len(ranked),
                 command=command)  # fmt: skip
        parts.append(Text(more, style="dim"))
    note = marked(guide.diagram.program_note)  # the axes and quadrants are the program's
    if plain:
        return [*parts, Text(), heading(t("board_list")), *note, *_board_lines(summary, guide)]
    board = diagram(ranked, summary.unrated, guide, width, SUMMARY_PARTNERS)
    return [*parts, Text(), heading(t("summary_diagram")), *note, board, Text()]


def _board_lines(summary: Summary, guide: Guide) -> list[RenderableType]:
    """Each quadrant on a line of its own with its partners by priority ("–" for none), then
    the partners not rated yet."""
    lines: list[RenderableType] = []
    for quadrant in QUADRANT_ORDER:
        names = [f"{r.priority} {r.name}" for r in summary.ranked if r.quadrant == quadrant]
        lines.append(Text(f"{guide.quadrant_label(quadrant)}: {', '.join(names) or '–'}"))
    if summary.unrated:
        lines.append(Text(guide.texts("diagram_unrated", names=", ".join(summary.unrated))))
    return [*lines, Text()]


def _open_items(summary: Summary, guide: Guide) -> list[RenderableType]:
    t = guide.texts
    parts: list[RenderableType] = [heading(t("summary_checklist_open"))]
    for item in summary.open_items:
        parts.append(checklist_item(item.number, item.title, item.points))
        if item.note:
            parts.append(Text(f"     {t('note')}: {item.note}", style="italic"))
    if summary.open_items:
        done = len(summary.checklist) - len(summary.open_items)
        parts.append(Text(t("summary_checklist_done", done=done, total=len(summary.checklist))))
    else:
        parts.append(Text(t("summary_checklist_all_done"), style="green"))
    return [*parts, Text()]


def next_steps(summary: Summary, guide: Guide, program: str) -> list[RenderableType]:
    """Where to go from here: `resume` while a step is not done; once the whole guide is,
    the month-to-month commands (`contact`, `export`, the partner's page)."""
    t = guide.texts
    if summary.steps_done < len(summary.steps) or not summary.partners:
        command = command_line(program, "resume", summary.name)
        return [Text(t("summary_continue", command=command), style="bold")]
    names = [c.partner for c in summary.next_contacts] + [p.name for p in summary.partners]
    return [
        Text(t("summary_next_title"), style="bold"),
        Text(t("summary_next_contact", command=command_line(program, "contact", summary.name))),
        Text(t("summary_next_export",
               command=command_line(program, "export", summary.name, "-o", "rapport.docx"))),
        Text(t("summary_next_partner",
               command=command_line(program, "export", summary.name, "--partner", names[0],
                                    "-o", "side.html"))),
    ]  # fmt: skip
