"""Rich renderables: the guide, the session list, the summary, the diagram, step cards."""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Iterable, Sequence
from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from . import board, progress
from .content import Card, Guide, Point, Texts
from .dates import fmt_date, fmt_time
from .grid import Ranked
from .session import Listed, Session

STYLES = {
    "axis": "cyan",
    "quadrant": "bold",
    "note": "black on yellow",
    "border": "dim",
    None: "",
}
STATUS_STYLES = {progress.DONE: "green", progress.STARTED: "yellow", progress.TODO: "dim"}


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def resume_command(session: Session) -> str:
    return "samarbejde resume " + shlex.quote(session.name)


# -- the diagram ---------------------------------------------------------------------------


def board_spec(guide: Guide) -> board.BoardSpec:
    d = guide.diagram
    return board.BoardSpec(
        x_name=d.x.name,
        y_name=d.y.name,
        scale=list(d.scale),
        high_from=d.high_from,
        names={q.id: q.name for q in d.quadrants},
    )


# The summary is an overview: it shows the first partners by priority; the report has all.
SUMMARY_PARTNERS = 30
SUMMARY_UNRATED = 10
SUMMARY_CONTACTS = 10  # the soonest, overdue ones first


def diagram(session: Session, guide: Guide, width: int, limit: int | None = None) -> RenderableType:
    t = guide.texts
    ranked = progress.ranked(session, guide)[:limit]
    parts: list[RenderableType] = []
    lines = board.draw(board_spec(guide), ranked, width)
    for line in lines:
        text = Text(no_wrap=True, overflow="crop")
        for segment, style in line:
            text.append(segment, style=STYLES[style])
        parts.append(text)
    unrated = [p.name for p in session.partners if p.interest is None or p.influence is None]
    if unrated:
        names = ", ".join(unrated[:SUMMARY_UNRATED])
        if len(unrated) > SUMMARY_UNRATED:
            names += " " + t("diagram_unrated_more", count=len(unrated) - SUMMARY_UNRATED)
        parts.append(Text(t("diagram_unrated", names=names), style="dim"))
    return Group(*parts)


def partner_table(ranked: Sequence[Ranked], guide: Guide) -> Table:
    t = guide.texts
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("name"), ratio=3, overflow="fold")
    table.add_column(t("quadrant"), ratio=2, overflow="fold")
    table.add_column(guide.diagram.x.name, justify="center", ratio=1)
    table.add_column(guide.diagram.y.name, justify="center", ratio=1)
    for r in ranked:
        table.add_row(
            Text(str(r.priority), style=STYLES["note"]),
            Text(r.name),
            guide.diagram.quadrant(r.quadrant).name,
            str(r.interest),
            str(r.influence),
        )
    return table


# -- the guide -----------------------------------------------------------------------------


def point_card(point: Point, number: int | None = None) -> Panel:
    title = f"{number}. {point.title}" if number is not None else point.title
    return Panel(Text(point.text), title=Text(title, style="bold"), title_align="left")


def outreach_card(card: Card) -> Panel:
    return Panel(Text(card.text), title=Text(card.title, style="bold"), title_align="left")


def checklist_item(number: int, title: str, points: Iterable[str], mark: str = "☐") -> Group:
    subpoints = Table.grid(padding=(0, 1))
    subpoints.add_column(width=4, justify="right")
    subpoints.add_column()
    for point in points:
        subpoints.add_row("–", Text(point))
    return Group(Text(f"{mark} {number}. {title}", style="bold"), subpoints)


def guide_view(guide: Guide) -> RenderableType:
    t = guide.texts
    parts: list[RenderableType] = [Text(guide.title, style="bold reverse"), Text()]
    for paragraph in guide.intro.paragraphs:
        parts += [Text(paragraph), Text()]
    for step in guide.steps:
        title = step.heading + (f" — {step.subtitle}" if step.subtitle else "")
        parts += [heading(title)]
        if step.reconstructed:
            parts.append(
                Text(f"({t('reconstructed')}) {step.reconstructed_note}", style="italic dim")
            )
        parts += [Text(p) for p in step.text]
        if step.id == "foer":
            for role in guide.roles:
                parts.append(Text(role.heading, style="bold"))
                parts += [point_card(p, i) for i, p in enumerate(role.points, 1)]
        if step.id == "prioriter":
            d = guide.diagram
            for axis in (d.x, d.y):
                parts.append(Text(t("guide_axis", name=axis.name, question=axis.question)))
            for q in d.quadrants:
                parts.append(Text.assemble((q.name, "bold"), ": ", q.advice))
        if step.id == "raek_ud":
            parts += [outreach_card(c) for c in guide.outreach_cards]
        if step.id == "tjekliste":
            parts += [
                checklist_item(i, item.title, item.points)
                for i, item in enumerate(guide.checklist, 1)
            ]
        for q in step.questions:
            parts.append(Text(f"• {q.label}", style="italic"))
        parts.append(Text())
    return Group(*parts)


# -- list ----------------------------------------------------------------------------------


def list_view(entries: Sequence[Listed], guide: Guide) -> RenderableType:
    t = guide.texts
    table = Table(title=t("list_title"), title_justify="left", header_style="bold")
    table.add_column(t("list_session"), overflow="fold", ratio=3)
    table.add_column(t("role"), ratio=2)
    table.add_column(t("list_steps"), justify="right", no_wrap=True)
    table.add_column(t("list_checklist"), justify="right", no_wrap=True)
    table.add_column(t("list_changed"), no_wrap=True)
    steps_total = len(guide.steps)
    items_total = len(guide.checklist)
    for entry in entries:
        s = entry.session
        if s is None:
            table.add_row(
                Text(entry.path.name),
                Text(t("list_unreadable"), style="red"),
                "",
                "",
                fmt_time(entry.changed),
            )
            continue
        table.add_row(
            Text(s.name),
            guide.role_label(s.role),
            f"{progress.steps_done(s, guide)}/{steps_total}",
            f"{progress.ticked(s, guide)}/{items_total}",
            fmt_time(s.updated),
        )
    return table


# -- summary -------------------------------------------------------------------------------


def summary_view(
    session: Session, path: Path, guide: Guide, today: dt.date, width: int
) -> RenderableType:
    t: Texts = guide.texts
    role = guide.role_label(session.role)
    header = Text()
    header.append(f"{t('role')}: ", style="bold").append(role)
    if session.organisation:
        header.append(f"   {t('organisation')}: ", style="bold").append(session.organisation)
    header.append(f"\n{t('updated')}: ", style="bold").append(fmt_time(session.updated))
    if session.forms:
        forms = ", ".join(guide.label(guide.forms, f) for f in session.forms)
        header.append(f"\n{t('forms')}: ", style="bold").append(forms)
    parts: list[RenderableType] = [
        Panel(header, title=Text(session.name, style="bold"), title_align="left")
    ]

    parts.append(heading(t("summary_steps")))
    steps = Text()
    statuses = [(s.heading, progress.step_status(session, s.id)) for s in guide.steps]
    labels = {status: t("status_" + status) for _, status in statuses}
    room = max(1, width - 2 - max(cell_len(label) for label in labels.values()))
    column = min(room, max(cell_len(h) for h, _ in statuses))
    for title, status in statuses:
        if cell_len(title) > column:
            title = set_cell_size(title, column - 1) + "…"
        steps.append(set_cell_size(title, column) + "  ")
        steps.append(labels[status] + "\n", style=STATUS_STYLES[status])
    parts += [steps]

    ranked = progress.ranked(session, guide)
    parts.append(heading(t("summary_partners")))
    if session.partners:
        if ranked:
            parts.append(partner_table(ranked[:SUMMARY_PARTNERS], guide))
        else:
            parts.append(Text(t("diagram_empty"), style="dim"))
        if len(ranked) > SUMMARY_PARTNERS:
            command = "samarbejde export " + shlex.quote(session.name) + " --format csv"
            more = t("summary_more_partners", shown=SUMMARY_PARTNERS, total=len(ranked),
                     command=command)  # fmt: skip
            parts.append(Text(more, style="dim"))
        parts += [
            Text(),
            heading(t("summary_diagram")),
            diagram(session, guide, width, SUMMARY_PARTNERS),
        ]
    else:
        parts.append(Text(t("summary_no_partners"), style="dim"))
    parts.append(Text())

    parts.append(heading(t("summary_checklist_open")))
    open_items = progress.open_items(session, guide)
    numbers = {item.id: i for i, item in enumerate(guide.checklist, 1)}
    for item in open_items:
        parts.append(checklist_item(numbers[item.id], item.title, item.points))
        note = session.checklist.get(item.id)
        if note is not None and note.note:
            parts.append(Text(f"     {t('note')}: {note.note}", style="italic"))
    done = len(guide.checklist) - len(open_items)
    if open_items:
        parts.append(Text(t("summary_checklist_done", done=done, total=len(guide.checklist))))
    else:
        parts.append(Text(t("summary_checklist_all_done"), style="green"))
    parts.append(Text())

    parts.append(heading(t("summary_contacts")))
    upcoming = progress.next_contacts(session, today)
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
    evaluation = progress.next_evaluation(session, guide)
    if evaluation is None:
        parts.append(Text(t("summary_no_evaluation"), style="dim"))
    else:
        overdue = evaluation < today
        line = Text(
            t("summary_evaluation", date=fmt_date(evaluation)), style="red bold" if overdue else ""
        )
        if overdue:
            line.append(f"  ({t('overdue')})", style="red")
        parts.append(line)
    parts.append(Text())
    parts.append(Text(t("summary_continue", command=resume_command(session)), style="bold"))
    parts.append(Text(t("summary_file", path=str(path)), style="dim"))
    return Group(*parts)


def summary_data(session: Session, guide: Guide, today: dt.date) -> dict[str, object]:
    """The stable `--json` form of the summary (documented in the README)."""
    return {
        "name": session.name,
        "role": session.role,
        "organisation": session.organisation,
        "updated": session.updated.isoformat(),
        "steps": [
            {"id": s.id, "title": s.title, "status": progress.step_status(session, s.id)}
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
            for p, r in progress.partners_in_order(session, guide)
        ],
        "checklist": [
            {
                "id": item.id,
                "title": item.title,
                "done": bool(session.checklist.get(item.id) and session.checklist[item.id].done),
                "note": session.checklist[item.id].note if item.id in session.checklist else "",
            }
            for item in guide.checklist
        ],
        "next_contacts": [
            {"partner": u.partner, "date": u.date.isoformat(), "overdue": u.overdue}
            for u in progress.next_contacts(session, today)
        ],
        "next_evaluation": (lambda d: d.isoformat() if d else None)(
            progress.next_evaluation(session, guide)
        ),
    }
