"""The summary in the terminal, rendered from the summary model (`reports.summary`)."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.text import Text

from samarbejde.base.dates import fmt_date, fmt_time
from samarbejde.base.ids import DONE, STARTED, TODO
from samarbejde.base.terminal import Titled, command_line, heading, indented, marked
from samarbejde.guide.content import Guide, list_text
from samarbejde.reports.summary import Summary
from samarbejde.steps.prioriter import board_lines, diagram, partner_table
from samarbejde.steps.tjekliste import checklist_item, in_place_word

STATUS_STYLES = {DONE: "green", STARTED: "yellow", TODO: "dim"}
SUMMARY_CONTACTS = 10  # the soonest, overdue ones first


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


def _header(summary: Summary, guide: Guide) -> Titled:
    t = guide.texts
    header = Text()
    header.append(f"{t('role')}: ", style="bold").append(summary.role_label)
    if summary.organisation:
        header.append(f"   {t('organisation')}: ", style="bold").append(summary.organisation)
    header.append(f"\n{t('updated')}: ", style="bold").append(fmt_time(summary.updated, t))
    if summary.forms:
        header.append(f"\n{t('forms')}: ", style="bold").append(list_text(summary.forms))
    return Titled(header, Text(summary.name, style="bold"), title_align="left")


def _step_lines(summary: Summary, guide: Guide, width: int) -> Text:
    t = guide.texts
    lines = Text()
    labels = {s.status: t("status_" + s.status) for s in summary.steps}
    room = max(1, width - 2 - max(cell_len(label) for label in labels.values()))
    titles = [s.short_heading for s in summary.steps]  # the names the resume menu gives them
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
    if summary.last_log:  # who spoke to whom last: for the team, never on a partner's page
        parts.append(Text(t("summary_last_log"), style="bold"))
        for entry in summary.last_log:
            said = f"{entry.partner}: {entry.note}" if entry.note else entry.partner
            parts.append(indented(t("summary_log_line", line=said, by=entry.by)))
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
        parts += [indented(line) for line in way.lines]
        if not way.moved:
            parts.append(indented(t("rounds_no_moves"), "dim"))
        if done[-1].note:
            parts.append(indented(t("rounds_note", note=done[-1].note), "italic"))
    if summary.open_round is not None:
        command = command_line(program, "evaluate", summary.name)
        text = t("rounds_open", date=fmt_date(summary.open_round), command=command)
        parts.append(Text(text, style="yellow"))
    return [*parts, Text()]


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
    parts += _open_items(summary, guide, plain)
    parts += _dates(summary, guide)
    if summary.overdue:
        hint = t("agenda_overdue_hint", command=command_line(program, "agenda"))
        parts.append(Text(hint, style="red"))
    if summary.evaluation_due:
        hint = t("evaluate_due_hint", command=command_line(program, "evaluate", summary.name))
        parts.append(Text(hint))
    if summary.agreement is not None:
        from samarbejde.reports.agreement import status_line  # only with an agreement

        a = summary.agreement
        line = status_line(a.in_place, a.of, a.not_relevant, t)
        parts.append(Text(line, style="bold"))
    parts.append(Text())
    parts += rounds_parts(summary, guide, program)
    if any(r.ratings for r in summary.rounds):  # the health check's trend, once rated
        from samarbejde.views import health as health_views

        if trend := health_views.trend_parts(summary, guide, width, plain):
            parts += [*trend, Text()]
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
    drawn = diagram(ranked, summary.unrated, guide, width, SUMMARY_PARTNERS)
    return [*parts, Text(), heading(t("summary_diagram")), *note, drawn, Text()]


def _board_lines(summary: Summary, guide: Guide) -> list[RenderableType]:
    return [*board_lines(summary.ranked, summary.unrated, guide), Text()]


def _open_items(summary: Summary, guide: Guide, plain: bool = False) -> list[RenderableType]:
    t = guide.texts
    parts: list[RenderableType] = [heading(t("summary_checklist_open"))]
    word = in_place_word(t, plain)
    for item in summary.open_items:
        parts.append(checklist_item(item.number, item.title, item.points, in_place=word))
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
        # the report goes to a kommune's leader, or to a forening's board
        Text(t("summary_next_export_civilsamfund" if summary.role == "civilsamfund"
               else "summary_next_export",
               command=command_line(program, "export", summary.name, "-o", "rapport.docx"))),
        Text(t("summary_next_partner",
               command=command_line(program, "export", summary.name, "--partner", names[0],
                                    "-o", "side.html"))),
    ]  # fmt: skip
